package policykg;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.graph.api.TimeRepresentation;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.ImportUtils;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.importer.api.NodeDraft;
import org.gephi.io.importer.api.Report;
import org.gephi.io.importer.spi.FileImporter;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Headless GEXF import check with the real Gephi toolkit.
 *
 * <p>Usage: {@code java -Djava.awt.headless=true -jar gephi-check.jar FILE.gexf}. Prints exactly one JSON
 * object on stdout:
 *
 * <pre>
 * {"issues": [{"level": "SEVERE", "message": "..."}], "nodes": N, "edges": M, "dynamic": true,
 *  "time_representation": "INTERVAL" | "TIMESTAMP" | null, "nodes_with_time": K, "edges_with_time": K2,
 *  "node_columns": {"column-id": "JavaType"}, "edge_columns": {...}, "auto_created_nodes": ["id", ...]}
 * </pre>
 *
 * <p>{@code auto_created_nodes} lists node ids that Gephi invented because an edge referenced them without a
 * matching {@code <node>} (a dangling source/target). Gephi only logs that as an INFO issue, so it is reported
 * separately here. Column ids are Gephi's (the GEXF attribute id, lower-cased); types are simple Java class names.
 *
 * <p>The import mirrors what Gephi Desktop does: the matching file importer fills a fresh container, the
 * container is verified, then {@link DefaultProcessor} appends it into a new workspace. Issues come from the
 * importer's report, the container's report and the processor's report, in that order. If the importer or the
 * processor throws (e.g. malformed XML), the exception becomes a CRITICAL issue whose message starts with
 * "import aborted:" and the graph counts reflect whatever reached the workspace (usually nothing).
 *
 * <p>Exit status: 0 when the import ran (whatever its issues), 2 with one line on stderr when the file cannot be
 * read at all (missing, unreadable, or no Gephi importer matches its extension), 1 on an internal failure.
 * Everything Gephi/NetBeans prints goes to stderr; stdout carries only the JSON.
 */
public final class GephiCheck {

    private static final int ISSUE_LIMIT = Integer.MAX_VALUE;

    private GephiCheck() {
    }

    public static void main(String[] args) {
        // Keep stdout for the JSON alone: anything the toolkit prints with System.out lands on stderr.
        PrintStream jsonOut = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        System.setProperty("java.awt.headless", "true");
        if (System.getenv("GEPHI_CHECK_VERBOSE") == null) {
            Logger.getLogger("").setLevel(Level.WARNING);
        }

        if (args.length != 1) {
            System.err.println("usage: gephi-check FILE.gexf");
            System.exit(2);
        }
        File file = new File(args[0]).getAbsoluteFile();
        if (!file.isFile() || !file.canRead()) {
            System.err.println("gephi-check: cannot read " + file + (file.exists() ? " (not a readable file)" : " (no such file)"));
            System.exit(2);
        }

        try {
            String json = check(file);
            if (json == null) {
                System.exit(2);
            }
            jsonOut.println(json);
            jsonOut.flush();
            System.exit(0);
        } catch (Throwable t) {
            System.err.println("gephi-check: internal failure: " + oneLine(t));
            System.exit(1);
        }
    }

    /** Returns the JSON report, or null (after printing one stderr line) when the file cannot be imported at all. */
    private static String check(File file) throws Exception {
        ProjectController projectController = Lookup.getDefault().lookup(ProjectController.class);
        projectController.newProject();
        Workspace workspace = projectController.getCurrentWorkspace();

        ImportController importController = Lookup.getDefault().lookup(ImportController.class);
        FileImporter importer = importController.getFileImporter(file);
        if (importer == null) {
            System.err.println("gephi-check: no Gephi importer matches " + file.getName() + " (expected a .gexf file)");
            return null;
        }

        List<Issue> issues = new ArrayList<>();
        Container container = Lookup.getDefault().lookup(Container.Factory.class).newContainer();
        Report containerReport = new Report();
        container.setReport(containerReport);
        container.setSource(file.getName());

        boolean imported = false;
        try (InputStream in = new FileInputStream(file); Reader reader = ImportUtils.getTextReader(in)) {
            importer.setReader(reader);
            imported = importer.execute(container.getLoader());
            if (!imported) {
                issues.add(new Issue("import aborted: the importer returned false (cancelled)", Issue.Level.CRITICAL));
            }
        } catch (Exception e) {
            issues.add(new Issue("import aborted: " + oneLine(e), Issue.Level.CRITICAL));
        }
        // The importer's report holds the parse-level issues, also when execute() failed half-way.
        addIssues(issues, importer.getReport());

        if (imported) {
            try {
                if (!container.verify()) {
                    issues.add(new Issue("import aborted: container verification failed", Issue.Level.CRITICAL));
                    imported = false;
                }
            } catch (Exception e) {
                issues.add(new Issue("import aborted: container verification threw " + oneLine(e),
                        Issue.Level.CRITICAL));
                imported = false;
            }
        }

        DefaultProcessor processor = new DefaultProcessor();
        if (imported) {
            try {
                importController.process(container, processor, workspace);
            } catch (Exception e) {
                issues.add(new Issue("import aborted: processing into the workspace threw " + oneLine(e),
                        Issue.Level.CRITICAL));
            }
        }
        addIssues(issues, containerReport);
        addIssues(issues, processor.getReport());

        GraphModel graphModel = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
        List<String> autoNodes = new ArrayList<>();
        if (imported) {
            for (NodeDraft draft : container.getUnloader().getNodes()) {
                if (draft.isCreatedAuto()) {
                    autoNodes.add(draft.getId());
                }
            }
        }
        return toJson(issues, graphModel, container, imported, autoNodes);
    }

    private static void addIssues(List<Issue> sink, Report report) {
        if (report == null) {
            return;
        }
        Iterator<Issue> it = report.getIssues(ISSUE_LIMIT);
        while (it.hasNext()) {
            sink.add(it.next());
        }
    }

    private static String toJson(List<Issue> issues, GraphModel model, Container container, boolean imported,
            List<String> autoNodes) {
        Graph graph = model.getGraph();
        boolean dynamic = model.isDynamic();
        TimeRepresentation representation = model.getConfiguration().getTimeRepresentation();
        if (imported && container.getUnloader() != null) {
            representation = container.getUnloader().getTimeRepresentation();
        }

        int nodesWithTime = 0;
        for (Node node : graph.getNodes().toArray()) {
            if (hasTime(node, representation)) {
                nodesWithTime++;
            }
        }
        int edgesWithTime = 0;
        for (Edge edge : graph.getEdges().toArray()) {
            if (hasTime(edge, representation)) {
                edgesWithTime++;
            }
        }

        StringBuilder sb = new StringBuilder(1024);
        sb.append("{\"issues\": [");
        for (int i = 0; i < issues.size(); i++) {
            Issue issue = issues.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append("{\"level\": ").append(quote(issue.getLevel().name()))
                    .append(", \"message\": ").append(quote(String.valueOf(issue.getMessage()))).append('}');
        }
        sb.append("], \"nodes\": ").append(graph.getNodeCount());
        sb.append(", \"edges\": ").append(graph.getEdgeCount());
        sb.append(", \"dynamic\": ").append(dynamic);
        sb.append(", \"time_representation\": ").append(dynamic ? quote(representation.name()) : "null");
        sb.append(", \"nodes_with_time\": ").append(nodesWithTime);
        sb.append(", \"edges_with_time\": ").append(edgesWithTime);
        sb.append(", \"node_columns\": ").append(columnsJson(model.getNodeTable()));
        sb.append(", \"edge_columns\": ").append(columnsJson(model.getEdgeTable()));
        sb.append(", \"auto_created_nodes\": [");
        for (int i = 0; i < autoNodes.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(quote(autoNodes.get(i)));
        }
        sb.append(']');
        sb.append('}');
        return sb.toString();
    }

    private static boolean hasTime(Element element, TimeRepresentation representation) {
        try {
            if (representation == TimeRepresentation.TIMESTAMP) {
                double[] timestamps = element.getTimestamps();
                return timestamps != null && timestamps.length > 0;
            }
            Object[] intervals = element.getIntervals();
            return intervals != null && intervals.length > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Column id -> simple Java type name (e.g. Integer, String, IntervalSet, IntervalIntegerMap, int[]). */
    private static String columnsJson(Table table) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Column column : table) {
            columns.put(column.getId(), column.getTypeClass().getSimpleName());
        }
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> entry : columns.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(quote(entry.getKey())).append(": ").append(quote(entry.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return msg.replaceAll("\\s+", " ").trim();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
