"""Names to nodes: ``names`` (the normalised key, light to import) and ``nodes`` (any alias, either language,
"did you mean" on a miss)."""
