"""YAML loading that remembers line numbers, so errors can name file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from policykg.errors import InputError, Problem

LINE_KEY = "__line__"
_MERGE_TAG = "tag:yaml.org,2002:merge"


# libyaml's parser (C) where PyYAML was built with it: 5x faster on the loaders; same nodes, same marks.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):
    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        # (line, key, line of the first occurrence) of every key a mapping gives twice: YAML would keep the
        # last silently, so a second 'year:' would quietly replace the first
        self.duplicates: list[tuple[int, str, int]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
    first: dict[str, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
            continue  # merge keys ('<<') may be overridden on purpose; complex keys fail below
        key = str(loader.construct_object(key_node))
        line = key_node.start_mark.line + 1
        if key in first:
            loader.duplicates.append((line, key, first[key]))
        else:
            first[key] = line
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=deep).items()}
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Load a YAML file; every mapping carries its 1-based line under LINE_KEY. A file that cannot be read, is
    not UTF-8, is malformed or gives a key twice in one mapping is an InputError naming file:line."""
    if not path.is_file():
        raise InputError([Problem(str(path), "file not found", "check the path or the --corpus setting")])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(path), f"cannot be read ({exc.strerror or exc})",
                                  "check the file's permissions")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        fix = f"save it as UTF-8, e.g. iconv -f GBK -t UTF-8 {path.name} > {path.stem}.utf8{path.suffix}"
        raise InputError([Problem(f"{path}:{line}", f"not UTF-8 text (byte {exc.start})", fix)]) from None
    loader = _LineLoader(text)
    try:
        value = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise InputError([Problem(where, f"malformed YAML: {exc.problem}", "fix the YAML syntax")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(str(path), f"malformed YAML: {exc}", "fix the YAML syntax")]) from None
    except RecursionError:
        raise InputError([Problem(str(path), "malformed YAML: nested too deeply", "flatten the YAML")]) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise InputError([Problem(f"{path}:{line}", f"duplicate key {key!r} (first at line {first})",
                                  "keep one of them: YAML would silently use the last")
                          for line, key, first in sorted(loader.duplicates)])
    return value


def where(path: Path | str, item: Any) -> str:
    line = item.get(LINE_KEY) if isinstance(item, dict) else None
    return f"{path}:{line}" if line else str(path)


def strip_lines(value: Any) -> Any:
    """A copy without the line bookkeeping."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def read_list(path: Path, key: str, problems: list[Problem]) -> tuple[dict[str, Any], list[Any]] | None:
    """A loader file that holds a top-level ``key:`` list: (the mapping, the list), or None with its problem
    added to ``problems`` (so every file's problems are listed together)."""
    try:
        raw = load_yaml(path)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    items = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(items, list):
        problems.append(Problem(str(path), f"expected a top-level '{key}:' list",
                                f"start the file with '{key}:' and list the {key} under it"))
        return None
    return raw, items
