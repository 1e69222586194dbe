"""Time: when a measure, an administration or a relation is in force, and the filters ``--as-of`` and
``--from/--to`` (README "Time: as-of and intervals"; queries/*.cypher state the same rules in Cypher).

Intervals are computed once, at build time (:func:`annotate_time`), from what the graph holds, and written as
the plain properties ``valid_from`` and ``valid_to`` at the precision the papers state ("2022", "2022-10",
"2022-10-07"), so that Cypher filters on the very properties the embedded engine reads:

- an administration: its term (``term_start`` .. ``term_end``);
- a law, policy, instrument, programme or organisation: ``valid_from`` as a paper states it (a curated fact),
  else the date it took effect (``effective``), was signed (``signed``) or its ``date``; ``valid_to`` only where
  a paper says it ended (a curated fact);
- a relation: its own ``valid_from``/``valid_to`` or ``date``; an ENACTED or LAUNCHED relation without a date of
  its own is dated by the measure it enacted or launched (the measure's date is the date of that act). An easing
  or a pause (EASES) is an event of its own, dated by its own date only: none of the papers says that an eased
  measure ended, so an easing never closes the measure's interval.

Partial dates, read conservatively ("known to be in force"): a start counts from the LAST day of the period it
names, an end from its FIRST day. Something dated "2022" is in force as of 2022-12-31 but not as of 2022-06-30
(it may have begun in October); something that ended in "2025" is no longer known to be in force on 2025-01-01.
A date given by the user is a whole period too: ``--as-of 2019`` is the state on 2019-12-31, ``--from 2021`` starts
on 2021-01-01, ``--to 2021`` ends on 2021-12-31.

A row of a query (a measure and the path that reaches it) is kept

- ``--as-of D``: when every dated element on it started by D and had not ended by D;
- ``--from F --to T``: when it changed within the window: every dated element started by T and at least one of
  them started on or after F (a measure signed, an easing or pause made, an administration taking office).
  ``shortest_paths`` reads the window as the graph that stood during it instead: every element started by T and
  had not ended before F.

A row is undated, and left out by any time filter (reports say how many and which), when a law, policy,
instrument, programme or administration on it has no start, or an act on it (ENACTED, LAUNCHED, EASES) has no
date. Countries, agencies, companies, sectors and undated organisations are timeless and never leave a row out.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policykg.errors import PolicykgError

if TYPE_CHECKING:
    from policykg.graph.model import Edge, Evidence, Node, PolicyGraph

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# what must be dated for a row to count as dated (the same lists are written into queries/*.cypher)
TIMED_TYPES = ("Administration", "Instrument", "Law", "Policy", "Programme")
TIMED_RELS = ("EASES", "ENACTED", "LAUNCHED")
DATED_BY_TARGET = ("ENACTED", "LAUNCHED")  # an act without its own date happened on the measure's date
START_PROPS = ("valid_from", "effective", "signed", "date")
END_PROPS = ("valid_to",)
FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"

Span = tuple[str | None, str | None, bool]  # (valid_from, valid_to, must be dated)


# ------------------------------------------------------------------------------------------ dates


def is_date(value: Any) -> bool:
    """An ISO date at year, month or day precision that names a real period."""
    if not isinstance(value, str):
        return False
    m = DATE_RE.match(value)
    if m is None:
        return False
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def first_day(value: str) -> str:
    """The first day a date names: 2022 -> 2022-01-01, 2022-02 -> 2022-02-01."""
    return value + "-01-01"[: 10 - len(value)] if len(value) < 10 else value


def last_day(value: str) -> str:
    """The last day a date names: 2022 -> 2022-12-31, 2022-02 -> 2022-02-28."""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        following = _dt.date(year + month // 12, month % 12 + 1, 1)
        return (following - _dt.timedelta(days=1)).isoformat()
    return value


def next_day(day: str) -> str:
    return (_dt.date.fromisoformat(day) + _dt.timedelta(days=1)).isoformat()


def started_by(start: str, day: str) -> bool:
    """Whether a period's last day is on or before ``day`` (a full date). Same as Cypher's
    ``start < left(toString(date(day) + duration('P1D')), size(start))``: the period lies before the period of the
    same precision that holds the next day."""
    return start < next_day(day)[: len(start)]


def ended_by(end: str, day: str) -> bool:
    """Whether a period's first day is on or before ``day``. Cypher: ``NOT left(day, size(end)) < end``."""
    return not day[: len(end)] < end


def check_date(value: str, option: str) -> str:
    """A date the user typed, or a one-line error naming the option and the accepted forms."""
    text = value.strip()
    if not is_date(text):
        raise PolicykgError(f"{option} {value!r} is not a date; use {FORMS} (e.g. 2019, 2019-12 or 2019-12-31)")
    return text


# ------------------------------------------------------------------------------------------ the filter


@dataclass
class Window:
    """A time filter in full days: ``as_of`` (the state on that day) and/or the window ``start`` .. ``end``.
    ``undated`` and ``outside`` collect what the filter left out (labels), for the reports' notes."""

    as_of: str | None = None
    start: str | None = None
    end: str | None = None
    undated: dict[str, str] = field(default_factory=dict)  # id -> name or type of an undated element left out
    outside: set[str] = field(default_factory=set)  # ids of row subjects left out by their dates

    @property
    def active(self) -> bool:
        return any((self.as_of, self.start, self.end))

    def params(self) -> dict[str, str | None]:
        """The query parameters ``$as_of``, ``$from``, ``$to`` (full days; null: no filter)."""
        return {"as_of": self.as_of, "from": self.start, "to": self.end}

    def describe(self) -> str:
        parts = []
        if self.as_of:
            parts.append(f"as of {self.as_of}")
        if self.start or self.end:
            parts.append(f"changed from {self.start or 'the beginning'} to {self.end or 'today'}")
        return ", ".join(parts)

    def status(self, spans: Iterable[Span], overlap: bool = False) -> str:
        """``kept``, ``out`` (its dates place it outside the filter) or ``undated`` (it may pass, but something on
        it that needs a date has none) for a row whose elements have these spans (see the module text)."""
        if not self.active:
            return "kept"
        spans = list(spans)
        undated = any(vf is None and required for vf, _, required in spans)
        dated = [(vf, vt) for vf, vt, _ in spans if vf is not None]
        if self.as_of and not all(started_by(vf, self.as_of) and (vt is None or not ended_by(vt, self.as_of))
                                  for vf, vt in dated):
            return "out"
        if self.end and not all(started_by(vf, self.end) for vf, _ in dated):
            return "out"
        if self.start:
            if overlap:
                if any(vt is not None and not vt > self.start[: len(vt)] for _, vt in dated):
                    return "out"
            elif not undated and not any(not started_by(vf, _day_before(self.start)) for vf, _ in dated):
                return "out"
        return "undated" if undated else "kept"


def _day_before(day: str) -> str:
    return (_dt.date.fromisoformat(day) - _dt.timedelta(days=1)).isoformat()


def window(as_of: str | None = None, date_from: str | None = None, date_to: str | None = None) -> Window:
    """The filter of ``--as-of``, ``--from`` and ``--to`` (each YYYY, YYYY-MM or YYYY-MM-DD; empty: not given).
    A period given by the user is read as a whole: as of its last day, from its first, to its last."""
    out = Window()
    if as_of:
        out.as_of = last_day(check_date(as_of, "--as-of"))
    if date_from:
        out.start = first_day(check_date(date_from, "--from"))
    if date_to:
        out.end = last_day(check_date(date_to, "--to"))
    if out.start and out.end and out.start > out.end:
        raise PolicykgError(f"--from {date_from} is after --to {date_to}; give the earlier date to --from")
    return out


def from_params(params: dict[str, Any]) -> Window:
    """The filter a query's parameters carry (``as_of``, ``from``, ``to``; absent or null: no filter)."""
    return window(params.get("as_of") or None, params.get("from") or None, params.get("to") or None)


# ------------------------------------------------------------------------------------------ spans


def node_span(node: Node) -> Span:
    p = node.properties
    return (_str(p.get("valid_from")), _str(p.get("valid_to")), node.type in TIMED_TYPES)


def edge_span(edge: Edge) -> Span:
    p = edge.properties
    return (_str(p.get("valid_from")), _str(p.get("valid_to")), edge.type in TIMED_RELS)


def spans(nodes: Iterable[Node], edges: Iterable[Edge]) -> list[Span]:
    return [*(node_span(n) for n in nodes), *(edge_span(e) for e in edges)]


def _str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def keep(w: Window, nodes: list[Node], edges: list[Edge], subject: str | None = None,
         overlap: bool = False) -> bool:
    """Whether a row with these nodes and relations passes the filter; what it left out is noted in ``w``."""
    status = w.status(spans(nodes, edges), overlap)
    if status == "undated":
        for n in nodes:
            if n.type in TIMED_TYPES and node_span(n)[0] is None:
                w.undated.setdefault(n.id, n.name)
        for e in edges:
            if e.type in TIMED_RELS and edge_span(e)[0] is None:
                w.undated.setdefault(e.id, e.type)
    elif status == "out" and subject:
        w.outside.add(subject)
    return status == "kept"


# ------------------------------------------------------------------------------------------ build time


def node_interval(node: Node) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """((valid_from, the property it comes from), (valid_to, its property)) of a node, from what it holds."""
    p = node.properties
    if node.type == "Administration":
        start = ("term_start", p.get("term_start"))
        end = ("term_end", p.get("term_end"))
        return ((str(start[1]), start[0]) if is_date(str(start[1])) else None,
                (str(end[1]), end[0]) if is_date(str(end[1])) else None)
    return _first(p, START_PROPS), _first(p, END_PROPS)


def _first(props: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, str] | None:
    for key in keys:
        value = props.get(key)
        if value not in (None, "") and is_date(str(value)):
            return str(value), key
    return None


def annotate_time(graph: PolicyGraph) -> None:
    """Write ``valid_from``/``valid_to`` on every node and relation whose dates the graph holds (see the module
    text). A derived value carries the evidence of the value it comes from."""
    for node in graph.nodes.values():
        if graph.schema.node_types[node.type].lexical:
            continue
        start, end = node_interval(node)
        allowed = graph.schema.node_types[node.type].properties
        for prop, found in (("valid_from", start), ("valid_to", end)):
            if found is not None and prop in allowed and found[1] != prop:
                _set(graph, node, prop, found[0], _evidence_of(node, found[1]))
    for edge in graph.edges.values():
        allowed = graph.schema.rel_types[edge.type].properties
        if "valid_from" not in allowed:
            continue
        own = _first(edge.properties, START_PROPS)
        if own is not None:
            if own[1] != "valid_from":
                _set(graph, edge, "valid_from", own[0], _evidence_of(edge, own[1]))
            continue
        target = graph.nodes[edge.target]
        if edge.type in DATED_BY_TARGET:
            start, _ = node_interval(target)
            if start is not None:
                _set(graph, edge, "valid_from", start[0], _evidence_of(target, start[1]))


def _evidence_of(item: Node | Edge, prop: str) -> list[Evidence]:
    """The evidence that states a property's value: the evidence of its statements of that value where the graph
    keeps statements, else the records marked for that property, else (an edge's own date) the relation's."""
    statements = getattr(item, "statements", None) or []
    value = item.properties.get(prop)
    found = [ev for st in statements if st.prop == prop and st.value == value for ev in st.evidence]
    if found:
        return found
    marked = [ev for ev in item.evidence if ev.field == prop]
    if marked:
        return marked
    return [ev for ev in item.evidence if ev.field is None and ev.method != "gazetteer"]


def _set(graph: PolicyGraph, item: Node | Edge, prop: str, value: str, evidence: list[Evidence]) -> None:
    """Set a property through the graph's property API: a statement with its evidence, from which the merged
    ``properties`` follow (a graph without statements: the property itself)."""
    add_statements = getattr(graph, "add_statements", None)
    if add_statements is None:
        item.properties[prop] = value
        return
    from policykg.graph.model import Statement

    add_statements(item, [Statement(prop=prop, value=value, evidence=list(evidence))])
