"""The key names are looked up by, and the few text constants a report needs: a module of its own, so that
resolving a name or rendering evidence imports nothing else."""

from __future__ import annotations

import re
import unicodedata

_NAME_NOISE = re.compile(r"[\s《》〈〉“”\"'‘’「」『』()（）\[\]·,，.:：\-–—_/]+")


def normalize_name(name: str) -> str:
    """Key for name lookup: case-folded, width-normalised, brackets, quotes and spacing removed."""
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", name).casefold())


HAN_RE = re.compile(r"[\u3400-\u9fff]")  # a Chinese character
ANCHOR_SEPARATOR = " | "  # between the anchors of a curated fact in its evidence's ``surface``
