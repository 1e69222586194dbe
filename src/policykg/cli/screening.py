"""Commands on the U.S. Consolidated Screening List layer: `resolve`, and `screening listings|affiliates`.

Register in cli/main.py (after the root app exists):

    from policykg.cli.screening import resolve_command, screening_app
    app.command("resolve")(resolve_command)
    app.add_typer(screening_app, name="screening")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policykg.cli.common import STATE, graph, short
from policykg.errors import NotFoundError, PolicykgError

if TYPE_CHECKING:  # the screening module loads when one of these commands runs, not for every command
    from policykg.resolve.screening import Match

REVIEW_HELP = 0.35  # screening.REVIEW, for the help text (tests/test_speed_imports.py checks that they agree)

screening_app = typer.Typer(help="The U.S. Consolidated Screening List joined to the papers' graph.",
                            no_args_is_help=True)


def _screening_path() -> Path:
    path = STATE.settings.screening_list
    if path is None:
        raise PolicykgError("no screening list: give --screening-list FILE or set POLICYKG_SCREENING_LIST")
    return path


def _print_matches(matches: list[Match]) -> None:
    typer.echo(f"{'candidate':<28} {'listed party':<52} {'list':<5} {'score':>5}  {'method':<26} reason")
    for m in matches:
        party = f"{m.party_name} [{', '.join(m.countries) or '-'}] ({m.party_id})"
        typer.echo(f"{short(m.entity_name, 28):<28} {short(party, 52):<52} {m.list_code:<5} {m.score:>5.2f}  "
                   f"{short(m.method, 26):<26} {m.reason}")


def resolve_command(
    review: Annotated[bool, typer.Option("--review", help="List the ambiguous matches that were not linked")] = False,
    include_below: Annotated[bool, typer.Option(
        "--all", help=f"With --review, also list candidates scored below {REVIEW_HELP:.2f}")] = False,
    entity: Annotated[str | None, typer.Option(help="Only this paper company or organisation (name or id)")] = None,
) -> None:
    """Entity resolution of the papers' companies against the screening list: what was linked, and (--review)
    what was not because it is ambiguous."""
    from policykg.query.screening import listed_on
    from policykg.resolve.screening import ACCEPT, paper_entities, resolution, review_matches

    path = _screening_path()
    g = graph()
    only = None
    if entity is not None:
        from policykg.resolve.nodes import resolve_node

        only = resolve_node(g, entity).id
    if review:
        matches = [m for m in review_matches(g, path, include_below) if only is None or m.entity_id == only]
        typer.echo(f"{len(matches)} candidate matches for review (linked at >= {ACCEPT:.2f}; never merged "
                   f"below): {path.name}")
        _print_matches(matches)
        return
    matches = resolution(g, path)
    by_entity: dict[str, list[Match]] = {}
    for m in matches:
        by_entity.setdefault(m.entity_id, []).append(m)
    entities = paper_entities(g)
    typer.echo(f"Resolution of {len(entities)} paper companies/organisations against {path.name}:")
    for ent in entities:
        if only is not None and ent.id != only:
            continue
        ms = by_entity.get(ent.id, [])
        if not ms and only is None:
            continue
        counts = {d: sum(1 for m in ms if m.decision == d) for d in ("same", "affiliate", "review", "below")}
        typer.echo(f"\n{ent.name} ({ent.id}): listed itself {counts['same']}, affiliates {counts['affiliate']}, "
                   f"for review {counts['review']}")
        for lst in listed_on(g, ent.id):
            typer.echo(f"  LISTED_ON {lst.list_name} ({lst.list_code}) since {lst.date or '-'}: "
                       f"{', '.join(lst.citations) or 'no notice given'}")
        for m in ms:
            if m.decision == "same":
                typer.echo(f"    record: {m.party_name} (entry {m.party_index}, {m.list_code}; "
                           f"{m.method} {m.score:.2f})")
    if only is None:
        typer.echo("\nUse --review to see ambiguous candidates, `screening affiliates NAME` for the affiliates.")


@screening_app.command("listings")
def listings_command(
    country: Annotated[list[str] | None, typer.Option(
        "--country", help="ISO country code of the party's address (repeatable; 'all' for every country)")] = None,
    list_code: Annotated[list[str] | None, typer.Option(
        "--list", help="List code (EL, MEU, UVL, SDN, CMIC, ...) or instrument id; repeatable")] = None,
    since: Annotated[int | None, typer.Option(help="Only parties added in or after this year")] = None,
    until: Annotated[int | None, typer.Option(help="Only parties added in or before this year")] = None,
    rows: Annotated[int, typer.Option(help="How many parties to list (-1: all, 0: counts only)")] = 20,
) -> None:
    """Which parties were added to which list through which Federal Register notices, by country and list."""
    from policykg.query.screening import CHINA, listings

    _screening_path()
    g = graph()
    countries = None if country and [c.lower() for c in country] == ["all"] else (country or list(CHINA))
    years = (since or 0, until or 9999) if since or until else None
    result = listings(g, countries, list_code, years)
    if not result.rows:
        raise NotFoundError("no listings match; check --country (ISO code) and --list (e.g. EL)")
    typer.echo("Parties by country and list:")
    for c, code, n in result.counts():
        typer.echo(f"  {c:<4} {code:<7} {n:>6}")
    typer.echo("Parties added by year:")
    for c, code, year, n in result.by_year():
        typer.echo(f"  {c:<4} {code:<7} {year if year is not None else '-':>6} {n:>6}")
    typer.echo("Largest adding notices:")
    for c, code, cite, year, n in sorted(result.notices(), key=lambda x: -x[4])[:15]:
        typer.echo(f"  {c:<4} {code:<7} {cite or '(no notice)':<14} {year if year is not None else '-':>6} {n:>6}")
    added = [r for r in result.rows if r.added]
    limit = len(added) if rows < 0 else rows
    if limit:
        typer.echo("Parties (the notice that added each):")
        for r in added[:limit]:
            typer.echo(f"  {r.date or '-':<10} {r.list_code:<5} {r.citation or '-':<14} {short(r.party, 70)} "
                       f"[{r.country}] ({r.party_id})")
        if len(added) > limit:
            typer.echo(f"  … {len(added) - limit} more (--rows -1 for all)")


@screening_app.command("affiliates")
def affiliates_command(
    name: Annotated[str, typer.Argument(help="A paper company or organisation: name, alias or id")],
) -> None:
    """A company's own listings and its listed affiliates, with their lists and notices."""
    from policykg.query.screening import affiliates, listed_on
    from policykg.resolve.nodes import resolve_node

    _screening_path()
    g = graph()
    node = resolve_node(g, name)
    own = listed_on(g, node.id)
    typer.echo(f"{node.name} ({node.id})")
    for lst in own:
        typer.echo(f"  LISTED_ON {lst.list_name} ({lst.list_code}) since {lst.date or '-'}: "
                   f"{', '.join(lst.citations) or 'no notice given'}")
    found = affiliates(g, node.id)
    typer.echo(f"  {len(found)} listed affiliates:")
    for a in found:
        lists = "; ".join(f"{lst.list_code} {lst.date or '-'} {', '.join(lst.citations[:3])}"
                          + (" …" if len(lst.citations) > 3 else "") for lst in a.listings)
        typer.echo(f"    {short(a.name, 60):<60} [{', '.join(a.countries) or '-'}] {a.score:.2f} {a.method:<18} "
                   f"{lists}")
