"""Where the graph comes from: ``corpus`` (sources.yaml, sha256 checks, segmentation), ``screening`` (the U.S.
Consolidated Screening List) and ``synthetic`` (generated corpora for benchmarks)."""
