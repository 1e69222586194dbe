"""The command line as a user runs it: a fresh `python -m policykg` process with its own cache folder (and no
screening list from the environment), for tests that look at what a whole process does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(args: list[str], cache: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "POLICYKG_SCREENING_LIST"}
    env["POLICYKG_CACHE"] = str(cache)
    return subprocess.run([sys.executable, *flags, "-m", "policykg", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def built_cache(factory: pytest.TempPathFactory, name: str) -> Path:
    """A cache folder holding the five papers' graph, built by `policykg build`."""
    folder = factory.mktemp(name)
    out = run(["build"], folder)
    assert out.returncode == 0, out.stderr
    return folder
