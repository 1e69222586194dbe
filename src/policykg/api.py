"""The Python library: one object for the built graph, the questions it answers and what it writes.

    >>> import policykg
    >>> kg = policykg.open(corpus="../shared/corpus")
    >>> report = kg.report("sector", sector="semiconductors")
    >>> [row.name for row in report.rows][:3]
    >>> kg.show("实体清单").relations[0]
    >>> kg.path("CHIPS and Science Act", "Samsung").to_markdown()
    >>> kg.export("gexf", "policykg.gexf")

Names resolve by any alias in either language (or a node id) everywhere; an unknown or ambiguous name raises
:class:`policykg.errors.NotFoundError` with suggestions. The command line is a thin layer over the same calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.config import Settings
from policykg.errors import PolicykgError
from policykg.graph.build import BuildResult, load_or_build
from policykg.graph.model import Edge, Node, PolicyGraph

if TYPE_CHECKING:
    import networkx as nx

    from policykg.backends.neo4j_backend import LoadResult
    from policykg.query.reports import ReportResult
    from policykg.query.search import SearchResult

EXPORT_FORMATS = ("json", "gexf", "graphml", "turtle", "jsonld", "csv")
LEXICAL = {"MENTIONS", "HAS_SECTION"}


class Row:
    """One row of a report: its fields as attributes (``row.name``, ``row.type``, ``row.path``,
    ``row.evidence`` …) and as a dict (:meth:`to_dict`)."""

    def __init__(self, data: dict[str, Any]):
        self._data = data

    def __getattr__(self, key: str) -> Any:
        try:
            return self._data[key]
        except KeyError:
            raise AttributeError(key) from None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def to_dict(self) -> dict[str, Any]:
        """The row's fields (a copy)."""
        return dict(self._data)

    def __repr__(self) -> str:
        return f"Row({self._data.get('name')!r}, {self._data.get('type')!r})"


@dataclass
class Report:
    """A canned report: title, notes, rows; the same renderings as the command line."""

    result: ReportResult
    rows: list[Row] = field(init=False)

    def __post_init__(self) -> None:
        self.rows = [Row(r) for r in self.result.rows]

    @property
    def title(self) -> str:
        """The report's title, as the command line prints it."""
        return self.result.title

    @property
    def notes(self) -> list[str]:
        """Remarks under the rows (what was left out and why, listings on the screening list …)."""
        return self.result.notes

    @property
    def empty_reason(self) -> str:
        """Why there are no rows, when there are none."""
        return self.result.empty_reason

    def __len__(self) -> int:
        return len(self.rows)

    def to_dict(self) -> dict[str, Any]:
        """The report as ``policykg report … --format json`` writes it."""
        return self.result.to_json()

    def to_text(self) -> str:
        """The report as the command line prints it."""
        from policykg.query.reports import render_text

        return render_text(self.result)

    def to_markdown(self) -> str:
        """The report as a Markdown document: title, a table of the rows with their evidence, notes."""
        from policykg.query.reports import render_markdown

        return render_markdown(self.result)

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (one column per field; path and evidence stay lists)."""
        try:
            import pandas as pd
        except ImportError:
            raise PolicykgError("to_dataframe() needs pandas: pip install pandas") from None
        return pd.DataFrame([r.to_dict() for r in self.rows])

    def __str__(self) -> str:
        return self.to_text()


@dataclass(frozen=True)
class Relation:
    """One relation of an entity, seen from it: direction, type, the other end, stages and evidence."""

    direction: str  # "out" (entity -[type]-> other) or "in" (other -[type]-> entity)
    type: str
    other: Node
    edge: Edge

    @property
    def evidence(self) -> list[dict[str, Any]]:
        """The relation's evidence records as dicts (doc, start, end, text, method, confidence …)."""
        return [ev.to_json() for ev in self.edge.evidence]

    def __str__(self) -> str:
        arrow = f"-[{self.type}]-> {self.other.name}" if self.direction == "out" else \
            f"<-[{self.type}]- {self.other.name}"
        return f"{arrow} ({'+'.join(self.edge.stages)})"


@dataclass
class Entity:
    """Everything about one entity: the node (names, properties, evidence) and its relations."""

    node: Node
    relations: list[Relation]

    @property
    def id(self) -> str:
        """The node id (``company:huawei``)."""
        return self.node.id

    @property
    def name(self) -> str:
        """The canonical name (English where there is one)."""
        return self.node.name

    def to_dict(self) -> dict[str, Any]:
        """The node with its relations, as ``policykg show --format json`` gives it."""
        return {**self.node.model_dump(exclude_none=True),
                "relations": [{"direction": r.direction, "type": r.type, "other": r.other.id,
                               "stages": r.edge.stages, "evidence": r.evidence} for r in self.relations]}


class KnowledgeGraph:
    """The built graph of a corpus (cached by content), with its questions and exports."""

    def __init__(self, settings: Settings, built: BuildResult):
        self.settings = settings
        self._built = built

    @property
    def graph(self) -> PolicyGraph:
        """The typed graph itself (nodes and edges by id, evidence on each)."""
        return self._built.graph

    def __repr__(self) -> str:
        g = self.graph
        return f"<KnowledgeGraph {len(g.nodes)} nodes, {len(g.edges)} edges from {self.settings.corpus}>"

    # ------------------------------------------------------------------------------------ questions
    def node(self, name: str) -> Node:
        """The node a name (any alias, either language) or an id stands for."""
        from policykg.resolve.nodes import resolve_node

        return resolve_node(self.graph, name)

    def show(self, name: str) -> Entity:
        """An entity by any name, alias or id, with its relations (the policy layer; mentions left out)."""
        node = self.node(name)
        g = self.graph
        rels = [Relation("out", e.type, g.nodes[e.target], e) for e in g.out_edges(node.id) if e.type not in LEXICAL]
        rels += [Relation("in", e.type, g.nodes[e.source], e) for e in g.in_edges(node.id) if e.type not in LEXICAL]
        rels.sort(key=lambda r: (r.direction, r.type, r.other.id))
        return Entity(node, rels)

    def report(self, name: str, lang: str = "en", as_of: str | None = None, date_from: str | None = None,
               date_to: str | None = None, **params: str) -> Report:
        """A canned report by name: sector, administration, timeline, entity, path, chain, countermeasures,
        listings; parameters as keywords (``sector="semiconductors"``, ``entity="Huawei"``). ``as_of``,
        ``date_from``, ``date_to`` (YYYY, YYYY-MM or YYYY-MM-DD): the time filter of ``--as-of``, ``--from``,
        ``--to`` (README "Time: as-of and intervals")."""
        from policykg.graph.time import window
        from policykg.query.reports import run_report

        when = window(as_of, date_from, date_to)
        return Report(run_report(self.graph, name, {k: str(v) for k, v in params.items()}, lang,
                                 corpus=self.settings.corpus, window=when))

    def path(self, source: str, target: str) -> Report:
        """The shortest connections between two entities (any names), each step with its evidence."""
        return self.report("path", source=source, target=target)

    def query(self, name: str, as_of: str | None = None, date_from: str | None = None, date_to: str | None = None,
              **params: Any) -> list[dict[str, Any]]:
        """A library query (queries/*.cypher) on the embedded graph; entity parameters take any name; ``as_of``,
        ``date_from``, ``date_to`` as for :meth:`report`."""
        from policykg.errors import NotFoundError
        from policykg.graph.time import window
        from policykg.query.library import load_library, resolve_params, run_embedded, time_params

        library = load_library(self.settings.queries)
        if name not in library:
            raise NotFoundError(f"no query named {name!r}; known: {', '.join(sorted(library))}")
        spec = library[name]
        when = {k: v for k, v in time_params(spec, window(as_of, date_from, date_to)).items() if v is not None}
        bound = resolve_params(self.graph, spec, {k: str(v) for k, v in params.items()})
        return run_embedded(self.graph, name, {**bound, **when})

    def search(self, text: str, doc: str | None = None, type: str | None = None, limit: int = 20,
               exact: bool = False) -> SearchResult:
        """Evidence sentences that hold every word, "phrase" or Chinese substring of ``text`` (or, unless
        ``exact``, mention an entity a term names), best first; ``doc`` and ``type`` (of a mentioned entity)
        filter. ``result.hits`` are dicts (doc, section, start, end, text, entities …); see ``policykg search``."""
        from policykg.query.search import search

        return search(self.graph, text, doc, type, limit, self._built.cache_file, exact)

    def view(self, report: str | None = None, *args: str, subgraph: tuple[str, ...] = (), lang: str = "en",
             max_nodes: int | None = None, path: str | Path | None = None) -> str:
        """The self-contained HTML picture of a report (``kg.view("sector", "semiconductors")``) or of
        ``subgraph`` specs, as ``policykg view`` draws it; written to ``path`` when given. Needs the ``web``
        extra (pyvis)."""
        from policykg.web import DEFAULT_MAX_NODES
        from policykg.web.picture import make_picture, report_params

        params = report_params(report, args) if report is not None else None
        html = make_picture(self.graph, report, params, subgraph, lang,
                            max_nodes or DEFAULT_MAX_NODES).html()
        if path is not None:
            from policykg.exporters import write_text

            write_text(Path(path), html, Path(path).name)
        return html

    def queries(self) -> list[str]:
        """The names of the library queries (queries/*.cypher) that :meth:`query` runs."""
        from policykg.query.library import load_library

        return sorted(load_library(self.settings.queries))

    def proposals(self, doc: str | None = None, min_confidence: float = 0.0) -> dict[str, Any]:
        """Entity candidates and relation proposals (see ``policykg proposals``), with their status; ``doc``
        must be a document of the corpus."""
        listing = self.graph.meta.get("proposals") or {}
        documents = self.graph.meta.get("documents", [])
        if doc is not None and doc not in documents:
            from policykg.errors import NotFoundError

            raise NotFoundError(f"no document {doc!r}; known: {', '.join(documents)}")

        def keep(item: dict[str, Any]) -> bool:
            return (doc is None or doc in (item.get("docs") or [item.get("doc")])) \
                and item["confidence"] >= min_confidence

        return {"threshold": listing.get("threshold"),
                "entities": [e for e in listing.get("entities", []) if keep(e)],
                "relations": [r for r in listing.get("relations", []) if keep(r)]}

    # ------------------------------------------------------------------------------------ views and output
    def subgraph(self, *specs: str, lexical: bool = False) -> PolicyGraph:
        """The part a report, an entity's neighbourhood or a set of types touches (``"report:sector:
        semiconductors"``, ``"entity:Huawei:2"``, ``"type:Law,Policy"``); the union of all specs."""
        from policykg.exporters.subgraph import parse_spec, select

        return select(self.graph, [parse_spec(s) for s in specs], lexical=lexical)

    def to_networkx(self, lexical: bool = False) -> nx.MultiDiGraph:
        """A networkx MultiDiGraph: node attributes type/name/name_zh/properties, edge key = edge id with type,
        stages and the number of evidence records (the policy layer only unless ``lexical``)."""
        import networkx as nx

        out = nx.MultiDiGraph()
        for n in self.graph.nodes.values():
            if lexical or n.type not in {"Document", "Section"}:
                out.add_node(n.id, type=n.type, name=n.name, name_zh=n.name_zh, **n.properties)
        for e in self.graph.edges.values():
            if (lexical or e.type not in LEXICAL) and e.source in out and e.target in out:
                out.add_edge(e.source, e.target, key=e.id, type=e.type, stages=list(e.stages),
                             evidence=len(e.evidence), **e.properties)
        return out

    def export(self, fmt: str, path: str | Path, subgraph: list[str] | None = None,
               lexical: bool | None = None) -> None:
        """Write an export (json, gexf, graphml, turtle, jsonld; csv writes a directory), atomically, the same
        bytes as ``policykg export``."""
        from policykg.exporters import write_output

        if fmt not in EXPORT_FORMATS:
            raise PolicykgError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        with_lexical = lexical if lexical is not None else fmt in {"json", "turtle", "jsonld", "csv"}
        g = self.subgraph(*(subgraph or []), lexical=with_lexical)
        if fmt == "csv":
            from policykg.exporters import neo4j_csv

            neo4j_csv.write_directory(g, Path(path))
            return
        writer = _writer(fmt)
        write_output(Path(path), lambda fh: writer(g, fh), f"policykg.{fmt}")

    def neo4j(self, uri: str | None = None, user: str = "", password: str = "") -> Neo4jTarget:
        """A Neo4j server to load this graph into or query (``kg.neo4j(uri).load()``)."""
        from policykg.config import DEFAULT_NEO4J_URI

        return Neo4jTarget(self, uri or DEFAULT_NEO4J_URI, user, password)


@dataclass
class Neo4jTarget:
    """A Neo4j 5 server for one graph (``kg.neo4j(uri)``): :meth:`load` the graph into it, :meth:`cypher` on it."""

    kg: KnowledgeGraph
    uri: str
    user: str = ""
    password: str = ""

    def load(self, wipe: bool = False, batch_size: int = 1000) -> LoadResult:
        """Constraints, then batched MERGE of every node and relationship; loading twice changes nothing
        (``wipe`` first deletes what an earlier load wrote). Returns the counts and timings."""
        from policykg.backends.neo4j_backend import Connection, connect, load_graph

        with connect(Connection(self.uri, self.user, self.password)) as driver:
            return load_graph(driver, self.kg.graph, batch_size=batch_size, wipe=wipe)

    def cypher(self, text: str, write: bool = False, **params: Any) -> list[dict[str, Any]]:
        """Rows of a Cypher statement; read-only (and checked) unless ``write``; values only as parameters."""
        from policykg.backends.neo4j_backend import Connection, connect, run_cypher

        with connect(Connection(self.uri, self.user, self.password)) as driver:
            result = run_cypher(driver, text, params, write=write)
        return result.rows


def _writer(fmt: str) -> Any:
    if fmt == "json":
        from policykg.exporters import json_export

        return json_export.write
    if fmt == "gexf":
        from policykg.exporters import gexf

        return gexf.write
    if fmt == "graphml":
        from policykg.exporters import graphml

        return graphml.write
    from policykg.exporters import rdf

    return rdf.write_turtle if fmt == "turtle" else rdf.write_jsonld


def open(corpus: str | Path | None = None, screening_list: str | Path | None = None,
         cache: str | Path | None = None, rebuild: bool = False) -> KnowledgeGraph:
    """Build (or load from the cache) the graph of a corpus folder; arguments default to the settings of the
    command line (POLICYKG_CORPUS, POLICYKG_SCREENING_LIST, POLICYKG_CACHE)."""
    s = Settings()
    if corpus is not None:
        s = replace(s, corpus=Path(corpus))
    if screening_list is not None:
        s = replace(s, screening_list=Path(screening_list))
    if cache is not None:
        s = replace(s, cache=Path(cache))
    return KnowledgeGraph(s, load_or_build(s, rebuild=rebuild))
