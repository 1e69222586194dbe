"""Backends that hold the policy graph.

The embedded backend is :class:`policykg.graph.model.PolicyGraph` itself (networkx in memory, nothing to start);
:mod:`policykg.backends.neo4j_backend` loads the same graph into Neo4j 5 and runs Cypher on it. The query
library (:mod:`policykg.query.library`) runs on both, and a parity test proves they return the same rows.
"""
