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
named by the edge id. Evidence (of nodes and statements) is PROV-O: ``prov:wasDerivedFrom`` the document, and
one ``prov:qualifiedDerivation`` per evidence record (a ``prov:Derivation`` with ``prov:entity`` the document and
``pk:startOffset``, ``pk:endOffset``, ``pk:method``, ``pk:confidence``, ``pk:sectionPath``, ``pk:quote`` …).

``vocabulary_turtle`` and ``shapes_turtle`` generate ``schema/policykg.ttl`` and ``schema/policykg.shacl.ttl``
(``policykg export vocabulary`` / ``shapes``); a test keeps the committed files equal to fresh ones.
"""

from __future__ import annotations

import hashlib
import json
import typing
from collections.abc import Iterable
from typing import Any, TextIO
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from ..graph import Edge, Evidence, Method, Node, PolicyGraph
from ..schema import PropertySpec, Schema
from .common import ExportError, date_precision, language_of, sorted_edges, sorted_nodes

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
def data_graph(graph: PolicyGraph) -> Graph:
    t = Terms(graph.schema)
    g = Graph()
    t.bind(g)
    for n in sorted_nodes(graph):
        _add_node(g, t, graph.schema, n)
    for e in sorted_edges(graph):
        if e.source not in graph.nodes or e.target not in graph.nodes:
            raise ExportError(f"edge {e.id} {e.type} points at a node that is not exported")
        _add_edge(g, t, graph.schema, e)
    return g


def _add_node(g: Graph, t: Terms, schema: Schema, n: Node) -> None:
    s = t.resource(n.id)
    g.add((s, RDF.type, t.cls(n.type)))
    g.add((s, DCTERMS.identifier, Literal(n.id)))
    labels = set()
    for name in (n.name, n.name_zh):
        if name and name not in labels:
            labels.add(name)
            g.add((s, RDFS.label, Literal(name, lang=language_of(name))))
    for alias in n.aliases:
        if alias and alias not in labels:
            g.add((s, SKOS.altLabel, Literal(alias, lang=language_of(alias))))
    if n.kind:
        g.add((s, t.term("kind"), Literal(n.kind)))
    specs = schema.node_types[n.type].properties
    for name, value in sorted(n.properties.items()):
        for lit in _literals(value, specs.get(name), f"node {n.id}.{name}"):
            g.add((s, t.term(name), lit))
    _add_evidence(g, t, s, n.evidence)


def _add_edge(g: Graph, t: Terms, schema: Schema, e: Edge) -> None:
    src, dst, pred = t.resource(e.source), t.resource(e.target), t.term(e.type)
    g.add((src, pred, dst))
    st = t.resource(e.id)
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, src))
    g.add((st, RDF.predicate, pred))
    g.add((st, RDF.object, dst))
    g.add((st, DCTERMS.identifier, Literal(e.id)))
    for stage in e.stages:
        g.add((st, t.term("stage"), Literal(stage)))
    specs = schema.rel_types[e.type].properties
    for name, value in sorted(e.properties.items()):
        for lit in _literals(value, specs.get(name), f"edge {e.id}.{name}"):
            g.add((st, t.term(name), lit))
    _add_evidence(g, t, st, e.evidence)


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


def _add_evidence(g: Graph, t: Terms, subject: URIRef, evidence: list[Evidence]) -> None:
    for ev in evidence:
        if ev.doc:
            g.add((subject, PROV.wasDerivedFrom, t.document(ev.doc)))
        d = t.evidence(subject, ev)
        g.add((subject, PROV.qualifiedDerivation, d))
        g.add((d, RDF.type, PROV.Derivation))
        if ev.doc:
            g.add((d, PROV.entity, t.document(ev.doc)))
        for field, (term, datatype, _) in EVIDENCE_TERMS.items():
            value = getattr(ev, field)
            if value is None or value == "":
                continue
            if field == "spans":
                value = " ".join(f"{a}-{b}" for a, b in value)
            elif field == "original":
                value = f"{value[0]}-{value[1]}"
            g.add((d, t.term(term), Literal(value, datatype=datatype if datatype != XSD.string else None)))


# ------------------------------------------------------------------------------------------ writing
def turtle(graph: PolicyGraph) -> str:
    return data_graph(graph).serialize(format="turtle")


def jsonld(graph: PolicyGraph) -> str:
    return _canonical_jsonld(data_graph(graph), Terms(graph.schema))


def write_turtle(graph: PolicyGraph, fh: TextIO) -> None:
    fh.write(turtle(graph))


def write_jsonld(graph: PolicyGraph, fh: TextIO) -> None:
    fh.write(jsonld(graph))


def _canonical_jsonld(g: Graph, t: Terms) -> str:
    """JSON-LD with a prefix context, node objects sorted by @id and value sets sorted (stable bytes)."""
    context = {prefix: str(ns) for prefix, ns in sorted(g.namespaces()) if prefix in {
        "pk", "pkid", "prov", "dcterms", "skos", "owl", "xsd", "rdf", "rdfs"}}
    doc = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    return json.dumps(_sorted_jsonld(doc), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _sorted_jsonld(value: Any, in_list: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_jsonld(v, in_list=(k == "@list")) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        if in_list:  # an RDF list keeps its order
            return items
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


# ------------------------------------------------------------------------------------------ vocabulary
def _union(g: Graph, members: Iterable[URIRef], kind: URIRef = OWL.Class) -> URIRef | BNode:
    items = sorted(set(members))
    if len(items) == 1:
        return items[0]
    node = BNode()
    g.add((node, RDF.type, kind))
    head = BNode()
    Collection(g, head, list(items))
    g.add((node, OWL.unionOf, head))
    return node


def _date_range(g: Graph) -> BNode:
    node = BNode()
    g.add((node, RDF.type, RDFS.Datatype))
    head = BNode()
    Collection(g, head, [XSD.gYear, XSD.gYearMonth, XSD.date])
    g.add((node, OWL.unionOf, head))
    return node


def _property_uses(schema: Schema) -> dict[str, tuple[set[URIRef], set[str], str]]:
    """Property name -> (domain classes, schema types, description) over node types and relationship types."""
    t = Terms(schema)
    uses: dict[str, tuple[set[URIRef], set[str], str]] = {}
    owners: list[tuple[URIRef, dict[str, PropertySpec]]] = [
        (t.cls(name), spec.properties) for name, spec in schema.node_types.items()]
    owners += [(RDF.Statement, spec.properties) for spec in schema.rel_types.values()]
    for owner, props in owners:
        for pname, pspec in props.items():
            domains, types, desc = uses.setdefault(pname, (set(), set(), pspec.description))
            domains.add(owner)
            types.add(pspec.type)
            if not desc and pspec.description:
                uses[pname] = (domains, types, pspec.description)
    return dict(sorted(uses.items()))


def vocabulary(schema: Schema) -> Graph:
    t = Terms(schema)
    g = Graph()
    t.bind(g)
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
        g.add((term, RDFS.domain, _union(g, (t.cls(s) for s in rspec.sources))))
        g.add((term, RDFS.range, _union(g, (t.cls(s) for s in rspec.targets))))
    for pname, (domains, types, desc) in _property_uses(schema).items():
        term = t.term(pname)
        declare(term, OWL.DatatypeProperty, pname, desc)
        g.add((term, RDFS.domain, _union(g, domains)))
        g.add((term, RDFS.range, _range(g, types)))
    declare(t.term("kind"), OWL.DatatypeProperty, "kind", "finer kind of a node within its type")
    g.add((t.term("kind"), RDFS.domain, _union(g, node_classes)))
    g.add((t.term("kind"), RDFS.range, XSD.string))
    declare(t.term("stage"), OWL.DatatypeProperty, "stage", "extraction stage that produced a relationship")
    g.add((t.term("stage"), RDFS.domain, RDF.Statement))
    g.add((t.term("stage"), RDFS.range, XSD.string))
    for term, datatype, comment in EVIDENCE_TERMS.values():
        declare(t.term(term), OWL.DatatypeProperty, term, f"evidence: {comment}")
        g.add((t.term(term), RDFS.domain, PROV.Derivation))
        g.add((t.term(term), RDFS.range, datatype))
    return to_canonical_graph(g)


def _range(g: Graph, types: set[str]) -> URIRef | BNode:
    if types == {"date"}:
        return _date_range(g)
    ranges = {SCALAR_TYPES.get(x, XSD.string) for x in types}
    if "date" in types:
        ranges |= set(DATE_TYPES.values())
    return _union(g, ranges, RDFS.Datatype)


def _schema_version(schema: Schema) -> int:
    from ..yamlio import load_yaml

    raw = load_yaml(schema.path)
    return int(raw.get("version", 1)) if isinstance(raw, dict) else 1


def vocabulary_turtle(schema: Schema) -> str:
    return GENERATED_NOTE.format(what="vocabulary") + _serialize(vocabulary(schema), Terms(schema))


def _serialize(g: Graph, t: Terms, *, shapes: bool = False) -> str:
    out = Graph()
    t.bind(out, shapes=shapes)
    for triple in g:
        out.add(triple)
    return out.serialize(format="turtle")


# ------------------------------------------------------------------------------------------ shapes
def shapes(schema: Schema) -> Graph:
    """SHACL shapes: one closed node shape per node type, one for reified relationships, one for evidence."""
    t = Terms(schema)
    g = Graph()
    t.bind(g, shapes=True)
    rel_props = sorted({p for spec in schema.rel_types.values() for p in spec.properties})

    def prop_shape(owner: str, path: URIRef, local: str, **constraints: Any) -> URIRef:
        shape = t.sh[f"{owner}-{local}"]
        g.add((shape, RDF.type, SH.PropertyShape))
        g.add((shape, SH.path, path))
        for key, value in constraints.items():
            if key == "or":
                head = BNode()
                Collection(g, head, value)
                g.add((shape, SH["or"], head))
            elif key == "in_":
                head = BNode()
                Collection(g, head, value)
                g.add((shape, SH["in"], head))
            else:
                g.add((shape, SH[key], value if isinstance(value, URIRef | Literal | BNode) else Literal(value)))
        return shape

    def alternatives(shapes_: list[dict[str, URIRef]]) -> list[BNode]:
        out = []
        for constraints in shapes_:
            node = BNode()
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
        head = BNode()
        Collection(g, head, [RDF.type])
        g.add((shape, SH.ignoredProperties, head))
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

    # Reified relationships: the common frame, then exactly one per-type alternative (endpoints, properties).
    per_type: list[URIRef] = []
    for rname, rspec in schema.rel_types.items():
        shape = t.sh[f"{rname}-statement"]
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, RDFS.comment, Literal(f"A {rname} relationship: {rspec.description}", lang="en")))
        constraints = [
            prop_shape(f"{rname}-statement", RDF.predicate, "predicate", hasValue=t.term(rname)),
            prop_shape(f"{rname}-statement", RDF.subject, "subject", **class_constraints(rspec.sources)),
            prop_shape(f"{rname}-statement", RDF.object, "object", **class_constraints(rspec.targets)),
        ]
        for pname in rel_props:
            pspec = rspec.properties.get(pname)
            if pspec is None:
                constraints.append(prop_shape(f"{rname}-statement", t.term(pname), pname, maxCount=0))
            else:
                constraints.append(prop_shape(f"{rname}-statement", t.term(pname), pname, maxCount=1,
                                              **value_constraints(pspec.type)))
        for c in constraints:
            g.add((shape, SH.property, c))
        per_type.append(shape)
    frame = [
        prop_shape("Relationship", RDF.subject, "subject", minCount=1, maxCount=1, nodeKind=SH.IRI),
        prop_shape("Relationship", RDF.predicate, "predicate", minCount=1, maxCount=1,
                   in_=[t.term(r) for r in schema.rel_types]),
        prop_shape("Relationship", RDF.object, "object", minCount=1, maxCount=1, nodeKind=SH.IRI),
        prop_shape("Relationship", DCTERMS.identifier, "identifier", minCount=1, maxCount=1, datatype=XSD.string),
        prop_shape("Relationship", t.term("stage"), "stage", minCount=1, datatype=XSD.string),
    ]
    frame += [prop_shape("Relationship", t.term(p), p) for p in rel_props]
    frame += evidence_props("Relationship")
    node_shape(t.sh["Relationship"], RDF.Statement, frame,
               "A relationship reified as a statement, with its properties and evidence.")
    head = BNode()
    Collection(g, head, per_type)
    g.add((t.sh["Relationship"], SH["or"], head))

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
    return to_canonical_graph(g)


def shapes_turtle(schema: Schema) -> str:
    return GENERATED_NOTE.format(what="shapes") + _serialize(shapes(schema), Terms(schema), shapes=True)
