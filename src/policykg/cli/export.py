"""`policykg export FORMAT`: one sub-command per format; every export is deterministic (same graph, same bytes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TextIO

import typer

from policykg.cli.common import STATE, graph
from policykg.graph.model import PolicyGraph

export_app = typer.Typer(
    help="Write the graph in an exchange format (deterministic bytes: same graph, same file). "
         "GEXF and GraphML leave out the lexical layer (documents, sections, mentions) unless --lexical; "
         "the other formats keep it unless --no-lexical.",
    no_args_is_help=True,
)

OutputOpt = Annotated[str, typer.Option("-o", "--output", help="File to write, or - for stdout")]
SubgraphOpt = Annotated[list[str] | None, typer.Option(
    "--subgraph", metavar="SPEC",
    help="Export only part of the graph (repeatable; the union is kept, with every edge between kept nodes): "
         "type:Law,Policy | entity:NAME[:DEPTH] (default depth 1) | report:NAME[:PARAM] "
         "(PARAM: the report's one argument, or key=value&key=value)")]
LexicalOpt = Annotated[bool | None, typer.Option(
    "--lexical/--no-lexical",
    help="Include the lexical layer: Document and Section nodes, HAS_SECTION and MENTIONS edges "
         "(with --subgraph: the sections mentioning the chosen entities and their documents)")]


def _selected(subgraph: list[str] | None, lexical: bool | None, default_lexical: bool) -> PolicyGraph:
    from policykg.exporters.subgraph import parse_spec, select

    specs = [parse_spec(s) for s in subgraph or []]  # bad specs fail before the graph is loaded
    return select(graph(), specs, lexical=default_lexical if lexical is None else lexical)


def _export(output: str, subgraph: list[str] | None, lexical: bool | None, default_lexical: bool,
            write: Callable[[PolicyGraph, TextIO], None], suffix: str) -> None:
    from policykg.exporters import write_output

    _check_output(output, f"policykg.{suffix}")  # before the graph is built or loaded
    g = _selected(subgraph, lexical, default_lexical)
    write_output(output, lambda fh: write(g, fh), f"policykg.{suffix}")


def _check_output(output: str, example: str) -> None:
    """A directory given as the output file is an error before any work is done."""
    from policykg.exporters.common import ExportError

    if output != "-" and Path(output).is_dir():
        raise ExportError(f"{output}: is a directory (fix: give a file name, e.g. -o {Path(output) / example})")


@export_app.command("gexf")
def export_gexf(output: OutputOpt = "-", subgraph: SubgraphOpt = None, lexical: LexicalOpt = None) -> None:
    """GEXF 1.3 for Gephi, with colours by node type and a dynamic graph for the Timeline.

    English labels (name_zh is an attribute), typed attributes, node size by mentions and relations, edge kind =
    relationship type and weight = evidence records; administrations live through their term, measures and dated
    edges from their date.

    Leaves out the lexical layer unless --lexical: hundreds of section nodes make the picture unreadable.
    """
    from policykg.exporters import gexf

    _export(output, subgraph, lexical, False, gexf.write, "gexf")


@export_app.command("graphml")
def export_graphml(output: OutputOpt = "-", subgraph: SubgraphOpt = None, lexical: LexicalOpt = None) -> None:
    """GraphML for yEd, Cytoscape or networkx: typed keys, lists and evidence as JSON strings.

    Leaves out the lexical layer unless --lexical.
    """
    from policykg.exporters import graphml

    _export(output, subgraph, lexical, False, graphml.write, "graphml")


@export_app.command("turtle")
def export_turtle(output: OutputOpt = "-", subgraph: SubgraphOpt = None, lexical: LexicalOpt = None) -> None:
    """RDF Turtle: the vocabulary of schema/policykg.ttl, @en/@zh labels, typed dates, PROV-O evidence.

    Validate it with the SHACL shapes of schema/policykg.shacl.ttl (e.g. pyshacl).
    """
    from policykg.exporters import rdf

    _export(output, subgraph, lexical, True, rdf.write_turtle, "ttl")


@export_app.command("jsonld")
def export_jsonld(output: OutputOpt = "-", subgraph: SubgraphOpt = None, lexical: LexicalOpt = None) -> None:
    """RDF as JSON-LD (the same triples as `export turtle`, compacted with prefixes)."""
    from policykg.exporters import rdf

    _export(output, subgraph, lexical, True, rdf.write_jsonld, "jsonld")


@export_app.command("csv")
def export_csv(
    output: Annotated[str, typer.Option("-o", "--output", help="Directory to write (created, or replaced if it "
                                        "holds only an earlier CSV export)")],
    subgraph: SubgraphOpt = None,
    lexical: LexicalOpt = None,
) -> None:
    """CSV files for `neo4j-admin database import full`, and the command line to import them.

    One file per node label and per relationship type, Neo4j 5 header types, arrays split on ';', evidence as a
    JSON column. The command goes to stdout, the summary to stderr.
    """
    from policykg.exporters import neo4j_csv
    from policykg.exporters.common import ExportError

    if output == "-":
        raise ExportError("the CSV export writes a directory of files; give -o DIRECTORY")
    if Path(output).exists() and not Path(output).is_dir():  # before the graph is built or loaded
        raise ExportError(f"{output}: is a file; the CSV export writes a directory of files "
                          "(fix: give a new or empty directory)")
    g = _selected(subgraph, lexical, True)
    result = neo4j_csv.write_directory(g, output)
    typer.echo(f"Wrote {len(result.files())} files to {output}: {result.nodes} nodes, "
               f"{result.relationships} relationships. Import them into a stopped Neo4j 5 with:", err=True)
    typer.echo(result.command(output))


@export_app.command("json")
def export_json(output: OutputOpt = "-", subgraph: SubgraphOpt = None, lexical: LexicalOpt = None) -> None:
    """The graph as {"nodes": [...], "edges": [...]} with evidence (format in the README)."""
    from policykg.exporters import json_export

    _export(output, subgraph, lexical, True, json_export.write, "json")


@export_app.command("vocabulary")
def export_vocabulary(output: OutputOpt = "-") -> None:
    """The RDF vocabulary (OWL classes and properties) derived from schema/schema.yaml.

    The committed copy is schema/policykg.ttl: `policykg export vocabulary -o schema/policykg.ttl`.
    """
    from policykg.exporters import rdf, write_text
    from policykg.graph.schema import load_schema

    write_text(output, rdf.vocabulary_turtle(load_schema(STATE.settings.schema)), "policykg.ttl")


@export_app.command("shapes")
def export_shapes(output: OutputOpt = "-") -> None:
    """The SHACL shapes derived from schema/schema.yaml, for validating the RDF exports.

    The committed copy is schema/policykg.shacl.ttl: `policykg export shapes -o schema/policykg.shacl.ttl`.
    """
    from policykg.exporters import rdf, write_text
    from policykg.graph.schema import load_schema

    write_text(output, rdf.shapes_turtle(load_schema(STATE.settings.schema)), "policykg.shacl.ttl")
