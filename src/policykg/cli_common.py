"""Shared pieces of the command line: settings state, graph loading, citation formatting."""

from __future__ import annotations

from collections.abc import Mapping

import typer

from .build import BuildResult, load_or_build
from .config import Settings
from .graph import Evidence, PolicyGraph


class State:
    """The settings of this run, made on first use: a bad environment variable is then an error line, not a
    traceback while the program loads."""

    _settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = Settings()
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value


STATE = State()


def graph(rebuild: bool = False) -> PolicyGraph:
    return built(rebuild).graph


def built(rebuild: bool = False) -> BuildResult:
    return load_or_build(STATE.settings, rebuild=rebuild)


def short(text: str | None, width: int = 160) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= width else t[: width - 1] + "…"


def cite(ev: Evidence) -> str:
    if ev.doc:
        return f"[{ev.doc} {ev.start}-{ev.end} § {short(ev.section, 60)}] ({ev.method} {ev.confidence:.2f})"
    return f"[{ev.method}: {ev.source or ev.record or ''}]"


def echo_counts(title: str, counts: Mapping[str, int], width: int = 16) -> None:
    """A titled two-column table of counts by label or type, sorted by name."""
    typer.echo(title)
    for name, count in sorted(counts.items()):
        typer.echo(f"  {name:<{width}} {count:>8}")
