"""Shared fixtures: the real corpus, read once per session."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from neo4j_fixtures import *  # noqa: F403
from policykg.config import REPO_ROOT, Settings
from policykg.graph.build import BuildResult, build_graph
from policykg.sources.corpus import Document, read_corpus

CORPUS = Settings().corpus


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    if not (CORPUS / "sources.yaml").is_file():
        pytest.fail(f"the corpus is not at {CORPUS}; set POLICYKG_CORPUS")
    return replace(Settings(), cache=tmp_path_factory.mktemp("cache"), screening_list=None)


@pytest.fixture(scope="session")
def docs(settings: Settings) -> dict[str, Document]:
    return {d.id: d for d in read_corpus(settings.corpus, settings.loaders / "documents.yaml")}


@pytest.fixture(scope="session")
def built(settings: Settings) -> BuildResult:
    return build_graph(settings)


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the corpus, for tests that damage it."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    for p in dst.iterdir():
        p.chmod(0o644)
    return dst


@pytest.fixture()
def loaders_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "loaders"
    shutil.copytree(REPO_ROOT / "loaders", dst)
    return dst
