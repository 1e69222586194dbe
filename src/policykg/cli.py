"""The policykg command line: a thin layer over the library. Every failure is one 'Error: …' line."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from .build import BuildResult, load_or_build
from .config import Settings
from .errors import InputError, PolicykgError
from .graph import Evidence, Node, PolicyGraph

app = typer.Typer(
    name="policykg", no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
    help="A typed, evidence-backed knowledge graph of US-China technology-competition policy.",
)


class State:
    settings: Settings = Settings()


STATE = State()


@app.callback()
def _global(
    corpus: Annotated[Path | None, typer.Option(help="Corpus folder with sources.yaml [env POLICYKG_CORPUS]")] = None,
    cache: Annotated[Path | None, typer.Option(help="Cache folder [env POLICYKG_CACHE]")] = None,
    screening_list: Annotated[Path | None, typer.Option(
        "--screening-list", help="Include the U.S. Consolidated Screening List JSON "
        "[env POLICYKG_SCREENING_LIST]")] = None,
) -> None:
    s = Settings()
    if corpus is not None:
        s = replace(s, corpus=corpus)
    if cache is not None:
        s = replace(s, cache=cache)
    if screening_list is not None:
        s = replace(s, screening_list=screening_list)
    STATE.settings = s


def graph(rebuild: bool = False) -> PolicyGraph:
    return built(rebuild).graph


def built(rebuild: bool = False) -> BuildResult:
    return load_or_build(STATE.settings, rebuild=rebuild)


def short(text: str | None, width: int = 160) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= width else t[: width - 1] + "…"


def cite(ev: Evidence) -> str:
    if ev.doc:
        return f"[{ev.doc} {ev.start}-{ev.end} § {short(ev.section, 60)}] ({ev.method} {ev.confidence:.2f})"
    return f"[{ev.method}: {ev.source or ev.record or ''}]"


@app.command()
def build(
    rebuild: Annotated[bool, typer.Option(help="Ignore the cache and build from the corpus")] = False,
    show_rejected: Annotated[int, typer.Option(help="How many rejected facts to list (-1: all)")] = 20,
) -> None:
    """Build the graph from the corpus (cached by content hash); print counts and rejected facts."""
    result = built(rebuild)
    g = result.graph
    nodes, edges = g.counts()
    where = f"cache {result.cache_file}" if result.from_cache else "corpus"
    typer.echo(f"Built graph from {where} in {result.seconds:.2f}s: {len(g.nodes)} nodes, {len(g.edges)} edges")
    typer.echo("Nodes by type:")
    for t, c in sorted(nodes.items()):
        typer.echo(f"  {t:<16} {c:>6}")
    typer.echo("Edges by type:")
    for t, c in sorted(edges.items()):
        typer.echo(f"  {t:<16} {c:>6}")
    stages = Counter(s for e in g.edges.values() for s in e.stages)
    typer.echo("Edges by stage: " + ", ".join(f"{k} {v}" for k, v in sorted(stages.items())))
    typer.echo(f"Rejected facts: {len(g.rejected)}")
    by_reason = Counter(r.reason.split(" (")[0] for r in g.rejected)
    for reason, c in by_reason.most_common(8):
        typer.echo(f"  {c:>5} × {reason}")
    limit = len(g.rejected) if show_rejected < 0 else show_rejected
    for r in g.rejected[:limit]:
        typer.echo(f"  - {r}")


def print_entity(g: PolicyGraph, node: Node, lang: str = "en", evidence_per_edge: int = 2) -> None:
    typer.echo(f"{node.label(lang)}  [{node.type}{' / ' + node.kind if node.kind else ''}]  id={node.id}")
    if node.aliases:
        typer.echo("  names: " + " | ".join([node.name, *node.aliases]))
    for k, v in sorted(node.properties.items()):
        typer.echo(f"  {k}: {', '.join(map(str, v)) if isinstance(v, list) else v}")
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
    from .resolve import resolve_node

    g = graph()
    print_entity(g, resolve_node(g, name), lang)


@app.command()
def anchor(
    doc: Annotated[str, typer.Argument(help="Document id")],
    phrases: Annotated[list[str], typer.Argument(help="Anchor phrases that must all occur in one sentence")],
) -> None:
    """Show the sentences an anchor (list) finds: a helper for writing curated assertions."""
    from .corpus import read_corpus

    s = STATE.settings
    docs = {d.id: d for d in read_corpus(s.corpus, s.loaders / "documents.yaml")}
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


export_app = typer.Typer(help="Write the graph in an exchange format.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("json")
def export_json(
    output: Annotated[str, typer.Option("-o", "--output", help="File to write, or - for stdout")] = "-",
) -> None:
    """The graph as {"nodes": [...], "edges": [...]} with evidence (format in the README)."""
    from .exporters import json_export, write_output

    g = graph()
    write_output(output, lambda fh: json_export.write(g, fh))


def main() -> None:
    try:
        app()
    except InputError as exc:
        for p in exc.problems:
            typer.echo(f"Error: {p}", err=True)
        if len(exc.problems) > 1:
            typer.echo(f"Error: {len(exc.problems)} problems; nothing was written", err=True)
        sys.exit(1)
    except PolicykgError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
