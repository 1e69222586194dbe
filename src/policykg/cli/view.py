"""`policykg view` (a picture of a report or subgraph, one HTML file) and `policykg serve` (the local web app).

Both need the ``web`` extra (pyvis, Flask), imported only when the commands run.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated, TextIO

import typer

from policykg.cli.common import STATE, built, graph
from policykg.cli.export import SubgraphOpt, _check_output
from policykg.web import DEFAULT_MAX_NODES

REPORT_HELP = ("Report: sector SECTOR | administration NAME | timeline | entity NAME | path SOURCE TARGET | "
               "chain NAME | countermeasures | listings [COUNTRY]; leave it out for --subgraph specs or the whole "
               "graph")


def view(
    output: Annotated[str, typer.Option("-o", "--output", help="HTML file to write, or - for stdout")],
    report: Annotated[str | None, typer.Argument(metavar="REPORT", help=REPORT_HELP, show_default=False)] = None,
    args: Annotated[list[str] | None, typer.Argument(metavar="ARGS...", help="The report's arguments",
                                                     show_default=False)] = None,
    subgraph: SubgraphOpt = None,
    lang: Annotated[str, typer.Option(help="Names in en or zh")] = "en",
    max_nodes: Annotated[int, typer.Option(
        "--max-nodes", help="Draw at most this many nodes (the page says what was left out)")] = DEFAULT_MAX_NODES,
) -> None:
    """Draw a report's subgraph (or --subgraph specs) as one self-contained HTML file that opens offline.

    Colours by node type, the administrations pinned left to right in their order; click a node or an edge for
    its relations and the evidence sentences with document and section.

    E.g. `policykg view sector semiconductors -o semis.html`, `policykg view path "CHIPS Act" Samsung -o p.html`,
    `policykg view --subgraph entity:Huawei:2 -o huawei.html`.
    """
    from policykg.exporters import write_output
    from policykg.web.picture import make_picture, report_params

    _check_output(output, "policykg.html")
    params = report_params(report, args or []) if report is not None else {}
    pic = make_picture(graph(), report, params, subgraph or [], lang, max_nodes)
    html = pic.html()

    def write(fh: TextIO) -> None:
        fh.write(html)

    write_output(output, write, "policykg.html")
    if output != "-":
        typer.echo(f"Wrote {output}: {len(pic.node_ids)} nodes, {len(pic.edge_ids)} edges ({pic.scope}); "
                   "open it in a browser (works offline)", err=True)
    if pic.cap_note:
        typer.echo(f"Note: {pic.cap_note}", err=True)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port)")] = 8000,
) -> None:
    """A small read-only web app: search, entity pages, every report with its picture, a path finder, downloads."""
    from policykg.api import KnowledgeGraph
    from policykg.web.app import make_server

    kg = KnowledgeGraph(STATE.settings, built())
    server = make_server(kg, host, port)
    if not _loopback(host):
        typer.echo(f"Warning: listening on {host}: anyone who can reach this machine can read the graph", err=True)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Serving policykg at http://{shown}:{server.server_port}/ (read-only; Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("Stopped", err=True)
    finally:
        server.server_close()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
