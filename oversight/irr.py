"""Inter-rater reliability statistics: percent agreement and Cohen's kappa against the gold standard."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def percent_agreement(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Share (0-100) of (gold, rater) pairs that agree."""
    if not pairs:
        return None
    return round(100 * sum(g == r for g, r in pairs) / len(pairs), 1)


def cohens_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa for two raters over categorical decisions.

    kappa = (p_o - p_e) / (1 - p_e). None when undefined: no pairs, or both raters used a single,
    identical category (p_e = 1), where chance agreement explains everything.
    """
    n = len(pairs)
    if not n:
        return None
    p_o = sum(g == r for g, r in pairs) / n
    gold = Counter(g for g, _ in pairs)
    rater = Counter(r for _, r in pairs)
    p_e = sum(gold[c] * rater[c] for c in set(gold) | set(rater)) / (n * n)
    if p_e >= 1:
        return None
    return round((p_o - p_e) / (1 - p_e), 3)
