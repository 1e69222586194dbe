"""Regular expressions from loader files must not hang the build.

Trigger words in ``rules.yaml`` and the English word lists of ``patterns.yaml`` are Python regular expressions,
matched against every sentence of every document by a backtracking engine (``re``). A pattern such as
``(\\w+\\s?)+QQQ`` takes exponential time on a long sentence it does not match, ``\\w+\\w+QQQ`` time growing as a
power of the sentence's length: the build would never finish. Such patterns are refused when their file is
loaded, with its file and line, before any sentence is read.

The check builds the pattern's position (Glushkov) automaton from the ``re`` module's own parse tree: one state
per character position, a transition into a position labelled by the characters it matches. A backtracking engine
walks every path the automaton has for a text, so it is the automaton's *degree of ambiguity* that decides the
running time (Weber and Seidl's criteria):

* **exponential**: some state has two different cycles that read the same text (``(\\w+\\s?)+``, ``(a|aa)+``,
  ``(a*)*``): refused;
* **polynomial**: two different states each have a cycle, and a path joins them, all three reading the same text
  (``\\w+\\w+``, ``.+ .+``): refused;
* **empty rounds**: a repetition, or an option, of something that can match no character (``(a?)+``,
  ``(?=a)?``, ``(?!b){2,}``): the engine can take it in several ways without reading anything: refused;
* **finite but large**: nested bounded repetitions of the same characters (``(?:\\w{0,3}\\w{1,2}){0,3}``); the
  paths a probe text of 64 characters opens are counted, and more than 4096 are refused.

Everything else walks a number of paths proportional to the sentence from each starting position, as the
project's own patterns do (``add(?:s|ed|ing)? to``, ``not(?! only)``, ``(?:\\w+\\s+){0,2}by``: at most 4 paths).
Character sets are compared on sample characters (ASCII, some Latin-1 and Chinese, and every character the
pattern names), case-insensitively; lookarounds are checked as patterns of their own, and a backreference as
"any text". The check errs on the side of refusal (a possessive repetition is checked as a greedy one), and the
message says how to rewrite a pattern. Checking the 250 patterns of the project's loaders takes ~35 ms; a pattern
too large to check within a fixed amount of work is refused as too complex.
"""

from __future__ import annotations

import functools
import importlib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from policykg.errors import InputError, Problem
from policykg.yamlio import LINE_KEY, load_yaml, strip_lines, where

_parser: Any = importlib.import_module("re._parser")  # the parser of the re module itself (Python 3.11+)
_c: Any = importlib.import_module("re._constants")

BOUNDED = 16  # a repetition of more than this many rounds is checked as an unbounded one
PROBE_LENGTH = 64  # characters of the probe texts on which the paths of a pattern are counted
MAX_PATHS = 4096  # paths from one starting position over a probe text (the project's patterns: at most 4)
MAX_POSITIONS = 400  # character positions, repetitions unrolled (the project's longest pattern has ~60)
MAX_WORK = 400_000  # steps of the ambiguity tests for one pattern (the project's patterns need < 4,000)
EXPONENTIAL = ("can take exponential time on a long sentence: part of it can match the same text in two ways, "
               "again and again, as (\\w+\\s?)+ does")
POLYNOMIAL = ("can take time growing as a power of the sentence's length: two repetitions can share out the same "
              "characters between them, as \\w+\\w+ does")
EMPTY_LOOP = ("can take exponential time on a long sentence: it repeats or makes optional something that can "
              "match no character at all, as (a*)* or (?=a)? do")
FIX = ("repeat a group a bounded number of times, e.g. (?:\\w+\\s+){1,3}, or put a character the repetition "
       "cannot match between the repetitions, e.g. (?:\\w+\\s)+ instead of (?:\\w+\\s?)+")
# the sections of patterns.yaml whose English words the code reads as regular expressions
REGEX_SECTIONS = ("contrast", "negation", "person_titles", "lower_heads", "sector_heads", "triggers", "removal",
                  "unrealised")

_SPECIAL = re.compile(r"[\\.^$*+?{}\[\]()|]")  # a pattern without these is plain text
CharTest = Callable[[str], bool]
T = TypeVar("T")


@functools.lru_cache(maxsize=4096)
def unsafe_reason(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` must not be used (it does not compile, or it can backtrack without limit), or None."""
    if not _SPECIAL.search(pattern):
        return None  # plain words: matched as they are
    try:
        re.compile(pattern, flags)
        parsed = _parser.parse(pattern, flags)
    except re.error as exc:
        return f"is not a valid regular expression ({exc})"
    except (RecursionError, OverflowError):
        return "is nested too deeply to be checked"
    roots: list[_Node] = []
    roots.append(_tree(list(parsed), roots))
    samples = _samples(parsed)
    for root in roots:  # the pattern, and the body of each lookaround (run at every position on its own)
        try:
            reason = _Automaton(root, samples).unsafe_reason()
        except _TooComplex:
            return "is too complex to be checked for run time: split it into simpler patterns"
        if reason is not None:
            return reason
    return None


# -------------------------------------------------------------------------------------------- parse tree
@dataclass(eq=False)
class _Node:
    """One element of the parse tree: a character, a sequence, an alternation, a repetition or a zero-width test."""

    kind: str  # char | seq | alt | rep | zero | ref
    test: CharTest | None = None  # char: which characters it matches
    items: list[_Node] = field(default_factory=list)  # seq: elements; alt: branches (each a seq); rep: [body]
    lo: int = 1
    hi: int = 1
    literal: str = ""  # char: the one character it matches (before case folding), when it is one


def _tree(items: list[Any], roots: list[_Node]) -> _Node:
    """Our tree for a parsed sequence; the bodies of lookarounds become roots of their own (they run apart)."""
    return _Node("seq", items=[_element(op, av, roots) for op, av in items])


def _element(op: Any, av: Any, roots: list[_Node]) -> _Node:
    if op == _c.LITERAL:
        return _Node("char", test=_char_test(op, av), literal=chr(av))
    if op in (_c.NOT_LITERAL, _c.ANY, _c.IN):
        return _Node("char", test=_char_test(op, av))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, body = av
        return _Node("rep", items=[_tree(list(body), roots)], lo=lo, hi=hi)
    if op == _c.SUBPATTERN:
        return _tree(list(av[-1]), roots)
    if op == _c.ATOMIC_GROUP:
        return _tree(list(av), roots)
    if op == _c.BRANCH:
        return _Node("alt", items=[_tree(list(branch), roots) for branch in av[1]])
    if op == _c.GROUPREF_EXISTS:
        return _Node("alt", items=[_tree(list(b) if b is not None else [], roots) for b in av[1:]])
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        roots.append(_tree(list(av[1]), roots))
        return _Node("zero")
    if op == _c.GROUPREF:
        return _Node("ref")  # a copy of what a group matched: any text, as far as we can tell here
    return _Node("zero")  # AT (anchors, \b) and the like consume nothing


def _nullable(node: _Node) -> bool:
    """Whether the node can match without reading a character."""
    if node.kind == "char":
        return False
    if node.kind == "alt":
        return any(_nullable(b) for b in node.items)
    if node.kind == "rep":
        return node.lo == 0 or _nullable(node.items[0])
    if node.kind == "seq":
        return all(_nullable(i) for i in node.items)
    return True  # zero-width tests and backreferences (which may repeat an empty group)


# -------------------------------------------------------------------------------------------- characters
_CATEGORIES: dict[Any, CharTest] = {
    _c.CATEGORY_DIGIT: lambda ch: unicodedata.category(ch) == "Nd",
    _c.CATEGORY_NOT_DIGIT: lambda ch: unicodedata.category(ch) != "Nd",
    _c.CATEGORY_SPACE: str.isspace,
    _c.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    _c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    _c.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
}


def _char_test(op: Any, av: Any) -> CharTest:
    """Which characters one element matches, compared case-insensitively (more overlap: a safer check)."""
    if op == _c.LITERAL:
        return _folded(_literal(av))
    if op == _c.NOT_LITERAL:
        return _folded(lambda ch: ord(ch) != av)
    if op == _c.ANY:
        return _anything
    tests: list[CharTest] = []
    negate = False
    for kind, value in av:
        if kind == _c.NEGATE:
            negate = True
        elif kind == _c.LITERAL:
            tests.append(_literal(value))
        elif kind in (_c.RANGE, _c.RANGE_UNI_IGNORE):
            tests.append(_range(*value))
        elif kind == _c.CATEGORY:
            tests.append(_CATEGORIES.get(value, _anything))
        else:
            tests.append(_anything)
    if negate:
        return _folded(lambda ch: not any(t(ch) for t in tests))
    return _folded(lambda ch: any(t(ch) for t in tests))


def _anything(ch: str) -> bool:
    return True


def _literal(code: int) -> CharTest:
    return lambda ch: ord(ch) == code


def _range(low: int, high: int) -> CharTest:
    return lambda ch: low <= ord(ch) <= high


def _folded(test: CharTest) -> CharTest:
    def folded(ch: str) -> bool:
        return any(test(v) for v in (ch, ch.lower(), ch.upper()) if len(v) == 1)

    return folded


def _samples(parsed: Any) -> str:
    """Characters to compare character sets on: ASCII, some Latin-1, Chinese and punctuation, and every character
    the pattern names (literals and both ends of its ranges: two ranges that overlap share an end)."""
    named: set[str] = set()

    def visit(value: Any) -> None:
        if isinstance(value, tuple) and len(value) == 2 and type(value[0]) is not int \
                and value[0] in (_c.LITERAL, _c.NOT_LITERAL) and isinstance(value[1], int):
            named.add(chr(value[1]))
        elif isinstance(value, tuple) and len(value) == 2 and value[0] is _c.RANGE:
            named.update((chr(value[1][0]), chr(value[1][1])))
        elif isinstance(value, tuple | list) or hasattr(value, "data"):
            for v in getattr(value, "data", value):
                visit(v)

    visit(parsed)
    folded = {c.upper() for c in named if len(c.upper()) == 1} | {c.lower() for c in named if len(c.lower()) == 1}
    return "".join(sorted({chr(i) for i in range(128)} | set("\u00a0éüß’“”—，。、；：中国美") | named | folded))


# -------------------------------------------------------------------------------------------- automaton
class _TooComplex(Exception):
    pass


_ANY_CHAR = _Node("char", test=_anything)
Result = tuple[bool, set[int], set[int]]  # nullable, first positions, last positions


class _Automaton:
    """The position automaton of a pattern (or of a lookaround's body), and its degree of ambiguity."""

    def __init__(self, root: _Node, samples: str):
        self.samples = samples
        self._index = {ch: i for i, ch in enumerate(samples)}
        self._bits_of: dict[int, int] = {}
        self.bits: list[int] = []  # per position: the sample characters it matches, as a bit set
        self.follow: list[set[int]] = []
        self.parallel: set[tuple[int, int]] = set()  # steps the pattern can take in two different ways
        self.work = 0
        self.empty_loop = False
        _, first, _ = self._build(root)
        self.start = len(self.bits)  # the initial state reads nothing
        self.bits.append(0)
        self.follow.append(set(first))

    def unsafe_reason(self) -> str | None:
        if self.empty_loop:
            return EMPTY_LOOP
        if self._cyclic():
            if self._exponential():
                return EXPONENTIAL
            if self._polynomial():
                return POLYNOMIAL
        elif self._dag_paths() <= MAX_PATHS:
            return None  # without a loop the paths are finite, and these are few whatever the text
        paths = self._probe_paths()
        if paths > MAX_PATHS:
            return (f"can try too many ways to match: {paths} on a text of {PROBE_LENGTH} characters, where "
                    f"{MAX_PATHS} are allowed (bounded repetitions of the same characters nested in each other)")
        return None

    def _spend(self, steps: int) -> None:
        self.work += steps
        if self.work > MAX_WORK:
            raise _TooComplex

    # Glushkov construction: each node gives (nullable, first positions, last positions) and adds to follow
    def _build(self, node: _Node) -> Result:
        if node.kind == "char":
            p = self._position(node)
            return False, {p}, {p}
        if node.kind == "zero":
            return True, set(), set()
        if node.kind == "ref":
            return self._star(_ANY_CHAR)
        if node.kind == "alt":
            parts = [self._build(b) for b in node.items]
            return (any(p[0] for p in parts), set().union(*(p[1] for p in parts)),
                    set().union(*(p[2] for p in parts)))
        if node.kind == "rep":
            return self._repeat(node.items[0], node.lo, node.hi)
        return self._sequence([functools.partial(self._build, item) for item in node.items])

    def _position(self, node: _Node) -> int:
        if len(self.bits) >= MAX_POSITIONS:
            raise _TooComplex
        bits = self._bits_of.get(id(node))  # copies of a repeated element share its characters
        if bits is None:
            bits = 0
            if node.literal:
                for v in {node.literal, node.literal.lower(), node.literal.upper()}:
                    bits |= 1 << self._index[v] if v in self._index else 0
            else:
                for i, ch in enumerate(self.samples):
                    if node.test is None or node.test(ch):
                        bits |= 1 << i
            self._bits_of[id(node)] = bits
        self.bits.append(bits)
        self.follow.append(set())
        return len(self.bits) - 1

    def _sequence(self, parts: list[Callable[[], Result]]) -> Result:
        nullable, first, last = True, set[int](), set[int]()
        for make in parts:
            n2, f2, l2 = make()
            for p in last:
                self.follow[p] |= f2
            if nullable:
                first |= f2
            last = l2 | last if n2 else set(l2)
            nullable = nullable and n2
        return nullable, first, last

    def _star(self, body: _Node) -> Result:
        _, first, last = self._build(body)
        for p in last:
            # a step the body already takes by a loop of its own ((a*)*): two different ways, one set member
            self.parallel.update((p, q) for q in first & self.follow[p])
            self.follow[p] |= first
        return True, first, last

    def _repeat(self, body: _Node, lo: int, hi: int) -> Result:
        """``lo`` copies, then either the optional copies nested (x{0,3} is (x(x(x)?)?)?, as the engine counts
        them) or, for an unbounded or long range, a loop (at most two copies before it: the same paths)."""
        if (hi > 1 or lo < hi) and _nullable(body):
            self.empty_loop = True  # the engine may take it, or go round, in several ways without reading anything
        unbounded = hi >= _c.MAXREPEAT or hi > BOUNDED
        mandatory = min(lo, 2) if unbounded else lo
        parts: list[Callable[[], Result]] = [functools.partial(self._build, body) for _ in range(mandatory)]
        if unbounded:
            parts.append(functools.partial(self._star, body))
        elif hi > lo:
            parts.append(functools.partial(self._optional_chain, body, hi - lo))
        return self._sequence(parts)

    def _optional_chain(self, body: _Node, n: int) -> Result:
        _, first, last = self._build(body)
        if n > 1:
            _, f2, l2 = self._optional_chain(body, n - 1)
            for p in last:
                self.follow[p] |= f2
            last = last | l2
        return True, first, last

    # paths
    def _cyclic(self) -> bool:
        """Whether any state lies on a cycle (an unbounded repetition, or a long one checked as such)."""
        states = range(len(self.bits))
        return any(len(c) > 1 or c[0] in self.follow[c[0]] for c in _components(states, self.follow.__getitem__))

    def _dag_paths(self) -> int:
        """Of an automaton without cycles: how many paths start at the initial state, whatever they read."""
        count = [0] * len(self.bits)
        count[self.start] = 1
        order: list[int] = []  # depth-first post-order from the initial state, then reversed
        seen = {self.start}
        stack = [(self.start, iter(self.follow[self.start]))]
        while stack:
            node, it = stack[-1]
            for nxt in it:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, iter(self.follow[nxt])))
                    break
            else:
                stack.pop()
                order.append(node)
        for node in reversed(order):
            for nxt in self.follow[node]:
                count[nxt] += count[node] * (2 if (node, nxt) in self.parallel else 1)
        return sum(count)

    def _probe_paths(self) -> int:
        """The most partial paths a backtracking engine can walk from one starting position over a probe text:
        runs of one character, and of two taking turns, drawn from the positions' characters."""
        accepted: dict[int, int] = {}  # sample character -> how many positions match it
        for bits in self.bits:
            while bits:
                low = bits & -bits
                accepted[low.bit_length() - 1] = accepted.get(low.bit_length() - 1, 0) + 1
                bits ^= low
        chars = sorted(accepted, key=lambda i: (-accepted[i], i))[:6]
        for bits in self.bits:  # and one character of every position
            low_char = (bits & -bits).bit_length() - 1
            if bits and low_char not in chars and len(chars) < 16:
                chars.append(low_char)
        probes = [[c] for c in chars] + [[a, b] for i, a in enumerate(chars[:6]) for b in chars[i + 1:6]]
        incoming: list[list[tuple[int, int]]] = [[] for _ in self.bits]
        for p, targets in enumerate(self.follow):
            for q in targets:
                incoming[q].append((p, 2 if (p, q) in self.parallel else 1))
        edges = sum(len(i) for i in incoming)
        states = range(len(self.bits))
        worst = 0
        for probe in probes:
            count = [0] * len(self.bits)
            count[self.start] = 1
            total = 0
            for k in range(PROBE_LENGTH):
                self._spend(edges)
                mask = 1 << probe[k % len(probe)]
                count = [sum(count[p] * m for p, m in incoming[q]) if self.bits[q] & mask else 0 for q in states]
                step = sum(count)
                if not step:
                    break
                total += step
            worst = max(worst, total)
        return worst

    # degrees of ambiguity
    def _pairs(self, pair: tuple[int, int]) -> list[tuple[int, int]]:
        """Moves of two copies of the automaton on one character, from the states of ``pair``."""
        bits, (p, q) = self.bits, pair
        self._spend(len(self.follow[p]) * len(self.follow[q]))
        return [(a, b) for a in self.follow[p] for b in self.follow[q] if bits[a] & bits[b]]

    def _reachable(self, starts: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
        seen: set[tuple[int, int]] = set()
        stack = list(starts)
        while stack:
            for nxt in self._pairs(stack.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def _exponential(self) -> bool:
        """Some state with two different cycles on the same text: a step taken in two ways on a cycle, or in the
        product automaton a diagonal pair (q, q) and an off-diagonal pair that reach each other."""
        for p, q in self.parallel:
            if p == q or (p, p) in self._reachable([(q, q)]):
                return True
        nodes = self._reachable([(q, q) for q in range(len(self.bits))])
        for component in _components(nodes, self._pairs):
            if any(a == b for a, b in component) and any(a != b for a, b in component):
                return True
        return False

    def _polynomial(self) -> bool:
        """Two different states p and q, each with a cycle, and a path from p to q, all three reading the same
        text: in the product of three copies, (p, p, q) reaches (p, q, q)."""
        for p in range(len(self.bits)):
            from_p = self._reachable([(p, p)])
            if (p, p) not in from_p:
                continue  # no cycle at p
            for a, q in from_p:
                if a == p and q != p and (q, q) in self._reachable([(q, q)]) and self._three_way(p, q):
                    return True
        return False

    def _three_way(self, p: int, q: int) -> bool:
        bits, follow = self.bits, self.follow
        start, goal = (p, p, q), (p, q, q)
        seen, stack = {start}, [start]
        while stack:
            a, b, c = stack.pop()
            self._spend(len(follow[a]) * len(follow[b]))
            for x in follow[a]:
                for y in follow[b]:
                    xy = bits[x] & bits[y]
                    if not xy:
                        continue
                    for z in follow[c]:
                        if xy & bits[z]:
                            if (x, y, z) == goal:
                                return True
                            if (x, y, z) not in seen:
                                seen.add((x, y, z))
                                stack.append((x, y, z))
        return False


def _components(nodes: Collection[T], successors: Callable[[T], Iterable[T]]) -> list[list[T]]:
    """Strongly connected components of the graph on ``nodes`` (Tarjan's algorithm, without recursion)."""
    index: dict[T, int] = {}
    low: dict[T, int] = {}
    on_stack: set[T] = set()
    stack: list[T] = []
    out: list[list[T]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(successors(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            for nxt in it:
                if nxt not in nodes:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(successors(nxt))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    out.append(component)
    return out


# -------------------------------------------------------------------------------------------- loader files
def line_of(path: Path, start: int, text: str) -> int:
    """The line at or after ``start`` where ``text`` is written (as a YAML scalar, quoted or not), else ``start``."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return start
    forms = [text, text.replace("'", "''"), text.replace("\\", "\\\\").replace('"', '\\"')]
    for n in range(max(start, 1) - 1, len(lines)):
        if any(f and f in lines[n] for f in forms):
            return n + 1
    return start


def check_pattern_files(paths: list[Path]) -> bool:
    """The shape of these patterns.yaml files (sections of word lists by language) and their English regular
    expressions: each compiles and cannot hang. One problem naming file:line for each fault, raised together;
    True when there is none."""
    problems: list[Problem] = []
    for path in paths:
        raw = load_yaml(path)
        if not isinstance(raw, dict):
            problems.append(Problem(str(path), "expected a mapping of sections (contrast, negation, heads, ...)",
                                    "see loaders/patterns.yaml for the expected shape"))
            continue
        for section, value in raw.items():
            if section == LINE_KEY:
                continue
            if section not in PATTERN_SHAPES:
                problems.append(Problem(where(path, raw), f"unknown section {section!r}",
                                        f"use {', '.join(PATTERN_SHAPES)}"))
                continue
            _check_section(path, section, value, raw, PATTERN_SHAPES[section], problems)
    if problems:
        raise InputError(problems)
    return True


# what each section of patterns.yaml holds: "langs" maps en/zh to a word list; "types" maps a node type (heads)
# or a relationship type (triggers) to such a mapping; "nouns" maps a language to nouns and the types they name;
# "codes" maps a country's ISO code to plain place names (matched as written, never as expressions)
PATTERN_SHAPES = {"contrast": "langs", "negation": "langs", "heads": "types", "person_titles": "langs",
                  "stop_words": "langs", "triggers": "types", "lower_heads": "langs", "sector_heads": "langs",
                  "anaphora": "nouns", "removal": "langs", "unrealised": "langs", "requests": "langs",
                  "home_places": "codes"}


def _check_section(path: Path, name: str, value: Any, parent: Any, shape: str, problems: list[Problem]) -> None:
    loc = where(path, value if isinstance(value, dict) else parent)
    if not isinstance(value, dict):
        problems.append(Problem(loc, f"{name} must be a mapping, not {_shown(value)}",
                                "see loaders/patterns.yaml for the expected shape"))
        return
    for key, inner in value.items():
        if key == LINE_KEY:
            continue
        if shape == "types":
            _check_section(path, f"{name}.{key}", inner, value, "langs", problems)
        elif shape == "codes":
            if not (isinstance(key, str) and re.fullmatch(r"[A-Z]{2}", key)):
                problems.append(Problem(loc, f"{name}: {key!r} is not a two-letter country code", "use e.g. CN"))
            elif not _is_words(inner):
                problems.append(Problem(loc, f"{name}.{key} must be a list of place names, not {_shown(inner)}",
                                        "write e.g. CN: [Shenzhen, 深圳]"))
        elif key not in ("en", "zh"):
            problems.append(Problem(loc, f"{name}: unknown language {key!r}", "use en or zh"))
        elif shape == "nouns":
            if not isinstance(inner, dict) or not all(_is_words(v) for k, v in inner.items() if k != LINE_KEY):
                problems.append(Problem(loc, f"{name}.{key} must map nouns to lists of types, not {_shown(inner)}",
                                        "write e.g. list: [Instrument]"))
        elif isinstance(inner, list) and any(isinstance(v, bool) for v in inner):
            problems.append(Problem(loc, f"{name}.{key}: YAML reads a bare Yes, No, On or Off as true or false",
                                    "quote the word: 'No'"))
        elif not _is_words(inner):
            problems.append(Problem(loc, f"{name}.{key} must be a list of words, not {_shown(inner)}",
                                    "write e.g. en: [word, another word]"))
        elif key == "en" and name.split(".")[0] in REGEX_SECTIONS:
            unsafe = [(word, reason) for word in inner if (reason := unsafe_reason(str(word), re.IGNORECASE))]
            for word, reason in unsafe:
                problems.append(Problem(f"{path}:{line_of(path, int(value[LINE_KEY]), str(word))}",
                                        f"{name}.en: '{word}' {reason}", FIX))
            try:  # as the code joins them: one alternation
                if not unsafe:
                    re.compile("(?:" + "|".join(str(w) for w in inner) + ")", re.IGNORECASE)
            except re.error as exc:
                problems.append(Problem(loc, f"{name}.en: the words do not form one regular expression ({exc})",
                                        "give each word as a whole expression, e.g. without (?i) flags"))


def _is_words(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value)


def _shown(value: Any) -> str:
    text = repr(strip_lines(value))
    return text if len(text) <= 60 else text[:59] + "…"
