"""The command line: a thin layer over the library, one module per command group.

``main`` (the entry point ``policykg.cli.main:main``) builds the root app and registers ``export``, ``neo4j``,
``screening``, ``ingest`` (add, proposals, review, train) and ``view``; ``common`` holds the shared state.
"""
