"""Run Gephi's own GEXF importer on a file, headless, and return a typed report.

The Java side lives in ``tools/gephi-check`` (Gephi toolkit 0.10.1, ``all`` classifier, from Maven Central).
:func:`run_gephi_check` builds it with Maven when the jar is missing or older than its sources, runs it with a
bounded heap, and parses the one JSON object it prints.

Gephi reports import problems as issues with a level: INFO, WARNING, SEVERE or CRITICAL. A GEXF export is
acceptable when :attr:`GephiReport.blocking_issues` (SEVERE and CRITICAL) is empty *and* the counts match
what was exported: Gephi silently drops or merges some elements, and invents a node for a dangling edge
endpoint with only an INFO issue (listed in :attr:`GephiReport.auto_created_nodes`).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

__all__ = [
    "BLOCKING_LEVELS",
    "GephiCheckError",
    "GephiInputError",
    "GephiIssue",
    "GephiReport",
    "GephiToolUnavailableError",
    "ensure_gephi_check_built",
    "run_gephi_check",
]

IssueLevel = Literal["INFO", "WARNING", "SEVERE", "CRITICAL"]
BLOCKING_LEVELS: frozenset[str] = frozenset({"SEVERE", "CRITICAL"})

#: Environment variable naming the ``tools/gephi-check`` directory (defaults to the one in this checkout).
TOOL_DIR_ENV = "POLICYKG_GEPHI_CHECK_DIR"
DEFAULT_HEAP = "1g"
BUILD_TIMEOUT_S = 900.0
RUN_TIMEOUT_S = 600.0


class GephiCheckError(RuntimeError):
    """The Gephi check could not produce a report. The message is a single line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class GephiToolUnavailableError(GephiCheckError):
    """Java or Maven is missing, the tool directory is absent, or the Maven build failed."""


class GephiInputError(GephiCheckError):
    """The checker could not read the file at all (missing, unreadable, or not a Gephi-importable type)."""


class GephiIssue(BaseModel):
    """One entry of Gephi's import report."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: IssueLevel
    message: str


class GephiReport(BaseModel):
    """What Gephi made of a file: its import issues and the graph that reached the workspace."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    issues: list[GephiIssue]
    nodes: int
    edges: int
    dynamic: bool
    time_representation: Literal["INTERVAL", "TIMESTAMP"] | None
    nodes_with_time: int
    edges_with_time: int
    #: Gephi column id (the GEXF attribute id, lower-cased) -> simple Java type name, e.g. ``"Integer"``,
    #: ``"String"``, ``"IntervalSet"`` (the ``timeset`` column), ``"IntervalIntegerMap"`` (dynamic integer).
    node_columns: dict[str, str]
    edge_columns: dict[str, str]
    #: Node ids Gephi created because an edge referenced them without a ``<node>`` element.
    auto_created_nodes: list[str] = Field(default_factory=list)

    @property
    def blocking_issues(self) -> list[GephiIssue]:
        """SEVERE and CRITICAL issues: any of these means Gephi did not import the file faithfully."""
        return [issue for issue in self.issues if issue.level in BLOCKING_LEVELS]


def default_tool_dir() -> Path:
    """``$POLICYKG_GEPHI_CHECK_DIR``, else ``tools/gephi-check`` of the checkout this module comes from."""
    env = os.environ.get(TOOL_DIR_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "tools" / "gephi-check"


def _jar(tool_dir: Path) -> Path:
    return tool_dir / "target" / "gephi-check.jar"


def _needs_build(tool_dir: Path) -> bool:
    jar = _jar(tool_dir)
    if not jar.is_file() or not any((tool_dir / "target" / "lib").glob("gephi-toolkit-*-all.jar")):
        return True
    built = jar.stat().st_mtime
    sources = [tool_dir / "pom.xml", *(p for p in (tool_dir / "src").rglob("*") if p.is_file())]
    return any(p.stat().st_mtime > built for p in sources)


@contextlib.contextmanager
def _build_lock(tool_dir: Path) -> Iterator[None]:
    target = tool_dir / "target"
    target.mkdir(parents=True, exist_ok=True)
    with (target / ".build.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _last_line(text: str) -> str:
    lines = [s for line in _ANSI.sub("", text).splitlines() if (s := line.strip())]
    return lines[-1] if lines else "(no output)"


def _first_error(text: str) -> str:
    """The most telling ``[ERROR]`` line of Maven output (a compiler message first), else the last line."""
    errors = [s for line in _ANSI.sub("", text).splitlines() if (s := line.strip()).startswith("[ERROR] ")]
    for line in errors:
        if ".java:" in line:
            return line
    errors = [e for e in errors if "COMPILATION ERROR" not in e]
    return errors[0] if errors else _last_line(text)


def ensure_gephi_check_built(tool_dir: Path | None = None) -> Path:
    """Build ``tools/gephi-check`` with Maven if needed; return the runnable jar."""
    tool_dir = tool_dir or default_tool_dir()
    if not (tool_dir / "pom.xml").is_file():
        raise GephiToolUnavailableError(f"gephi-check sources not found at {tool_dir} (set ${TOOL_DIR_ENV})")
    if not _needs_build(tool_dir):
        return _jar(tool_dir)
    mvn = shutil.which("mvn")
    if mvn is None:
        raise GephiToolUnavailableError("mvn not found on PATH: Maven is needed to build tools/gephi-check")
    with _build_lock(tool_dir):
        if _needs_build(tool_dir):  # another process may have built it while we waited
            try:
                proc = subprocess.run(
                    [mvn, "-q", "-B", "-f", str(tool_dir / "pom.xml"), "package"],
                    capture_output=True,
                    text=True,
                    timeout=BUILD_TIMEOUT_S,
                    check=False,
                )
            except subprocess.TimeoutExpired as exc:
                raise GephiToolUnavailableError(
                    f"Maven build of {tool_dir} timed out after {BUILD_TIMEOUT_S:.0f}s"
                ) from exc
            if proc.returncode != 0 or not _jar(tool_dir).is_file():
                detail = _first_error(proc.stdout + "\n" + proc.stderr)
                raise GephiToolUnavailableError(
                    f"Maven build of {tool_dir} failed (exit {proc.returncode}): {detail}"
                )
    return _jar(tool_dir)


def run_gephi_check(
    path: str | os.PathLike[str],
    *,
    tool_dir: Path | None = None,
    heap: str = DEFAULT_HEAP,
    timeout: float = RUN_TIMEOUT_S,
) -> GephiReport:
    """Import ``path`` with the real Gephi toolkit (headless) and return its report.

    Raises :class:`GephiToolUnavailableError` when Java/Maven is missing or the build fails,
    :class:`GephiInputError` when the file cannot be read at all, and :class:`GephiCheckError` for any other
    failure of the tool. An import that ran with issues is *not* an error: inspect
    :attr:`GephiReport.blocking_issues`.
    """
    java = shutil.which("java")
    if java is None:
        raise GephiToolUnavailableError("java not found on PATH: Java 17+ is needed to run the Gephi toolkit")
    jar = ensure_gephi_check_built(tool_dir)
    file = Path(path)
    cmd = [java, "-Djava.awt.headless=true", f"-Xmx{heap}", "-jar", str(jar), str(file)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise GephiCheckError(f"gephi-check timed out after {timeout:.0f}s on {file}") from exc
    if proc.returncode == 2:
        raise GephiInputError(_last_line(proc.stderr))
    if proc.returncode != 0:
        raise GephiCheckError(
            f"gephi-check failed on {file} (exit {proc.returncode}): {_last_line(proc.stderr)}"
        )
    try:
        return GephiReport.model_validate(json.loads(proc.stdout))
    except (json.JSONDecodeError, ValidationError) as exc:
        first = " ".join(str(exc).split())[:300]
        raise GephiCheckError(f"gephi-check printed an unexpected report for {file}: {first}") from exc
