"""Prior episodes: what belongs to the old episode and what to the current one (pure extraction)."""

from __future__ import annotations

from extraction import PageText, extract


def test_a_prior_episode_inside_an_evaluation_does_not_take_the_current_function() -> None:
    page = PageText(
        1,
        "Initial Evaluation\nDate of Service: 09/02/2025\nPt reports about 40% of normal function.\n"
        "Prior episode: PT 01/06/2025 to 03/10/2025, 12 visits, discharged to HEP.",
    )
    (episode,) = extract([page]).prior_episodes
    assert episode.visits.value == 12 and episode.discharge_function_pct is None
    summary = PageText(
        2,
        "Discharge Summary\nDates of care: 01/06/2025 - 03/10/2025. Total visits: 12.\n"
        "Pt at 85% of normal function. Discharged to HEP.",
    )
    later = PageText(3, "Initial Evaluation\nDate of Service: 09/02/2025\nPt reports about 40% of normal function.")
    (episode,) = extract([summary, later]).prior_episodes
    assert episode.discharge_function_pct is not None and episode.discharge_function_pct.value == 85
