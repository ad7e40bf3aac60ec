"""Case-page panels contributed by apps above reviews (e.g. `pas` shows where a case came from),
without reviews importing them: an app registers a function in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import Case

# A panel function returns (template name, context) for a case, or None when it has nothing to show.
PanelFunction = Callable[[Case], tuple[str, dict[str, Any]] | None]
_PANELS: list[PanelFunction] = []


def register_case_panel(function: PanelFunction) -> None:
    if function not in _PANELS:
        _PANELS.append(function)


def case_panels(case: Case) -> list[dict[str, Any]]:
    panels = []
    for function in _PANELS:
        found = function(case)
        if found is not None:
            panels.append({"template": found[0], "context": found[1]})
    return panels
