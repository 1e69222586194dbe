"""RDF (Turtle, JSON-LD) with PROV-O evidence, plus the vocabulary and SHACL shapes derived from the schema.

IRIs: a node or edge id becomes ``<resource_base><id, percent-encoded>`` (``company:huawei`` ->
``https://policykg.org/id/company:huawei``; ``#`` and non-ASCII are escaped), so IRIs are as stable as ids.
Vocabulary (``schema.namespace``, prefix ``pk``): a class per node type, an object property per relationship
type, a datatype property per node or relationship property, all with ``rdfs:domain``/``rdfs:range`` (an
``owl:unionOf`` when several classes or date precisions apply).

Each node: ``a pk:<Type>``, ``dcterms:identifier`` (its id), ``rdfs:label`` in English (``@en``) and Chinese
(``@zh``; a name with Han characters is Chinese), ``skos:altLabel`` per alias (tagged the same way), its
properties (dates as ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date`` by precision, ints as ``xsd:integer``).
Each edge: the triple ``<source> pk:<TYPE> <target>`` and, for its properties and evidence, an ``rdf:Statement``
named by the edge id. Every property value is also a ``pk:PropertyStatement`` of its own (see
``_add_statements``): who states which value, when papers differ. Evidence (of nodes and statements) is PROV-O:
``prov:wasDerivedFrom`` the document, and
one ``prov:qualifiedDerivation`` per evidence record (a ``prov:Derivation`` with ``prov:entity`` the document and
``pk:startOffset``, ``pk:endOffset``, ``pk:method``, ``pk:confidence``, ``pk:sectionPath``, ``pk:quote`` …).

``vocabulary_turtle`` and ``shapes_turtle`` generate ``schema/policykg.ttl`` and ``schema/policykg.shacl.ttl``
(``policykg export vocabulary`` / ``shapes``); a test keeps the committed files equal to fresh ones.
"""

from __future__ import annotations

import hashlib
import json
import re
import typing
from collections.abc import Iterable
from typing import Any, TextIO
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from policykg.exporters.common import ExportError, date_precision, language_of, sorted_edges, sorted_nodes
from policykg.graph.model import Edge, Evidence, Method, Node, PolicyGraph
from policykg.graph.schema import PropertySpec, Schema

DATE_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
SCALAR_TYPES = {"int": XSD.integer, "float": XSD.double, "bool": XSD.boolean, "string": XSD.string,
                "string_list": XSD.string}
METHODS: tuple[str, ...] = typing.get_args(Method)
# Evidence fields -> (vocabulary term, datatype, description). Spans and the original are written as text.
EVIDENCE_TERMS: dict[str, tuple[str, URIRef, str]] = {
    "start": ("startOffset", XSD.integer, "character offset where the evidence starts in its document"),
    "end": ("endOffset", XSD.integer, "character offset where the evidence ends in its document"),
    "section": ("sectionPath", XSD.string, "heading path of the section holding the evidence"),
    "text": ("quote", XSD.string, "the sentence, materialised from the corpus when the graph was built"),
    "method": ("method", XSD.string, "how the fact was found: " + ", ".join(METHODS)),
    "confidence": ("confidence", XSD.double, "confidence of the finding, 0 to 1"),
    "spans": ("spans", XSD.string, "the pieces of a sentence a footnote interrupts, as start-end start-end"),
    "original": ("originalSpan", XSD.string, "span (start-end) of the Chinese original of an English paragraph"),
    "rule": ("rule", XSD.string, "the extraction rule that matched"),
    "source": ("source", XSD.string, "the reference source or dataset file of evidence outside the corpus"),
    "record": ("record", XSD.string, "the dataset record the evidence comes from"),
    "field": ("supportsProperty", XSD.string, "the property the evidence supports, when not the fact itself"),
    "surface": ("surface", XSD.string, "the text that matched, for mentions"),
}
# Terms of a property statement: (local name, kind, range, description).
STATEMENT_TERMS: list[tuple[str, URIRef, URIRef, str]] = [
    ("statementOf", OWL.ObjectProperty, RDFS.Resource, "the node or reified relationship the value is about"),
    ("property", OWL.ObjectProperty, RDF.Property, "the property the value is a value of"),
    ("merged", OWL.DatatypeProperty, XSD.boolean, "whether the merged property holds this value"),
    ("reference", OWL.DatatypeProperty, XSD.boolean, "true when no paper or dataset states the value, only a "
     "reference source"),
    ("referenceSource", OWL.DatatypeProperty, XSD.string, "the reference source of a reference fact"),
    ("derivation", OWL.DatatypeProperty, XSD.string, "how a value computed from the evidence is derived"),
]
_CONTEXT_PREFIXES = frozenset({"pk", "pkid", "prov", "dcterms", "skos", "owl", "xsd", "rdf", "rdfs"})
GENERATED_NOTE = "# Generated from schema/schema.yaml by `policykg export {what}`; do not edit by hand.\n"


# ------------------------------------------------------------------------------------------ namespaces
class Terms:
    """The IRIs derived from one schema: vocabulary, shapes and resources."""

    def __init__(self, schema: Schema):
        self.schema = schema
        self.pk = Namespace(schema.namespace)
        base = schema.namespace.rstrip("#/")
        self.ontology = URIRef(base)
        self.sh = Namespace(f"{base}/shapes#")
        self.resource_base = schema.resource_base

    def cls(self, node_type: str) -> URIRef:
        return self.pk[node_type]

    def term(self, name: str) -> URIRef:
        return self.pk[name]

    def resource(self, ident: str) -> URIRef:
        return URIRef(self.resource_base + quote(ident, safe=":"))

    def document(self, doc: str) -> URIRef:
        return self.resource(f"document:{doc}")

    def evidence(self, owner: URIRef, ev: Evidence) -> URIRef:
        digest = hashlib.sha1(repr(ev.key()).encode()).hexdigest()[:12]
        return URIRef(f"{owner}/evidence/{digest}")

    def bind(self, g: Graph, *, shapes: bool = False) -> None:
        g.bind("pk", self.pk)
        g.bind("pkid", Namespace(self.resource_base))
        for prefix, ns in (("prov", PROV), ("dcterms", DCTERMS), ("skos", SKOS), ("owl", OWL), ("xsd", XSD)):
            g.bind(prefix, ns)
        if shapes:
            g.bind("sh", SH)
            g.bind("pksh", self.sh)


# ------------------------------------------------------------------------------------------ data
Triple = tuple[URIRef, URIRef, URIRef | Literal]


class _Triples(set[Triple]):
    def add_triple(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.add((s, p, o))


def data_triples(graph: PolicyGraph) -> set[Triple]:
    """Every triple of the export (no blank nodes: every resource has an IRI)."""
    t = Terms(graph.schema)
    g = _Triples()
    for n in sorted_nodes(graph):
        _add_node(g, t, graph.schema, n)
    for e in sorted_edges(graph):
        if e.source not in graph.nodes or e.target not in graph.nodes:
            raise ExportError(f"edge {e.id} {e.type} points at a node that is not exported")
        _add_edge(g, t, graph.schema, e)
    return g


def data_graph(graph: PolicyGraph) -> Graph:
    g = Graph()
    Terms(graph.schema).bind(g)
    g.addN((s, p, o, g) for s, p, o in data_triples(graph))
    return g


def _add_node(g: _Triples, t: Terms, schema: Schema, n: Node) -> None:
    s = t.resource(n.id)
    g.add_triple(s, RDF.type, t.cls(n.type))
    g.add_triple(s, DCTERMS.identifier, Literal(n.id))
    labels = set()
    for name in (n.name, n.name_zh):
        if name and name not in labels:
            labels.add(name)
            g.add_triple(s, RDFS.label, Literal(name, lang=language_of(name)))
    for alias in n.aliases:
        if alias and alias not in labels:
            g.add_triple(s, SKOS.altLabel, Literal(alias, lang=language_of(alias)))
    if n.kind:
        g.add_triple(s, t.term("kind"), Literal(n.kind))
    specs = schema.node_types[n.type].properties
    for name, value in sorted(n.properties.items()):
        for lit in _literals(value, specs.get(name), f"node {n.id}.{name}"):
            g.add_triple(s, t.term(name), lit)
    _add_evidence(g, t, s, n.evidence)
    _add_statements(g, t, s, n, specs)


def _add_statements(g: _Triples, t: Terms, owner: URIRef, item: Node | Edge,
                    specs: dict[str, PropertySpec]) -> None:
    """One ``pk:PropertyStatement`` (a ``prov:Entity``) per statement of a node or edge: the property, the value
    (``rdf:value``), the node or reified relationship it is about (``pk:statementOf``), whether the merged
    property holds it (``pk:merged``), ``pk:reference`` and ``pk:referenceSource`` for a reference fact, and its
    evidence as PROV derivations like any other."""
    merged = {**item.properties, **({"kind": item.kind, "name_zh": item.name_zh} if isinstance(item, Node) else {})}
    for st in item.statements:
        sid = t.resource(st.statement_id(item.id))
        g.add_triple(sid, RDF.type, t.term("PropertyStatement"))
        g.add_triple(sid, RDF.type, PROV.Entity)
        g.add_triple(sid, t.term("statementOf"), owner)
        g.add_triple(sid, DCTERMS.identifier, Literal(st.statement_id(item.id)))
        if st.prop == "name_zh":
            g.add_triple(sid, t.term("property"), RDFS.label)
            g.add_triple(sid, RDF.value, Literal(str(st.value), lang="zh"))
        else:
            g.add_triple(sid, t.term("property"), t.term(st.prop))
            for lit in _literals(st.value, specs.get(st.prop), f"{item.id} statement {st.prop}"):
                g.add_triple(sid, RDF.value, lit)
        current = merged.get(st.prop)
        held = st.value == current or (isinstance(current, list) and not isinstance(st.value, list)
                                       and st.value in current)
        g.add_triple(sid, t.term("merged"), Literal(held))
        if st.reference:
            g.add_triple(sid, t.term("reference"), Literal(True))
            for source in st.sources():
                g.add_triple(sid, t.term("referenceSource"), Literal(source))
        if st.derived:
            g.add_triple(sid, t.term("derivation"), Literal(st.derived))
        _add_evidence(g, t, sid, st.evidence)


def _add_edge(g: _Triples, t: Terms, schema: Schema, e: Edge) -> None:
    src, dst, pred = t.resource(e.source), t.resource(e.target), t.term(e.type)
    g.add_triple(src, pred, dst)
    st = t.resource(e.id)
    g.add_triple(st, RDF.type, RDF.Statement)
    g.add_triple(st, RDF.subject, src)
    g.add_triple(st, RDF.predicate, pred)
    g.add_triple(st, RDF.object, dst)
    g.add_triple(st, DCTERMS.identifier, Literal(e.id))
    for stage in e.stages:
        g.add_triple(st, t.term("stage"), Literal(stage))
    specs = schema.rel_types[e.type].properties
    for name, value in sorted(e.properties.items()):
        for lit in _literals(value, specs.get(name), f"edge {e.id}.{name}"):
            g.add_triple(st, t.term(name), lit)
    _add_evidence(g, t, st, e.evidence)
    _add_statements(g, t, st, e, specs)


def _literals(value: Any, spec: PropertySpec | None, where: str) -> list[Literal]:
    ptype = spec.type if spec else "string"
    if value is None or value == "" or value == []:
        return []
    if ptype == "string_list" or isinstance(value, list):
        return [Literal(str(v)) for v in (value if isinstance(value, list) else [value]) if str(v)]
    if ptype == "date":
        text = str(value)
        return [Literal(text, datatype=DATE_TYPES[date_precision(text)])]
    if ptype == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ExportError(f"{where}: expected an integer, got {value!r}")
        return [Literal(value, datatype=XSD.integer)]
    if ptype == "float":
        return [Literal(float(value), datatype=XSD.double)]
    if ptype == "bool":
        return [Literal(bool(value), datatype=XSD.boolean)]
    return [Literal(str(value))]


def _add_evidence(g: _Triples, t: Terms, subject: URIRef, evidence: list[Evidence]) -> None:
    for ev in evidence:
        if ev.doc:
            g.add_triple(subject, PROV.wasDerivedFrom, t.document(ev.doc))
        d = t.evidence(subject, ev)
        g.add_triple(subject, PROV.qualifiedDerivation, d)
        g.add_triple(d, RDF.type, PROV.Derivation)
        if ev.doc:
            g.add_triple(d, PROV.entity, t.document(ev.doc))
        for field, (term, datatype, _) in EVIDENCE_TERMS.items():
            value = getattr(ev, field)
            if value is None or value == "":
                continue
            if field == "spans":
                value = " ".join(f"{a}-{b}" for a, b in value)
            elif field == "original":
                value = f"{value[0]}-{value[1]}"
            g.add_triple(d, t.term(term), Literal(value, datatype=datatype if datatype != XSD.string else None))


# ------------------------------------------------------------------------------------------ writing
def turtle(graph: PolicyGraph) -> str:
    return _data_turtle(data_triples(graph), _prefixes(graph))


class _Compactor:
    """IRI -> prefix:local where the local part is safe in Turtle and JSON-LD, else the IRI; memoised."""

    def __init__(self, prefixes: dict[str, str]):
        self.by_length = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.done: dict[URIRef, str] = {}

    def __call__(self, u: URIRef) -> str:
        if u not in self.done:
            text = str(u)
            self.done[u] = text
            for prefix, ns in self.by_length:
                if text.startswith(ns) and _PN_LOCAL.match(text[len(ns):]):
                    self.done[u] = f"{prefix}:{text[len(ns):]}"
                    break
        return self.done[u]


_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_\-:]|\.(?!$)|%[0-9A-Fa-f]{2})*$")
_SHORTHAND = {XSD.integer: re.compile(r"^[+-]?\d+$"), XSD.boolean: re.compile(r"^(true|false)$")}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _data_turtle(triples: set[Triple], prefixes: dict[str, str]) -> str:
    """Turtle of a graph without blank nodes: subjects, predicates and objects sorted (stable bytes).

    rdflib's own Turtle serializer takes seconds on the corpus graph; this one writes the same triples in a
    fraction of that, grouped by subject.
    """
    compact = _Compactor(prefixes)

    def iri(u: URIRef) -> str:
        text = compact(u)
        return text if text != str(u) else f"<{text}>"

    def term(o: Any) -> str:
        if isinstance(o, URIRef):
            return iri(o)
        if not isinstance(o, Literal):
            raise ExportError(f"the RDF export holds a blank node {o!r}; every resource needs an IRI")
        text = str(o)
        if o.datatype in _SHORTHAND and _SHORTHAND[o.datatype].match(text):
            return text
        quoted = '"' + text.translate(_ESCAPES) + '"'
        if o.language:
            return f"{quoted}@{o.language}"
        if o.datatype and o.datatype != XSD.string:
            return f"{quoted}^^{iri(o.datatype)}"
        return quoted

    subjects: dict[Any, dict[Any, list[str]]] = {}
    for s, p, o in triples:
        subjects.setdefault(s, {}).setdefault(p, []).append(term(o))
    out = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(prefixes.items())]
    out.append("")
    for s in sorted(subjects, key=str):
        preds = subjects[s]
        parts = []
        for p in sorted(preds, key=lambda x: (x != RDF.type, str(x))):
            verb = "a" if p == RDF.type else iri(p)
            parts.append(f"{verb} " + ",\n        ".join(sorted(preds[p])))
        out.append(f"{term(s)} " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(out)


def jsonld(graph: PolicyGraph) -> str:
    """JSON-LD: one node object per subject, sorted, with a prefix context (compact IRIs as in the Turtle)."""
    prefixes = _prefixes(graph)
    compact = _Compactor(prefixes)
    subjects: dict[URIRef, dict[str, list[Any]]] = {}
    for s, p, o in data_triples(graph):
        node = subjects.setdefault(s, {})
        if isinstance(o, Literal):
            node.setdefault(compact(p), []).append(_jsonld_literal(o, compact))
        elif p == RDF.type:
            node.setdefault("@type", []).append(compact(o))
        else:
            node.setdefault(compact(p), []).append({"@id": compact(o)})
    nodes = []
    for s in sorted(subjects, key=str):
        obj: dict[str, Any] = {"@id": compact(s)}
        for key, values in sorted(subjects[s].items()):
            ordered = sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
            obj[key] = ordered[0] if len(ordered) == 1 else ordered
        nodes.append(obj)
    doc = {"@context": dict(sorted(prefixes.items())), "@graph": nodes}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def write_turtle(graph: PolicyGraph, fh: TextIO) -> None:
    fh.write(turtle(graph))


def write_jsonld(graph: PolicyGraph, fh: TextIO) -> None:
    fh.write(jsonld(graph))


def _prefixes(graph: PolicyGraph) -> dict[str, str]:
    g = Graph()
    Terms(graph.schema).bind(g)
    return {p: str(ns) for p, ns in g.namespaces() if p in _CONTEXT_PREFIXES}


def _jsonld_literal(o: Literal, compact: _Compactor) -> Any:
    if o.language:
        return {"@value": str(o), "@language": o.language}
    if o.datatype is None or o.datatype == XSD.string:
        return str(o)
    if o.datatype == XSD.integer and _SHORTHAND[XSD.integer].match(str(o)):
        return int(str(o))  # a JSON number is an xsd:integer in JSON-LD
    return {"@value": str(o), "@type": compact(o.datatype)}


# ------------------------------------------------------------------------------------------ vocabulary
class _Blank:
    """Blank nodes numbered in the order they are made, so the generated Turtle is the same on every run."""

    def __init__(self, g: Graph):
        self.g = g
        self.count = 0

    def node(self) -> BNode:
        self.count += 1
        return BNode(f"b{self.count}")

    def list(self, items: list[Any]) -> BNode | URIRef:
        """An RDF list of the items (inline ``( … )`` in Turtle)."""
        head: BNode | URIRef = RDF.nil
        for item in reversed(items):
            cell = self.node()
            self.g.add((cell, RDF.first, item))
            self.g.add((cell, RDF.rest, head))
            head = cell
        return head


def _union(b: _Blank, members: Iterable[URIRef], kind: URIRef = OWL.Class) -> URIRef | BNode:
    items = sorted(set(members))
    if len(items) == 1:
        return items[0]
    node = b.node()
    b.g.add((node, RDF.type, kind))
    b.g.add((node, OWL.unionOf, b.list(items)))
    return node


def _date_range(b: _Blank) -> BNode:
    node = b.node()
    b.g.add((node, RDF.type, RDFS.Datatype))
    b.g.add((node, OWL.unionOf, b.list([XSD.gYear, XSD.gYearMonth, XSD.date])))
    return node


def _property_uses(schema: Schema) -> dict[str, tuple[set[URIRef], set[str], str]]:
    """Property name -> (domain classes, schema types, description) over node types and relationship types."""
    t = Terms(schema)
    owners: list[tuple[str, URIRef, dict[str, PropertySpec]]] = [
        (name, t.cls(name), spec.properties) for name, spec in schema.node_types.items()]
    owners += [(name, RDF.Statement, spec.properties) for name, spec in schema.rel_types.items()]
    domains: dict[str, set[URIRef]] = {}
    types: dict[str, set[str]] = {}
    descriptions: dict[str, dict[str, list[str]]] = {}
    for owner_name, owner, props in owners:
        for pname, pspec in props.items():
            domains.setdefault(pname, set()).add(owner)
            types.setdefault(pname, set()).add(pspec.type)
            if pspec.description:
                descriptions.setdefault(pname, {}).setdefault(pspec.description, []).append(owner_name)
    out: dict[str, tuple[set[URIRef], set[str], str]] = {}
    for pname in sorted(domains):
        by_text = descriptions.get(pname, {})
        if len(by_text) == 1:
            desc = next(iter(by_text))
        else:  # each owner says what the property means for it
            desc = "; ".join(f"{', '.join(who)}: {text}" for text, who in sorted(by_text.items()))
        out[pname] = (domains[pname], types[pname], desc)
    return out


def vocabulary(schema: Schema) -> Graph:
    t = Terms(schema)
    g = Graph()
    t.bind(g)
    b = _Blank(g)
    g.add((t.ontology, RDF.type, OWL.Ontology))
    g.add((t.ontology, RDFS.label, Literal("policykg vocabulary", lang="en")))
    g.add((t.ontology, RDFS.comment, Literal(
        "Classes and properties of the policykg graph of US-China technology-competition policy, generated from "
        "schema/schema.yaml.", lang="en")))
    g.add((t.ontology, OWL.versionInfo, Literal(str(_schema_version(schema)))))

    def declare(term: URIRef, kind: URIRef, label: str, comment: str) -> None:
        g.add((term, RDF.type, kind))
        g.add((term, RDFS.label, Literal(label, lang="en")))
        if comment:
            g.add((term, RDFS.comment, Literal(comment, lang="en")))
        g.add((term, RDFS.isDefinedBy, t.ontology))

    node_classes = [t.cls(name) for name in schema.node_types]
    for name, spec in schema.node_types.items():
        declare(t.cls(name), OWL.Class, name, spec.description)
        if name == "Document":
            g.add((t.cls(name), RDFS.subClassOf, PROV.Entity))
    for name, rspec in schema.rel_types.items():
        term = t.term(name)
        declare(term, OWL.ObjectProperty, name, rspec.description)
        g.add((term, RDFS.domain, _union(b, (t.cls(s) for s in rspec.sources))))
        g.add((term, RDFS.range, _union(b, (t.cls(s) for s in rspec.targets))))
    for pname, (domains, types, desc) in _property_uses(schema).items():
        term = t.term(pname)
        declare(term, OWL.DatatypeProperty, pname, desc)
        g.add((term, RDFS.domain, _union(b, domains)))
        g.add((term, RDFS.range, _range(b, types)))
    declare(t.term("kind"), OWL.DatatypeProperty, "kind", "finer kind of a node within its type")
    g.add((t.term("kind"), RDFS.domain, _union(b, node_classes)))
    g.add((t.term("kind"), RDFS.range, XSD.string))
    declare(t.term("stage"), OWL.DatatypeProperty, "stage", "extraction stage that produced a relationship")
    g.add((t.term("stage"), RDFS.domain, RDF.Statement))
    g.add((t.term("stage"), RDFS.range, XSD.string))
    statement = t.term("PropertyStatement")
    declare(statement, OWL.Class, "PropertyStatement",
            "One value of one property of a node or relationship, with the evidence that states it; the node's or "
            "relationship's own property holds the merged value")
    g.add((statement, RDFS.subClassOf, PROV.Entity))
    for local, kind, rng, comment in STATEMENT_TERMS:
        declare(t.term(local), kind, local, f"statement: {comment}")
        g.add((t.term(local), RDFS.domain, statement))
        g.add((t.term(local), RDFS.range, rng))
    for local, datatype, comment in EVIDENCE_TERMS.values():
        declare(t.term(local), OWL.DatatypeProperty, local, f"evidence: {comment}")
        g.add((t.term(local), RDFS.domain, PROV.Derivation))
        g.add((t.term(local), RDFS.range, datatype))
    return g


def _range(b: _Blank, types: set[str]) -> URIRef | BNode:
    if types == {"date"}:
        return _date_range(b)
    ranges = {SCALAR_TYPES.get(x, XSD.string) for x in types}
    if "date" in types:
        ranges |= set(DATE_TYPES.values())
    return _union(b, ranges, RDFS.Datatype)


def _schema_version(schema: Schema) -> int:
    from policykg.yamlio import load_yaml

    raw = load_yaml(schema.path)
    return int(raw.get("version", 1)) if isinstance(raw, dict) else 1


def vocabulary_turtle(schema: Schema) -> str:
    return GENERATED_NOTE.format(what="vocabulary") + vocabulary(schema).serialize(format="turtle")


# ------------------------------------------------------------------------------------------ shapes
def shapes(schema: Schema) -> Graph:
    """SHACL shapes: one closed node shape per node type, one for reified relationships, one for evidence."""
    t = Terms(schema)
    g = Graph()
    t.bind(g, shapes=True)
    b = _Blank(g)

    def prop_shape(owner: str, path: URIRef, local: str, **constraints: Any) -> URIRef:
        shape = t.sh[f"{owner}-{local}"]
        g.add((shape, RDF.type, SH.PropertyShape))
        g.add((shape, SH.path, path))
        for key, value in constraints.items():
            if key == "or":
                g.add((shape, SH["or"], b.list(value)))
            elif key == "in_":
                g.add((shape, SH["in"], b.list(value)))
            else:
                g.add((shape, SH[key], value if isinstance(value, URIRef | Literal | BNode) else Literal(value)))
        return shape

    def alternatives(shapes_: list[dict[str, URIRef]]) -> list[BNode]:
        out = []
        for constraints in shapes_:
            node = b.node()
            for key, value in constraints.items():
                g.add((node, SH[key], value))
            out.append(node)
        return out

    def value_constraints(ptype: str) -> dict[str, Any]:
        if ptype == "date":
            return {"or": alternatives([{"datatype": d} for d in DATE_TYPES.values()])}
        return {"datatype": SCALAR_TYPES[ptype]}

    def class_constraints(types: Iterable[str]) -> dict[str, Any]:
        classes = sorted(t.cls(x) for x in types)
        if len(classes) == 1:
            return {"class": classes[0]}
        return {"or": alternatives([{"class": c} for c in classes])}

    def node_shape(shape: URIRef, target: URIRef, props: list[URIRef], comment: str) -> None:
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, target))
        g.add((shape, RDFS.comment, Literal(comment, lang="en")))
        g.add((shape, SH.closed, Literal(True)))
        g.add((shape, SH.ignoredProperties, b.list([RDF.type])))
        for p in props:
            g.add((shape, SH.property, p))

    def evidence_props(owner: str) -> list[URIRef]:
        return [
            prop_shape(owner, PROV.wasDerivedFrom, "wasDerivedFrom", nodeKind=SH.IRI),
            prop_shape(owner, PROV.qualifiedDerivation, "qualifiedDerivation", minCount=1,
                       **{"class": PROV.Derivation}),
        ]

    for name, spec in schema.node_types.items():
        props = [
            prop_shape(name, RDFS.label, "label", minCount=1, datatype=RDF.langString),
            prop_shape(name, DCTERMS.identifier, "identifier", minCount=1, maxCount=1, datatype=XSD.string),
            prop_shape(name, SKOS.altLabel, "altLabel", datatype=RDF.langString),
            prop_shape(name, t.term("kind"), "kind", maxCount=1, datatype=XSD.string),
        ]
        for pname, pspec in sorted(spec.properties.items()):
            many = {} if pspec.type == "string_list" else {"maxCount": 1}
            props.append(prop_shape(name, t.term(pname), pname, **many, **value_constraints(pspec.type)))
        for rname, rspec in schema.rel_types.items():
            if name in rspec.sources:
                props.append(prop_shape(name, t.term(rname), rname, nodeKind=SH.IRI,
                                        **class_constraints(rspec.targets)))
        props += evidence_props(name)
        node_shape(t.sh[name], t.cls(name), props, f"A {name} node: {spec.description}")

    # Reified relationships: one closed frame; the endpoints are checked on the direct triple by the node shapes.
    rel_prop_types: dict[str, set[str]] = {}
    for rspec in schema.rel_types.values():
        for pname, pspec in rspec.properties.items():
            rel_prop_types.setdefault(pname, set()).add(pspec.type)
    frame = [
        prop_shape("Relationship", RDF.subject, "subject", minCount=1, maxCount=1, nodeKind=SH.IRI),
        prop_shape("Relationship", RDF.predicate, "predicate", minCount=1, maxCount=1,
                   in_=[t.term(r) for r in schema.rel_types]),
        prop_shape("Relationship", RDF.object, "object", minCount=1, maxCount=1, nodeKind=SH.IRI),
        prop_shape("Relationship", DCTERMS.identifier, "identifier", minCount=1, maxCount=1, datatype=XSD.string),
        prop_shape("Relationship", t.term("stage"), "stage", minCount=1, datatype=XSD.string),
    ]
    for pname, ptypes in sorted(rel_prop_types.items()):
        ptype = next(iter(ptypes)) if len(ptypes) == 1 else "string"
        frame.append(prop_shape("Relationship", t.term(pname), pname, maxCount=1, **value_constraints(ptype)))
    frame += evidence_props("Relationship")
    node_shape(t.sh["Relationship"], RDF.Statement, frame,
               "A relationship reified as a statement, with its properties and evidence.")
    # A relationship property only on the relationship types that declare it (node properties may share
    # the name, hence the rdf:Statement condition).
    for pname in sorted(rel_prop_types):
        shape = t.sh[f"{pname}-relationships"]
        owners = [t.term(r) for r, rspec in schema.rel_types.items() if pname in rspec.properties]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetSubjectsOf, t.term(pname)))
        g.add((shape, RDFS.comment, Literal(f"Only these relationship types carry {pname}.", lang="en")))
        not_statement = b.node()
        g.add((not_statement, SH["not"], alternatives([{"class": RDF.Statement}])[0]))
        allowed = prop_shape(f"{pname}-relationships", RDF.predicate, "predicate", in_=owners)
        either = b.node()
        g.add((either, SH.property, allowed))
        g.add((shape, SH["or"], b.list([not_statement, either])))

    statement_props = [
        prop_shape("PropertyStatement", t.term("statementOf"), "statementOf", minCount=1, maxCount=1, nodeKind=SH.IRI),
        prop_shape("PropertyStatement", t.term("property"), "property", minCount=1, maxCount=1, nodeKind=SH.IRI),
        prop_shape("PropertyStatement", DCTERMS.identifier, "identifier", minCount=1, maxCount=1,
                   datatype=XSD.string),
        prop_shape("PropertyStatement", RDF.value, "value", minCount=1),
        prop_shape("PropertyStatement", t.term("merged"), "merged", minCount=1, maxCount=1, datatype=XSD.boolean),
        prop_shape("PropertyStatement", t.term("reference"), "reference", maxCount=1, datatype=XSD.boolean),
        prop_shape("PropertyStatement", t.term("referenceSource"), "referenceSource", datatype=XSD.string),
        prop_shape("PropertyStatement", t.term("derivation"), "derivation", maxCount=1, datatype=XSD.string),
        prop_shape("PropertyStatement", PROV.wasDerivedFrom, "wasDerivedFrom", nodeKind=SH.IRI),
        prop_shape("PropertyStatement", PROV.qualifiedDerivation, "qualifiedDerivation", **{"class": PROV.Derivation}),
    ]
    node_shape(t.sh["PropertyStatement"], t.term("PropertyStatement"), statement_props,
               "One value of one property with its evidence (a derived value, such as a count of mentions, has none).")
    evidence = [prop_shape("Evidence", PROV.entity, "entity", maxCount=1, nodeKind=SH.IRI)]
    for field, (term, datatype, _) in EVIDENCE_TERMS.items():
        extra: dict[str, Any] = {"maxCount": 1, "datatype": datatype}
        if field in {"method", "confidence"}:
            extra["minCount"] = 1
        if field == "method":
            extra["in_"] = [Literal(m) for m in METHODS]
        if field == "confidence":
            extra.update(minInclusive=Literal(0.0, datatype=XSD.double),
                         maxInclusive=Literal(1.0, datatype=XSD.double))
        if field in {"start", "end"}:
            extra["minInclusive"] = Literal(0)
        evidence.append(prop_shape("Evidence", t.term(term), term, **extra))
    node_shape(t.sh["Evidence"], PROV.Derivation, evidence,
               "One evidence record: where in which document, found how, with what confidence.")
    return g


def shapes_turtle(schema: Schema) -> str:
    return GENERATED_NOTE.format(what="shapes") + shapes(schema).serialize(format="turtle")
