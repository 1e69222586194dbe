"""`policykg neo4j load|query|status` and `policykg cypher`: the graph in Neo4j 5 over Bolt.

Connection settings come from --uri/--user/--password or NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (default
bolt://127.0.0.1:7687 without authentication, as ``scripts/neo4j-harness start`` runs it).
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from policykg.cli.common import STATE, echo_counts, graph, short
from policykg.config import DEFAULT_NEO4J_URI as DEFAULT_URI
from policykg.errors import PolicykgError

if TYPE_CHECKING:  # the driver is imported by the commands that talk to Neo4j, not by every command
    from neo4j import Driver

    from policykg.backends.neo4j_backend import Progress

neo4j_app = typer.Typer(
    help="Load the graph into Neo4j 5 and query it there (Bolt: docker compose up, or scripts/neo4j-harness).",
    no_args_is_help=True,
)

UriOpt = Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="Bolt URI of Neo4j")]
UserOpt = Annotated[str, typer.Option("--user", envvar="NEO4J_USER", help="User name; empty: no authentication")]
PasswordOpt = Annotated[str, typer.Option("--password", envvar="NEO4J_PASSWORD", help="Password",
                                          show_default=False)]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table or json")]
FORMATS = ("table", "json")


def _connect(uri: str, user: str, password: str) -> AbstractContextManager[Driver]:
    from policykg.backends.neo4j_backend import Connection, connect

    # The driver logs every server notification as a multi-line warning; the CLI prints what matters itself.
    driver_log = logging.getLogger("neo4j")
    if not any(isinstance(h, logging.NullHandler) for h in driver_log.handlers):
        driver_log.addHandler(logging.NullHandler())
    return connect(Connection(uri, user, password))


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise PolicykgError(f"--format must be table or json, not {fmt!r}")


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def echo_rows(columns: list[str], rows: list[dict[str, Any]], fmt: str, header: Mapping[str, Any]) -> None:
    """Rows as a ' | ' table (cells cut at 60 characters) or as JSON with the header's keys first."""
    if fmt == "json":
        typer.echo(json.dumps({**header, "columns": columns, "rows": rows}, ensure_ascii=False, indent=1))
        return
    if not rows:
        typer.echo("(no rows)")
        return
    typer.echo(" | ".join(columns))
    for row in rows:
        typer.echo(" | ".join(short(_cell(row.get(c)), 60) for c in columns))
    typer.echo(f"({len(rows)} rows)")


def parse_cypher_params(items: list[str] | None) -> dict[str, Any]:
    """``NAME=VALUE`` binds the string VALUE; ``NAME:=JSON`` binds a number, boolean, list, map or null."""
    out: dict[str, Any] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip(" :"):
            raise PolicykgError(f"--param takes NAME=VALUE or NAME:=JSON, not {item!r}")
        if key.endswith(":"):
            key = key[:-1]
            try:
                out[key.strip()] = json.loads(value)
            except json.JSONDecodeError as exc:
                raise PolicykgError(f"--param {key.strip()}:= needs a JSON value, not {value!r} ({exc.msg})") from None
        else:
            out[key.strip()] = value
    return out


PROGRESS_EVERY = 5.0  # seconds between two progress lines when stderr is not a terminal
LONG_LOAD = 10_000  # rows: a shorter load prints no progress lines to a log


@contextmanager
def progress_bar(total: int) -> Iterator[Progress | None]:
    """Progress of a load on stderr: a rich bar on a terminal (per batch); in a log or pipe, for a load of more
    than LONG_LOAD rows, a line every PROGRESS_EVERY seconds with the rows written so far."""
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        if total <= LONG_LOAD:
            yield None
            return
        started = last = time.perf_counter()
        done = 0

        def line(what: str, rows: int) -> None:
            nonlocal done, last
            done += rows
            now = time.perf_counter()
            if now - last >= PROGRESS_EVERY or done == total:
                last = now
                typer.echo(f"loading: {done}/{total} nodes and relationships written ({what}, "
                           f"{now - started:.0f}s)", err=True)

        yield line
        return
    columns = (TextColumn("{task.description:<32}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("loading", total=total)

        def advance(what: str, rows: int) -> None:
            bar.update(task, advance=rows, description=what)

        yield advance


@neo4j_app.command("load")
def load(
    wipe: Annotated[bool, typer.Option(help="First delete every node an earlier load wrote (label :Node)")] = False,
    batch_size: Annotated[int, typer.Option(help="Rows per UNWIND statement")] = 1000,
    uri: UriOpt = DEFAULT_URI,
    user: UserOpt = "",
    password: PasswordOpt = "",
) -> None:
    """Load the built graph into Neo4j: schema constraints, then batched CREATE into a database without a policykg
    graph (--wipe, or a first load), else batched MERGE on ids (loading twice changes nothing)."""
    from policykg.backends.neo4j_backend import graph_counts, load_graph

    g = graph()
    with _connect(uri, user, password) as driver:
        with progress_bar(len(g.nodes) + len(g.edges)) as advance:
            result = load_graph(driver, g, batch_size=batch_size, wipe=wipe, progress=advance)
        # created: Neo4j held no policykg node before, and every batch's count was checked; else count what it holds
        nodes, rels = (Counter(), Counter()) if result.created else graph_counts(driver)
    if wipe:
        typer.echo(f"Deleted {result.wiped_nodes} nodes of an earlier load in {result.wipe_seconds:.2f}s")
    how = "created" if result.created else "merged on ids"
    typer.echo(f"Loaded {result.nodes} nodes and {result.relationships} relationships into {uri} in "
               f"{result.seconds:.2f}s ({result.statements} statements of up to {batch_size} rows, {how})")
    extra_nodes, extra_rels = sum(nodes.values()) - len(g.nodes), sum(rels.values()) - len(g.edges)
    if not result.created and (extra_nodes or extra_rels):
        typer.echo(f"Neo4j also holds {extra_nodes} nodes and {extra_rels} relationships that this graph does not "
                   "have (from an earlier load): load with --wipe to remove them")


@neo4j_app.command("query")
def query(
    name: Annotated[str, typer.Argument(help="Query name (policykg query --list shows them)")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE; entities resolve by any name, alias or id")
    ] = None,
    fmt: FormatOpt = "table",
    uri: UriOpt = DEFAULT_URI,
    user: UserOpt = "",
    password: PasswordOpt = "",
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Only what is known to be in force on that day: YYYY, YYYY-MM or YYYY-MM-DD ($as_of)")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Only what changed on or after this date ($from)")
                         ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="... and on or before this date ($to)")] = None,
) -> None:
    """Run a library query (queries/*.cypher) on Neo4j; names resolve there as on the embedded graph; the time
    filter is passed as $as_of, $from, $to (null when not given), the same rows as `policykg query`."""
    from policykg.backends.neo4j_backend import names_graph, run_library_query
    from policykg.cli.common import parse_params
    from policykg.graph.schema import load_schema
    from policykg.graph.time import window
    from policykg.query.library import load_library, resolve_params, time_params

    _check_format(fmt)
    library = load_library(STATE.settings.queries)
    if name not in library:
        raise PolicykgError(f"no query named {name!r}; known: {', '.join(library)}")
    spec = library[name]
    raw = parse_params(param)
    when = time_params(spec, window(as_of, date_from, date_to))  # a bad date fails before Neo4j is asked
    schema = load_schema(STATE.settings.schema)
    with _connect(uri, user, password) as driver:
        ids = [raw[p.name] for p in spec.params if p.kind == "entity" and p.name in raw]
        params = resolve_params(names_graph(driver, schema, ids), spec, raw)
        params.update({k: v for k, v in when.items() if v is not None})
        rows = run_library_query(driver, spec, params)
    shown = {**raw, **{k: v for k, v in when.items() if v is not None}}
    echo_rows(list(spec.columns), rows, fmt, {"query": name, "params": shown})


@neo4j_app.command("status")
def status(uri: UriOpt = DEFAULT_URI, user: UserOpt = "", password: PasswordOpt = "") -> None:
    """Whether Neo4j answers, its version, and the graph it holds: nodes per label, relationships per type."""
    from policykg.backends.neo4j_backend import graph_counts, run_cypher, server_info

    with _connect(uri, user, password) as driver:
        info = server_info(driver)
        nodes, rels = graph_counts(driver)
        constraints = run_cypher(driver, "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'policykg_' "
                                         "RETURN count(*) AS count").rows[0]["count"]
    typer.echo(f"Neo4j {info['version']} {info['edition']} at {uri}: {sum(nodes.values())} nodes, "
               f"{sum(rels.values())} relationships, {constraints} policykg constraints")
    if nodes:
        echo_counts("Nodes by label:", nodes)
        echo_counts("Relationships by type:", rels)
    else:
        typer.echo("No policykg graph loaded: run policykg neo4j load")


def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher statement, or - to read it from stdin")],
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="NAME=VALUE binds a string to $NAME; NAME:=JSON a number, list, map or boolean")] = None,
    write: Annotated[bool, typer.Option(
        help="Allow the statement to change the database (it then runs as it is, without the read-only check)"),
    ] = False,
    fmt: FormatOpt = "table",
    uri: UriOpt = DEFAULT_URI,
    user: UserOpt = "",
    password: PasswordOpt = "",
) -> None:
    """Run Cypher on Neo4j, read-only unless --write: without it, a statement that writes, reads server files or
    URLs (LOAD CSV), calls a DBMS procedure or is an administration command is refused before it runs. Pass
    values as $parameters (--param), never in the text."""
    from policykg.backends.neo4j_backend import run_cypher

    _check_format(fmt)
    text = sys.stdin.read() if query == "-" else query
    if not text.strip():
        raise PolicykgError("the Cypher statement is empty")
    params = parse_cypher_params(param)
    with _connect(uri, user, password) as driver:
        result = run_cypher(driver, text, params, write=write)
    for warning in result.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    echo_rows(result.columns, result.rows, fmt, {"counters": result.counters} if write else {})
    if write and fmt == "table" and result.counters:
        typer.echo("(" + ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.counters.items()) + ")")
