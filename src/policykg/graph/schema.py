"""The graph schema, loaded from schema/schema.yaml; pydantic models are derived from it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, create_model

from policykg.errors import InputError, Problem

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PROPERTY_TYPES = {"string", "int", "float", "date", "bool", "string_list"}


def _check_date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str) or not DATE_RE.match(value):
        raise ValueError(f"expected an ISO date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


IsoDate = Annotated[str, BeforeValidator(_check_date)]
_PY_TYPES: dict[str, Any] = {
    "string": str,
    "int": int,
    "float": float,
    "date": IsoDate,
    "bool": bool,
    "string_list": list[str],
}


@dataclass(frozen=True)
class PropertySpec:
    name: str
    type: str
    description: str = ""


@dataclass(frozen=True)
class NodeTypeSpec:
    name: str
    description: str
    color: str
    lexical: bool
    properties: dict[str, PropertySpec]


@dataclass(frozen=True)
class RelTypeSpec:
    name: str
    description: str
    sources: frozenset[str]
    targets: frozenset[str]
    lexical: bool
    properties: dict[str, PropertySpec]


@dataclass
class Schema:
    namespace: str
    resource_base: str
    node_types: dict[str, NodeTypeSpec]
    rel_types: dict[str, RelTypeSpec]
    path: Path = field(default=Path("schema/schema.yaml"))

    def __getstate__(self) -> dict[str, Any]:
        # the derived pydantic models are rebuilt on demand, never pickled
        return {k: v for k, v in self.__dict__.items() if k not in {"node_models", "edge_models"}}

    @cached_property
    def node_models(self) -> dict[str, type[BaseModel]]:
        """One pydantic model per node type, validating its declared properties (no others allowed)."""
        return {name: _properties_model(name, spec.properties) for name, spec in self.node_types.items()}

    @cached_property
    def edge_models(self) -> dict[str, type[BaseModel]]:
        return {name: _properties_model(name, spec.properties) for name, spec in self.rel_types.items()}

    def entity_types(self) -> list[str]:
        return [n for n, s in self.node_types.items() if not s.lexical]

    def validate_node_properties(self, node_type: str, properties: dict[str, Any]) -> dict[str, Any]:
        """Return the properties coerced to their declared types, or raise ValueError with a reason."""
        model = self.node_models.get(node_type)
        if model is None:
            raise ValueError(f"unknown node type {node_type!r}; known: {', '.join(self.node_types)}")
        return _validated(model, properties)

    def validate_edge(
        self, rel_type: str, source_type: str, target_type: str, properties: dict[str, Any]
    ) -> dict[str, Any]:
        spec = self.rel_types.get(rel_type)
        if spec is None:
            raise ValueError(f"unknown relationship type {rel_type!r}")
        if source_type not in spec.sources:
            raise ValueError(
                f"{rel_type} cannot start at a {source_type} (allowed: {', '.join(sorted(spec.sources))})"
            )
        if target_type not in spec.targets:
            raise ValueError(
                f"{rel_type} cannot end at a {target_type} (allowed: {', '.join(sorted(spec.targets))})"
            )
        return _validated(self.edge_models[rel_type], properties)


def _validated(model: type[BaseModel], properties: dict[str, Any]) -> dict[str, Any]:
    if not properties:  # every property is optional, None by default: nothing to check (most edges have none)
        return {}
    try:
        obj = model.model_validate(properties)
    except ValidationError as exc:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ValueError(reasons) from None
    return {k: v for k, v in obj.model_dump().items() if v is not None}


def _properties_model(name: str, props: dict[str, PropertySpec]) -> type[BaseModel]:
    fields: dict[str, Any] = {p.name: (_PY_TYPES[p.type] | None, None) for p in props.values()}
    return create_model(
        f"{name}Properties", __config__=ConfigDict(extra="forbid", strict=False), **fields
    )


def _props(path: Path, raw: Any, owner: str, problems: list[Problem]) -> dict[str, PropertySpec]:
    from policykg.yamlio import where

    out: dict[str, PropertySpec] = {}
    for pname, pdef in (raw or {}).items():
        if pname == "__line__":
            continue
        ptype = pdef.get("type") if isinstance(pdef, dict) else None
        if ptype not in PROPERTY_TYPES:
            problems.append(Problem(where(path, pdef), f"{owner}.{pname}: unknown property type {ptype!r}",
                                    f"use one of {', '.join(sorted(PROPERTY_TYPES))}"))
            continue
        out[pname] = PropertySpec(pname, ptype, str(pdef.get("description", "")))
    return out


def load_schema(path: Path) -> Schema:
    from policykg.yamlio import (  # YAML is read here only: a cached graph carries its schema
        load_yaml,
        strip_lines,
        where,
    )

    raw = load_yaml(path)
    problems: list[Problem] = []
    if not isinstance(raw, dict) or "node_types" not in raw or "relationship_types" not in raw:
        raise InputError([Problem(str(path), "schema needs node_types and relationship_types mappings")])
    node_types: dict[str, NodeTypeSpec] = {}
    common = _props(path, raw.get("common_properties"), "common_properties", problems)
    for name, spec in raw["node_types"].items():
        if name == "__line__":
            continue
        lexical = bool(spec.get("lexical", False))
        own = _props(path, spec.get("properties"), name, problems)
        node_types[name] = NodeTypeSpec(
            name=name,
            description=str(spec.get("description", "")),
            color=str(spec.get("color", "#999999")),
            lexical=lexical,
            properties=own if lexical else {**common, **own},
        )
    groups = {k: v for k, v in strip_lines(raw.get("groups") or {}).items()}

    def expand(names: list[str], item: Any, label: str) -> frozenset[str]:
        out: set[str] = set()
        for n in names:
            if n in groups:
                out.update(groups[n])
            elif n in node_types:
                out.add(n)
            else:
                problems.append(Problem(where(path, item), f"{label}: unknown node type or group {n!r}"))
        return frozenset(out)

    rel_types: dict[str, RelTypeSpec] = {}
    for name, spec in raw["relationship_types"].items():
        if name == "__line__":
            continue
        rel_types[name] = RelTypeSpec(
            name=name,
            description=str(spec.get("description", "")),
            sources=expand(spec.get("from", []), spec, f"{name}.from"),
            targets=expand(spec.get("to", []), spec, f"{name}.to"),
            lexical=bool(spec.get("lexical", False)),
            properties=_props(path, spec.get("properties"), name, problems),
        )
    if problems:
        raise InputError(problems)
    return Schema(
        namespace=str(raw.get("namespace", "https://policykg.org/ns#")),
        resource_base=str(raw.get("resource_base", "https://policykg.org/id/")),
        node_types=node_types,
        rel_types=rel_types,
        path=path,
    )
