"""`policykg serve`: a small read-only web app over the library (Flask).

Pages: a search box (any alias, either language, through the library's name resolution), entity pages, each
canned report with its picture and rows, a path finder between two names, and downloads of the exports. It answers
GET (and HEAD) only; names and report arguments arrive as query parameters and reach the library as values, never
as code or queries; every value is escaped by the templates. It listens on 127.0.0.1 unless told otherwise. Requests
are accepted in threads (a browser keeps idle connections open) and answered one at a time: the graph and its
lazily built indexes are shared.
"""

from __future__ import annotations

import functools
import io
import tempfile
import threading
import zipfile
from collections import Counter, OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.api import EXPORT_FORMATS, KnowledgeGraph
from policykg.errors import NotFoundError, PolicykgError
from policykg.extract.gazetteer import normalize_name
from policykg.graph.model import Evidence
from policykg.query.reports import REPORT_ARGS
from policykg.resolve.nodes import LISTED_PREFIX
from policykg.web import DEFAULT_MAX_NODES, missing_extra
from policykg.web.picture import evidence_items, make_picture
from policykg.web.templates import TEMPLATES

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.serving import BaseWSGIServer

ROW_LIMIT = 300  # rows a report page lists (the listings of the screening list run to thousands)
RELATION_LIMIT = 400
SEARCH_LIMIT = 100
MAX_PICTURE_NODES = 5000
CACHE_SIZE = 32
DOWNLOADS = {  # format -> (file suffix, media type, what it is)
    "json": (".json", "application/json", "nodes and edges with their evidence (the README's format)"),
    "gexf": (".gexf", "application/xml", "GEXF 1.3 for Gephi: colours, timeline, evidence text as attributes"),
    "graphml": (".graphml", "application/xml", "GraphML for yEd, Cytoscape or networkx"),
    "turtle": (".ttl", "text/turtle", "RDF Turtle with PROV-O evidence"),
    "jsonld": (".jsonld", "application/ld+json", "RDF as JSON-LD"),
    "csv": (".zip", "application/zip", "CSV files for neo4j-admin import, zipped"),
}
SECURITY_HEADERS = {
    # the pictures need their inline scripts and styles; nothing else is loaded from anywhere
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               "img-src data:; frame-src 'self'; form-action 'self'; base-uri 'none'; "
                               "frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class _Cache:
    """The last few pictures and downloads (the graph does not change while the app runs)."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self.items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def get(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        value = make()
        self.items[key] = value
        while len(self.items) > self.size:
            self.items.popitem(last=False)
        return value


def report_spec(name: str, params: dict[str, str]) -> str:
    """The ``--subgraph`` spec of a report (``report:sector:semiconductors``, ``report:path:source=A&target=B``)."""
    values = [v for v in params.values() if v]
    if not values:
        return f"report:{name}"
    if len(params) == 1:
        return f"report:{name}:{values[0]}"
    return f"report:{name}:" + "&".join(f"{k}={v}" for k, v in params.items())


def export_bytes(kg: KnowledgeGraph, fmt: str, specs: list[str]) -> bytes:
    """An export as bytes, written by the library as ``policykg export`` writes it (CSV: a zip of its files)."""
    with tempfile.TemporaryDirectory(prefix="policykg-web-") as folder:
        if fmt == "csv":
            target = Path(folder) / "csv"
            kg.export("csv", target, subgraph=specs or None)
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(target.iterdir()):
                    info = zipfile.ZipInfo(f"policykg-csv/{path.name}", date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, path.read_bytes())
            return buf.getvalue()
        target = Path(folder) / f"policykg{DOWNLOADS[fmt][0]}"
        kg.export(fmt, target, subgraph=specs or None)
        return target.read_bytes()


def _row_evidence(records: list[dict[str, Any]]) -> list[dict[str, str]]:
    return evidence_items([Evidence(**{k: v for k, v in ev.items() if k != "edge"}) for ev in records])[0]


def create_app(kg: KnowledgeGraph) -> Flask:
    """The Flask application over one built graph."""
    try:
        from flask import Flask, Response, abort, redirect, render_template, request, url_for
        from jinja2 import DictLoader
    except ImportError:
        raise missing_extra("Flask") from None

    app = Flask("policykg.web", static_folder=None)
    app.jinja_loader = DictLoader(TEMPLATES)
    g = kg.graph
    colors = {t: spec.color for t, spec in g.schema.node_types.items()}
    lexical = {t for t, spec in g.schema.node_types.items() if spec.lexical}
    cache = _Cache()
    assert set(DOWNLOADS) == set(EXPORT_FORMATS)
    one_at_a_time = threading.Lock()

    def answer(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def serialised(*args: Any, **kwargs: Any) -> Any:
            with one_at_a_time:
                return view(*args, **kwargs)

        return serialised

    def lang() -> str:
        value = request.args.get("lang", "en")
        return value if value in {"en", "zh"} else "en"

    def label(node_id: str) -> str:
        return g.nodes[node_id].label(lang())

    def error_page(message: str, status: int, title: str = "Not found") -> Any:
        return render_template("error.html", title=title, message=message), status

    def failure(exc: PolicykgError) -> Any:
        return error_page(str(exc), 404 if isinstance(exc, NotFoundError) else 400,
                          "Not found" if isinstance(exc, NotFoundError) else "Cannot answer that")

    @app.before_request
    def read_only() -> Any:
        if request.method not in {"GET", "HEAD"}:
            abort(405)
        return None

    @app.after_request
    def headers(response: Any) -> Any:
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.context_processor
    def common() -> dict[str, Any]:
        def lang_url(value: str) -> str:
            args = {**(request.view_args or {}), **request.args.to_dict(flat=True), "lang": value}
            return url_for(request.endpoint or "index", **args)

        return {"lang": lang(), "colors": colors, "lang_url": lang_url, "q": request.args.get("q", "")}

    @app.get("/")
    @answer
    def index() -> Any:
        nodes = [n for n in g.nodes.values() if n.type not in lexical]
        by_type = Counter(n.type for n in nodes)
        admins = sorted(g.nodes_of_type("Administration"), key=lambda n: (int(n.properties.get("order", 99)), n.id))
        sectors = sorted({n.label(lang()) for t in ("Sector", "IndustryChain") for n in g.nodes_of_type(t)})
        return render_template(
            "index.html",
            counts={"nodes": len(nodes), "edges": sum(1 for e in g.edges.values()
                                                      if e.type not in {"MENTIONS", "HAS_SECTION"}),
                    "documents": len(g.nodes_of_type("Document"))},
            administrations=[{"id": a.id, "label": a.label(lang())} for a in admins],
            chains=[{"id": c.id, "label": c.label(lang())} for c in g.nodes_of_type("IndustryChain")],
            sectors=sectors, screening=any(nid.startswith(LISTED_PREFIX) for nid in g.nodes),
            types=[(t, by_type[t]) for t in g.schema.node_types if by_type[t]])

    @app.get("/search")
    @answer
    def search() -> Any:
        q = request.args.get("q", "").strip()
        if not q:
            return redirect(url_for("index", lang=lang()))
        message = ""
        try:
            node = kg.node(q)
        except NotFoundError as exc:
            message = str(exc)
        else:
            return redirect(url_for("entity", name=node.id, lang=lang()))
        key = normalize_name(q)
        hits = []
        for n in g.nodes.values():
            if n.type in lexical or not key:
                continue
            matched = next((name for name in (n.name, n.name_zh, *n.aliases) if name and key in normalize_name(name)),
                           None)
            if matched is not None:
                hits.append(n)
        hits.sort(key=lambda n: (n.id.startswith(LISTED_PREFIX), not normalize_name(n.label(lang())).startswith(key),
                                 n.label(lang()).casefold(), n.id))
        shown = [{"id": n.id, "type": n.type, "label": n.label(lang()),
                  "other": n.name_zh if lang() == "en" else n.name,
                  "matched": next((a for a in n.aliases if key in normalize_name(a)), "")} for n in hits[:SEARCH_LIMIT]]
        return render_template("search.html", q=q, message=message, hits=shown, total=len(hits),
                               more=len(hits) > SEARCH_LIMIT)

    @app.get("/entity")
    @answer
    def entity() -> Any:
        name = request.args.get("name", "")
        try:
            ent = kg.show(name)
        except PolicykgError as exc:
            return failure(exc)
        node = ent.node
        relations = [{"direction": r.direction, "type": r.type, "other": r.other.label(lang()), "other_id": r.other.id,
                      "other_type": r.other.type, "stages": "+".join(r.edge.stages),
                      "evidence": evidence_items(r.edge.evidence)[0]} for r in ent.relations[:RELATION_LIMIT]]
        other = node.name_zh if lang() == "en" else node.name
        return render_template(
            "entity.html", node=node, label=label(node.id), other=other if other != label(node.id) else "",
            properties=[(k, ", ".join(map(str, v)) if isinstance(v, list) else v)
                        for k, v in sorted(node.properties.items())],
            relations=relations, total=len(ent.relations), evidence=evidence_items(node.evidence)[0],
            spec=f"entity:{node.id}:1",
            formats=list(DOWNLOADS))

    def report_page(name: str, params: dict[str, str], path_form: bool = False) -> Any:
        context: dict[str, Any] = {"path_form": path_form, "source": params.get("source", ""),
                                   "target": params.get("target", "")}
        try:
            result = kg.report(name, lang(), **params)
        except PolicykgError as exc:
            status = 404 if isinstance(exc, NotFoundError) else 400
            return render_template("report.html", title="Cannot answer that", error=str(exc), **context), status
        rows = [{**row, "group": row.get("group") or row.get("administration") or row.get("segment") or
                 (row.get("relation") or ""), "paths": row.get("paths") or [row["path"]],
                 "evidence": _row_evidence(row["evidence"])} for row in (r.to_dict() for r in result.rows[:ROW_LIMIT])]
        return render_template(
            "report.html", title=result.title, notes=result.notes, rows=rows, total=len(result.rows),
            empty_reason=result.empty_reason, spec=report_spec(name, params), formats=list(DOWNLOADS),
            picture_url=url_for("picture", report=name, lang=lang(), **dict[str, Any](params)), **context)

    @app.get("/report/<name>")
    @answer
    def report(name: str) -> Any:
        if name not in REPORT_ARGS:
            return error_page(f"no report named {name!r}; known: {', '.join(REPORT_ARGS)}", 404)
        params = {p: request.args.get(p, "").strip() for p in REPORT_ARGS[name]}
        missing = [p for p, v in params.items() if not v and not (name == "listings" and p == "country")]
        if missing:
            return error_page(f"report {name} needs {', '.join(missing)} (e.g. ?{missing[0]}=…)", 400,
                              "Missing parameter")
        return report_page(name, params)

    @app.get("/path")
    @answer
    def path_finder() -> Any:
        source, target = request.args.get("source", "").strip(), request.args.get("target", "").strip()
        if not (source and target):
            return render_template("report.html", title="Path finder", path_form=True, source=source,
                                   target=target, no_result=True)
        return report_page("path", {"source": source, "target": target}, path_form=True)

    @app.get("/picture")
    @answer
    def picture() -> Any:
        report_name = request.args.get("report") or None
        if report_name is not None and report_name not in REPORT_ARGS:
            return error_page(f"no report named {report_name!r}; known: {', '.join(REPORT_ARGS)}", 404)
        params = {p: request.args.get(p, "").strip() for p in REPORT_ARGS.get(report_name or "", ())}
        specs = request.args.getlist("subgraph")
        max_nodes = min(max(request.args.get("max_nodes", DEFAULT_MAX_NODES, type=int) or 1, 1), MAX_PICTURE_NODES)
        key = ("picture", report_name, tuple(sorted(params.items())), tuple(specs), lang(), max_nodes)
        try:
            html = cache.get(key, lambda: make_picture(g, report_name, params, specs, lang(), max_nodes).html())
        except PolicykgError as exc:
            return failure(exc)
        return Response(html, mimetype="text/html")

    @app.get("/downloads")
    @answer
    def downloads() -> Any:
        return render_template("downloads.html", formats=[(f, d[2]) for f, d in DOWNLOADS.items()])

    @app.get("/download/<fmt>")
    @answer
    def download(fmt: str) -> Any:
        if fmt not in DOWNLOADS:
            return error_page(f"no export format {fmt!r}; known: {', '.join(DOWNLOADS)}", 404)
        specs = request.args.getlist("subgraph")
        try:
            data = cache.get(("download", fmt, tuple(specs)), lambda: export_bytes(kg, fmt, specs))
        except PolicykgError as exc:
            return failure(exc)
        suffix, media_type, _ = DOWNLOADS[fmt]
        name = f"policykg{'-subgraph' if specs else ''}{suffix}"
        return Response(data, mimetype=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return app


def make_server(kg: KnowledgeGraph, host: str = "127.0.0.1", port: int = 8000) -> BaseWSGIServer:
    """A WSGI server for the app (port 0: any free port; ``server.server_port`` tells which)."""
    try:
        from werkzeug.serving import make_server as werkzeug_server
    except ImportError:
        raise missing_extra("Flask") from None
    app = create_app(kg)
    try:
        return werkzeug_server(host, port, app, threaded=True)
    except OSError as exc:
        raise PolicykgError(f"cannot listen on {host}:{port} ({exc.strerror or exc}) "
                            "(fix: choose another --port, or stop what uses it)") from None
    except SystemExit:  # werkzeug exits when the port is taken
        raise PolicykgError(f"cannot listen on {host}:{port}: the port is in use (fix: choose another --port)") \
            from None
