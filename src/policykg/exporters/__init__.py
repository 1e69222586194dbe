"""Exporters, one module per format, each with ``write(graph, fh)``; ``write_output()`` writes atomically."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from policykg.exporters.common import ExportError, cannot_write, clean_stale_temps, make_temp

WriteFn = Callable[[TextIO], None]


def write_output(target: str | Path | None, write: WriteFn, example: str = "graph.txt") -> None:
    """Write to a file atomically (never a half-written file), or to stdout for None or '-'.

    The text goes to a hidden temporary file beside the target (``.NAME.policykg-PID-XXXX.tmp``), renamed into
    place when complete and removed on failure; ones left by a killed export are removed by the next export to
    the same name. A target that cannot be written is one ExportError naming it (``example``: a file name to
    suggest when the target is a folder)."""
    if target is None or str(target) == "-":
        write(sys.stdout)
        sys.stdout.flush()
        return
    path = Path(target)
    if path.is_dir():
        raise ExportError(f"{path}: is a directory (fix: give a file name, e.g. -o {path / example})")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_temps(path.parent, path.name)
        fd, tmp = make_temp(path)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            write(fh)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an export is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:  # a full disk, a folder that went away or read-only
        raise cannot_write(path, exc) from None
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


__all__ = ["ExportError", "WriteFn", "write_output"]


def write_text(target: str | Path, text: str, example: str = "graph.txt") -> None:
    """``write_output`` for a text that is already complete."""

    def write(fh: TextIO) -> None:
        fh.write(text)

    write_output(target, write, example)
