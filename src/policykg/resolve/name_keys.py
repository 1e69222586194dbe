"""Name keys for matching listed parties to companies: case, accents, punctuation and legal forms removed.

``_tokens`` is shared with the screening list's party typing (:mod:`policykg.sources.screening`)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_STRONG_LEGAL = frozenset(re.findall(r"\S+", """
    co corp corporation company inc incorporated ltd limited llc llp plc gmbh jsc pjsc ojsc cjsc ooo oao zao
    pte pty pvt sdn bhd sarl srl spa kk fze fzc fzco fzllc technologies technology tech"""))
_WEAK_LEGAL = frozenset(re.findall(r"\S+", "sa ag ab as bv nv oy lp private ua sl sas sasu se ltda the"))


_TOKEN = re.compile(r"[0-9a-z]+|[\u3400-\u9fff]+")


@lru_cache(maxsize=1 << 16)
def _tokens(name: str) -> tuple[str, ...]:
    text = name
    if not name.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ").replace("'", "").replace("’", "")
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    run: list[str] = []
    for t in [*tokens, ""]:  # "S.R.L." -> "srl", "K.K." -> "kk"
        if len(t) == 1 and t.isalpha():
            run.append(t)
            continue
        if run:
            out.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if t:
            out.append(t)
    return tuple(out)


def name_key(name: str) -> tuple[str, ...]:
    """Normalised name for matching: case, accents, punctuation and legal forms removed."""
    tokens = [t for t in _tokens(name) if t not in _STRONG_LEGAL]
    while tokens and tokens[-1] in _WEAK_LEGAL:
        tokens.pop()
    while tokens and tokens[0] == "the":
        tokens.pop(0)
    return tuple(tokens)
