"""Settings: where the corpus, loaders, schema and cache live."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# where `scripts/neo4j-harness start` serves Bolt (no authentication); --uri / NEO4J_URI for any other server
DEFAULT_NEO4J_URI = "bolt://127.0.0.1:7687"
REPO_ROOT = PACKAGE_DIR.parent.parent
# The schema, the query library and the default loaders: the repository's top-level folders when running from
# the source tree (they stay the one editable source of truth), or the copies an installed wheel carries in
# policykg/data/ (symbolic links in the source tree, followed when the wheel is built).
DATA_ROOT = REPO_ROOT if (REPO_ROOT / "schema" / "schema.yaml").is_file() else PACKAGE_DIR / "data"


def _default_corpus() -> Path:
    env = os.environ.get("POLICYKG_CORPUS")
    if env:
        return Path(env)
    if DATA_ROOT == REPO_ROOT:  # the source tree: this deployment keeps the corpus beside the repository
        return REPO_ROOT.parent / "shared" / "corpus"
    return Path("corpus")  # installed: a corpus folder in the current directory unless told otherwise


def _default_cache() -> Path:
    env = os.environ.get("POLICYKG_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "policykg"


def _default_screening_list() -> Path | None:
    env = os.environ.get("POLICYKG_SCREENING_LIST")
    return Path(env) if env else None


def _default_threshold() -> float | None:
    """None: the threshold the scorer model was trained with."""
    env = os.environ.get("POLICYKG_PROPOSAL_THRESHOLD")
    try:
        return float(env) if env else None
    except ValueError:
        from policykg.errors import InputError, Problem

        raise InputError([Problem("POLICYKG_PROPOSAL_THRESHOLD", f"not a number: {env!r}",
                                  "set a confidence between 0 and 1, e.g. 0.5")]) from None


def _default_loaders() -> Path:
    env = os.environ.get("POLICYKG_LOADERS")
    return Path(env) if env else DATA_ROOT / "loaders"


@dataclass(frozen=True)
class Settings:
    corpus: Path = field(default_factory=_default_corpus)
    loaders: Path = field(default_factory=_default_loaders)
    schema: Path = DATA_ROOT / "schema" / "schema.yaml"
    queries: Path = DATA_ROOT / "queries"
    cache: Path = field(default_factory=_default_cache)
    screening_list: Path | None = field(default_factory=_default_screening_list)
    # proposals at or above this confidence, in documents no curator has reviewed, enter the graph
    proposal_threshold: float | None = field(default_factory=_default_threshold)

    @property
    def sources(self) -> Path:
        return self.corpus / "sources.yaml"

    # The user's own knowledge lives beside their corpus, in <corpus>/loaders/, laid out like the project's
    # loaders/ and merged over them: the project's files are the shared knowledge base, the overlay the
    # analyst's (accepted proposals, their own gazetteer entries, assertions, rules, document settings).
    @property
    def overlay(self) -> Path:
        return self.corpus / "loaders"

    def _layers(self, name: str) -> list[Path]:
        own = self.overlay / name
        return [self.loaders / name] + ([own] if own.exists() and own.resolve() != (self.loaders / name).resolve()
                                        else [])

    @property
    def doc_settings(self) -> list[Path]:
        return self._layers("documents.yaml")

    @property
    def gazetteer_dirs(self) -> list[Path]:
        return self._layers("gazetteer")

    @property
    def rules_files(self) -> list[Path]:
        return self._layers("rules.yaml")

    @property
    def patterns_files(self) -> list[Path]:
        return self._layers("patterns.yaml")

    @property
    def scorer_files(self) -> list[Path]:
        return self._layers("scorer.json")

    @property
    def assertion_dirs(self) -> list[Path]:
        return self._layers("assertions")
