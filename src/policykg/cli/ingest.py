"""Commands that grow the corpus: add documents, list proposals, review them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from policykg.cli.common import STATE, built, short
from policykg.errors import InputError, Problem

FORMATS = ("text", "json")


def add(
    files: Annotated[list[Path], typer.Argument(help="Documents to add (UTF-8 text or Markdown)")],
    doc_id: Annotated[str | None, typer.Option("--id", help="Document id [default: from the file name]")] = None,
    title: Annotated[str | None, typer.Option(help="Title [default: the first line]")] = None,
    layout: Annotated[str | None, typer.Option(help="Layout [default: detected]")] = None,
    year: Annotated[int | None, typer.Option(help="Year of the document")] = None,
) -> None:
    """Add documents to your corpus folder (--corpus / POLICYKG_CORPUS): copied in, registered in its
    sources.yaml with their sha256, language and layout detected. The next build reads them."""
    from policykg.extract.ingest.adding import add_document

    if doc_id is not None and len(files) > 1:
        raise InputError([Problem("--id", "one id for several files", "add the files one by one with --id")])
    for path in files:
        added = add_document(STATE.settings.corpus, path, doc_id, title, layout, year)
        typer.echo(f"Added {added.id}: {added.file} ({added.language}; layout {added.layout}: {added.reason})")
        typer.echo(f"  title: {added.title or '-'}")
    typer.echo("Next: policykg build, then policykg proposals / policykg show NAME")


def proposals(
    doc: Annotated[str | None, typer.Option(help="Only this document")] = None,
    min_confidence: Annotated[float, typer.Option(help="Only proposals at least this confident")] = 0.0,
    status: Annotated[str, typer.Option(help="pending, in-graph, known, rejected or all")] = "all",
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    limit: Annotated[int, typer.Option(help="How many relations to list in text (-1: all)")] = 50,
) -> None:
    """Entity candidates and relation proposals of the corpus, with confidence, reason and evidence.
    Those above the threshold in unreviewed documents are in the graph (stage 'proposed')."""
    if fmt not in FORMATS:
        raise InputError([Problem("--format", f"unknown format {fmt!r}", "use text or json")])
    wanted = {"all": None, "pending": "pending", "in-graph": "in graph", "known": "known", "rejected": "rejected"}
    if status not in wanted:
        raise InputError([Problem("--status", f"unknown status {status!r}", f"use one of {', '.join(wanted)}")])
    result = built()
    listing = result.graph.meta.get("proposals") or {}
    if doc is not None and doc not in result.graph.meta.get("documents", []):
        raise InputError([Problem("--doc", f"unknown document {doc!r}",
                                  f"use one of {', '.join(result.graph.meta.get('documents', []))}")])

    def keep(item: dict[str, Any]) -> bool:
        docs = item.get("docs") or [item.get("doc")]
        return (doc is None or doc in docs) and item["confidence"] >= min_confidence and (
            wanted[status] is None or item["status"] == wanted[status])

    entities = [e for e in listing.get("entities", []) if keep(e)]
    relations = [r for r in listing.get("relations", []) if keep(r)]
    if fmt == "json":
        typer.echo(json.dumps({"threshold": listing.get("threshold"), "scorer": listing.get("scorer"),
                               "entities": entities, "relations": relations}, ensure_ascii=False, indent=1))
        return
    typer.echo(f"Threshold {listing.get('threshold')} ({listing.get('scorer')}); "
               f"{len(entities)} entity candidates, {len(relations)} relation proposals")
    typer.echo("Entity candidates:")
    for e in entities[: limit if limit >= 0 else None]:
        typer.echo(f"  {e['id']}  {e['name']}  [{e['type'] or '?'}] {e['confidence']:.2f} {e['status']}; "
                   f"{e['reason']}; {', '.join(e['docs'])}")
    typer.echo("Relations:")
    for r in relations[: limit if limit >= 0 else None]:
        ev = r["evidence"][0]
        typer.echo(f"  {r['id']}  {r['source']['name']} -[{r['type']}]-> {r['target']['name']}  "
                   f"{r['confidence']:.2f} {r['status']}; {r['reason']}")
        typer.echo(f"      [{ev['doc']} {ev['start']}-{ev['end']}] {short(ev.get('text'), 140)}")
    if limit >= 0 and len(relations) > limit:
        typer.echo(f"  … {len(relations) - limit} more (--limit -1 for all)")


def review(
    accept: Annotated[list[str] | None, typer.Option(help="Accept a proposal by id (repeatable)")] = None,
    reject: Annotated[list[str] | None, typer.Option(help="Reject a proposal by id (repeatable)")] = None,
    write: Annotated[Path | None, typer.Option(help="Write the pending proposals to a file to decide in")] = None,
    apply: Annotated[Path | None, typer.Option(help="Apply the decisions of a file written by --write")] = None,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Decide in a prompt, one by one")] = False,
    doc: Annotated[str | None, typer.Option(help="Only proposals of this document")] = None,
) -> None:
    """Accept or reject proposals. Accepted ones become curated assertions and gazetteer entries in your
    corpus's loaders/ folder; rejected ones are remembered and not proposed again."""
    from policykg.extract.ingest.review import apply_decisions, describe

    listing = built().graph.meta.get("proposals") or {}
    acc, rej = list(accept or []), list(reject or [])
    pending = [("relations", r) for r in listing.get("relations", []) if r["status"] in {"pending", "in graph"}]
    pending += [("entities", e) for e in listing.get("entities", []) if e["status"] in {"pending", "in graph"}]
    pending = [(k, p) for k, p in pending if doc is None or doc in (p.get("docs") or [p.get("doc")])]
    if write is not None:
        _write_review_file(write, pending)
        typer.echo(f"Wrote {len(pending)} proposals to {write}: set decision: accept or reject, then "
                   f"policykg review --apply {write}")
        return
    if apply is not None:
        a, r = _read_review_file(apply)
        acc += a
        rej += r
    if interactive:
        for kind, p in pending:
            typer.echo(f"\n{p['id']}  {describe(kind, p)}  {p['confidence']:.2f} ({p['reason']})")
            for ev in p["evidence"][:1]:
                typer.echo(f"  [{ev['doc']} {ev['start']}-{ev['end']}] {short(ev.get('text'), 300)}")
            answer = typer.prompt("  [a]ccept, [r]eject, [s]kip, [q]uit", default="s").strip().lower()[:1]
            if answer == "q":
                break
            if answer == "a":
                acc.append(p["id"])
            elif answer == "r":
                rej.append(p["id"])
    if not acc and not rej:
        typer.echo(f"{len(pending)} proposals wait for review: policykg proposals --status pending; decide with "
                   "--accept/--reject ID, --interactive, or --write FILE then --apply FILE")
        return
    result = apply_decisions(STATE.settings, listing, acc, rej)
    typer.echo(f"Accepted {len(result.accepted_relations)} relations and {len(result.accepted_entities)} entities; "
               f"rejected {len(result.rejected)}")
    for f in sorted(result.files):
        typer.echo(f"  wrote {f}")
    typer.echo("The next build reads them (policykg build).")


def _write_review_file(path: Path, pending: list[tuple[str, dict[str, Any]]]) -> None:
    import yaml

    from policykg.extract.ingest.review import describe

    items = [{"id": p["id"], "what": describe(kind, p), "confidence": p["confidence"], "reason": p["reason"],
              "evidence": short(p["evidence"][0].get("text"), 200) if p["evidence"] else "", "decision": ""}
             for kind, p in pending]
    path.write_text("# decision: accept | reject | (empty: undecided)\n"
                    + yaml.safe_dump({"proposals": items}, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


def _read_review_file(path: Path) -> tuple[list[str], list[str]]:
    from policykg.yamlio import load_yaml, where

    raw = load_yaml(path)
    items = raw.get("proposals") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise InputError([Problem(str(path), "expected 'proposals:' as written by --write",
                                  "write it again with policykg review --write FILE")])
    acc: list[str] = []
    rej: list[str] = []
    problems = []
    for item in items:
        decision = str(item.get("decision") or "").strip().lower()
        if decision in {"accept", "a", "yes"}:
            acc.append(str(item["id"]))
        elif decision in {"reject", "r", "no"}:
            rej.append(str(item["id"]))
        elif decision:
            problems.append(Problem(where(path, item), f"unknown decision {decision!r}", "use accept or reject"))
    if problems:
        raise InputError(problems)
    return acc, rej
