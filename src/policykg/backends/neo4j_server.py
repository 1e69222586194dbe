"""Run a genuine Neo4j 5.26 in-process (the official test harness, from Maven Central) for tests.

No Docker needed: ``tools/neo4j-harness`` is a small Maven project whose main class starts Neo4j community
with Bolt on 127.0.0.1, auth disabled, the HTTP server off, and ``LOAD CSV`` file URLs confined to an import
directory (``server.directories.import``: ``file:///x.csv`` is ``<import dir>/x.csv``, nothing outside it).
This module builds it when needed (``mvn package``, about 20 s cold, a no-op afterwards) and runs it as a
child process::

    from policykg.backends.neo4j_server import HarnessServer

    with HarnessServer() as uri:            # "bolt://127.0.0.1:<free port>"
        driver = neo4j.GraphDatabase.driver(uri, auth=None)

The child watches its stdin: when this process dies, the pipe closes and the server shuts itself down and
deletes its store, so a crashed test run leaves no orphan JVM behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

__all__ = [
    "HarnessBuildError",
    "HarnessServer",
    "HarnessStartError",
    "JavaNotFoundError",
    "MavenNotFoundError",
    "Neo4jHarnessError",
    "ensure_built",
    "find_java",
    "harness_dir",
    "repo_root",
]

MAIN_CLASS = "policykg.Neo4jHarness"
BUILD_STAMP = ".policykg-built"
_BOLT_LINE = re.compile(r"^BOLT (bolt://\S+)\s*$")


class Neo4jHarnessError(RuntimeError):
    """Base class: the in-process Neo4j harness could not be built, started or reached."""


class JavaNotFoundError(Neo4jHarnessError):
    """No Java 17+ runtime on PATH or in JAVA_HOME."""


class MavenNotFoundError(Neo4jHarnessError):
    """The harness needs building and ``mvn`` is not on PATH."""


class HarnessBuildError(Neo4jHarnessError):
    """``mvn package`` of tools/neo4j-harness failed."""


class HarnessStartError(Neo4jHarnessError):
    """The Java process did not come up with a reachable Bolt port in time."""


def repo_root() -> Path:
    """The repository root (this file is ``<root>/src/policykg/backends/neo4j_server.py``)."""
    return Path(__file__).resolve().parents[3]


def harness_dir() -> Path:
    """The Maven project of the launcher, ``<root>/tools/neo4j-harness``."""
    return repo_root() / "tools" / "neo4j-harness"


def _one_line(text: str, limit: int = 400) -> str:
    flat = " | ".join(line.strip() for line in text.splitlines() if line.strip())
    return flat if len(flat) <= limit else "..." + flat[-limit:]


def _tail(path: Path, lines: int = 12) -> str:
    """The launcher's own diagnosis if it wrote one (``neo4j-harness: ...``), else the log's last lines."""
    try:
        content = path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    own = [line for line in content if line.startswith("neo4j-harness:")]
    if own:
        return _one_line(own[-1], limit=600)
    return _one_line("\n".join(content[-lines:]), limit=1500) or "(empty log)"


def find_java() -> str:
    """Path of a Java >= 17 executable (JAVA_HOME first, then PATH); raises JavaNotFoundError."""
    candidates: list[str] = []
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidates.append(str(Path(java_home) / "bin" / "java"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(on_path)
    seen: list[str] = []
    for java in candidates:
        if not os.access(java, os.X_OK):
            continue
        try:
            out = subprocess.run(
                [java, "-version"], capture_output=True, text=True, timeout=30, check=False
            ).stderr
        except (OSError, subprocess.TimeoutExpired):
            continue
        match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
        if not match:
            continue
        major = int(match.group(1))
        if major == 1 and match.group(2):  # "1.8" style
            major = int(match.group(2))
        if major >= 17:
            return java
        seen.append(f"{java} is Java {major}")
    found = f" ({'; '.join(seen)})" if seen else ""
    raise JavaNotFoundError(
        f"Java 17 not found{found}: install openjdk-17-jdk-headless (or set JAVA_HOME), "
        "or point the tests at an existing server with NEO4J_URI"
    )


def _sources(project: Path) -> list[Path]:
    return [project / "pom.xml", *sorted((project / "src").rglob("*.java"))]


def _is_built(project: Path) -> bool:
    stamp = project / "target" / BUILD_STAMP
    if not stamp.is_file() or not (project / "target" / "lib").is_dir():
        return False
    if not (project / "target" / "classes" / "policykg" / "Neo4jHarness.class").is_file():
        return False
    built_at = stamp.stat().st_mtime
    return all(src.stat().st_mtime <= built_at for src in _sources(project))


def ensure_built(project: Path | None = None, *, timeout: float = 900.0) -> Path:
    """Build tools/neo4j-harness with Maven unless target/ is newer than the pom and sources.

    Returns the project directory. Concurrent callers serialise on a lock file in target/.
    """
    project = project or harness_dir()
    if not (project / "pom.xml").is_file():
        raise HarnessBuildError(
            f"harness sources missing: {project / 'pom.xml'} not found (broken checkout?)"
        )
    if _is_built(project):
        return project
    target = project / "target"
    target.mkdir(parents=True, exist_ok=True)
    with (target / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _is_built(project):
            return project
        mvn = shutil.which("mvn")
        if mvn is None:
            raise MavenNotFoundError(
                "Maven not found: install maven (apt-get install maven) to build tools/neo4j-harness, "
                "or set NEO4J_URI to an existing Neo4j 5"
            )
        started = time.monotonic()
        try:
            result = subprocess.run(
                [mvn, "-q", "-B", "-f", str(project / "pom.xml"), "package"],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise HarnessBuildError(
                f"mvn package of {project} timed out after {timeout:.0f}s: check access to Maven Central"
            ) from exc
        if result.returncode != 0:
            output = (result.stdout or "") + (result.stderr or "")
            errors = [line for line in output.splitlines() if "ERROR" in line] or output.splitlines()
            raise HarnessBuildError(
                f"mvn package of {project} failed (exit {result.returncode}) after "
                f"{time.monotonic() - started:.0f}s: {_one_line(chr(10).join(errors[:8]))}"
            )
        (target / BUILD_STAMP).touch()
    return project


def _classpath(project: Path) -> str:
    return os.pathsep.join([str(project / "target" / "classes"), str(project / "target" / "lib" / "*")])


class HarnessServer:
    """A genuine Neo4j 5.26 on 127.0.0.1 for the lifetime of a ``with`` block.

    ``with HarnessServer() as uri:`` yields ``bolt://127.0.0.1:<port>`` once the driver's
    ``verify_connectivity()`` succeeds (auth disabled: use ``auth=None``). On exit the server is shut
    down (stdin EOF, then SIGTERM, then SIGKILL) and its temporary directory removed.

    ``LOAD CSV`` reads ``file:///NAME`` from :attr:`import_dir` only: ``import_dir`` when given (created if
    missing, left in place on exit), else ``import/`` in the temporary directory.
    """

    def __init__(
        self,
        *,
        port: int = 0,
        heap: str | None = None,
        pagecache_mb: int = 64,
        start_timeout: float = 120.0,
        stop_timeout: float = 30.0,
        build: bool = True,
        import_dir: Path | None = None,
    ) -> None:
        self.port = port
        self._import_dir = Path(import_dir).resolve() if import_dir is not None else None
        self.heap = heap or os.environ.get("POLICYKG_NEO4J_HEAP", "1g")
        self.pagecache_mb = pagecache_mb
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.build = build
        self.uri: str | None = None
        self.workdir: Path | None = None
        self.startup_seconds: float | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._log_path: Path | None = None
        self._reader: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def import_dir(self) -> Path | None:
        """The only folder ``LOAD CSV`` file URLs reach (known once started)."""
        if self._import_dir is not None:
            return self._import_dir
        return self.workdir / "import" if self.workdir is not None else None

    @property
    def log_path(self) -> Path | None:
        """The Java process's stderr (Neo4j's own log lives in the store dir while it runs)."""
        return self._log_path

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> str:
        if self._proc is not None:
            raise HarnessStartError("HarnessServer already started: use one instance per server")
        java = find_java()
        project = ensure_built() if self.build else harness_dir()
        if not _is_built(project):
            raise HarnessBuildError(
                f"{project}/target is missing or stale: run scripts/neo4j-harness build or pass build=True"
            )
        self.workdir = Path(tempfile.mkdtemp(prefix="policykg-neo4j-"))
        self._log_path = self.workdir / "harness.log"
        store = self.workdir / "store"
        import_dir = self.import_dir
        assert import_dir is not None
        import_dir.mkdir(parents=True, exist_ok=True)
        cmd = [
            java,
            f"-Xmx{self.heap}",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            _classpath(project),
            MAIN_CLASS,
            "--port",
            str(self.port),
            "--dir",
            str(store),
            "--import-dir",
            str(import_dir),
            "--pagecache-mb",
            str(self.pagecache_mb),
        ]
        begun = time.monotonic()
        with self._log_path.open("w") as log:
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                cwd=self.workdir,
            )
        try:
            self.uri = self._await_bolt_line(begun + self.start_timeout)
            self._await_connectivity(self.uri, begun + self.start_timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - begun
        return self.uri

    def _await_bolt_line(self, deadline: float) -> str:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        stdout = proc.stdout

        def reader() -> None:
            for line in stdout:
                lines.put(line)
            lines.put("")  # EOF marker

        self._reader = threading.Thread(target=reader, name="neo4j-harness-stdout", daemon=True)
        self._reader.start()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise HarnessStartError(
                    f"Neo4j harness printed no BOLT line within {self.start_timeout:.0f}s "
                    f"(raise start_timeout or POLICYKG_NEO4J_HEAP?); log: {self._log_tail()}"
                )
            try:
                line = lines.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            if line == "":
                code = proc.wait(timeout=10)
                raise HarnessStartError(
                    f"Neo4j harness exited with code {code} before Bolt was up: {self._log_tail()}"
                )
            match = _BOLT_LINE.match(line)
            if match:
                return match.group(1)

    def _await_connectivity(self, uri: str, deadline: float) -> None:
        from neo4j import GraphDatabase  # imported lazily: only needed once a server is up

        last: Exception | None = None
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise HarnessStartError(
                    f"Neo4j harness exited with code {self._proc.returncode} after printing {uri}: "
                    f"{self._log_tail()}"
                )
            try:
                with GraphDatabase.driver(uri, auth=None) as driver:
                    driver.verify_connectivity()
                return
            except Exception as exc:  # the driver raises several families while Bolt is warming up
                last = exc
                time.sleep(0.2)
        raise HarnessStartError(
            f"Bolt at {uri} did not answer within {self.start_timeout:.0f}s ({last!r}); "
            f"log: {self._log_tail()}"
        )

    def _log_tail(self) -> str:
        return _tail(self._log_path) if self._log_path is not None else "(no log)"

    def stop(self) -> None:
        """Shut the server down and remove its temporary directory; safe to call twice."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                # EOF on stdin asks for a clean shutdown (close Neo4j, delete the store) ...
                if proc.stdin is not None:
                    with contextlib.suppress(OSError):
                        proc.stdin.close()
                try:
                    proc.wait(timeout=self.stop_timeout)
                except subprocess.TimeoutExpired:
                    # ... SIGTERM runs the same shutdown hook; SIGKILL is the last resort.
                    proc.terminate()
                    try:
                        proc.wait(timeout=self.stop_timeout)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait(timeout=self.stop_timeout)
            if self._reader is not None:
                self._reader.join(timeout=5)  # sees EOF now that the process is gone
                self._reader = None
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
