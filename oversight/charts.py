"""Small server-rendered SVG charts (no JavaScript): horizontal bars and stacked bars.

Every chart carries role="img", a <title> and a text description, so a screen reader gets the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from vocabulary import Decision

PALETTE = {
    Decision.APPROVE: "#2e7d32",
    Decision.PARTIAL: "#f9a825",
    Decision.DENY: "#c62828",
    "default": "#1f5f8b",
    "muted": "#b0bec5",
}
ROW_HEIGHT = 26
LABEL_WIDTH = 150
BAR_WIDTH = 320
VALUE_WIDTH = 70


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text}{unit}"


def bar_chart(
    items: Sequence[tuple[str, float | None]],
    *,
    title: str,
    unit: str = "",
    max_value: float | None = None,
    target: float | None = None,
    color: str = PALETTE["default"],
) -> SafeString:
    """One horizontal bar per (label, value); an optional dashed target line (e.g. 90 %)."""
    top = max_value or max([v or 0 for _, v in items] + [target or 0, 1])
    height = ROW_HEIGHT * len(items) + 10
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    desc = "; ".join(f"{label}: {_fmt(v, unit)}" for label, v in items)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="ur-chart" viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-label="{}"><title>{}</title><desc>{}</desc>',
            width,
            height,
            title,
            title,
            desc,
        )
    ]
    for i, (label, value) in enumerate(items):
        y = 5 + i * ROW_HEIGHT
        w = 0 if not value else max(1.0, BAR_WIDTH * float(value) / top)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#212529">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="12" fill="#212529">{}</text>',
                LABEL_WIDTH - 8,
                y + 15,
                label,
                LABEL_WIDTH,
                y + 3,
                f"{w:.1f}",
                ROW_HEIGHT - 8,
                color,
                LABEL_WIDTH + w + 6,
                y + 15,
                _fmt(value, unit),
            )
        )
    if target is not None:
        x = LABEL_WIDTH + BAR_WIDTH * target / top
        parts.append(
            format_html(
                '<line x1="{}" y1="0" x2="{}" y2="{}" stroke="#212529" stroke-dasharray="4 3"></line>',
                f"{x:.1f}",
                f"{x:.1f}",
                height,
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - constant markup
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every piece above is escaped by format_html


def stacked_bar_chart(
    rows: Sequence[tuple[str, dict[str, int]]],
    *,
    series: Sequence[tuple[str, str]],
    title: str,
) -> SafeString:
    """One bar per row, split by series (key, label), with a legend; widths are shares of the row total."""
    height = ROW_HEIGHT * len(rows) + 34
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{s_label} {counts.get(key, 0)}" for key, s_label in series) for label, counts in rows
    )
    parts: list[Any] = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="ur-chart" viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-label="{}"><title>{}</title><desc>{}</desc>',
            width,
            height,
            title,
            title,
            desc,
        )
    ]
    for i, (label, counts) in enumerate(rows):
        y = 5 + i * ROW_HEIGHT
        total = sum(counts.get(key, 0) for key, _ in series)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#212529">{}</text>',
                LABEL_WIDTH - 8,
                y + 15,
                label,
            )
        )
        x = float(LABEL_WIDTH)
        for key, s_label in series:
            n = counts.get(key, 0)
            if not n or not total:
                continue
            w = BAR_WIDTH * n / total
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                    f"{x:.1f}",
                    y + 3,
                    f"{w:.1f}",
                    ROW_HEIGHT - 8,
                    PALETTE.get(key, PALETTE["default"]),
                    s_label,
                    n,
                )
            )
            x += w
        parts.append(format_html('<text x="{}" y="{}" font-size="12" fill="#212529">{}</text>', x + 6, y + 15, total))
    legend_y = 5 + len(rows) * ROW_HEIGHT + 10
    lx = LABEL_WIDTH
    for key, s_label in series:
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="12" fill="#212529">{}</text>',
                lx,
                legend_y,
                PALETTE.get(key, PALETTE["default"]),
                lx + 16,
                legend_y + 11,
                s_label,
            )
        )
        lx += 16 + 8 * len(s_label) + 16
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every piece above is escaped by format_html


__all__ = ["PALETTE", "bar_chart", "stacked_bar_chart"]
