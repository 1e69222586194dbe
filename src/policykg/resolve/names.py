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


def merge_spans(spans: list[list[int]]) -> list[list[int]]:
    """[start, end] spans sorted, overlapping or touching ones joined (marks to highlight in a text)."""
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out
