"""What "read-only" means for a Cypher statement run without ``--write``.

A session opened with ``READ_ACCESS`` only stops writes to the graph: Neo4j still runs ``LOAD CSV`` (files of
the server and any URL), ``SHOW``/``TERMINATE TRANSACTIONS``, ``SHOW SETTINGS`` and DBMS procedures in it. So a
statement is checked twice before it runs read-only:

1. its text (:func:`screen_text`), before anything is sent: comments and the contents of string literals are
   blanked out first (values are ``$parameters`` and never part of the text), then the statement is refused
   when it holds ``LOAD CSV``, a procedure or function that reaches files or URLs, runs nested queries or
   acts on the server (:func:`procedure_refusal`), or an administration command (:func:`_admin_refusal`);
2. the server's plan for ``EXPLAIN <statement>``, operator by operator (:func:`plan_refusal`: ``LoadCSV``,
   a ``ProcedureCall`` or function of a refused name, an administration operator, in case a statement got
   past the text screening), and its query type, which must be ``r`` (:func:`query_type_refusal`: ``rw``,
   ``w`` and ``s`` are refused).

Matching is case-insensitive. A refused word inside a comment or a string literal is fine; inside a
backquoted name (a label written `` `LOAD CSV` ``) it counts, as the name itself does (`` `dbms`.listConfig ``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from policykg.errors import BackendError

__all__ = [
    "DB_READ_ONLY_PROCEDURES",
    "NotReadOnlyError",
    "code_of",
    "explain_statement",
    "plan_refusal",
    "procedure_refusal",
    "query_type_refusal",
    "screen_text",
    "unshift_positions",
]

LIBRARY_FIX = "fix: a library query may only read: edit the query"


def _fix(source: str, cli_fix: str) -> str:
    """The fix for `policykg cypher` (source "cypher"); a library query (source: its file) has no --write."""
    return cli_fix if source == "cypher" else LIBRARY_FIX


class NotReadOnlyError(BackendError):
    """A statement sent to run read-only would write, reach files or URLs, or act on the server."""


# The db.* procedures and functions a read-only statement may call: they list the labels, types, keys and
# indexes of the graph the user can read anyway (what Browser's sidebar shows), search its full-text and
# vector indexes, or name the database. Every other db.* procedure creates tokens, waits on or resamples
# indexes, clears caches, checkpoints or collects other clients' queries (db.stats.*), and is refused.
DB_READ_ONLY_PROCEDURES = frozenset(name.lower() for name in (
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.info", "db.ping",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.index.fulltext.listAvailableAnalyzers",
    "db.index.vector.queryNodes", "db.index.vector.queryRelationships",
))

# Namespaces whose procedures and functions read server files or fetch URLs (APOC, neosemantics, GDS, GenAI
# plugins), and a segment anywhere in a name that does (apoc.load.json, n10s.rdf.import.fetch,
# gds.graph.export.csv).
FILE_URL_NAMESPACES = ("apoc.load", "apoc.import", "apoc.export", "apoc.log", "apoc.bolt", "apoc.es",
                       "apoc.mongo", "apoc.mongodb", "apoc.couchbase", "apoc.redis", "apoc.gephi", "apoc.spatial",
                       "apoc.dv", "apoc.model", "apoc.metrics", "genai")
FILE_URL_SEGMENTS = frozenset({"load", "import", "export", "fetch"})
# Namespaces whose procedures run nested Cypher (that the checks here never see) or change the server.
NESTED_NAMESPACES = ("apoc.cypher", "apoc.periodic", "apoc.do", "apoc.when", "apoc.case", "apoc.systemdb",
                     "apoc.trigger", "apoc.custom")
SERVER_NAMESPACES = ("apoc.config", "apoc.static", "apoc.uuid", "apoc.ttl")

# SHOW commands that describe the database's own schema or what can be called: allowed. Every other SHOW
# (TRANSACTIONS, SETTINGS, DATABASES, USERS, ROLES, PRIVILEGES, SERVERS, ALIASES, CURRENT USER ...) exposes
# server state or other clients' queries and is refused, as are TERMINATE TRANSACTIONS, the database,
# user, role, alias and server commands, and GRANT/DENY/REVOKE.
SHOW_ALLOWED_OBJECTS = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTION", "FUNCTIONS",
                                  "PROCEDURE", "PROCEDURES"})
SHOW_MODIFIERS = frozenset({"ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "BTREE", "UNIQUE",
                            "UNIQUENESS", "NODE", "RELATIONSHIP", "REL", "EXIST", "EXISTENCE", "EXISTS", "PROPERTY",
                            "KEY", "TYPE", "BUILT", "IN", "USER", "DEFINED", "EXECUTABLE"})
# Words that follow an expression: `show` followed by one of them is a variable, not a command.
_AFTER_EXPRESSION = frozenset({"AS", "AND", "OR", "XOR", "IS", "IN", "STARTS", "ENDS", "CONTAINS", "RETURN", "WITH",
                               "WHERE", "ORDER", "SKIP", "OFFSET", "LIMIT", "UNION", "MATCH", "OPTIONAL", "UNWIND",
                               "CALL", "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "ASC",
                               "DESC", "ASCENDING", "DESCENDING", "THEN", "ELSE", "END", "WHEN"})
_SHOW_QUALIFIERS = frozenset({"CURRENT", "HOME", "DEFAULT", "SUPPORTED", "POPULATED"})
_SHOW_ADMIN_OBJECTS = frozenset({"TRANSACTION", "TRANSACTIONS", "SETTING", "SETTINGS", "DATABASE", "DATABASES",
                                 "USER", "USERS", "ROLE", "ROLES", "PRIVILEGE", "PRIVILEGES", "SERVER", "SERVERS",
                                 "ALIAS", "ALIASES"})
PLAN_ALLOWED_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions", "ShowProcedures"})

_IDENT = r"[^\W\d]\w*"
_NAME = rf"{_IDENT}(?:\s*\.\s*{_IDENT})*"
_LOAD_CSV = re.compile(r"(?<![\w.:$])LOAD\s+CSV\b", re.I)
_CALL = re.compile(rf"(?<![\w.:$])CALL\s+({_NAME})", re.I)
_FUNCTION = re.compile(rf"(?<![\w.:$])({_IDENT}(?:\s*\.\s*{_IDENT})+)\s*\(", re.I)
_SHOW = re.compile(rf"(?<![\w.:$])SHOW((?:\s+{_IDENT}){{1,6}})", re.I)
_TERMINATE = re.compile(r"(?<![\w.:$])TERMINATE\s+TRANSACTIONS?\b", re.I)
_ADMIN_OBJECT = re.compile(r"(?<![\w.:$])(CREATE|DROP|ALTER|START|STOP|RENAME|ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)"
                           r"\s+(?:OR\s+REPLACE\s+)?(?:COMPOSITE\s+|STANDARD\s+|CURRENT\s+)?"
                           r"(DATABASES?|USERS?|ROLES?|ALIAS|SERVERS?)\b", re.I)
_ADMIN_FIRST = re.compile(rf"\A\s*(?:USE\s+{_NAME}\s+)?(GRANT|DENY|REVOKE)\b", re.I)
_PREAMBLE = re.compile(rf"\A(?P<pre>\s*CYPHER\b(?:\s+(?:\d+(?:\.\d+)?|{_IDENT}\s*=\s*[\w.]+))*)?"
                       r"\s*(?P<kw>(?:EXPLAIN|PROFILE)\b)?", re.I)
_PLAN_CALL = re.compile(rf"\A\s*({_NAME})\s*\(")


def code_of(text: str) -> str:
    """The statement with comments and the contents of string literals blanked and backquotes removed,
    keeping every other character at its place (same length, newlines kept)."""
    out = list(text)
    n = len(text)

    def blank(start: int, end: int) -> None:
        for k in range(start, min(end, n)):
            if out[k] != "\n":
                out[k] = " "

    i = 0
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            blank(i, end)
            i = end
        elif c in "'\"":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            blank(i + 1, j)  # the quotes stay: an empty literal is still a value
            i = j + 1
        elif c == "`":
            out[i] = " "
            j = i + 1
            while j < n and not (text[j] == "`" and not text.startswith("``", j)):
                j += 2 if text.startswith("``", j) else 1
            if j < n:
                out[j] = " "
            i = j + 1
        else:
            i += 1
    return "".join(out)


def _dotted(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _in_namespace(name: str, namespaces: tuple[str, ...]) -> bool:
    return any(name == ns or name.startswith(ns + ".") for ns in namespaces)


def procedure_refusal(name: str, source: str = "cypher") -> NotReadOnlyError | None:
    """Why the procedure or function `name` may not run read-only, or None when it may."""
    low = _dotted(name).lower()
    if _in_namespace(low, FILE_URL_NAMESPACES) or FILE_URL_SEGMENTS.intersection(low.split(".")[1:]):
        return NotReadOnlyError(f"{source}: {name} reads server files or URLs; refused")
    if low.startswith("dbms."):
        why = "a DBMS procedure: it reads or changes the server's state"
    elif low.startswith("db.") and low not in DB_READ_ONLY_PROCEDURES:
        why = "db.* procedures other than the read-only listing ones change or inspect the server"
    elif _in_namespace(low, NESTED_NAMESPACES):
        why = "it runs nested Cypher"
    elif _in_namespace(low, SERVER_NAMESPACES):
        why = "it reads or changes the server's configuration"
    else:
        return None
    return NotReadOnlyError(f"{source}: {name} is not read-only ({why}); {_fix(source, 'fix: use --write to run it')}")


def _admin(command: str, source: str) -> NotReadOnlyError:
    return NotReadOnlyError(f"{source}: {command} is not read-only (an administration command: it reads or "
                            f"changes the server's state, not the graph); {_fix(source, 'fix: use --write to run it')}")


def _show_refusal(words: list[str]) -> str | None:
    """The refused SHOW command these words (after SHOW) make, or None when allowed or not a command."""
    if words[0].upper() in _AFTER_EXPRESSION and words[0].upper() not in SHOW_MODIFIERS:
        return None  # a variable named show
    for k, word in enumerate(words):
        upper = word.upper()
        if upper in SHOW_ALLOWED_OBJECTS:
            return None
        if upper not in SHOW_MODIFIERS:
            if upper in _SHOW_QUALIFIERS:  # SHOW CURRENT USER, SHOW HOME DATABASE
                k += 1
            elif upper not in _SHOW_ADMIN_OBJECTS and k:  # SHOW USER alice PRIVILEGES: not the user's name
                k -= 1
            return "SHOW " + " ".join(w.upper() for w in words[:k + 1])
    return "SHOW " + " ".join(w.upper() for w in words)


def _admin_refusal(code: str, source: str) -> NotReadOnlyError | None:
    if _TERMINATE.search(code):
        return _admin("TERMINATE TRANSACTIONS", source)
    for show in _SHOW.finditer(code):
        refused = _show_refusal(show.group(1).split())
        if refused:
            return _admin(refused, source)
    if m := _ADMIN_OBJECT.search(code):
        return _admin(f"{m.group(1).upper()} {m.group(2).upper()}", source)
    if m := _ADMIN_FIRST.match(code):
        return _admin(m.group(1).upper(), source)
    return None


@functools.lru_cache(maxsize=512)
def screen_text(text: str, source: str = "cypher") -> None:
    """Refuse, before anything is sent, a statement whose text (outside comments and strings) reaches files
    or URLs, calls a refused procedure or function, or is an administration command. (A statement that
    passed is remembered; a refusal is an exception and never cached.)"""
    code = code_of(text)
    if _LOAD_CSV.search(code):
        raise NotReadOnlyError(f"{source}: LOAD CSV reads server files or URLs; refused")
    names = [m.group(1) for m in _CALL.finditer(code)] + [m.group(1) for m in _FUNCTION.finditer(code)]
    for name in names:
        refusal = procedure_refusal(_dotted(name), source)
        if refusal:
            raise refusal
    refusal = _admin_refusal(code, source)
    if refusal:
        raise refusal


def explain_statement(text: str) -> tuple[str, int, int]:
    """``EXPLAIN`` + the statement, after a leading ``CYPHER`` option preamble (a leading ``EXPLAIN`` stays
    and ``PROFILE``, which would run it, becomes ``EXPLAIN``); with where and how many characters were
    inserted, to put the positions in the server's error messages back (:func:`unshift_positions`)."""
    code = code_of(text)
    m = _PREAMBLE.match(code)
    assert m is not None  # every group is optional
    if m.group("kw"):
        return text[:m.start("kw")] + "EXPLAIN" + text[m.end("kw"):], 0, 0
    if m.group("pre"):
        at = m.end("pre")
        return text[:at] + " EXPLAIN" + text[at:], at, len(" EXPLAIN")
    return "EXPLAIN " + text, 0, len("EXPLAIN ")


_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


def unshift_positions(message: str, text: str, at: int, inserted: int) -> str:
    """A server message about the EXPLAIN statement with its ``(line, column (offset))`` positions mapped
    back to the user's statement (`inserted` characters went in at offset `at`, on one line)."""
    if not inserted:
        return message
    line_of_insert = text.count("\n", 0, at) + 1

    def back(m: re.Match[str]) -> str:
        line, column, offset = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if offset >= at + inserted:
            offset -= inserted
            if line == line_of_insert:
                column -= inserted
        return f"(line {line}, column {column} (offset: {offset}))"

    return _POSITION.sub(back, message)


QUERY_TYPES = {"rw": "it reads and writes the graph", "w": "it writes the graph",
               "s": "it changes the schema or calls a DBMS procedure"}


def query_type_refusal(query_type: str | None, source: str = "cypher") -> NotReadOnlyError | None:
    """Refusal unless Neo4j plans the statement as read-only (query type 'r')."""
    if query_type == "r":
        return None
    why = QUERY_TYPES.get(str(query_type), "Neo4j could not say that it only reads")
    return NotReadOnlyError(f"{source}: the statement is not read-only (Neo4j plans it as query type "
                            f"'{query_type}': {why}); {_fix(source, 'fix: use --write to allow changes')}")


def _operators(plan: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    """(operator type without its @database suffix, its details) for every operator of a plan."""
    if not plan:
        return
    stack = [plan]
    while stack:
        op = stack.pop()
        args = op.get("args") or {}
        details = args.get("Details") or args.get("details") or ""
        yield str(op.get("operatorType", "")).split("@", 1)[0], str(details)
        stack.extend(op.get("children") or [])


def plan_refusal(plan: Mapping[str, Any] | None, source: str = "cypher") -> NotReadOnlyError | None:
    """The server's plan, checked operator by operator: LOAD CSV, a refused procedure or function, an
    administration operator."""
    for operator, details in _operators(plan):
        if operator.startswith("LoadCSV"):
            return NotReadOnlyError(f"{source}: LOAD CSV reads server files or URLs; refused")
        if operator.startswith("ProcedureCall"):
            m = _PLAN_CALL.match(details)
            refusal = procedure_refusal(_dotted(m.group(1)) if m else details.split("(", 1)[0], source)
            if refusal:
                return refusal
        if (operator.startswith(("Show", "Terminate")) and operator not in PLAN_ALLOWED_SHOW) \
                or operator.startswith(("AdministrationCommand", "SystemProcedureCall")):
            command = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", operator).upper()
            return _admin("the statement" if command.startswith(("ADMINISTRATION", "SYSTEM")) else command, source)
        for m in _FUNCTION.finditer(details):
            refusal = procedure_refusal(_dotted(m.group(1)), source)
            if refusal:
                return refusal
    return None
