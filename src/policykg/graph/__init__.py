"""The typed graph: ``schema`` (from schema/schema.yaml), ``model`` (nodes, edges, evidence), ``build`` (the
pipeline and its cache key), ``store`` (the SQLite cache read on demand), ``evaluate`` (scores against the gold)."""
