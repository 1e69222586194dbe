"""Reading the sources into facts, stage by stage.

``gazetteer`` (known entities and the mention finder) → ``stages`` (section context, pattern rules, curated
assertions) → ``ingest`` (candidates and scored relation proposals for text no one curated); ``cache`` keeps
per-document results between builds; ``regex_safety`` refuses loader patterns that could hang a build.
"""
