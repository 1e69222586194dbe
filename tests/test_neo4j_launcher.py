"""The bundled launcher runs a genuine Neo4j 5.26 that a driver can write to and read from."""

from __future__ import annotations

import socket
import uuid

import pytest
from neo4j import GraphDatabase

from policykg.backends.neo4j_server import HarnessServer


def _accepts_connections(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@pytest.mark.neo4j
@pytest.mark.java
def test_harness_server_runs_real_neo4j_and_cleans_up() -> None:
    server = HarnessServer()
    with server as uri:
        assert uri.startswith("bolt://127.0.0.1:")
        port = int(uri.rsplit(":", 1)[1])
        assert server.workdir is not None and server.workdir.is_dir()
        assert _accepts_connections("127.0.0.1", port)

        marker = uuid.uuid4().hex
        with GraphDatabase.driver(uri, auth=None) as driver:
            driver.verify_connectivity()
            with driver.session() as session:
                session.run("CREATE (:LauncherProbe {marker: $marker, n: 42})", marker=marker).consume()
                record = session.run(
                    "MATCH (p:LauncherProbe {marker: $marker}) RETURN p.n AS n, count(*) AS c",
                    marker=marker,
                ).single()
                assert record is not None
                assert record["n"] == 42
                assert record["c"] == 1

                components = session.run(
                    "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
                ).data()
        kernel = [c for c in components if c["name"] == "Neo4j Kernel"]
        assert kernel, components
        assert kernel[0]["versions"][0].startswith("5.26"), components

    workdir = server.workdir
    assert workdir is not None
    assert not workdir.exists(), f"temp dir {workdir} left behind"
    assert server.pid is None
    assert not _accepts_connections("127.0.0.1", port), f"port {port} still accepts connections"
