"""`policykg export FORMAT`: one sub-command per format."""

from __future__ import annotations

from typing import Annotated

import typer

from .cli_common import graph

export_app = typer.Typer(help="Write the graph in an exchange format (deterministic bytes).", no_args_is_help=True)


@export_app.command("json")
def export_json(
    output: Annotated[str, typer.Option("-o", "--output", help="File to write, or - for stdout")] = "-",
) -> None:
    """The graph as {"nodes": [...], "edges": [...]} with evidence (format in the README)."""
    from .exporters import json_export, write_output

    g = graph()
    write_output(output, lambda fh: json_export.write(g, fh))
