"""A real Neo4j 5 for the tests, found or started once per session, never skipped.

In order: the server at NEO4J_URI (with NEO4J_USER / NEO4J_PASSWORD) when set; else testcontainers'
``neo4j:5.26-community`` when a Docker engine answers a ping; else the bundled launcher
(:class:`policykg.backends.neo4j_server.HarnessServer`, a genuine Neo4j 5.26 in-process, needs Java 17). When none
of them works the tests fail with the reason: a CI run cannot pass without having talked to Neo4j.

The tests own the database they get: ``loaded_neo4j`` deletes every ``:Node`` an earlier load wrote and
loads the corpus graph; tests that change the database put that state back.

``neo4j_harness`` is the bundled launcher's server itself (the session's server when it came from there,
else one started for the tests that check how the launcher configures Neo4j).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from policykg.backends.neo4j_backend import Connection, connect, load_graph
from policykg.backends.neo4j_server import HarnessServer
from policykg.graph.build import BuildResult
from policykg.graph.model import PolicyGraph

__all__ = ["docker_engine_answers", "loaded_neo4j", "neo4j_connection", "neo4j_driver", "neo4j_harness",
           "neo4j_session_server", "neo4j_uri"]

NEO4J_IMAGE = "neo4j:5.26-community"


def docker_engine_answers() -> bool:
    """True when a Docker engine answers a ping (a docker CLI without an engine is not enough)."""
    try:
        import docker

        client = docker.from_env(timeout=5)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # no SDK, no socket, no permission, engine down: all mean "no Docker here"
        return False


@pytest.fixture(scope="session")
def neo4j_session_server() -> Iterator[tuple[Connection, HarnessServer | None]]:
    """The session's server, and the HarnessServer running it when the bundled launcher started it."""
    import os

    if os.environ.get("NEO4J_URI"):
        yield Connection.from_env(), None
        return
    if docker_engine_answers():
        try:
            from testcontainers.community.neo4j import Neo4jContainer
        except ImportError:
            from testcontainers.neo4j import Neo4jContainer
        with Neo4jContainer(NEO4J_IMAGE, username="neo4j", password="policykg-test") as container:
            yield Connection(container.get_connection_url(), container.username, container.password), None
        return
    server = HarnessServer()
    with server as uri:
        yield Connection(uri), server


@pytest.fixture(scope="session")
def neo4j_connection(neo4j_session_server: tuple[Connection, HarnessServer | None]) -> Connection:
    return neo4j_session_server[0]


@pytest.fixture(scope="session")
def neo4j_harness(neo4j_session_server: tuple[Connection, HarnessServer | None]) -> Iterator[HarnessServer]:
    """A running server of the bundled launcher (HarnessServer): the session's own when it is one."""
    if neo4j_session_server[1] is not None:
        yield neo4j_session_server[1]
        return
    server = HarnessServer()
    with server:
        yield server


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_connection: Connection) -> str:
    return neo4j_connection.uri


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_connection: Connection) -> Iterator[Driver]:
    with connect(neo4j_connection) as driver:
        yield driver


@pytest.fixture(scope="session")
def loaded_neo4j(neo4j_driver: Driver, built: BuildResult) -> PolicyGraph:
    """Neo4j holding exactly the corpus graph (loaded once per session); returns the embedded graph."""
    load_graph(neo4j_driver, built.graph, wipe=True)
    return built.graph
