"""Pieces every exporter shares: the export error, date precision, language of a name, stable ordering."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Literal

from policykg.errors import PolicykgError
from policykg.graph.model import Edge, Evidence, Node, PolicyGraph

DatePrecision = Literal["year", "month", "day"]
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# CJK Unified Ideographs and extension A, compatibility ideographs: enough to tell a Chinese name.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# C0 controls other than tab, newline and carriage return cannot appear in XML 1.0.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
JAVA_INT_MAX = 2**31 - 1


class ExportError(PolicykgError):
    """An export could not be written as asked (bad option, spec or target)."""


# Temporary files and folders of an export sit beside the target, hidden, and name the process that writes them:
# ``.NAME.policykg-PID-XXXXXXXX.tmp`` (``.old`` for a CSV folder being replaced). One whose process is gone was
# left by an export that was killed; the next export to the same name removes it.
TEMP_TAG = "policykg"
LEGACY_AGE = 3600.0  # seconds: ``.NAME.XXXXXXXX.tmp`` from before the names carried a process id


def temp_prefix(name: str) -> str:
    return f".{name}.{TEMP_TAG}-{os.getpid()}-"


def make_temp(path: Path) -> tuple[int, str]:
    """A new hidden temporary file beside ``path``: (descriptor, name)."""
    return tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path.name), suffix=".tmp")


def make_temp_dir(path: Path, suffix: str = ".tmp") -> Path:
    return Path(tempfile.mkdtemp(dir=path.parent, prefix=temp_prefix(path.name), suffix=suffix))


def clean_stale_temps(folder: Path, name: str) -> list[Path]:
    """Remove the temporary files and folders that killed exports to ``folder/name`` left behind; return them."""
    ours = re.compile(rf"^\.{re.escape(name)}\.{TEMP_TAG}-(\d+)-[A-Za-z0-9_]+\.(?:tmp|old)$")
    legacy = re.compile(rf"^\.{re.escape(name)}\.[A-Za-z0-9_]{{8}}\.(?:tmp|old)$")
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = ours.match(entry.name)
        try:
            stale = (m is not None and not _alive(int(m.group(1)))) or (
                legacy.match(entry.name) is not None and now - entry.lstat().st_mtime > LEGACY_AGE)
            if not stale:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
        except OSError:
            continue  # not ours to remove after all (or already gone): leave it
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process (or a number we cannot ask about): leave its files alone
    return True


def cannot_write(path: Path, exc: OSError, stdout: bool = True) -> ExportError:
    """The one-line error for an output that cannot be written."""
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        return ExportError(f"{path}: cannot write: {blocker} is a file, not a folder (fix: give a path inside a "
                           "folder)")
    fix = "choose a folder you can write to" + (", or -o - for stdout" if stdout else "")
    return ExportError(f"{path}: cannot write ({exc.strerror or exc}) (fix: {fix})")


def date_precision(value: str) -> DatePrecision:
    """How precise an ISO date of the graph is: YYYY, YYYY-MM or YYYY-MM-DD."""
    m = _DATE.match(value)
    if m is None:
        raise ExportError(f"not an ISO date YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    return "day" if m.group(3) else "month" if m.group(2) else "year"


def full_date(value: str) -> str:
    """The first day a partial ISO date stands for: 2022 -> 2022-01-01, 2022-08 -> 2022-08-01."""
    precision = date_precision(value)
    if precision == "year":
        return f"{value}-01-01"
    if precision == "month":
        return f"{value}-01"
    return value


def is_chinese(text: str) -> bool:
    """True when the text holds Han characters (a Chinese name or alias)."""
    return bool(_HAN.search(text))


def language_of(text: str) -> str:
    return "zh" if is_chinese(text) else "en"


def xml_text(value: str) -> str:
    """The text with characters XML 1.0 cannot carry removed (escaping is the serializer's job)."""
    return _XML_ILLEGAL.sub("", value)


def compact_json(value: Any) -> str:
    """One-line JSON with sorted keys and real (not escaped) Chinese characters."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def evidence_json(evidence: list[Evidence]) -> str:
    return compact_json([ev.to_json() for ev in evidence])


def statements_json(item: Node | Edge) -> str:
    """Every statement of a node or edge as one JSON array (the Neo4j property and CSV column ``statements``):
    ``[{"prop", "value", "evidence": [...], "reference"?, "source"?, "derived"?}, …]``, with ``picked`` (how the
    merged value of a property with several values was chosen) on the first statement of that property."""
    out = []
    seen: set[str] = set()
    for st in item.statements:
        row = st.to_json()
        if st.prop in item.picked and st.prop not in seen:
            row["picked"] = item.picked[st.prop]
        seen.add(st.prop)
        out.append(row)
    return compact_json(out)


def sorted_nodes(graph: PolicyGraph) -> list[Node]:
    return [graph.nodes[k] for k in sorted(graph.nodes)]


def sorted_edges(graph: PolicyGraph) -> list[Edge]:
    return [graph.edges[k] for k in sorted(graph.edges)]


def evidence_parts(ev: Evidence) -> tuple[str, str, str]:
    """(where, how, sentence) of one evidence record: ``("cai2026 § 一、… > (一)…", "curated 0.95", "在规制方面,…")``;
    a relation the general patterns proposed is ``"proposed 0.53, not reviewed"``; a dataset or reference record is
    ``("dataset: screening-list.json entry 12 [n, a]", "dataset 1.00", "")``."""
    how = f"proposed {ev.confidence:.2f}, not reviewed" if ev.method == "proposed" else \
        f"{ev.method} {ev.confidence:.2f}"
    if ev.doc:
        where = f"{ev.doc} § {ev.section}" if ev.section else ev.doc
        return where, how + (f", for {ev.field}" if ev.field else ""), " ".join((ev.text or "").split())
    record = " ".join(x for x in (ev.source, ev.record) if x)
    field = f" [{ev.field}]" if ev.field else ""
    return f"{ev.method}: {record or '-'}{field}", how, ""


def evidence_line(ev: Evidence) -> str:
    """One evidence record as a person reads it: ``cai2026 § 一、… (curated 0.95): 在规制方面,…``."""
    where, how, text = evidence_parts(ev)
    if not ev.doc:
        return where
    return f"{where} ({how}): {text}" if text else f"{where} ({how})"


def evidence_text(evidence: list[Evidence]) -> str:
    """Every evidence record of a node or edge, one line each (see :func:`evidence_line`)."""
    return "\n".join(evidence_line(ev) for ev in evidence)


def documents_of(evidence: list[Evidence]) -> list[str]:
    """The corpus documents a list of evidence records cites, sorted."""
    return sorted({ev.doc for ev in evidence if ev.doc})


def property_types(graph: PolicyGraph, element: Literal["node", "edge"], types: list[str]) -> dict[str, str]:
    """Property name -> schema property type over the given node or relationship types.

    A name declared with two different types (the schema allows it in principle) falls back to
    ``string``, so one export column never mixes types.
    """
    specs = graph.schema.node_types if element == "node" else graph.schema.rel_types
    out: dict[str, str] = {}
    for type_name in sorted(types):
        for name, prop in specs[type_name].properties.items():
            if out.setdefault(name, prop.type) != prop.type:
                out[name] = "string"
    return dict(sorted(out.items()))


def node_types_in(graph: PolicyGraph) -> list[str]:
    """The node types an export declares: every schema type, lexical ones only when present."""
    present = {n.type for n in graph.nodes.values()}
    return [t for t, spec in graph.schema.node_types.items() if not spec.lexical or t in present]


def rel_types_in(graph: PolicyGraph) -> list[str]:
    present = {e.type for e in graph.edges.values()}
    return [t for t, spec in graph.schema.rel_types.items() if not spec.lexical or t in present]
