"""CSV files for ``neo4j-admin database import full`` (Neo4j 5): one file per node label and per relationship type.

The imported database has the data model of ``policykg.backends.neo4j_backend`` (so the query library runs on
it): node files ``nodes_<Type>.csv`` with ``id:ID``, ``:LABEL`` (``Node`` and the node type), ``type``, ``name``,
``name_zh``, ``aliases:string[]``, ``kind``, the type's schema properties with Neo4j header types
(``order:int``, ``figures:string[]``, ``x:double``, ``x:boolean``; dates stay ISO strings of their own
precision), ``docs:string[]``, ``evidence_count:int``, ``evidence`` (a JSON array of evidence records) and
``statements`` (a JSON array: every property value with its evidence, as the Neo4j backend stores it);
relationship files ``relationships_<TYPE>.csv`` with ``:START_ID``, ``:END_ID``, ``:TYPE``, ``id``, the type's
properties, ``stages:string[]``, ``docs:string[]``, ``evidence_count:int``, ``evidence``, ``statements``.

Arrays are split on ``;`` (another delimiter is chosen, and printed in the command, if a value holds one).
Inside the JSON, quotes and backslashes are written as ``\\u0022`` / ``\\u005c`` so no reader can mistake a
backslash-escaped quote for the end of a field (``LOAD CSV`` does, by default). The directory is written
atomically: into a temporary sibling, then renamed into place.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.exporters.common import (
    ExportError,
    cannot_write,
    clean_stale_temps,
    documents_of,
    make_temp_dir,
    sorted_edges,
    sorted_nodes,
)
from policykg.graph.model import Edge, Evidence, Node, PolicyGraph

NEO4J_TYPES = {"int": "int", "float": "double", "bool": "boolean", "string": "", "date": "",
               "string_list": "string[]"}
DELIMITER_CANDIDATES = (";", "|", "^", "~")
BASE_LABEL = "Node"  # every policykg node carries it, as in the Neo4j backend
EVIDENCE_HEADER = ("docs:string[]", "evidence_count:int", "evidence", "statements")
NODE_PREFIX, REL_PREFIX = "nodes_", "relationships_"
_OUR_FILE = re.compile(rf"^({NODE_PREFIX}|{REL_PREFIX})\w+\.csv$")
_JSON_QUOTE_ESCAPES = re.compile(r'\\(["\\])')


@dataclass
class CsvExport:
    """What was written, and how to import it."""

    directory: Path
    node_files: dict[str, str] = field(default_factory=dict)  # label -> file name
    relationship_files: dict[str, str] = field(default_factory=dict)  # type -> file name
    array_delimiter: str = ";"
    nodes: int = 0
    relationships: int = 0

    def files(self) -> list[str]:
        return [*self.node_files.values(), *self.relationship_files.values()]

    def command(self, shown_directory: str | None = None, database: str = "neo4j") -> str:
        """The ``neo4j-admin database import full`` command line for these files (stop the database first)."""
        folder = shown_directory if shown_directory is not None else str(self.directory)
        # The database name goes first: --nodes and --relationships take several files, so a name after them
        # would be read as one more file.
        head = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination",
                f"--array-delimiter={self.array_delimiter}", "--multiline-fields=true"]
        files = [f"--nodes={os.path.join(folder, f)}" for f in self.node_files.values()]
        files += [f"--relationships={os.path.join(folder, f)}" for f in self.relationship_files.values()]
        lines = [" ".join(shlex.quote(a) for a in head), *(shlex.quote(a) for a in files)]
        return " \\\n  ".join(lines)


def write_directory(graph: PolicyGraph, target: str | Path) -> CsvExport:
    """Write the CSV files into ``target`` (created or replaced as a whole; never left half-written).

    An existing ``target`` is replaced only if it holds nothing but files of an earlier CSV export.
    """
    target = Path(target)
    try:
        if target.exists():
            if not target.is_dir():
                raise ExportError(f"{target}: is a file; the CSV export writes a directory of files "
                                  "(fix: give a new or empty directory)")
            strangers = sorted(p.name for p in target.iterdir() if not _OUR_FILE.match(p.name))
            if strangers:
                raise ExportError(f"{target}: holds files that are not a policykg CSV export "
                                  f"({', '.join(strangers[:3])}{', …' if len(strangers) > 3 else ''}) "
                                  "(fix: give an empty or new directory)")
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_temps(target.parent, target.name)
        tmp = make_temp_dir(target)
    except OSError as exc:
        raise cannot_write(target, exc, stdout=False) from None
    old: Path | None = None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; the export is an ordinary directory
        export = write_files(graph, tmp)
        if target.exists():
            old = make_temp_dir(target, ".old")
            os.replace(target, old / target.name)
        os.replace(tmp, target)
    except BaseException as exc:
        if old is not None and (old / target.name).exists() and not target.exists():
            os.replace(old / target.name, target)
        if isinstance(exc, OSError):
            raise cannot_write(target, exc, stdout=False) from None
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    export.directory = target
    return export


def write_files(graph: PolicyGraph, folder: Path) -> CsvExport:
    """Write the CSV files into an existing folder and return what was written."""
    delimiter = _array_delimiter(graph)
    export = CsvExport(folder, array_delimiter=delimiter)
    cells = JsonCells()
    nodes, edges = sorted_nodes(graph), sorted_edges(graph)
    for node_type in sorted({n.type for n in nodes}):
        props = _columns(graph.schema.node_types[node_type].properties)
        header = ["id:ID", ":LABEL", "type", "name", "name_zh", "aliases:string[]", "kind",
                  *(h for h, _ in props), *EVIDENCE_HEADER]
        rows = [[n.id, delimiter.join([BASE_LABEL, n.type]), n.type, n.name, n.name_zh, delimiter.join(n.aliases),
                 n.kind, *(_cell(n.properties.get(p), ptype, delimiter, f"{n.id}.{p}") for _, (p, ptype) in props),
                 *_evidence(n, delimiter, cells)] for n in nodes if n.type == node_type]
        name = f"{NODE_PREFIX}{node_type}.csv"
        _write_csv(folder / name, header, rows)
        export.node_files[node_type] = name
        export.nodes += len(rows)
    for rel_type in sorted({e.type for e in edges}):
        props = _columns(graph.schema.rel_types[rel_type].properties)
        header = [":START_ID", ":END_ID", ":TYPE", "id", *(h for h, _ in props), "stages:string[]",
                  *EVIDENCE_HEADER]
        rows = []
        for e in edges:
            if e.type != rel_type:
                continue
            if e.source not in graph.nodes or e.target not in graph.nodes:
                raise ExportError(f"edge {e.id} {e.type} points at a node that is not exported")
            rows.append([e.source, e.target, e.type, e.id,
                         *(_cell(e.properties.get(p), ptype, delimiter, f"{e.id}.{p}") for _, (p, ptype) in props),
                         delimiter.join(e.stages), *_evidence(e, delimiter, cells)])
        name = f"{REL_PREFIX}{rel_type}.csv"
        _write_csv(folder / name, header, rows)
        export.relationship_files[rel_type] = name
        export.relationships += len(rows)
    return export


def _columns(properties: dict[str, Any]) -> list[tuple[str, tuple[str, str]]]:
    """(header, (property, schema type)) for a type's properties, sorted by name."""
    out = []
    for name in sorted(properties):
        ptype = properties[name].type
        neo_type = NEO4J_TYPES[ptype]
        out.append((f"{name}:{neo_type}" if neo_type else name, (name, ptype)))
    return out


def _cell(value: Any, ptype: str, delimiter: str, where: str) -> str:
    if value is None or value == "" or value == []:
        return ""
    if ptype == "string_list" or isinstance(value, list):
        return delimiter.join(str(v) for v in (value if isinstance(value, list) else [value]))
    if ptype == "bool":
        return "true" if value else "false"
    if ptype == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        raise ExportError(f"{where}: expected an integer, got {value!r}")
    return str(value)


def _evidence(item: Node | Edge, delimiter: str, cells: JsonCells) -> list[str]:
    """The docs, evidence_count, evidence and statements cells (as the Neo4j backend stores them)."""
    def safe(text: str) -> str:
        return _JSON_QUOTE_ESCAPES.sub(lambda m: "\\u0022" if m.group(1) == '"' else "\\u005c", text)

    return [delimiter.join(documents_of(item.evidence)), str(len(item.evidence)), safe(cells.evidence(item.evidence)),
            safe(cells.statements(item))]


class JsonCells:
    """The ``evidence`` and ``statements`` JSON of nodes and edges, byte for byte what
    :func:`policykg.exporters.common.evidence_json` and :func:`~policykg.exporters.common.statements_json` write,
    about three times faster on a large graph: one reused encoder with ``compact_json``'s settings, no pydantic
    dump per record, each distinct evidence record encoded once (a fact's statements repeat its evidence), and
    arrays and statement objects joined from encoded parts in the sorted key order ``compact_json`` uses."""

    def __init__(self) -> None:
        self._encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
        self._records: dict[tuple[Any, ...], str] = {}  # an evidence record's field values -> its JSON

    def record(self, ev: Evidence) -> str:
        fields = ev.__dict__
        key = tuple(fields.values())
        text = self._records.get(key)
        if text is None:
            text = self._records[key] = self._encode({k: v for k, v in fields.items() if v is not None})
        return text

    def evidence(self, evidence: list[Evidence]) -> str:
        return "[" + ",".join([self.record(ev) for ev in evidence]) + "]"

    def statements(self, item: Node | Edge) -> str:
        encode, out = self._encode, []
        seen: set[str] = set()
        for st in item.statements:
            # keys in sorted order: derived, evidence, picked, prop, reference, source, value
            parts = ['"derived":' + encode(st.derived)] if st.derived else []
            parts.append('"evidence":' + self.evidence(st.evidence))
            if st.prop in item.picked and st.prop not in seen:
                parts.append('"picked":' + encode(item.picked[st.prop]))
            seen.add(st.prop)
            parts.append('"prop":' + encode(st.prop))
            if st.evidence and all(ev.method == "reference" for ev in st.evidence):
                parts.append('"reference":true')
                parts.append('"source":' + encode("; ".join(st.sources())))
            parts.append('"value":' + encode(st.value))
            out.append("{" + ",".join(parts) + "}")
        return "[" + ",".join(out) + "]"


def _array_delimiter(graph: PolicyGraph) -> str:
    """';' unless some list value holds it; then the first candidate no list value holds."""
    values: list[str] = []
    for n in graph.nodes.values():
        values += n.aliases
        values += [str(v) for p in n.properties.values() if isinstance(p, list) for v in p]
    for e in graph.edges.values():
        values += e.stages
        values += [str(v) for p in e.properties.values() if isinstance(p, list) for v in p]
    for candidate in DELIMITER_CANDIDATES:
        if not any(candidate in v for v in values):
            return candidate
    raise ExportError("every array delimiter candidate (" + " ".join(DELIMITER_CANDIDATES) + ") occurs in some "
                      "list value; the CSV export cannot split arrays safely")


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")
