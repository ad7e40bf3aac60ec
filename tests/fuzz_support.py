"""Hypothesis building blocks shared by the fuzz tests (case import, PAS $submit)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "2025-02-30",
            "2025-08-27",
            "9999-12-31",
            "0001-01-01",
            "M54.5",
            "M25.5529",
            "M2555",
            "97110",
            "G0283",
            "9711",
            "left",
            "sideways",
            "ur-case/1",
            "2025-08-26T14:05:00",
            "9999-12-31T23:59:59+14:00",
            "\x00",
            "-1",
        ]
    ),
)
json_values = st.recursive(
    leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(paths(value, (*prefix, index)))
    return found


def parent_of(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc
