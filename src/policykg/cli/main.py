"""The policykg command line: a thin layer over the library. Every failure is one 'Error: …' line."""

from __future__ import annotations

import signal
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.common import STATE, before_exit, built, cite, echo_counts, graph, parse_params, short, tune_gc
from policykg.config import Settings
from policykg.errors import InputError, PolicykgError, Problem
from policykg.graph.model import Node, PolicyGraph, Statement

app = typer.Typer(
    name="policykg", no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
    help="A typed, evidence-backed knowledge graph of US-China technology-competition policy.",
)


@app.callback()
def _global(
    corpus: Annotated[Path | None, typer.Option(help="Corpus folder with sources.yaml [env POLICYKG_CORPUS]")] = None,
    cache: Annotated[Path | None, typer.Option(help="Cache folder [env POLICYKG_CACHE]")] = None,
    screening_list: Annotated[Path | None, typer.Option(
        "--screening-list", help="Include the U.S. Consolidated Screening List JSON "
        "[env POLICYKG_SCREENING_LIST]")] = None,
    no_proposed: Annotated[bool, typer.Option(
        "--no-proposed", help="Leave automatic relation proposals out of the graph (curated and rule findings "
        "only); 'policykg proposals' still lists them")] = False,
) -> None:
    s = Settings()
    if corpus is not None:
        s = replace(s, corpus=corpus)
    if cache is not None:
        s = replace(s, cache=cache)
    if screening_list is not None:
        s = replace(s, screening_list=screening_list)
    if no_proposed:
        s = replace(s, proposal_threshold=2.0)  # above any confidence: nothing enters, everything is listed
    STATE.settings = s


@app.command()
def build(
    rebuild: Annotated[bool, typer.Option(
        help="Build again even when a cached graph exists (a document whose inputs are unchanged still "
        "takes its extraction from the per-document cache)")] = False,
    show_rejected: Annotated[int, typer.Option(help="How many rejected facts to list (-1: all)")] = 20,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Show a build's progress on stderr [default: when stderr is a "
        "terminal]")] = None,
) -> None:
    """Build the graph from the corpus (cached by content hash); print counts and rejected facts."""
    result = built(rebuild, progress)
    g = result.graph
    nodes, edges = g.counts()
    where = f"cache {result.cache_file}" if result.from_cache else "corpus"
    typer.echo(f"Built graph from {where} in {result.seconds:.2f}s: {len(g.nodes)} nodes, {len(g.edges)} edges")
    if not result.from_cache:
        fresh, kept = result.extracted
        typer.echo(f"Documents extracted: {fresh}; taken from the per-document cache: {kept}")
    echo_counts("Nodes by type:", nodes)
    echo_counts("Edges by type:", edges)
    stages = Counter(s for e in g.edges.values() for s in e.stages)
    typer.echo("Edges by stage: " + ", ".join(f"{k} {v}" for k, v in sorted(stages.items())))
    typer.echo(f"Rejected facts: {len(g.rejected)}")
    by_reason = Counter(r.reason.split(" (")[0] for r in g.rejected)
    for reason, c in by_reason.most_common(8):
        typer.echo(f"  {c:>5} × {reason}")
    limit = len(g.rejected) if show_rejected < 0 else show_rejected
    for r in g.rejected[:limit]:
        typer.echo(f"  - {r}")


def _stated_by(st: Statement) -> str:
    """Who states a value: its papers, else its reference source (marked), else its dataset file."""
    if st.derived:
        return f"derived: {st.derived}"
    docs = sorted({ev.doc for ev in st.evidence if ev.doc})
    others = sorted({ev.source for ev in st.evidence if not ev.doc and ev.source})
    if st.reference:
        return "reference: " + "; ".join(others)
    return ", ".join(docs + [f"{'dataset' if any(e.method == 'dataset' for e in st.evidence) else 'also'}: {o}"
                             for o in others])


def print_statements(node: Node) -> None:
    """Each property with its merged value, then every statement of it: the value, who states it, the sentences."""
    for k, v in sorted(node.properties.items()):
        pick = node.picked.get(k)
        note = ""
        if pick:
            differ = f"; sources differ: {', '.join(map(str, pick['conflicts']))}" if pick["conflicts"] else ""
            note = f"  (picked: {pick['rule']} of {', '.join(map(str, pick['values']))}{differ})"
        statements = node.statements_of(k)
        if isinstance(v, list) or len(statements) > 1 or pick:
            typer.echo(f"  {k}: {', '.join(map(str, v)) if isinstance(v, list) else v}{note}")
            for st in statements:
                typer.echo(f"    = {st.value}  [{_stated_by(st)}]")
                for ev in st.evidence:
                    if ev.doc:
                        typer.echo(f"        {cite(ev)} {short(ev.text, 120)}")
        elif statements:
            st = statements[0]
            typer.echo(f"  {k}: {v}  [{_stated_by(st)}]")
            for ev in st.evidence:
                if ev.doc:
                    typer.echo(f"        {cite(ev)} {short(ev.text, 120)}")
        else:
            typer.echo(f"  {k}: {v}")


def print_entity(g: PolicyGraph, node: Node, lang: str = "en", evidence_per_edge: int = 2) -> None:
    typer.echo(f"{node.label(lang)}  [{node.type}{' / ' + node.kind if node.kind else ''}]  id={node.id}")
    if node.aliases:
        typer.echo("  names: " + " | ".join([node.name, *node.aliases]))
    print_statements(node)
    typer.echo("  evidence:")
    for ev in node.evidence:
        typer.echo(f"    {cite(ev)} {short(ev.text)}")
    for direction, edges in (("out", g.out_edges(node.id)), ("in", g.in_edges(node.id))):
        rel = [e for e in edges if e.type not in {"MENTIONS", "HAS_SECTION"}]
        if not rel:
            continue
        typer.echo(f"  relations ({'from' if direction == 'out' else 'to'} this entity):")
        for e in sorted(rel, key=lambda e: (e.type, e.target if direction == "out" else e.source)):
            other = g.nodes[e.target if direction == "out" else e.source]
            arrow = f"-[{e.type}]-> {other.label(lang)}" if direction == "out" else \
                f"<-[{e.type}]- {other.label(lang)}"
            props = ", ".join(f"{k}={v}" for k, v in sorted(e.properties.items()))
            docs = sorted({ev.doc for ev in e.evidence if ev.doc})
            typer.echo(f"    {arrow}  ({other.type}; {'+'.join(e.stages)}; docs: {', '.join(docs) or '-'}"
                       f"{'; ' + props if props else ''})")
            for ev in e.evidence[:evidence_per_edge]:
                typer.echo(f"        {cite(ev)} {short(ev.text, 140)}")
            if len(e.evidence) > evidence_per_edge:
                typer.echo(f"        … {len(e.evidence) - evidence_per_edge} more")
    mentions = Counter(g.nodes[e.source].properties.get("doc", "?") for e in g.in_edges(node.id, "MENTIONS")
                       for _ in range(int(e.properties.get("count", 1))))
    if mentions:
        typer.echo("  mentioned in: " + ", ".join(f"{d} ({c}×)" for d, c in sorted(mentions.items())))


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="Entity name or alias, English or Chinese, or an id")],
    lang: Annotated[str, typer.Option(help="Language for names: en or zh")] = "en",
) -> None:
    """Print everything about one entity: names, properties, evidence, relations, mentions."""
    from policykg.resolve.nodes import resolve_node

    g = graph()
    print_entity(g, resolve_node(g, name), lang)


@app.command()
def anchor(
    doc: Annotated[str, typer.Argument(help="Document id")],
    phrases: Annotated[list[str], typer.Argument(help="Anchor phrases that must all occur in one sentence")],
) -> None:
    """Show the sentences an anchor (list) finds: a helper for writing curated assertions."""
    from policykg.sources.corpus import read_corpus

    s = STATE.settings
    docs = {d.id: d for d in read_corpus(s.corpus, s.doc_settings)}
    if doc not in docs:
        raise PolicykgError(f"unknown document {doc!r}; known: {', '.join(sorted(docs))}")
    wanted = [p.casefold() for p in phrases]
    n = 0
    for sent in docs[doc].sentences:
        if all(w in sent.text.casefold() for w in wanted):
            n += 1
            typer.echo(f"occurrence {n}: {sent.start}-{sent.end} [{sent.kind}] § "
                       f"{docs[doc].section(sent.section).path}\n  {short(sent.text, 300)}")
    if n == 0:
        raise PolicykgError(f"no sentence of {doc} contains all of {phrases}")


@app.command("search")
def search_command(
    text: Annotated[str, typer.Argument(help='Words, "a phrase" in quotes or Chinese characters; all must occur')],
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document (its id, e.g. cai2026)")] = None,
    type_: Annotated[str | None, typer.Option(
        "--type", help="Only sentences that mention an entity of this type (Law, Company, Sector …)")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many sentences to show, best first")] = 20,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    exact: Annotated[bool, typer.Option(
        "--exact", help="Words only: a term does not also match mentions of the entity it names")] = False,
    backend: Annotated[str, typer.Option(
        help="embedded (the cached graph) or neo4j (its full-text index, written by `policykg neo4j load`)")
    ] = "embedded",
    uri: Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="Bolt URI of Neo4j (--backend neo4j)")
                   ] = "bolt://127.0.0.1:7687",
    user: Annotated[str, typer.Option("--user", envvar="NEO4J_USER", help="Neo4j user; empty: no authentication")
                    ] = "",
    password: Annotated[str, typer.Option("--password", envvar="NEO4J_PASSWORD", help="Neo4j password",
                                          show_default=False)] = "",
) -> None:
    """Find evidence sentences in either language, ranked, with document, section, offsets and entities."""
    import json

    from policykg.backends.neo4j_search import search_neo4j
    from policykg.query.search import parse_query, search

    if fmt not in {"text", "json"}:
        raise PolicykgError(f"--format must be text or json, not {fmt!r}")
    if backend not in {"embedded", "neo4j"}:
        raise PolicykgError(f"--backend must be embedded or neo4j, not {backend!r}")
    parse_query(text)  # bad input fails before the graph is read
    result_built = built()
    if backend == "neo4j":
        from policykg.cli.neo4j import _connect

        with _connect(uri, user, password) as driver:
            result = search_neo4j(driver, result_built.graph, text, doc, type_, limit, exact)
    else:
        result = search(result_built.graph, text, doc, type_, limit, result_built.cache_file, exact)
    if fmt == "json":
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        typer.echo(result.to_text(), nl=False)




AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", help="Only what is known to be in force on that day: YYYY, YYYY-MM or YYYY-MM-DD (a year or month: "
    "its last day); undated measures are left out and listed (README \"Time\")")]
FromOpt = Annotated[str | None, typer.Option(
    "--from", help="Only what changed (was signed, took effect, eased, paused, took office) on or after this date")]
ToOpt = Annotated[str | None, typer.Option("--to", help="... and on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")]


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="Query name (see --list)")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE; names resolve by any alias")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the library's queries")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    as_of: AsOfOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
) -> None:
    """Run a library query (queries/*.cypher) on the embedded graph."""
    import json

    from policykg.graph.time import window
    from policykg.query.library import load_library, resolve_params, run_embedded, time_params

    lib = load_library(STATE.settings.queries)
    if list_ or name is None:
        for spec in lib.values():
            params = " ".join(f"--param {p.name}=…" for p in spec.params)
            typer.echo(f"{spec.name} {params}\n    {spec.description}")
        return
    if name not in lib:
        raise PolicykgError(f"no query named {name!r}; known: {', '.join(lib)}")
    spec = lib[name]
    when = time_params(spec, window(as_of, date_from, date_to))  # a bad date fails before the graph is read
    g = graph()
    bound = {**resolve_params(g, spec, parse_params(param)), **{k: v for k, v in when.items() if v is not None}}
    rows = run_embedded(g, name, bound)
    if fmt == "json":
        shown = {**parse_params(param), **{k: v for k, v in when.items() if v is not None}}
        typer.echo(json.dumps({"query": name, "params": shown, "rows": rows}, ensure_ascii=False, indent=1))
        return
    if not rows:
        typer.echo("(no rows)")
        return
    typer.echo(" | ".join(spec.columns))
    for r in rows:
        typer.echo(" | ".join(short(str(r.get(c)), 60) for c in spec.columns))
    typer.echo(f"({len(rows)} rows)")


report_app = typer.Typer(help="Canned policy-path reports (no server needed).", no_args_is_help=True)
app.add_typer(report_app, name="report")

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="text, markdown or json")]
LangOpt = Annotated[str, typer.Option("--lang", help="Names in en or zh")]



def emit_report(name: str, params: dict[str, str], fmt: str, lang: str, as_of: str | None = None,
                date_from: str | None = None, date_to: str | None = None) -> None:
    from policykg.graph.time import window
    from policykg.query.reports import render_json, render_markdown, render_text, run_report

    if fmt not in {"text", "markdown", "json"}:
        raise PolicykgError(f"--format must be text, markdown or json, not {fmt!r}")
    if lang not in {"en", "zh"}:
        raise PolicykgError(f"--lang must be en or zh, not {lang!r}")
    when = window(as_of, date_from, date_to)  # a bad date fails before the graph is read
    result = run_report(graph(), name, params, lang, corpus=STATE.settings.corpus, window=when)
    render = {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt]
    typer.echo(render(result), nl=False)


@report_app.command("sector")
def report_sector(sector: str, fmt: FormatOpt = "text", lang: LangOpt = "en",
                  as_of: AsOfOpt = None, date_from: FromOpt = None, date_to: ToOpt = None) -> None:
    """Policies, laws and instruments touching a sector, by administration/side and date, with paths."""
    emit_report("sector", {"sector": sector}, fmt, lang, as_of, date_from, date_to)


@report_app.command("administration")
def report_administration(name: str, fmt: FormatOpt = "text", lang: LangOpt = "en",
                          as_of: AsOfOpt = None, date_from: FromOpt = None, date_to: ToOpt = None) -> None:
    """What an administration enacted, launched or continued, and how its neighbours differ."""
    emit_report("administration", {"administration": name}, fmt, lang, as_of, date_from, date_to)


@report_app.command("timeline")
def report_timeline(fmt: FormatOpt = "text", lang: LangOpt = "en",
                    as_of: AsOfOpt = None, date_from: FromOpt = None, date_to: ToOpt = None) -> None:
    """The administrations in order with their measures by date."""
    emit_report("timeline", {}, fmt, lang, as_of, date_from, date_to)


@report_app.command("entity")
def report_entity(name: str, fmt: FormatOpt = "text", lang: LangOpt = "en",
                  as_of: AsOfOpt = None, date_from: FromOpt = None, date_to: ToOpt = None) -> None:
    """What targets or involves an entity: instruments, laws, alliances, chains, listed affiliates."""
    emit_report("entity", {"entity": name}, fmt, lang, as_of, date_from, date_to)


@report_app.command("path")
def report_path(source: str, target: str, fmt: FormatOpt = "text", lang: LangOpt = "en",
                as_of: AsOfOpt = None, date_from: FromOpt = None, date_to: ToOpt = None) -> None:
    """The shortest connections between two entities, every hop with its evidence."""
    emit_report("path", {"source": source, "target": target}, fmt, lang, as_of, date_from, date_to)


@report_app.command("chain")
def report_chain(name: str, fmt: FormatOpt = "text", lang: LangOpt = "en",
                 as_of: AsOfOpt = None, date_from: FromOpt = None, date_to: ToOpt = None) -> None:
    """An industry chain's segments, who leads each, dependencies, chokepoints, measures hitting them."""
    emit_report("chain", {"chain": name}, fmt, lang, as_of, date_from, date_to)


@report_app.command("countermeasures")
def report_countermeasures(fmt: FormatOpt = "text", lang: LangOpt = "en",
                           as_of: AsOfOpt = None, date_from: FromOpt = None, date_to: ToOpt = None) -> None:
    """Measures set against the responses the papers describe."""
    emit_report("countermeasures", {}, fmt, lang, as_of, date_from, date_to)


@report_app.command("compare")
def report_compare(first: str, second: str, fmt: FormatOpt = "text", lang: LangOpt = "en",
                   as_of: AsOfOpt = None, date_from: FromOpt = None, date_to: ToOpt = None) -> None:
    """Two administrations side by side: what the later continued, added, eased or dropped, with evidence."""
    emit_report("compare", {"a": first, "b": second}, fmt, lang, as_of, date_from, date_to)


@report_app.command("listings")
def report_listings(country: Annotated[str | None, typer.Option(help="Country code, e.g. CN")] = None,
                    fmt: FormatOpt = "text", lang: LangOpt = "en",
                    as_of: AsOfOpt = None, date_from: FromOpt = None, date_to: ToOpt = None) -> None:
    """Parties on the U.S. Consolidated Screening List by notice, country and list (needs --screening-list)."""
    emit_report("listings", {"country": country or ""}, fmt, lang, as_of, date_from, date_to)


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Option(help="Gold-set folder")] = Path("tests/gold"),
    show: Annotated[int, typer.Option(help="How many misses and wrong edges to list")] = 30,
    set_: Annotated[Path | None, typer.Option(
        "--set", help="A document set with keys (e.g. tests/devset): build it as the corpus and score the "
        "entity candidates and relations found in its documents")] = None,
) -> None:
    """Precision and recall of the built graph against the gold set, per relation type and document."""
    if set_ is not None:
        from policykg.extract.ingest.devscore import format_scores, score_set
        from policykg.graph.build import load_or_build

        if not (set_ / "keys").is_dir():
            raise InputError([Problem(str(set_), "no keys/ folder",
                                      "a set holds sources.yaml, the documents and keys/")])
        result = load_or_build(replace(STATE.settings, corpus=set_))
        typer.echo(format_scores(score_set(result.graph, set_ / "keys"), show))
        return
    from policykg.config import REPO_ROOT
    from policykg.extract.gazetteer import load_gazetteer
    from policykg.graph.build import known_doc_ids
    from policykg.graph.evaluate import evaluate, format_result
    from policykg.graph.schema import load_schema

    s = STATE.settings
    g = graph()
    gaz = load_gazetteer(s.gazetteer_dirs, load_schema(s.schema), known_doc_ids(s, set(g.meta.get("documents", []))))
    folder = gold if gold.is_absolute() or gold.exists() else REPO_ROOT / gold
    typer.echo(format_result(evaluate(g, gaz, folder), show))


@app.command()
def train(
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Where to write the model [default: loaders/scorer.json of the project, or of the "
        "corpus overlay when it has assertions of its own]")] = None,
    keyed: Annotated[list[Path] | None, typer.Option(
        "--set", help="Also learn from a keyed document set (sources.yaml, documents, keys/), e.g. tests/devset; "
        "repeatable")] = None,
    no_cross_validation: Annotated[bool, typer.Option(
        "--no-cross-validation", help="Fit the proposal trees only and keep the threshold and the pair model of "
        "the model being replaced (0.5 and none if there is none): the same trees in a fraction of the time")] = False,
) -> None:
    """Train the relation-proposal scorer on the curated assertions (and keyed document sets)."""
    from policykg.extract.ingest.scorer import CV_FOLDS, load_scorer, write_scorer
    from policykg.extract.ingest.scorer import train as fit_scorer
    from policykg.extract.ingest.training import curated_examples, keyed_examples

    s = STATE.settings
    examples, prior = curated_examples(s, keyed)
    typer.echo(f"Curated assertions: {len(examples)} proposals in their sentences "
               f"({sum(e.label for e in examples)} positive)")
    for folder in keyed or []:
        more, _ = keyed_examples(s, folder, prior)
        typer.echo(f"Keyed set {folder}: {len(more)} proposals ({sum(e.label for e in more)} positive)")
        examples += more
        more, _ = keyed_examples(s, folder, prior, new_text=True)
        typer.echo(f"  read as new texts (the library's firms, bodies, people, programmes, measures and laws "
                   f"unknown): {len(more)} proposals ({sum(e.label for e in more)} positive)")
        examples += more
    own = (s.overlay / "assertions").is_dir()
    target = output or (s.overlay / "scorer.json" if own else s.loaders / "scorer.json")
    if no_cross_validation:
        old = load_scorer([target]) if target.is_file() else None
        kept = old.threshold if old is not None else 0.5
        typer.echo(f"No cross-validation: the threshold stays {kept:.2f}"
                   + (", and so does the pair model" if old is not None and old.pairs is not None else ""))
        scorer = fit_scorer(examples, prior, keep_threshold=kept, keep_pairs=old.pairs if old is not None else None)
    else:
        typer.echo(f"Cross-validation (documents kept together in {CV_FOLDS} folds):")
        scorer = fit_scorer(examples, prior, progress=typer.echo)
    try:
        write_scorer(scorer, target)
    except OSError as exc:
        raise InputError([Problem(str(target), f"cannot write ({exc.strerror or exc})",
                                  "choose a folder you can write to with -o FILE")]) from None
    typer.echo(f"Wrote {target} ({scorer.size})")


from policykg.cli.export import export_app  # noqa: E402 - sub-commands register after the root app exists

app.add_typer(export_app, name="export")

from policykg.cli.neo4j import cypher, neo4j_app  # noqa: E402

app.add_typer(neo4j_app, name="neo4j")
app.command("cypher")(cypher)

from policykg.cli.ingest import add, proposals, review  # noqa: E402

app.command("add")(add)
app.command("proposals")(proposals)
app.command("review")(review)

from policykg.cli.screening import resolve_command, screening_app  # noqa: E402

app.command("resolve")(resolve_command)
app.add_typer(screening_app, name="screening")

from policykg.cli.view import serve, view  # noqa: E402

app.command("view")(view)
app.command("serve")(serve)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds: temporary files are removed on the way out


def main() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    tune_gc()
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("Error: interrupted", err=True)
        sys.exit(130)
    except InputError as exc:
        for p in exc.problems:
            typer.echo(f"Error: {p}", err=True)
        if len(exc.problems) > 1:
            typer.echo(f"Error: {len(exc.problems)} problems; nothing was written", err=True)
        sys.exit(1)
    except PolicykgError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    finally:
        before_exit()


if __name__ == "__main__":
    main()
