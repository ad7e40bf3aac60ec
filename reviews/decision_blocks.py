"""Why a case's decision tab must not decide it, contributed by apps above reviews without reviews
importing them (as reviews.panels): an app registers a function in its AppConfig.ready().

`appeals` registers one: an appeal case (REF-A1) is decided on its appeal page (upheld / overturned,
a signed appeal-decision letter), never as an initial determination on the decision tab.
"""

from __future__ import annotations

from collections.abc import Callable

from .models import Case

# A block function returns the reason (plain words for the reviewer), or "" when it does not block.
BlockFunction = Callable[[Case], str]
_BLOCKS: list[BlockFunction] = []


def register_decision_block(function: BlockFunction) -> None:
    if function not in _BLOCKS:
        _BLOCKS.append(function)


def decision_block(case: Case) -> str:
    """The first registered reason `case` may not be decided on the decision tab, or ''."""
    for function in _BLOCKS:
        reason = function(case)
        if reason:
            return reason
    return ""
