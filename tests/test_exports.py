"""Exports on the real corpus graph, checked by the tools users open them with: Gephi's own importer, the GEXF
RELAX NG schema, networkx's GraphML reader, rdflib and pySHACL, and Neo4j 5 (LOAD CSV and neo4j-admin import).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import subprocess
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pyshacl
import pytest
import rdflib
from lxml import etree
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from typer.testing import CliRunner

from policykg.cli.main import app
from policykg.config import REPO_ROOT, Settings
from policykg.errors import NotFoundError
from policykg.exporters import gexf, graphml, neo4j_csv, rdf
from policykg.exporters.common import ExportError
from policykg.exporters.subgraph import parse_spec, select
from policykg.graph.build import BuildResult
from policykg.graph.model import Edge, Evidence, PolicyGraph

GEXF_RNG = REPO_ROOT.parent / "shared" / "data" / "gexf-1.3" / "gexf.rng"  # ../shared beside the repo
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
XSI_NS = "{http://www.w3.org/2001/XMLSchema-instance}"
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")  # plain: pytest's collection trips over rdflib's
ADMINISTRATIONS = {"administration:obama", "administration:trump-1", "administration:biden",
                   "administration:trump-2"}


@pytest.fixture(scope="module")
def graph(built: BuildResult) -> PolicyGraph:
    return built.graph


@pytest.fixture(scope="module")
def visual(graph: PolicyGraph) -> PolicyGraph:
    """What GEXF and GraphML write by default: the graph without its lexical layer."""
    return select(graph, [], lexical=False)


@pytest.fixture(scope="module")
def full(graph: PolicyGraph) -> PolicyGraph:
    return select(graph, [], lexical=True)


@pytest.fixture(scope="module")
def gexf_file(visual: PolicyGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gexf") / "policykg.gexf"
    path.write_text(gexf.to_string(visual), encoding="utf-8")
    return path


def _as_json(value: object) -> object:
    """What a value looks like after a JSON round trip (tuples become lists)."""
    return json.loads(json.dumps(value))


def _rng_errors(path: Path) -> list[str]:
    schema = etree.RelaxNG(etree.parse(str(GEXF_RNG)))
    doc = etree.parse(str(path))
    for element in doc.iter():
        for key in [k for k in element.attrib if k.startswith(XSI_NS)]:
            del element.attrib[key]
    return [] if schema.validate(doc) else [f"{e.line}: {e.message}" for e in schema.error_log]


# ------------------------------------------------------------------------------------------------- GEXF
def test_gexf_is_valid_gexf_1_3(gexf_file: Path) -> None:
    assert _rng_errors(gexf_file) == []
    text = gexf_file.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" '
                           'xmlns:viz="http://gexf.net/1.3/viz" version="1.3">')
    assert "schemaLocation" not in text and 'end=""' not in text


def test_gexf_content_is_what_gephi_users_expect(gexf_file: Path, visual: PolicyGraph) -> None:
    root = etree.parse(str(gexf_file)).getroot()
    g = root.find(f"{GEXF}graph")
    assert g is not None and g.get("mode") == "dynamic" and g.get("timeformat") == "date"
    nodes = {n.get("id"): n for n in g.iter(f"{GEXF}node")}
    edges = list(g.iter(f"{GEXF}edge"))
    assert set(nodes) == set(visual.nodes) and len(edges) == len(visual.edges)
    # no lexical layer by default
    assert not any(i.startswith(("section:", "document:")) for i in nodes)
    assert not any(e.get("kind") in {"MENTIONS", "HAS_SECTION"} for e in edges)

    entity_list = nodes["instrument:entity-list"]
    assert entity_list.get("label") == "Entity List"
    values = {v.get("for"): v.get("value") for v in entity_list.iter(f"{GEXF}attvalue")}
    assert values["name_zh"] == "实体清单" and values["type"] == "Instrument"
    color = entity_list.find(f"{VIZ}color")
    assert color is not None and color.get("a") is None
    hexcolor = visual.schema.node_types["Instrument"].color
    assert (color.get("r"), color.get("g"), color.get("b")) == tuple(str(int(hexcolor[i:i + 2], 16)) for i in (1, 3, 5))

    # the time intervals: administrations by term, measures from their (partial) date
    assert {i for i in ADMINISTRATIONS if nodes[i].get("start")} == ADMINISTRATIONS
    assert nodes["administration:obama"].get("start") == "2009-01-20"
    assert nodes["administration:obama"].get("end") == "2017-01-20"
    assert nodes["administration:trump-2"].get("end") is None  # open end: left out, never end=""
    # a measure dated to a month appears on that month's last day, as --as-of reads it (README "Time")
    monthly = sorted(i for i, n in visual.nodes.items() if len(str(n.properties.get("valid_from", ""))) == 7)
    assert monthly, "no measure dated to a month"
    month = str(visual.nodes[monthly[0]].properties["valid_from"])
    following = date(int(month[:4]) + int(month[5:]) // 12, int(month[5:]) % 12 + 1, 1)
    assert nodes[monthly[0]].get("start") == (following - timedelta(days=1)).isoformat()

    # edges: kind and label = relationship type, weight = evidence records
    for el in edges:
        edge = visual.edges[el.get("id")]
        assert el.get("kind") == el.get("label") == edge.type
        assert el.get("weight") == str(len(edge.evidence))

    declared = {a.get("id"): a.get("type") for a in g.iter(f"{GEXF}attribute")}
    assert declared["order"] == "integer" and declared["aliases"] == "liststring"
    ids = [a.get("id") for a in g.iter(f"{GEXF}attribute") if a.getparent().get("class") == "node"]
    assert len({i.casefold() for i in ids}) == len(ids)


@pytest.mark.java
@pytest.mark.parametrize("lexical", [False, True], ids=["default", "lexical"])
def test_gephi_imports_the_gexf_export(graph: PolicyGraph, lexical: bool, tmp_path: Path) -> None:
    from policykg.exporters.gephi_check import run_gephi_check

    part = select(graph, [], lexical=lexical)
    path = tmp_path / "policykg.gexf"
    path.write_text(gexf.to_string(part), encoding="utf-8")
    assert _rng_errors(path) == []
    timed = {n.get("id") for n in etree.parse(str(path)).iter(f"{GEXF}node") if n.get("start")}

    report = run_gephi_check(path)

    assert report.blocking_issues == []
    assert report.auto_created_nodes == []
    assert (report.nodes, report.edges) == (len(part.nodes), len(part.edges))
    assert report.dynamic and report.time_representation == "INTERVAL"
    assert timed >= ADMINISTRATIONS
    assert report.nodes_with_time == len(timed) > 0
    assert report.node_columns["order"] == "Integer"
    assert report.node_columns["aliases"] == "String[]"


# ------------------------------------------------------------------------------------------------- GraphML
def test_graphml_round_trips_through_networkx(visual: PolicyGraph, tmp_path: Path) -> None:
    path = tmp_path / "policykg.graphml"
    path.write_text(graphml.to_string(visual), encoding="utf-8")

    back = nx.read_graphml(path, force_multigraph=True)

    assert set(back.nodes) == set(visual.nodes)
    for n in visual.nodes.values():
        data = back.nodes[n.id]
        assert (data["type"], data["name"]) == (n.type, n.name)
        assert data.get("name_zh", "") == n.name_zh
        assert json.loads(data.get("aliases", "[]")) == n.aliases
        for key, value in n.properties.items():
            assert (json.loads(data[key]) if isinstance(value, list) else data[key]) == value, (n.id, key)
        assert json.loads(data["evidence"]) == _as_json([ev.to_json() for ev in n.evidence])
    edges = {key: (u, v, d) for u, v, key, d in back.edges(keys=True, data=True)}
    assert set(edges) == set(visual.edges)
    for e in visual.edges.values():
        u, v, d = edges[e.id]
        assert (u, v, d["type"]) == (e.source, e.target, e.type)
        assert json.loads(d["stages"]) == e.stages
        for key, value in e.properties.items():
            assert d[key] == value
    assert isinstance(back.nodes["administration:biden"]["order"], int)


# ------------------------------------------------------------------------------------------------- RDF
@pytest.fixture(scope="module")
def turtle_graph(full: PolicyGraph) -> rdflib.Graph:
    return rdflib.Graph().parse(data=rdf.turtle(full), format="turtle")


@pytest.fixture(scope="module")
def shapes_graph(graph: PolicyGraph) -> rdflib.Graph:
    return rdflib.Graph().parse(data=rdf.shapes_turtle(graph.schema), format="turtle")


def _iri(graph: PolicyGraph, ident: str) -> rdflib.URIRef:
    return rdf.Terms(graph.schema).resource(ident)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's parser
def test_turtle_and_jsonld_parse_to_the_same_triples(full: PolicyGraph, turtle_graph: rdflib.Graph) -> None:
    from_jsonld = rdflib.Graph().parse(data=rdf.jsonld(full), format="json-ld")
    assert len(turtle_graph) > 0
    assert set(from_jsonld) == set(turtle_graph)
    types = {o for o in turtle_graph.objects(None, RDF.type)}
    assert rdflib.URIRef(full.schema.namespace + "Administration") in types


def test_rdf_labels_dates_and_provenance(full: PolicyGraph, turtle_graph: rdflib.Graph) -> None:
    pk = rdflib.Namespace(full.schema.namespace)
    entity_list = _iri(full, "instrument:entity-list")
    assert str(entity_list) == "https://policykg.org/id/instrument:entity-list"
    labels = set(turtle_graph.objects(entity_list, RDFS.label))
    assert rdflib.Literal("Entity List", lang="en") in labels
    assert rdflib.Literal("实体清单", lang="zh") in labels
    biden = _iri(full, "administration:biden")
    assert all(isinstance(a, rdflib.Literal)
               and a.language == ("zh" if re.search(r"[\u4e00-\u9fff]", str(a)) else "en")
               for a in turtle_graph.objects(biden, SKOS.altLabel))
    assert turtle_graph.value(biden, pk.order) == rdflib.Literal(3, datatype=XSD.integer)
    term_start = turtle_graph.value(biden, pk.term_start)
    assert isinstance(term_start, rdflib.Literal) and term_start.datatype == XSD.date
    chips = _iri(full, "law:chips-and-science-act")
    assert turtle_graph.value(chips, pk.date) == rdflib.Literal("2022-08-09", datatype=XSD.date)  # merged
    indo_pacific = _iri(full, "policy:indo-pacific-strategy")
    assert turtle_graph.value(indo_pacific, pk.date) == rdflib.Literal("2022-02", datatype=XSD.gYearMonth)
    assert turtle_graph.value(chips, DCTERMS.identifier) == rdflib.Literal("law:chips-and-science-act")
    # '#' of section ids is percent-encoded
    section = next(n for n in full.nodes if n.startswith("section:"))
    assert "%23" in str(_iri(full, section))

    # every edge: a direct triple and a reified statement derived from its documents, with offsets
    edge = next(e for e in full.edges.values() if e.type == "PURSUED" and any(ev.doc for ev in e.evidence))
    statement = _iri(full, edge.id)
    assert (_iri(full, edge.source), pk[edge.type], _iri(full, edge.target)) in turtle_graph
    assert turtle_graph.value(statement, RDF.subject) == _iri(full, edge.source)
    assert turtle_graph.value(statement, RDF.predicate) == pk[edge.type]
    docs = {ev.doc for ev in edge.evidence if ev.doc}
    assert set(turtle_graph.objects(statement, PROV.wasDerivedFrom)) == {_iri(full, f"document:{d}") for d in docs}
    derivations = list(turtle_graph.objects(statement, PROV.qualifiedDerivation))
    assert len(derivations) == len(edge.evidence)
    ev = next(ev for ev in edge.evidence if ev.doc)
    found = [d for d in derivations if turtle_graph.value(d, pk.startOffset) == rdflib.Literal(ev.start)]
    assert found
    d = found[0]
    assert turtle_graph.value(d, PROV.entity) == _iri(full, f"document:{ev.doc}")
    assert turtle_graph.value(d, pk.endOffset) == rdflib.Literal(ev.end)
    assert str(turtle_graph.value(d, pk.method)) == ev.method
    assert turtle_graph.value(d, pk.confidence) == rdflib.Literal(ev.confidence, datatype=XSD.double)


def test_rdf_export_conforms_to_the_shapes(turtle_graph: rdflib.Graph, shapes_graph: rdflib.Graph) -> None:
    conforms, _, text = pyshacl.validate(turtle_graph, shacl_graph=shapes_graph)
    assert conforms, text[:3000]


def _violations(data: str, shapes_graph: rdflib.Graph) -> list[tuple[str, str, str]]:
    conforms, report, _ = pyshacl.validate(rdflib.Graph().parse(data=data, format="turtle"),
                                           shacl_graph=shapes_graph)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out = [(str(report.value(r, sh.focusNode)), str(report.value(r, sh.resultPath)),
            str(report.value(r, sh.sourceConstraintComponent))) for r in report.subjects(RDF.type, sh.ValidationResult)]
    assert conforms is (not out)
    return sorted(out)


def test_shapes_reject_an_edge_to_a_node_of_the_wrong_type(graph: PolicyGraph, shapes_graph: rdflib.Graph) -> None:
    part = select(graph, [parse_spec("type:Company,Administration")], lexical=False)
    evidence = [Evidence(method="curated", confidence=1.0, source="test")]
    # LISTED_ON must end at an Instrument; this one ends at an administration
    part.edges["e:broken"] = Edge(id="e:broken", source="company:huawei", target="administration:biden",
                                  type="LISTED_ON", stages=["test"], evidence=evidence)

    violations = _violations(rdf.turtle(part), shapes_graph)

    assert (str(_iri(graph, "company:huawei")), graph.schema.namespace + "LISTED_ON",
            "http://www.w3.org/ns/shacl#ClassConstraintComponent") in violations


def test_shapes_reject_a_node_without_a_label(graph: PolicyGraph, shapes_graph: rdflib.Graph) -> None:
    part = select(graph, [parse_spec("type:Instrument")], lexical=False)
    nid = "instrument:entity-list"
    part.nodes[nid] = part.nodes[nid].model_copy(update={"name": "", "name_zh": ""})

    violations = _violations(rdf.turtle(part), shapes_graph)

    assert violations == [(str(_iri(graph, nid)), str(RDFS.label),
                           "http://www.w3.org/ns/shacl#MinCountConstraintComponent")]


def test_committed_vocabulary_and_shapes_are_generated_from_the_schema(graph: PolicyGraph) -> None:
    hint = "regenerate with `policykg export {0} -o schema/{1}`"
    assert (REPO_ROOT / "schema" / "policykg.ttl").read_text(encoding="utf-8") == \
        rdf.vocabulary_turtle(graph.schema), hint.format("vocabulary", "policykg.ttl")
    assert (REPO_ROOT / "schema" / "policykg.shacl.ttl").read_text(encoding="utf-8") == \
        rdf.shapes_turtle(graph.schema), hint.format("shapes", "policykg.shacl.ttl")


def test_vocabulary_declares_every_schema_type_with_domain_and_range(graph: PolicyGraph) -> None:
    vocab = rdflib.Graph().parse(data=rdf.vocabulary_turtle(graph.schema), format="turtle")
    pk = rdflib.Namespace(graph.schema.namespace)
    owl = rdflib.OWL
    for node_type in graph.schema.node_types:
        assert (pk[node_type], RDF.type, owl.Class) in vocab
    for rel_type in graph.schema.rel_types:
        assert (pk[rel_type], RDF.type, owl.ObjectProperty) in vocab
        assert vocab.value(pk[rel_type], RDFS.domain) is not None
        assert vocab.value(pk[rel_type], RDFS.range) is not None
    assert vocab.value(pk.order, RDFS.range) == XSD.integer
    assert vocab.value(pk.SUCCEEDED_BY, RDFS.range) == pk.Administration


# ------------------------------------------------------------------------------------------------- CSV
def test_csv_files_have_neo4j_admin_headers(full: PolicyGraph, tmp_path: Path) -> None:
    out = neo4j_csv.write_directory(full, tmp_path / "csv")
    assert out.nodes == len(full.nodes) and out.relationships == len(full.edges)
    with (tmp_path / "csv" / "nodes_Administration.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:7] == ["id:ID", ":LABEL", "type", "name", "name_zh", "aliases:string[]", "kind"]
    assert "order:int" in header and header[-4:] == ["docs:string[]", "evidence_count:int", "evidence", "statements"]
    biden = dict(zip(header, next(r for r in rows if r[0] == "administration:biden"), strict=True))
    sep = out.array_delimiter  # ';' unless a list value holds one (a figure does: then '|')
    assert sep in neo4j_csv.DELIMITER_CANDIDATES
    assert biden[":LABEL"] == f"Node{sep}Administration" and biden["order:int"] == "3"
    assert "拜登政府" in biden["aliases:string[]"].split(sep)
    expected = [ev.to_json() for ev in full.nodes["administration:biden"].evidence]
    assert json.loads(biden["evidence"]) == _as_json(expected)
    with (tmp_path / "csv" / "relationships_SUCCEEDED_BY.csv").open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh))[:4] == [":START_ID", ":END_ID", ":TYPE", "id"]
    assert out.command().startswith("neo4j-admin database import full neo4j --overwrite-destination "
                                     f"'--array-delimiter={sep}' --multiline-fields=true")


def test_csv_export_never_clobbers_a_foreign_directory(full: PolicyGraph, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not a policykg CSV export"):
        neo4j_csv.write_directory(full, target)
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    neo4j_csv.write_directory(full, tmp_path / "csv")
    neo4j_csv.write_directory(full, tmp_path / "csv")  # an earlier export is replaced as a whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "mine"]  # no temporary leftovers


def _load_csv_statement(header: list[str], delimiter: str) -> str:
    """A LOAD CSV statement that reads a neo4j-admin CSV file the way neo4j-admin would (typed columns).

    Column names come from our own headers and are checked to be identifiers before they reach Cypher.
    """
    sets = []
    for column in header:
        name, _, kind = column.partition(":")
        if name == "" or kind in {"ID", "START_ID", "END_ID", "TYPE", "LABEL"}:
            if name:
                sets.append(f"x.`{name}` = row[{json.dumps(column)}]")
            continue
        assert re.fullmatch(r"[A-Za-z_]\w*", name), column
        cell = f"row[{json.dumps(column)}]"
        expr = {"": cell, "int": f"toInteger({cell})", "double": f"toFloat({cell})",
                "boolean": f"toBoolean({cell})", "string[]": f"split({cell}, $delimiter)"}[kind]
        sets.append(f"x.`{name}` = {expr}")
    if ":LABEL" in header:
        return ("LOAD CSV WITH HEADERS FROM $url AS row CREATE (x:$(split(row[':LABEL'], $delimiter))) SET "
                + ", ".join(sets))
    return ("LOAD CSV WITH HEADERS FROM $url AS row MATCH (a:Node {id: row[':START_ID']}), "
            "(b:Node {id: row[':END_ID']}) CREATE (a)-[x:$(row[':TYPE'])]->(b) SET " + ", ".join(sets))


@pytest.mark.neo4j
@pytest.mark.java
def test_csv_export_loads_into_neo4j(full: PolicyGraph, tmp_path: Path) -> None:
    from neo4j import GraphDatabase

    from policykg.backends.neo4j_backend import edge_properties, node_properties
    from policykg.backends.neo4j_server import HarnessServer

    out = neo4j_csv.write_directory(full, tmp_path / "csv")
    with HarnessServer(import_dir=tmp_path / "csv") as uri, GraphDatabase.driver(uri, auth=None) as driver, \
            driver.session() as session:
        session.run("CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE").consume()
        # The harness reads file:/// URLs from its import folder only: the export folder is that folder.
        for name in out.files():
            path = tmp_path / "csv" / name
            with path.open(encoding="utf-8", newline="") as fh:
                header = next(csv.reader(fh))
            session.run(_load_csv_statement(header, out.array_delimiter),
                        url="file:///" + quote(name), delimiter=out.array_delimiter).consume()

        counts = session.run("MATCH (n:Node) RETURN count(n) AS n").single()
        rels = session.run("MATCH (:Node)-[r]->(:Node) RETURN count(r) AS n").single()
        assert counts is not None and rels is not None
        assert (counts["n"], rels["n"]) == (len(full.nodes), len(full.edges))
        biden = session.run("MATCH (a:Administration {id: 'administration:biden'}) "
                            "RETURN a.order AS order, valueType(a.order) AS t, a.aliases AS aliases").single()
        assert biden is not None
        assert (biden["order"], biden["t"]) == (3, "INTEGER NOT NULL")
        assert "拜登政府" in biden["aliases"]
        # the same data model as the Neo4j backend writes (evidence and statements compared as JSON)
        for record in session.run("MATCH (n:Node) RETURN n.id AS id, properties(n) AS props"):
            expected = {k: v for k, v in node_properties(full.nodes[record["id"]]).items() if v not in ([], "")}
            got = dict(record["props"])
            assert json.loads(got.pop("evidence")) == json.loads(expected.pop("evidence"))
            assert json.loads(got.pop("statements")) == json.loads(expected.pop("statements"))
            assert got == expected, record["id"]
        for record in session.run("MATCH ()-[r]->() RETURN r.id AS id, properties(r) AS props"):
            expected = {k: v for k, v in edge_properties(full.edges[record["id"]]).items() if v not in ([], "")}
            got = dict(record["props"])
            assert json.loads(got.pop("evidence")) == json.loads(expected.pop("evidence"))
            assert json.loads(got.pop("statements")) == json.loads(expected.pop("statements"))
            assert got == expected, record["id"]


@pytest.mark.neo4j
@pytest.mark.java
def test_printed_neo4j_admin_command_imports_the_files(full: PolicyGraph, tmp_path: Path) -> None:
    """Run the exact printed command with Neo4j's own neo4j-admin (5.26, from the harness's Maven artifacts)."""
    from policykg.backends.neo4j_server import ensure_built, find_java

    lib = ensure_built() / "target" / "lib"
    out = neo4j_csv.write_directory(full, tmp_path / "csv")
    home = tmp_path / "neo4j-home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("server.memory.pagecache.size=64m\n")
    args = shlex.split(out.command().replace("\\\n", " "))
    assert args[:6] == ["neo4j-admin", "database", "import", "full", "neo4j", "--overwrite-destination"]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}

    proc = subprocess.run([find_java(), "-Xmx512m", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", *args[1:]],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)

    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"{len(full.nodes)} nodes" in proc.stdout
    assert f"{len(full.edges)} relationships" in proc.stdout
    assert (tmp_path / "import.report").is_file()  # neo4j-admin writes its report into the working directory


# ------------------------------------------------------------------------------------------------- subgraphs
def test_entity_subgraph_holds_the_entity_and_its_neighbours_only(graph: PolicyGraph) -> None:
    part = select(graph, [parse_spec("entity:Huawei")], lexical=False)
    assert "company:huawei" in part.nodes
    neighbours = {e.target if e.source == "company:huawei" else e.source
                  for e in graph.edges.values() if "company:huawei" in (e.source, e.target)
                  and e.type not in {"MENTIONS", "HAS_SECTION"}}
    assert set(part.nodes) == {"company:huawei"} | neighbours
    assert "administration:obama" not in part.nodes
    assert all(e.source in part.nodes and e.target in part.nodes for e in part.edges.values())
    # with the lexical layer: the sections that mention Huawei and their documents come along
    with_text = select(graph, [parse_spec("entity:华为")], lexical=True)
    sections = {e.source for e in graph.in_edges("company:huawei", "MENTIONS")}
    assert sections and sections <= set(with_text.nodes)
    assert any(n.startswith("document:") for n in with_text.nodes)


def test_subgraph_specs_union_types_and_reports(graph: PolicyGraph) -> None:
    laws = select(graph, [parse_spec("type:Law")], lexical=False)
    assert {n.type for n in laws.nodes.values()} == {"Law"}
    union = select(graph, [parse_spec("type:Law"), parse_spec("type:Administration")], lexical=False)
    assert set(union.nodes) >= ADMINISTRATIONS
    assert any(e.type == "SUCCEEDED_BY" for e in union.edges.values())
    timeline = select(graph, [parse_spec("report:timeline")], lexical=False)
    assert set(timeline.nodes) >= ADMINISTRATIONS
    path = select(graph, [parse_spec("report:path:source=Huawei&target=CHIPS Act")], lexical=False)
    assert {"company:huawei", "law:chips-and-science-act"} <= set(path.nodes)


@pytest.mark.parametrize(("spec", "message"), [
    ("huawei", "--subgraph 'huawei': expected type:Law,Policy | entity:NAME[:DEPTH] | report:NAME[:PARAM]"),
    ("kind:Law", "--subgraph 'kind:Law': unknown kind 'kind'"),
    ("type:Lawz", "--subgraph type:Lawz: unknown node type Lawz; known: Administration, "),
    ("entity:Huawie", "--subgraph entity:Huawie: no entity named 'Huawie'"),
    ("report:nope", "--subgraph report:nope: no report named 'nope'"),
])
def test_bad_subgraph_specs_say_what_is_wrong(graph: PolicyGraph, spec: str, message: str) -> None:
    with pytest.raises((ExportError, NotFoundError)) as info:
        select(graph, [parse_spec(spec)], lexical=False)
    assert str(info.value).startswith(message)


# ------------------------------------------------------------------------------------------------- CLI
FORMATS = ["gexf", "graphml", "turtle", "jsonld", "json", "vocabulary", "shapes"]


def _export_all(settings: Settings, cache: Path, out: Path) -> dict[str, bytes]:
    """Every format through the command line, each into a file (the csv into a directory)."""
    runner = CliRunner()
    files: dict[str, bytes] = {}
    for fmt in FORMATS:
        result = runner.invoke(app, ["--corpus", str(settings.corpus), "--cache", str(cache), "export", fmt,
                                     "-o", str(out / f"export.{fmt}")])
        assert result.exit_code == 0, (fmt, result.output, result.exception)
        files[fmt] = (out / f"export.{fmt}").read_bytes()
    result = runner.invoke(app, ["--corpus", str(settings.corpus), "--cache", str(cache), "export", "csv",
                                 "-o", str(out / "csv")])
    assert result.exit_code == 0, (result.output, result.exception)
    assert "neo4j-admin database import full neo4j" in result.stdout
    for path in sorted((out / "csv").iterdir()):
        files[f"csv/{path.name}"] = path.read_bytes()
    return files


def test_every_format_is_byte_identical_across_two_builds(settings: Settings, tmp_path: Path) -> None:
    first = _export_all(settings, tmp_path / "cache1", tmp_path / "one")
    second = _export_all(settings, tmp_path / "cache2", tmp_path / "two")
    # two separate builds (two empty caches), same bytes
    assert list((tmp_path / "cache1").glob("graph-*.sqlite")) and list((tmp_path / "cache2").glob("graph-*.sqlite"))
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name
    assert not list(tmp_path.glob("**/.*.tmp"))  # atomic writes leave no temporary files


def test_cli_errors_are_one_line_and_write_nothing(settings: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--corpus", str(settings.corpus), "--cache", str(tmp_path / "cache"), "export"]
    result = runner.invoke(app, [*base, "gexf", "-o", str(tmp_path / "x.gexf"), "--subgraph", "kind:Law"])
    assert isinstance(result.exception, ExportError)
    assert str(result.exception).startswith("--subgraph 'kind:Law': unknown kind 'kind'")
    result = runner.invoke(app, [*base, "csv", "-o", "-"])
    assert isinstance(result.exception, ExportError)
    assert str(result.exception) == "the CSV export writes a directory of files; give -o DIRECTORY"
    assert not (tmp_path / "x.gexf").exists()

