"""Asking the graph: ``library`` (the Cypher files and their embedded twins), ``reports`` (the canned
policy-path reports) and ``search`` (the evidence sentences, in either language)."""
