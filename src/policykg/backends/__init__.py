"""Backends that hold the policy graph.

The embedded backend is :class:`policykg.graph.PolicyGraph` itself (networkx in memory, nothing to start);
:mod:`policykg.backends.neo4j_backend` loads the same graph into Neo4j 5 and runs Cypher on it. The query
library (:mod:`policykg.queries`) runs on both, and a parity test proves they return the same rows.
"""
