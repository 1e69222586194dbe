"""Exporters, one module per format, each with ``write(graph, fh)``; ``export()`` writes atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

WriteFn = Callable[[TextIO], None]


def write_output(target: str | Path | None, write: WriteFn) -> None:
    """Write to a file atomically (never a half-written file), or to stdout for None or '-'."""
    if target is None or str(target) == "-":
        write(sys.stdout)
        sys.stdout.flush()
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            write(fh)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an export is an ordinary file
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
