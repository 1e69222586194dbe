"""The package as a user installs it: a wheel in a fresh virtual environment, away from the source tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from policykg.config import REPO_ROOT, Settings


def test_the_wheel_installs_and_builds_from_its_own_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(REPO_ROOT)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("policykg-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], capture_output=True, text=True,
                             timeout=600)
    assert install.returncode == 0, install.stderr
    python = str(venv / "bin" / "python")
    where = subprocess.run([python, "-c", "from policykg.config import DATA_ROOT; print(DATA_ROOT)"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert "site-packages" in where.stdout and str(REPO_ROOT) not in where.stdout, where.stdout
    corpus = str(Settings().corpus)
    build = subprocess.run([python, "-m", "policykg", "--corpus", corpus, "--cache", str(tmp_path / "cache"), "build"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert build.returncode == 0, build.stderr
    assert "Built graph from corpus" in build.stdout
    report = subprocess.run([str(venv / "bin" / "policykg"), "--corpus", corpus, "--cache", str(tmp_path / "cache"),
                             "report", "sector", "semiconductors"], capture_output=True, text=True, cwd=tmp_path,
                            timeout=300)
    assert report.returncode == 0, report.stderr
    assert "CHIPS and Science Act" in report.stdout
