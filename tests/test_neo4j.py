"""The graph in a real Neo4j 5: the load is faithful and idempotent, Cypher runs read-only with parameters,
failures are one line, and every library query returns on Neo4j exactly the rows of the embedded graph."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from policykg.backends.cypher_guard import plan_refusal, screen_text
from policykg.backends.neo4j_backend import (
    Connection,
    NotReadOnlyError,
    connect,
    edge_properties,
    graph_counts,
    load_graph,
    node_properties,
    run_cypher,
    run_library_query,
    schema_statements,
    wipe,
)
from policykg.backends.neo4j_server import HarnessServer
from policykg.config import REPO_ROOT, Settings
from policykg.errors import BackendError
from policykg.exporters.common import evidence_json, statements_json
from policykg.graph import store as graph_store
from policykg.graph.model import Evidence, PolicyGraph
from policykg.query.library import QuerySpec

pytestmark = pytest.mark.neo4j

ODD_NAME = "O'Brien\"}) DETACH DELETE n // `x` \\ {"
WRITES_ERROR = ("Error: cypher: the statement is not read-only (Neo4j plans it as query type 'w': it writes the "
                "graph); fix: use --write to allow changes")
FILES_ERROR = "Error: cypher: LOAD CSV reads server files or URLs; refused"
ADMIN_REASON = "(an administration command: it reads or changes the server's state, not the graph)"
TERMINATE_ERROR = f"Error: cypher: TERMINATE TRANSACTIONS is not read-only {ADMIN_REASON}; fix: use --write to run it"
DBMS_ERROR = ("Error: cypher: dbms.listConfig is not read-only (a DBMS procedure: it reads or changes the server's "
              "state); fix: use --write to run it")


def cli(args: list[str], conn: Connection, settings: Settings, **env: str) -> subprocess.CompletedProcess[str]:
    """The `policykg` command as a user runs it (the console script's entry point), in a subprocess."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "POLICYKG_SCREENING"))}
    full_env.update(NEO4J_URI=conn.uri, NEO4J_USER=conn.user, NEO4J_PASSWORD=conn.password,
                    POLICYKG_CACHE=str(settings.cache), POLICYKG_CORPUS=str(settings.corpus), **env)
    return subprocess.run([sys.executable, "-c", "from policykg.cli.main import main; main()", *args],
                          capture_output=True, text=True, env=full_env, timeout=300)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def assert_holds_exactly(driver: Driver, graph: PolicyGraph) -> None:
    nodes, rels = graph_counts(driver)
    expected_nodes, expected_rels = graph.counts()
    assert nodes == expected_nodes
    assert rels == expected_rels


# ----------------------------------------------------------------------------------------------- load


def test_load_writes_every_node_and_relationship_by_label_and_type(loaded_neo4j: PolicyGraph,
                                                                  neo4j_driver: Driver) -> None:
    assert_holds_exactly(neo4j_driver, loaded_neo4j)
    rows = run_cypher(neo4j_driver, "MATCH (n:Node) RETURN n.type AS type, labels(n) AS labels").rows
    assert all(sorted(r["labels"]) == sorted(["Node", r["type"]]) for r in rows)


def test_every_property_round_trips(loaded_neo4j: PolicyGraph, neo4j_driver: Driver) -> None:
    nodes = run_cypher(neo4j_driver, "MATCH (n:Node) RETURN n").rows
    assert {r["n"]["id"]: r["n"] for r in nodes} == {n.id: node_properties(n) for n in loaded_neo4j.nodes.values()}
    rels = run_cypher(neo4j_driver, "MATCH (a:Node)-[r]->(b:Node) RETURN a.id AS a, type(r) AS t, b.id AS b, r").rows
    assert {r["r"]["id"]: (r["a"], r["t"], r["b"], r["r"]) for r in rels} == {
        e.id: (e.source, e.type, e.target, edge_properties(e)) for e in loaded_neo4j.edges.values()}


def test_evidence_json_round_trips_for_an_edge(loaded_neo4j: PolicyGraph, neo4j_driver: Driver) -> None:
    candidates = [e for e in loaded_neo4j.edges.values() if e.type in {"LISTED_ON", "PURSUED"}]
    assert candidates, "the corpus graph has no LISTED_ON or PURSUED edge"
    edge = max(candidates, key=lambda e: (e.type == "LISTED_ON", len(e.evidence), e.id))
    row = run_cypher(neo4j_driver, "MATCH ()-[r {id: $id}]->() RETURN r.evidence AS evidence, r.docs AS docs, "
                                   "r.evidence_count AS n, r.stages AS stages", {"id": edge.id}).rows
    assert len(row) == 1
    records = json.loads(row[0]["evidence"])
    assert [Evidence.model_validate(r) for r in records] == edge.evidence
    assert records == json.loads(json.dumps([ev.to_json() for ev in edge.evidence]))
    assert row[0]["docs"] == sorted({ev.doc for ev in edge.evidence if ev.doc})
    assert row[0]["n"] == len(edge.evidence)
    assert row[0]["stages"] == edge.stages


def test_loading_twice_changes_nothing(loaded_neo4j: PolicyGraph, neo4j_driver: Driver) -> None:
    before = run_cypher(neo4j_driver, "MATCH (n:Node) RETURN n ORDER BY n.id").rows
    result = load_graph(neo4j_driver, loaded_neo4j, batch_size=37)
    assert (result.nodes, result.relationships) == (len(loaded_neo4j.nodes), len(loaded_neo4j.edges))
    assert_holds_exactly(neo4j_driver, loaded_neo4j)
    assert run_cypher(neo4j_driver, "MATCH (n:Node) RETURN n ORDER BY n.id").rows == before


def test_cli_load_with_wipe_removes_what_an_earlier_load_left(
    loaded_neo4j: PolicyGraph, neo4j_driver: Driver, neo4j_connection: Connection, settings: Settings
) -> None:
    run_cypher(neo4j_driver, "CREATE (:Node:Company {id: 'company:left-over', name: 'Left over', type: 'Company'})",
               write=True)
    plain = cli(["neo4j", "load"], neo4j_connection, settings)
    assert plain.returncode == 0, plain.stderr
    assert "Neo4j also holds 1 nodes and 0 relationships that this graph does not have" in plain.stdout
    wiped = cli(["neo4j", "load", "--wipe", "--batch-size", "200"], neo4j_connection, settings)
    assert wiped.returncode == 0, wiped.stderr
    assert f"Deleted {len(loaded_neo4j.nodes) + 1} nodes of an earlier load" in wiped.stdout
    assert (f"Loaded {len(loaded_neo4j.nodes)} nodes and {len(loaded_neo4j.edges)} relationships"
            in wiped.stdout)
    assert "also holds" not in wiped.stdout
    assert_holds_exactly(neo4j_driver, loaded_neo4j)


def test_statements_and_evidence_in_neo4j_are_the_json_of_the_exports(loaded_neo4j: PolicyGraph,
                                                                       neo4j_driver: Driver) -> None:
    """The loader encodes the JSON itself (faster): byte for byte what the JSON and CSV exports write."""
    nodes = run_cypher(neo4j_driver, "MATCH (n:Node) RETURN n.id AS id, n.evidence AS ev, n.statements AS st").rows
    assert {r["id"]: (r["ev"], r["st"]) for r in nodes} == {
        n.id: (evidence_json(n.evidence), statements_json(n)) for n in loaded_neo4j.nodes.values()}
    rels = run_cypher(neo4j_driver, "MATCH (:Node)-[r]->(:Node) RETURN r.id AS id, r.evidence AS ev, "
                                    "r.statements AS st").rows
    assert {r["id"]: (r["ev"], r["st"]) for r in rels} == {
        e.id: (evidence_json(e.evidence), statements_json(e)) for e in loaded_neo4j.edges.values()}
    assert any(json.loads(r["st"]) for r in rels)


def _snapshot(driver: Driver) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes = run_cypher(driver, "MATCH (n:Node) WHERE n.id <> 'company:left-over' "
                               "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id").rows
    rels = run_cypher(driver, "MATCH (a:Node)-[r]->(b:Node) RETURN a.id AS a, type(r) AS type, b.id AS b, "
                              "properties(r) AS props ORDER BY r.id").rows
    return nodes, rels


def test_a_load_into_a_database_without_the_graph_creates_what_a_merge_writes(loaded_neo4j: PolicyGraph,
                                                                              neo4j_driver: Driver) -> None:
    wipe(neo4j_driver)
    run_cypher(neo4j_driver, "CREATE (:Node:Company {id: 'company:left-over', name: 'Left over', type: 'Company'})",
               write=True)
    merged = load_graph(neo4j_driver, loaded_neo4j, batch_size=41)  # a policykg node is there: MERGE
    assert not merged.created
    by_merge = _snapshot(neo4j_driver)
    created = load_graph(neo4j_driver, loaded_neo4j, wipe=True, batch_size=41)
    assert created.created and created.wiped_nodes == len(loaded_neo4j.nodes) + 1
    assert (created.nodes, created.relationships) == (len(loaded_neo4j.nodes), len(loaded_neo4j.edges))
    assert _snapshot(neo4j_driver) == by_merge
    assert_holds_exactly(neo4j_driver, loaded_neo4j)


def test_a_property_neo4j_cannot_store_fails_the_load_before_the_wipe(loaded_neo4j: PolicyGraph,
                                                                      neo4j_driver: Driver) -> None:
    bad = PolicyGraph(loaded_neo4j.schema)
    bad.nodes.update(loaded_neo4j.nodes)
    bad.edges.update(loaded_neo4j.edges)
    last = max(bad.nodes.values(), key=lambda n: (n.type, n.id))  # in the last batch the loader would write
    bad.nodes[last.id] = last.model_copy(update={"properties": {**last.properties, "odd": {"a": 1}}})
    with pytest.raises(BackendError, match=rf"node {re.escape(last.id)}: property odd = .* cannot be stored"):
        load_graph(neo4j_driver, bad, wipe=True, batch_size=25)
    assert_holds_exactly(neo4j_driver, loaded_neo4j)  # nothing wiped, nothing written


def test_a_bad_property_in_a_cached_graph_fails_the_load_before_the_wipe(loaded_neo4j: PolicyGraph,
                                                                         neo4j_driver: Driver,
                                                                         tmp_path: Path) -> None:
    """From a cache file the check reads only the properties (the graph is read while the server wipes, once
    the check has passed): a bad one still stops the load before anything is deleted."""
    bad = PolicyGraph(loaded_neo4j.schema)
    bad.nodes.update(loaded_neo4j.nodes)
    bad.edges.update(loaded_neo4j.edges)
    edge = max(bad.edges.values(), key=lambda e: (e.type, e.id))
    bad.edges[edge.id] = edge.model_copy(update={"properties": {**edge.properties, "odd": [1, 2]}})
    graph_store.write(tmp_path / "g.sqlite", bad)
    stored = graph_store.read(tmp_path / "g.sqlite")
    with pytest.raises(BackendError, match=rf"relationship {re.escape(edge.id)}: property odd = .* cannot be stored"):
        load_graph(neo4j_driver, stored, wipe=True, batch_size=25)
    assert not stored.nodes.complete  # the check read no evidence
    assert_holds_exactly(neo4j_driver, loaded_neo4j)  # nothing wiped, nothing written
    graph_store.write(tmp_path / "good.sqlite", loaded_neo4j)
    result = load_graph(neo4j_driver, graph_store.read(tmp_path / "good.sqlite"), wipe=True, batch_size=300)
    assert result.created and result.wiped_nodes == len(loaded_neo4j.nodes)
    assert_holds_exactly(neo4j_driver, loaded_neo4j)


def test_a_long_load_prints_progress_lines_to_a_log(loaded_neo4j: PolicyGraph, neo4j_driver: Driver,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from policykg.cli import neo4j as neo4j_cli

    total = len(loaded_neo4j.nodes) + len(loaded_neo4j.edges)
    monkeypatch.setattr(neo4j_cli, "LONG_LOAD", total - 1)  # this load counts as long
    monkeypatch.setattr(neo4j_cli, "PROGRESS_EVERY", 0.0)  # a line per batch
    with neo4j_cli.progress_bar(total) as advance:
        result = load_graph(neo4j_driver, loaded_neo4j, wipe=True, batch_size=100, progress=advance)
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    node_types, rel_types = loaded_neo4j.counts()
    batches = sum(-(-n // 100) for n in [*node_types.values(), *rel_types.values()])
    assert captured.out == "" and len(lines) == batches > 2, captured.err  # one line per batch
    assert result.created
    counts = [int(m.group(1)) for m in (re.match(r"loading: (\d+)/(\d+) nodes and relationships written", x)
                                        for x in lines) if m and int(m.group(2)) == total]
    assert len(counts) == len(lines) and counts == sorted(counts) and counts[-1] == total
    monkeypatch.setattr(neo4j_cli, "LONG_LOAD", total)  # a short load keeps a log clean
    with neo4j_cli.progress_bar(total) as advance:
        assert advance is None


def test_constraints_and_indexes_follow_the_schema(loaded_neo4j: PolicyGraph, neo4j_driver: Driver) -> None:
    schema = loaded_neo4j.schema
    constraints = run_cypher(neo4j_driver, "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
                                           "RETURN type, labelsOrTypes, properties").rows
    unique_id = {c["labelsOrTypes"][0] for c in constraints
                 if c["type"] == "UNIQUENESS" and c["properties"] == ["id"] and len(c["labelsOrTypes"]) == 1}
    assert unique_id >= {"Node", *schema.node_types}
    indexes = run_cypher(neo4j_driver, "SHOW INDEXES YIELD type, labelsOrTypes, properties "
                                       "RETURN type, labelsOrTypes, properties").rows
    named = {i["labelsOrTypes"][0] for i in indexes if i["type"] == "RANGE" and i["properties"] == ["name"]}
    assert named >= set(schema.entity_types())
    assert len(schema_statements(schema)) == 1 + len(schema.node_types) + len(schema.entity_types())


def test_a_schema_type_is_the_only_thing_formatted_into_cypher(loaded_neo4j: PolicyGraph,
                                                               neo4j_driver: Driver) -> None:
    bad = PolicyGraph(loaded_neo4j.schema)
    node = next(iter(loaded_neo4j.nodes.values())).model_copy(update={"type": "Law) DETACH DELETE (x"})
    bad.nodes[node.id] = node
    with pytest.raises(BackendError, match=r"is not a node type of the schema"):
        load_graph(neo4j_driver, bad)
    assert_holds_exactly(neo4j_driver, loaded_neo4j)


# ----------------------------------------------------------------------------------------------- cypher


def test_cypher_is_read_only_unless_asked_to_write(
    loaded_neo4j: PolicyGraph, neo4j_driver: Driver, neo4j_connection: Connection, settings: Settings
) -> None:
    refused = cli(["cypher", "CREATE (:Probe {x: 1})"], neo4j_connection, settings)
    assert (refused.returncode, refused.stdout, refused.stderr) == (1, "", WRITES_ERROR + "\n")
    assert run_cypher(neo4j_driver, "MATCH (p:Probe) RETURN count(p) AS n").rows == [{"n": 0}]
    with pytest.raises(NotReadOnlyError, match=r"query type 'w'.*fix: use --write"):
        run_cypher(neo4j_driver, "MATCH (n:Node {id: $id}) DETACH DELETE n", {"id": "company:huawei"})
    with pytest.raises(NotReadOnlyError, match=r"query type 'rw'"):
        run_cypher(neo4j_driver, "MERGE (p:Probe {x: 1}) RETURN p")
    with pytest.raises(NotReadOnlyError, match=r"query type 's': it changes the schema"):
        run_cypher(neo4j_driver, "CREATE INDEX probe_x IF NOT EXISTS FOR (p:Probe) ON (p.x)")
    allowed = cli(["cypher", "--write", "CREATE (p:Probe {x: 1}) WITH p DELETE p"], neo4j_connection, settings)
    assert allowed.returncode == 0, allowed.stderr
    assert "nodes created: 1, nodes deleted: 1" in allowed.stdout
    created = cli(["cypher", "--write", "CREATE (p:Probe {x: $x}) RETURN p.x AS x", "--param", "x:=7"],
                  neo4j_connection, settings)
    try:
        assert created.returncode == 0, created.stderr
        assert created.stdout.splitlines() == ["x", "7", "(1 rows)", "(nodes created: 1, properties set: 1, "
                                               "labels added: 1)"]
        assert run_cypher(neo4j_driver, "MATCH (p:Probe) RETURN p.x AS x").rows == [{"x": 7}]
    finally:
        run_cypher(neo4j_driver, "MATCH (p:Probe) DELETE p", write=True)
    assert_holds_exactly(neo4j_driver, loaded_neo4j)


def test_cypher_without_write_refuses_load_csv_of_a_server_file(
    loaded_neo4j: PolicyGraph, neo4j_driver: Driver, neo4j_connection: Connection, settings: Settings
) -> None:
    out = cli(["cypher", "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row"], neo4j_connection, settings)
    assert (out.returncode, out.stdout, out.stderr) == (1, "", FILES_ERROR + "\n")
    for text in ("load csv from $url as row return row",
                 "LOAD /* a comment */ CSV WITH HEADERS FROM $url AS row RETURN row",
                 "MATCH (n:Node) WITH n LIMIT 1\nLOAD\n  CSV FROM 'https://example.org/x.csv' AS row RETURN row",
                 "CALL () { LOAD CSV FROM $url AS row RETURN row } RETURN row"):
        with pytest.raises(NotReadOnlyError, match=r"^cypher: LOAD CSV reads server files or URLs; refused$"):
            run_cypher(neo4j_driver, text, {"url": "file:///etc/passwd"})
    for name in ("apoc.load.json", "apoc.load.csv", "apoc.import.csv", "apoc.export.csv.all", "apoc.log.stream",
                 "n10s.rdf.import.fetch", "gds.graph.export"):
        with pytest.raises(NotReadOnlyError, match=rf"^cypher: {re.escape(name)} reads server files or URLs; refused$"):
            run_cypher(neo4j_driver, f"CALL {name}($url)", {"url": "file:///etc/passwd"})


def test_cypher_without_write_refuses_administration_commands_and_dbms_procedures(
    loaded_neo4j: PolicyGraph, neo4j_driver: Driver, neo4j_connection: Connection, settings: Settings
) -> None:
    for text, error in (("TERMINATE TRANSACTIONS 'x'", TERMINATE_ERROR), ("CALL dbms.listConfig()", DBMS_ERROR)):
        out = cli(["cypher", text], neo4j_connection, settings)
        assert (out.returncode, out.stdout, out.stderr) == (1, "", error + "\n"), text
    refused = {
        "terminate transaction $ids": "TERMINATE TRANSACTIONS is not read-only (an administration command",
        "SHOW TRANSACTIONS YIELD transactionId, currentQuery": "SHOW TRANSACTIONS is not read-only",
        "SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t": "TERMINATE TRANSACTIONS is not",
        "SHOW SETTINGS": "SHOW SETTINGS is not read-only",
        "SHOW DATABASES": "SHOW DATABASES is not read-only",
        "SHOW USERS": "SHOW USERS is not read-only",
        "SHOW CURRENT USER": "SHOW CURRENT USER is not read-only",
        "SHOW ROLES": "SHOW ROLES is not read-only",
        "SHOW PRIVILEGES": "SHOW PRIVILEGES is not read-only",
        "SHOW SERVERS": "SHOW SERVERS is not read-only",
        "CREATE USER probe SET PASSWORD $ids": "CREATE USER is not read-only",
        "STOP DATABASE neo4j": "STOP DATABASE is not read-only",
        "GRANT ROLE reader TO probe": "GRANT is not read-only",
        "call `dbms`.`listConfig`() yield name return name": "dbms.listConfig is not read-only (a DBMS procedure",
        "CALL dbms.components()": "dbms.components is not read-only (a DBMS procedure",
        "CALL dbms.killConnections($ids)": "dbms.killConnections is not read-only",
        "CALL db.stats.retrieve('QUERIES')": "db.stats.retrieve is not read-only (db.* procedures other than",
        "CALL db.clearQueryCaches()": "db.clearQueryCaches is not read-only",
        "CALL apoc.cypher.run('MATCH (n) DETACH DELETE n', {})": "apoc.cypher.run is not read-only (it runs nested",
        "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})": "apoc.periodic.iterate is not read-only",
        "RETURN apoc.cypher.runFirstColumnSingle('RETURN 1', {}) AS x": "apoc.cypher.runFirstColumnSingle is not",
    }
    for text, message in refused.items():
        with pytest.raises(NotReadOnlyError, match=rf"^cypher: {re.escape(message)}.*; fix: use --write"):
            run_cypher(neo4j_driver, text, {"ids": ["x"]})
    assert_holds_exactly(neo4j_driver, loaded_neo4j)


def test_read_only_cypher_still_reads(loaded_neo4j: PolicyGraph, neo4j_driver: Driver,
                                      neo4j_connection: Connection, settings: Settings) -> None:
    out = cli(["cypher", "MATCH (l:Law) RETURN l.id AS id ORDER BY id LIMIT 2", "--format", "json"],
              neo4j_connection, settings)
    assert out.returncode == 0, out.stderr
    laws = sorted(n.id for n in loaded_neo4j.nodes_of_type("Law"))[:2]
    assert laws and json.loads(out.stdout)["rows"] == [{"id": i} for i in laws]
    # a refused word in a comment or in a string literal is not a command; in a parameter it never was text
    assert run_cypher(neo4j_driver, "// LOAD CSV, TERMINATE TRANSACTIONS, CALL dbms.listConfig()\n"
                                    "RETURN 'LOAD CSV FROM \\'file:///etc/passwd\\'' AS a, /* SHOW USERS */ $b AS b",
                      {"b": "LOAD CSV; TERMINATE TRANSACTIONS"}).rows == [
        {"a": "LOAD CSV FROM 'file:///etc/passwd'", "b": "LOAD CSV; TERMINATE TRANSACTIONS"}]
    labels = {r["label"] for r in run_cypher(neo4j_driver, "CALL db.labels() YIELD label RETURN label").rows}
    assert {"Node", "Law"} <= labels
    assert run_cypher(neo4j_driver, "SHOW CONSTRAINTS YIELD name WHERE name = 'policykg_node_id' "
                                    "RETURN name").rows == [{"name": "policykg_node_id"}]
    assert run_cypher(neo4j_driver, "SHOW PROCEDURES YIELD name WHERE name = 'db.labels' RETURN name").rows
    assert run_cypher(neo4j_driver, "MATCH (show:Node) WITH show LIMIT 1 RETURN count(show) AS n").rows == [{"n": 1}]
    assert run_cypher(neo4j_driver, "CYPHER runtime=slotted PROFILE MATCH (l:Law) RETURN count(l) AS n").rows == [
        {"n": len(loaded_neo4j.nodes_of_type("Law"))}]
    status = cli(["neo4j", "status"], neo4j_connection, settings)  # its dbms.components() is the library's own
    assert status.returncode == 0, status.stderr


def test_syntax_error_positions_are_those_of_the_statement_typed(neo4j_driver: Driver) -> None:
    # the check runs `EXPLAIN <statement>`: the positions in Neo4j's message must still be the user's
    for text, position in (("MATCH (n RETURN n", "(line 1, column 10 (offset: 9))"),
                           ("CYPHER runtime=slotted MATCH (n RETURN n", "(line 1, column 33 (offset: 32))"),
                           ("MATCH (n)\nRETURN n x", "(line 2, column 10 (offset: 19))")):
        with pytest.raises(BackendError, match=r"^Cypher syntax error: ") as caught:
            run_cypher(neo4j_driver, text)
        assert str(caught.value).endswith(position), caught.value
        with pytest.raises(BackendError) as written:
            run_cypher(neo4j_driver, text, write=True)
        assert str(written.value) == str(caught.value)


def test_library_queries_are_checked_too(loaded_neo4j: PolicyGraph, neo4j_driver: Driver, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.cypher"
    spec = QuerySpec(name="hostile", description="reads a server file", params=(), columns=("row",),
                     cypher="LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", path=hostile)
    with pytest.raises(NotReadOnlyError, match=rf"^{re.escape(str(hostile))}: LOAD CSV reads server files"):
        run_library_query(neo4j_driver, spec, {})
    deleting = QuerySpec(name="deleting", description="deletes", params=(), columns=("n",),
                         cypher="MATCH (n:Node) DETACH DELETE n RETURN count(*) AS n", path=hostile)
    with pytest.raises(NotReadOnlyError, match=r"is not read-only \(Neo4j plans it as query type 'rw'.*\); "
                                               r"fix: a library query may only read: edit the query$"):
        run_library_query(neo4j_driver, deleting, {})
    assert_holds_exactly(neo4j_driver, loaded_neo4j)


def test_the_server_plan_is_checked_after_the_text(neo4j_driver: Driver) -> None:
    """What the text screening would miss, the plan of `EXPLAIN` shows: LoadCSV, ProcedureCall and
    administration operators are refused from the plan alone."""
    plans = {}
    with neo4j_driver.session(default_access_mode="READ") as session:
        for text in ("LOAD CSV FROM $url AS row RETURN row", "TERMINATE TRANSACTIONS 'x'", "SHOW TRANSACTIONS",
                     "SHOW SETTINGS", "CALL dbms.listConfig()", "MATCH (n:Node) RETURN n.id LIMIT 1",
                     "SHOW INDEXES", "CALL db.labels()"):
            plans[text] = session.run("EXPLAIN " + text, {"url": "file:///x"}).consume().plan
    refusals = {text: plan_refusal(plan) for text, plan in plans.items()}
    assert str(refusals["LOAD CSV FROM $url AS row RETURN row"]) == FILES_ERROR.removeprefix("Error: ")
    assert str(refusals["TERMINATE TRANSACTIONS 'x'"]) == TERMINATE_ERROR.removeprefix("Error: ")
    assert str(refusals["SHOW TRANSACTIONS"]).startswith("cypher: SHOW TRANSACTIONS is not read-only")
    assert str(refusals["SHOW SETTINGS"]).startswith("cypher: SHOW SETTINGS is not read-only")
    assert str(refusals["CALL dbms.listConfig()"]) == DBMS_ERROR.removeprefix("Error: ")
    assert [refusals[t] for t in ("MATCH (n:Node) RETURN n.id LIMIT 1", "SHOW INDEXES", "CALL db.labels()")] == [
        None, None, None]


@pytest.mark.parametrize("text", [
    "MATCH (n) WHERE n.name = 'LOAD CSV' RETURN n",
    'RETURN "TERMINATE TRANSACTIONS \\" CALL dbms.listConfig()" AS x',
    "MATCH (n) RETURN n // LOAD CSV FROM 'file:///etc/passwd'",
    "MATCH (a:Show)-[:GRANTS]->(b:User) RETURN a.show, b.user",
    "SHOW ALL INDEXES YIELD name",
    "SHOW NODE UNIQUE CONSTRAINTS",
    "SHOW USER DEFINED FUNCTIONS",
    "RETURN apoc.convert.fromJsonList($x), date.truncate('month', date()), point.distance($p, $q)",
])
def test_text_screening_lets_reads_through(text: str) -> None:
    screen_text(text)


@pytest.mark.parametrize("text", [
    "MATCH (n:`LOAD CSV`) RETURN n",  # a backquoted name is not a string: refused, as documented
    "LoAd\tCsV FROM $u AS r RETURN r",
    "CALL dbms . listConfig",
    "CALL `apoc.load.json`($url)",
    "USE system SHOW USERS",
    "ALTER CURRENT USER SET PASSWORD FROM $a TO $b",
    "DENY READ {*} ON GRAPH * TO reader",
])
def test_text_screening_refuses_before_sending(text: str) -> None:
    with pytest.raises(NotReadOnlyError, match=r"^cypher: "):
        screen_text(text)


def test_harness_confines_file_urls_to_its_import_folder(neo4j_harness: HarnessServer, settings: Settings) -> None:
    """Even with --write, the bundled launcher's Neo4j reads file URLs only inside its import folder."""
    assert neo4j_harness.uri and neo4j_harness.import_dir and neo4j_harness.import_dir.is_dir()
    conn = Connection(neo4j_harness.uri)
    for url in ("file:///etc/passwd", "file:///../../../../../../etc/passwd", "file:/etc/passwd",
                "file:///%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"):
        out = cli(["cypher", "--write", "LOAD CSV FROM $url AS row RETURN row", "--param", f"url={url}"],
                  conn, settings)
        assert out.returncode == 1
        assert out.stdout == ""
        assert out.stderr.startswith(f"Error: Neo4j refused the query: Cannot load from URL '{url}'"), out.stderr
        assert "root:" not in out.stderr and len(out.stderr.splitlines()) == 1
    (neo4j_harness.import_dir / "probe.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    try:
        ok = cli(["cypher", "--write", "LOAD CSV FROM 'file:///probe.csv' AS row RETURN row", "--format", "json"],
                 conn, settings)
        assert ok.returncode == 0, ok.stderr
        assert json.loads(ok.stdout)["rows"] == [{"row": ["a", "b"]}, {"row": ["1", "2"]}]
    finally:
        (neo4j_harness.import_dir / "probe.csv").unlink()


def test_cypher_prints_rows_as_table_and_json(loaded_neo4j: PolicyGraph, neo4j_connection: Connection,
                                              settings: Settings) -> None:
    query = "MATCH (a:Administration) RETURN a.name AS name, a.order AS position ORDER BY position"
    table = cli(["cypher", query], neo4j_connection, settings)
    assert table.returncode == 0, table.stderr
    admins = sorted(loaded_neo4j.nodes_of_type("Administration"), key=lambda n: n.properties["order"])
    assert table.stdout.splitlines() == ["name | position", *[f"{a.name} | {a.properties['order']}" for a in admins],
                                         f"({len(admins)} rows)"]
    as_json = cli(["cypher", query, "--format", "json"], neo4j_connection, settings)
    assert json.loads(as_json.stdout) == {
        "columns": ["name", "position"], "rows": [{"name": a.name, "position": a.properties["order"]} for a in admins]}


def test_user_text_reaches_cypher_only_as_a_parameter(
    loaded_neo4j: PolicyGraph, neo4j_driver: Driver, neo4j_connection: Connection, settings: Settings
) -> None:
    echoed = cli(["cypher", "RETURN $name AS name, $limit + 1 AS next", "--param", f"name={ODD_NAME}",
                  "--param", "limit:=41", "--format", "json"], neo4j_connection, settings)
    assert echoed.returncode == 0, echoed.stderr
    assert json.loads(echoed.stdout)["rows"] == [{"name": ODD_NAME, "next": 42}]
    run_cypher(neo4j_driver, "CREATE (:Probe {name: $name})", {"name": ODD_NAME}, write=True)
    try:
        found = cli(["cypher", "MATCH (p:Probe {name: $name}) RETURN p.name AS name", "--param", f"name={ODD_NAME}",
                     "--format", "json"], neo4j_connection, settings)
        assert json.loads(found.stdout)["rows"] == [{"name": ODD_NAME}]
    finally:
        run_cypher(neo4j_driver, "MATCH (p:Probe) DELETE p", write=True)
    missing = cli(["neo4j", "query", "entity_relations", "--param", f"entity={ODD_NAME}"], neo4j_connection, settings)
    assert missing.returncode == 1
    assert missing.stderr.startswith(f"Error: no entity named {ODD_NAME!r}")
    assert len(missing.stderr.splitlines()) == 1
    assert_holds_exactly(neo4j_driver, loaded_neo4j)


def test_cypher_syntax_error_is_one_line(neo4j_connection: Connection, settings: Settings) -> None:
    out = cli(["cypher", "MATCH (n RETURN n"], neo4j_connection, settings)
    assert out.returncode == 1
    assert out.stderr.startswith("Error: Cypher syntax error: ")
    assert len(out.stderr.splitlines()) == 1, out.stderr


def test_unreachable_server_is_one_line_and_exit_1(neo4j_connection: Connection, settings: Settings) -> None:
    port = closed_port()
    uri = f"bolt://127.0.0.1:{port}"
    for args in (["cypher", "RETURN 1", "--uri", uri], ["neo4j", "status", "--uri", uri]):
        out = cli(args, neo4j_connection, settings)
        assert out.returncode == 1
        assert out.stdout == ""
        assert out.stderr.startswith(f"Error: cannot reach Neo4j at {uri}: "), out.stderr
        assert "scripts/neo4j-harness start" in out.stderr and "NEO4J_URI" in out.stderr
        assert len(out.stderr.splitlines()) == 1, out.stderr
    with pytest.raises(BackendError, match=f"cannot reach Neo4j at {uri}"), connect(Connection(uri)):
        pass


def test_status_reports_version_and_counts(loaded_neo4j: PolicyGraph, neo4j_connection: Connection,
                                           settings: Settings) -> None:
    out = cli(["neo4j", "status"], neo4j_connection, settings)
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[0]
    assert first.startswith("Neo4j 5.") and f"{len(loaded_neo4j.nodes)} nodes" in first
    assert f"{len(loaded_neo4j.edges)} relationships" in first


# ----------------------------------------------------------------------------------------------- parity


def _policy_degree(graph: PolicyGraph) -> Counter[str]:
    degree: Counter[str] = Counter()
    for e in graph.edges.values():
        if not graph.schema.rel_types[e.type].lexical:
            degree[e.source] += 1
            degree[e.target] += 1
    return degree


# Time filters as the CLI passes them ($as_of, $from, $to: full days; README "Time: as-of and intervals"): days on
# both sides of term starts, partial-date ends and month ends, windows open on either side, and both at once.
TIME_CASES: list[dict[str, str]] = [
    {"as_of": "2016-12-31"}, {"as_of": "2019-12-31"}, {"as_of": "2021-01-19"}, {"as_of": "2021-01-20"},
    {"as_of": "2022-06-30"}, {"as_of": "2022-12-31"}, {"as_of": "2025-01-20"}, {"as_of": "2030-12-31"},
    {"from": "2021-01-20", "to": "2021-12-31"}, {"from": "2022-01-01"}, {"to": "2018-12-31"},
    {"from": "2017-01-20", "to": "2020-12-31", "as_of": "2020-12-31"},
]


def parameter_sets(graph: PolicyGraph, spec: Any) -> list[dict[str, Any]]:
    """Values for a query's parameters taken from the graph: every entity (and one unknown id) for a single
    entity parameter; ordered pairs of the best-connected entities and of the administrations for two; without
    a time filter ($as_of, $from, $to null), then with each of TIME_CASES (on the best-connected entities, the
    administrations and the entities of the README's questions)."""
    dates = [p.name for p in spec.params if p.kind == "date"]
    kinds = [p.kind for p in spec.params if p.kind != "date"]
    if any(k != "entity" for k in kinds):
        pytest.fail(f"query {spec.name}: no parity values for parameter kinds {kinds}; extend parameter_sets")
    entities = sorted(n.id for n in graph.nodes.values() if not graph.schema.node_types[n.type].lexical)
    degree = _policy_degree(graph)
    hubs = sorted(entities, key=lambda i: (-degree[i], i))[:10]
    admins = [n.id for n in graph.nodes_of_type("Administration")]
    names = [p.name for p in spec.params if p.kind == "entity"]
    if not kinds:
        base: list[dict[str, Any]] = [{}]
        timed = [{}]
    elif len(kinds) == 1:
        base = [{names[0]: v} for v in [*entities, "company:no-such-entity"]]
        asked = ["sector:semiconductors", "company:huawei", "industrychain:semiconductor-chain", "country:china"]
        more = sorted(entities, key=lambda i: (-degree[i], i))[:40]
        timed = [{names[0]: v} for v in sorted({*more, *admins, *asked} & set(entities))]
    elif len(kinds) == 2:
        chosen = [*sorted(set(hubs) | set(admins)), "company:no-such-entity"]
        base = [{names[0]: x, names[1]: y} for x, y in permutations(chosen, 2)]
        timed = base[:: max(1, len(base) // 40)]
    else:
        pytest.fail(f"query {spec.name}: no parity values for {len(kinds)} entity parameters; extend parameter_sets")
    none = dict.fromkeys(dates)
    out = [{**params, **none} for params in base]
    if dates:
        out += [{**params, **none, **case} for case in TIME_CASES for params in timed]
    return out


@dataclass
class ParityRun:
    compared: Counter[str] = field(default_factory=Counter)  # parameter sets per query
    with_rows: Counter[str] = field(default_factory=Counter)  # ... of which gave at least one row
    mismatches: list[str] = field(default_factory=list)
    timed_with_rows: Counter[str] = field(default_factory=Counter)  # with a time filter, and rows
    timed_fewer: Counter[str] = field(default_factory=Counter)  # ... fewer rows than without the filter


@pytest.fixture(scope="module")
def parity(loaded_neo4j: PolicyGraph, neo4j_driver: Driver, settings: Settings) -> ParityRun:
    """Every library query with every parameter set, on both backends."""
    from policykg.query.library import load_library, run_embedded  # a missing module fails the tests, never skips them

    library = load_library(settings.queries)
    assert library, f"no queries in {settings.queries}"
    run = ParityRun()
    for spec in library.values():
        for params in parameter_sets(loaded_neo4j, spec):
            expected = run_embedded(loaded_neo4j, spec.name, params)
            got = run_library_query(neo4j_driver, spec, params)  # also checks the header's columns
            run.compared[spec.name] += 1
            run.with_rows[spec.name] += bool(expected)
            if any(params.get(k) for k in ("as_of", "from", "to")):
                untimed = run_embedded(loaded_neo4j, spec.name, {k: v for k, v in params.items()
                                                                 if k not in {"as_of", "from", "to"}})
                run.timed_with_rows[spec.name] += bool(expected)
                run.timed_fewer[spec.name] += len(expected) < len(untimed)
            if got != expected:
                first = next((i for i, (x, y) in enumerate(zip(got, expected, strict=False)) if x != y),
                             min(len(got), len(expected)))
                run.mismatches.append(
                    f"{spec.name} {params}: neo4j {len(got)} rows, embedded {len(expected)}; first difference "
                    f"at row {first}: neo4j {got[first] if first < len(got) else None} "
                    f"embedded {expected[first] if first < len(expected) else None}")
    return run


def test_every_library_query_returns_the_same_rows_on_neo4j_and_embedded(parity: ParityRun) -> None:
    assert parity.compared, "no query was compared"
    assert not parity.mismatches, f"{len(parity.mismatches)} mismatches:\n" + "\n".join(parity.mismatches[:10])


def test_parity_is_shown_on_rows_for_every_query(parity: ParityRun) -> None:
    """A query that returns no row for any parameter on the corpus graph proves nothing by agreeing."""
    empty = sorted(name for name in parity.compared if not parity.with_rows[name])
    assert not empty, (f"no parameter value gives a row on the corpus graph for: {', '.join(empty)} "
                       "(missing data in the graph, or a query that can never match)")


def test_parity_covers_the_time_filters_on_rows_they_change(parity: ParityRun) -> None:
    """--as-of, --from and --to are compared on Neo4j where they keep some rows and leave others out."""
    timed = {"measures_touching_sector", "timeline", "administration_measures", "entity_relations",
             "measures_against_entity", "shortest_paths", "chain_segments", "countermeasures"}
    assert timed <= set(parity.compared)
    assert not sorted(q for q in timed if not parity.timed_with_rows[q]), parity.timed_with_rows
    assert not sorted(q for q in timed if not parity.timed_fewer[q]), parity.timed_fewer


def test_cli_query_as_of_on_neo4j_answers_like_the_embedded_graph(
    loaded_neo4j: PolicyGraph, neo4j_connection: Connection, settings: Settings
) -> None:
    """`policykg neo4j query … --as-of` passes $as_of, $from, $to: the rows `policykg query … --as-of` prints."""
    args = ["measures_touching_sector", "--param", "sector=半导体", "--as-of", "2019", "--format", "json"]
    out = cli(["neo4j", "query", *args], neo4j_connection, settings)
    embedded = cli(["query", *args], neo4j_connection, settings)
    assert out.returncode == 0 and embedded.returncode == 0, out.stderr + embedded.stderr
    rows = json.loads(out.stdout)["rows"]
    assert rows == json.loads(embedded.stdout)["rows"]
    measures = {r["measure_id"] for r in rows}
    assert {"policy:made-in-china-2025", "policy:aixtron-executive-order-2016"} <= measures
    assert not measures & {"law:chips-and-science-act", "policy:advanced-computing-export-controls-2022",
                           "policy:us-netherlands-japan-equipment-agreement-2023"}
    assert json.loads(out.stdout)["params"]["as_of"] == "2019-12-31"
    bad = cli(["neo4j", "query", "timeline", "--from", "2022", "--to", "2021"], neo4j_connection, settings)
    assert bad.returncode == 1 and bad.stderr.strip().splitlines() == [
        "Error: --from 2022 is after --to 2021; give the earlier date to --from"]


def test_cli_query_resolves_names_on_neo4j_like_the_embedded_graph(
    loaded_neo4j: PolicyGraph, neo4j_connection: Connection, settings: Settings
) -> None:
    from policykg.query.library import load_library, resolve_params, run_embedded

    spec = load_library(settings.queries)["entity_relations"]
    entity = max((n for n in loaded_neo4j.nodes.values() if n.name_zh and n.type == "Instrument"),
                 key=lambda n: (len(loaded_neo4j.in_edges(n.id)) + len(loaded_neo4j.out_edges(n.id)), n.id))
    out = cli(["neo4j", "query", "entity_relations", "--param", f"entity={entity.name_zh}", "--format", "json"],
              neo4j_connection, settings)
    assert out.returncode == 0, out.stderr
    expected = run_embedded(loaded_neo4j, "entity_relations",
                            resolve_params(loaded_neo4j, spec, {"entity": entity.name_zh}))
    assert expected and json.loads(out.stdout)["rows"] == expected


def test_readme_cypher_examples_answer_on_the_loaded_graph(loaded_neo4j: PolicyGraph, neo4j_driver: Driver) -> None:
    """The three queries the README tells users to paste into Browser run and give the answers it promises."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```cypher\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 3
    with neo4j_driver.session(default_access_mode="READ") as session:
        answers = [[r.data() for r in session.run(b)] for b in blocks]
    semis, admins, paths = answers
    assert "CHIPS and Science Act" in {r["measure"] for r in semis}
    order = list(dict.fromkeys(r["administration"] for r in admins))
    assert order == [loaded_neo4j.nodes[f"administration:{a}"].name for a in ("obama", "trump-1", "biden", "trump-2")
                     if loaded_neo4j.nodes.get(f"administration:{a}") and
                     any(loaded_neo4j.out_edges(f"administration:{a}", t) for t in ("ENACTED", "LAUNCHED",
                                                                                      "CONTINUED"))]
    assert paths and all(p["hops"][0] == "CHIPS and Science Act" and p["hops"][-1] == "Samsung" for p in paths)


# ----------------------------------------------------------------------------------------------- search


def _hit_keys(hits: list[dict[str, Any]]) -> set[tuple[str, int]]:
    return {(h["doc"], h["start"]) for h in hits}


def test_load_writes_the_sentences_under_a_full_text_index(loaded_neo4j: PolicyGraph, neo4j_driver: Driver) -> None:
    from policykg.query.search import NEO4J_INDEX, sentences

    indexes = run_cypher(neo4j_driver, "SHOW INDEXES YIELD name, type, labelsOrTypes, properties "
                                       "RETURN name, type, labelsOrTypes, properties").rows
    assert {"name": NEO4J_INDEX, "type": "FULLTEXT", "labelsOrTypes": ["Sentence"],
            "properties": ["text", "keys"]} in indexes
    count = run_cypher(neo4j_driver, "MATCH (s:Sentence) RETURN count(s) AS n").rows[0]["n"]
    assert count == len(sentences(loaded_neo4j))
    assert run_cypher(neo4j_driver, "MATCH (s:Sentence)--() RETURN count(*) AS n").rows[0]["n"] == 0
    assert_holds_exactly(neo4j_driver, loaded_neo4j)  # the policy graph's counts are those of the graph


@pytest.mark.parametrize("text", ["出口管制", "semiconductor"])
def test_search_on_neo4j_returns_sentences_from_more_than_one_paper(
    loaded_neo4j: PolicyGraph, neo4j_driver: Driver, neo4j_connection: Connection, settings: Settings, text: str
) -> None:
    from policykg.backends.neo4j_search import search_neo4j

    result = search_neo4j(neo4j_driver, loaded_neo4j, text, limit=200)
    assert len(result.documents) > 1 and len({h["doc"] for h in result.hits}) > 1
    assert result.total == len(result.hits) and result.backend == "neo4j"
    scores = [h["score"] for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    out = cli(["search", text, "--backend", "neo4j", "--format", "json", "--limit", "200"], neo4j_connection,
              settings)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["backend"] == "neo4j" and data["documents"] == result.documents


def test_search_on_neo4j_finds_the_sentences_the_embedded_index_finds(loaded_neo4j: PolicyGraph,
                                                                      neo4j_driver: Driver) -> None:
    from policykg.backends.neo4j_search import search_neo4j
    from policykg.query.search import search

    for text, exact in (("出口管制", True), ("出口管制", False), ("实体清单 华为", False), ('"supply chain"', True)):
        embedded = search(loaded_neo4j, text, limit=500, exact=exact)
        on_neo4j = search_neo4j(neo4j_driver, loaded_neo4j, text, limit=500, exact=exact)
        assert embedded.hits and on_neo4j.hits, text
        if "chain" in text:  # Lucene does not stem: "supply chains" is found by the embedded index only
            assert _hit_keys(on_neo4j.hits) < _hit_keys(embedded.hits)
            assert all(re.search(r"supply chain\b", h["text"], re.I) for h in on_neo4j.hits)
        else:
            assert _hit_keys(on_neo4j.hits) == _hit_keys(embedded.hits), text
        first = {(h["doc"], h["start"]): h for h in embedded.hits}
        for hit in on_neo4j.hits:  # same sentence, section, entities and relations
            same = first[(hit["doc"], hit["start"])]
            assert {k: hit[k] for k in ("end", "section", "text", "entities", "relations", "via")} == \
                {k: same[k] for k in ("end", "section", "text", "entities", "relations", "via")}


def test_search_filters_on_neo4j(loaded_neo4j: PolicyGraph, neo4j_driver: Driver) -> None:
    from policykg.backends.neo4j_search import search_neo4j

    one = search_neo4j(neo4j_driver, loaded_neo4j, "出口管制", doc="cai2026", limit=100)
    assert one.hits and {h["doc"] for h in one.hits} == {"cai2026"}
    laws = search_neo4j(neo4j_driver, loaded_neo4j, "出口管制", node_type="Law", limit=100)
    assert laws.hits and all(any(e["type"] == "Law" for e in h["entities"]) for h in laws.hits)
    nothing = search_neo4j(neo4j_driver, loaded_neo4j, "出口管制", doc="wang2024", node_type="Person")
    assert nothing.hits == [] and nothing.unfiltered and "No sentence matches" in nothing.message


def test_search_text_reaches_neo4j_only_as_a_parameter(loaded_neo4j: PolicyGraph, neo4j_driver: Driver,
                                                       neo4j_connection: Connection, settings: Settings) -> None:
    from policykg.backends.neo4j_search import search_neo4j
    from policykg.query.search import NEO4J_QUERY

    for text in (ODD_NAME, 'text:* OR keys:*', "semiconductor~ AND \\", "a*b:c"):
        result = search_neo4j(neo4j_driver, loaded_neo4j, text)
        assert result.total < 20, text  # a query syntax never widens the search to everything
    out = cli(["search", ODD_NAME, "--backend", "neo4j"], neo4j_connection, settings)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("No sentence matches")
    assert_holds_exactly(neo4j_driver, loaded_neo4j)
    # the documented query, run as a user would, with parameters only
    rows = run_cypher(neo4j_driver, NEO4J_QUERY, {"query": '"出口管制"', "doc": None, "type": None, "limit": 5}).rows
    assert rows and all("出口管制" in r["text"] for r in rows)
