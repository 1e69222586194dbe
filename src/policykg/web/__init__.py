"""Looking at the graph: standalone pictures of a report or subgraph (``picture``, ``policykg view``) and a small
read-only local web app over the same calls (``app``, ``policykg serve``).

The pictures are drawn by vis-network, whose JavaScript the ``pyvis`` package ships and each page inlines (it opens
offline); the app runs on Flask. Both are in the ``web`` extra and imported only when these commands run.
"""

from __future__ import annotations

from policykg.errors import PolicykgError

EXTRA_HINT = "pip install 'policykg[web]'"
DEFAULT_MAX_NODES = 500  # nodes a picture draws at most (the combined graph with the screening list has ~26k)


def missing_extra(package: str) -> PolicykgError:
    """The error for a command that needs the ``web`` extra when it is not installed."""
    return PolicykgError(f"this command needs {package}, which is not installed (fix: {EXTRA_HINT})")
