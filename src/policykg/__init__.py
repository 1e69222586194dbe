"""policykg: a typed, evidence-backed knowledge graph of US-China technology-competition policy.

    import policykg
    kg = policykg.open(corpus="../shared/corpus")
    kg.report("sector", sector="semiconductors").to_markdown()

See :mod:`policykg.api` (``open``, ``KnowledgeGraph``, ``Report``) and the README's "Python" section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "Report", "__version__", "open"]

if TYPE_CHECKING:
    from policykg.api import KnowledgeGraph, Report, open


def __getattr__(name: str) -> Any:
    # the library loads on first use, so `policykg.cli.main` and `import policykg` stay cheap
    if name in {"open", "KnowledgeGraph", "Report"}:
        from policykg import api
        return getattr(api, name)
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")
