"""The environment step run.sh and test.sh share (scripts/ensure-venv) never leaves a half-installed .venv.

Each test runs the real scripts in a copy of the repository's top level whose .venv holds stand-ins for python
and pip (shell scripts that log what they were asked and do what the test tells them), so an interrupted or failed
install can be staged without the network and without touching the real .venv."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from policykg.config import REPO_ROOT

# .venv/bin/python as pip sees it: `-m pip install ... -e .` does what $PIP_DOES says:
#   ok        install: write the policykg command (and ruff, mypy, pytest for .[dev])
#   no-tools  "succeed" without the dev tools (the state the issue saw: .venv/bin/ruff: No such file)
#   fail      exit 1 (a network error)
#   interrupt Ctrl-C in the middle (SIGINT to the whole process group, as a terminal sends it)
FAKE_PYTHON = r"""#!/usr/bin/env bash
echo "python $*" >> "$LOG"
bin=$(dirname "$0")
case "$*" in
  -c*) exit "${PY_TOO_OLD:-0}" ;;
  "-m pip --version") [ -f "$bin/../pip-present" ] ;;
  "-m ensurepip --upgrade") touch "$bin/../pip-present" ;;
  "-m pip install -q --upgrade pip") exit 0 ;;
  "-m pip install -q -e "*)
    case "$PIP_DOES" in
      fail) echo "ERROR: network unreachable" >&2; exit 1 ;;
      interrupt) kill -INT 0; sleep 5; exit 1 ;;
    esac
    tools="policykg"
    if [[ "$*" == *"[dev]"* && "$PIP_DOES" == ok ]]; then tools="policykg ruff mypy pytest"; fi
    for t in $tools; do
      printf '#!/usr/bin/env bash\necho "%s $*" >> "$LOG"\n' "$t" > "$bin/$t"; chmod +x "$bin/$t"
    done
    ;;
  *) echo "unexpected: $*" >&2; exit 3 ;;
esac
"""


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """run.sh, test.sh, scripts/ensure-venv and pyproject.toml, with a .venv of stand-ins."""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    for name in ("run.sh", "test.sh", "pyproject.toml", "scripts/ensure-venv"):
        shutil.copy2(REPO_ROOT / name, root / name)
    os.utime(root / "pyproject.toml", (1_700_000_000, 1_700_000_000))  # older than anything written now
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text(FAKE_PYTHON, encoding="utf-8")
    (bin_dir / "python").chmod(0o755)
    (root / ".venv" / "pip-present").touch()
    return root


def run(repo: Path, args: list[str], pip_does: str = "ok", **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "LOG": str(repo / "log"), "PIP_DOES": pip_does, **env}
    # its own process group, so the staged Ctrl-C reaches it only; Ctrl-C as a terminal delivers it even when this
    # test runs as a background job (which starts with SIGINT ignored, and bash cannot undo an inherited ignore)
    return subprocess.run(["bash", *args], cwd=repo, env=full_env, capture_output=True, text=True, timeout=60,
                          start_new_session=True, preexec_fn=_default_sigint)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def log(repo: Path) -> list[str]:
    path = repo / "log"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def stamps(repo: Path) -> set[str]:
    return {p.name for p in (repo / ".venv").glob(".policykg-installed*")}


def installs(repo: Path) -> list[str]:
    return [line for line in log(repo) if line.startswith("python -m pip install -q -e")]


def test_run_sh_with_arguments_installs_the_plain_package_and_says_so(repo: Path) -> None:
    out = run(repo, ["run.sh", "report", "timeline"])
    assert out.returncode == 0, out.stderr
    assert installs(repo) == ["python -m pip install -q -e ."]
    assert stamps(repo) == {".policykg-installed"}  # not the dev stamp: the dev tools are not there
    assert log(repo)[-1] == "policykg report timeline"  # then the command ran
    again = run(repo, ["run.sh", "show", "Huawei"])
    assert again.returncode == 0 and len(installs(repo)) == 1  # installed once


def test_test_sh_after_run_sh_installs_the_dev_tools(repo: Path) -> None:
    assert run(repo, ["run.sh", "build"]).returncode == 0
    out = run(repo, ["scripts/ensure-venv", "--dev"])
    assert out.returncode == 0, out.stderr
    assert installs(repo) == ["python -m pip install -q -e .", "python -m pip install -q -e .[dev]"]
    assert all((repo / ".venv" / "bin" / t).is_file() for t in ("ruff", "mypy", "pytest"))
    assert stamps(repo) == {".policykg-installed", ".policykg-installed-dev"}
    assert run(repo, ["run.sh", "build"]).returncode == 0
    assert len(installs(repo)) == 2  # the dev install counts as the plain one


@pytest.mark.parametrize("pip_does", ["interrupt", "fail"])
def test_an_install_that_does_not_finish_leaves_no_stamp(repo: Path, pip_does: str) -> None:
    out = run(repo, ["scripts/ensure-venv", "--dev"], pip_does)
    assert out.returncode != 0
    if pip_does == "interrupt":
        assert out.returncode in (-signal.SIGINT, 128 + signal.SIGINT)
    else:
        assert "network unreachable" in out.stderr
    assert stamps(repo) == set()
    retry = run(repo, ["scripts/ensure-venv", "--dev"])  # the next run installs again, and then it is done
    assert retry.returncode == 0, retry.stderr
    assert len(installs(repo)) == 2 and stamps(repo) == {".policykg-installed", ".policykg-installed-dev"}


def test_an_interrupted_upgrade_removes_the_old_stamp(repo: Path) -> None:
    assert run(repo, ["scripts/ensure-venv", "--dev"]).returncode == 0
    (repo / "pyproject.toml").touch()  # a new dependency: the install is out of date
    out = run(repo, ["scripts/ensure-venv", "--dev"], "interrupt")
    assert out.returncode != 0 and stamps(repo) == set()


def test_dev_tools_that_do_not_run_are_an_error_not_a_stamp(repo: Path) -> None:
    out = run(repo, ["scripts/ensure-venv", "--dev"], "no-tools")
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1] == (
        "scripts/ensure-venv: .venv/bin/ruff does not run after installing policykg[dev]")
    assert stamps(repo) == set()


def test_a_venv_left_without_pip_is_repaired(repo: Path) -> None:
    (repo / ".venv" / "pip-present").unlink()  # venv creation interrupted before ensurepip
    out = run(repo, ["scripts/ensure-venv"])
    assert out.returncode == 0, out.stderr
    assert "python -m ensurepip --upgrade" in log(repo) and stamps(repo) == {".policykg-installed"}


def test_too_old_a_python_is_one_line_naming_the_fix(repo: Path, tmp_path: Path) -> None:
    old = tmp_path / "python3.9"
    old.write_text('#!/usr/bin/env bash\n[ "$1" = --version ] && { echo "Python 3.9.2"; exit 0; }; exit 1\n',
                   encoding="utf-8")
    old.chmod(0o755)
    out = run(repo, ["scripts/ensure-venv"], PY_TOO_OLD="1", PYTHON=str(old))
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        f"scripts/ensure-venv: policykg needs Python 3.11+; '{old}' is Python 3.9.2 (fix: PYTHON=python3.11 "
        "./run.sh ...)"]
    assert installs(repo) == [] and stamps(repo) == set()


def test_an_unknown_argument_is_refused(repo: Path) -> None:
    out = run(repo, ["scripts/ensure-venv", "report"])
    assert out.returncode == 2 and "unknown argument 'report'" in out.stderr and installs(repo) == []
