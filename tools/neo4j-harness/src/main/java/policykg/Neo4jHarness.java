package policykg;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Runs a genuine Neo4j 5.26 (community, in-process, the official test harness from Maven Central)
 * with Bolt on 127.0.0.1, auth disabled and the HTTP server disabled.
 *
 * <pre>
 *   java -cp 'target/classes:target/lib/*' policykg.Neo4jHarness --port 0 --dir /tmp/neo4j-store
 * </pre>
 *
 * {@code LOAD CSV} reads {@code file:///} URLs from the import directory only ({@code --import-dir},
 * default {@code <dir>/import}, created when missing): {@code server.directories.import} is set
 * explicitly, so {@code file:///etc/passwd} means {@code <import dir>/etc/passwd} and a path that
 * climbs out of it with {@code ..} is refused. (Left unset, Neo4j's embedded default resolves file URLs
 * as absolute paths: any file the JVM's user can read.)
 *
 * Prints exactly one line {@code BOLT bolt://127.0.0.1:<port>} to stdout once Bolt is up, then blocks
 * until SIGTERM/SIGINT or until stdin reaches EOF (so a parent that dies takes the server with it);
 * {@code --ignore-stdin} turns the stdin watch off for daemon use. On the way out it closes Neo4j and
 * deletes the {@code --dir} store directory. Exit codes: 0 clean shutdown, 1 start failure, 2 usage.
 */
public final class Neo4jHarness {

    private static final Object LOCK = new Object();
    private static Neo4j neo4j;
    private static Path storeDir;
    private static boolean stopped;

    private Neo4jHarness() {
    }

    public static void main(String[] args) {
        int port = 0;
        Path dir = null;
        Path importDir = null;
        boolean watchStdin = true;
        long pageCacheMb = Long.getLong("policykg.pagecache.mb", 64L);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--dir" -> dir = Path.of(args[++i]);
                    case "--import-dir" -> importDir = Path.of(args[++i]);
                    case "--pagecache-mb" -> pageCacheMb = Long.parseLong(args[++i]);
                    case "--ignore-stdin" -> watchStdin = false;
                    case "-h", "--help" -> {
                        usage(System.out);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0..65535, got " + port);
            }
        } catch (RuntimeException e) {
            System.err.println("neo4j-harness: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }

        // Neo4j and its libraries must not write to stdout: the BOLT line is the only thing there.
        PrintStream protocolOut = System.out;
        System.setOut(System.err);

        try {
            if (dir == null) {
                dir = Files.createTempDirectory("policykg-neo4j-");
            } else {
                Files.createDirectories(dir);
            }
            if (importDir == null) {
                importDir = dir.resolve("import");
            }
            Files.createDirectories(importDir);
            if (port == 0) {
                port = freePort();
            }
        } catch (IOException e) {
            System.err.println("neo4j-harness: cannot prepare store dir or port: " + e);
            System.exit(1);
            return;
        }
        final Path finalDir = dir.toAbsolutePath();
        final Path finalImportDir = importDir.toAbsolutePath().normalize();
        synchronized (LOCK) {
            storeDir = finalDir;
        }

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            shutdown();
        }, "neo4j-harness-shutdown"));

        Neo4j started;
        try {
            started = Neo4jBuilders.newInProcessBuilder(finalDir)
                    .withDisabledServer()
                    .withConfig(HttpConnector.enabled, false)
                    .withConfig(HttpsConnector.enabled, false)
                    .withConfig(BoltConnector.enabled, true)
                    .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .withConfig(GraphDatabaseSettings.auth_enabled, false)
                    // LOAD CSV file:/// URLs are confined to the import directory (not disabled).
                    .withConfig(GraphDatabaseSettings.allow_file_urls, true)
                    .withConfig(GraphDatabaseSettings.load_csv_file_url_root, finalImportDir)
                    .withConfig(GraphDatabaseSettings.udc_enabled, false)
                    .withConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024L * 1024L)
                    .withConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024L * 1024L)
                    .withConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                    .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // Netty's graceful Bolt shutdown waits a 5 s quiet period twice by default.
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3))
                    .build();
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("neo4j-harness: Neo4j failed to start on 127.0.0.1:" + port + ": " + root);
            t.printStackTrace(System.err);
            shutdown();
            // halt: no need to run the shutdown hook again, and a half-started DBMS may hold threads.
            Runtime.getRuntime().halt(1);
            return;
        }
        synchronized (LOCK) {
            neo4j = started;
            if (stopped) {
                // A signal arrived while Neo4j was starting: the hook already ran, so close here.
                started.close();
                deleteTree(finalDir);
                return;
            }
        }

        URI bolt = started.boltURI();
        int boltPort = bolt.getPort() > 0 ? bolt.getPort() : port;
        protocolOut.println("BOLT bolt://127.0.0.1:" + boltPort);
        protocolOut.flush();

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                InputStream in = System.in;
                byte[] buf = new byte[256];
                try {
                    while (in.read(buf) >= 0) {
                        // discard; only EOF matters
                    }
                } catch (IOException ignored) {
                    // a broken stdin counts as EOF
                }
                stop.countDown();
            }, "neo4j-harness-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }

        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // stdin EOF: exit normally, which runs the shutdown hook (close Neo4j, delete the store).
        System.exit(0);
    }

    private static void shutdown() {
        synchronized (LOCK) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (neo4j != null) {
                try {
                    neo4j.close();
                } catch (Throwable t) {
                    System.err.println("neo4j-harness: error while closing Neo4j: " + t);
                }
                neo4j = null;
            }
            if (storeDir != null) {
                deleteTree(storeDir);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("neo4j-harness: could not delete " + root + ": " + e);
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: policykg.Neo4jHarness [--port N (0 = free port)] [--dir PATH]"
                + " [--import-dir PATH (LOAD CSV file URLs; default DIR/import)] [--pagecache-mb N]"
                + " [--ignore-stdin]");
    }
}
