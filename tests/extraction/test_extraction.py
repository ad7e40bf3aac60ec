"""The pure extraction module: per-page text -> suggestions, each with its page and quote."""

from __future__ import annotations

import pytest

from bench.extraction_data.dev import DEV
from bench.extraction_score import GROUPS, score
from extraction import PageText, extract, to_payload
from extraction.redflags import red_flags_in
from extraction.sides import sides_in
from extraction.text import Sentence, find_dates


def _s(text: str) -> Sentence:
    return Sentence(page=1, line=0, start=0, text=text)


def _payload(*texts: str, ocr: tuple[int, ...] = ()) -> dict:
    return to_payload(extract([PageText(i, t, i in ocr) for i, t in enumerate(texts, 1)]))


@pytest.mark.parametrize(
    "sentence",
    [
        "Patient denies numbness or tingling.",
        "No signs of DVT.",
        "(-) Homans sign.",
        "(-) Homans bilaterally; calves soft and non-tender.",
        "She denies saddle anesthesia, bowel or bladder dysfunction, fever, or unexplained weight loss.",
        "There is no history of cancer.",
        "Educated pt on signs and symptoms of DVT and infection.",
        "Incision healing well; no signs of infection.",
        "Family history of cancer.",
    ],
)
def test_negated_or_hypothetical_findings_are_not_red_flags(sentence):
    assert red_flags_in([_s(sentence)]) == []


@pytest.mark.parametrize(
    ("sentence", "flag"),
    [
        ("Calf warm and tender to palpation, (+) Homans sign on the L.", "dvt"),
        ("He reports new difficulty controlling his bladder and numbness in the saddle region.", "cauda_equina"),
        ("Pt reports night sweats; history of lymphoma 2019.", "malignancy"),
        ("Unexplained weight loss of 15 lb over 2 months.", "unexplained_weight_loss"),
        ("Pt wakes with night pain most nights.", "night_pain"),
    ],
)
def test_asserted_red_flags_are_found(sentence, flag):
    assert flag in [k for k, _ in red_flags_in([_s(sentence)])]


@pytest.mark.parametrize(
    ("sentence", "sides"),
    [
        ("Pt c/o R knee pain x 8 months.", ["right"]),
        ("L knee WNL.", []),  # the uninvolved side, for comparison
        ("R ankle DF 5 deg vs L 15 deg.", ["right"]),
        ("Cerv rot to the R 50 deg, rot to the L 70 deg.", []),  # directions of movement
        ("Rotation to the left provokes pain.", []),
        ("MRI: L4-L5 disc protrusion, L5-S1 facet arthropathy.", []),  # spinal levels
        ("R-hand dominant male with L shoulder pain.", ["left"]),
        ("Pain 6/10 in both knees after bilateral TKA.", ["bilateral", "bilateral"]),
        ("Moderate deficits in hip strength compared to contralateral side.", []),
        ("Hand-held dynamometry quadriceps: L 9.1 kg, R 10.4 kg.", []),
        ("FADIR positive on the right.", ["right"]),
    ],
)
def test_side_mentions(sentence, sides):
    assert [s for s, _ in sides_in(_s(sentence))] == sides


def test_dates_in_clinic_formats():
    text = "8/4/25, 08/04/2025, 2025-08-04, August 4, 2025, 4 Aug 2025, Sept 3, 2025; PSFS 3.2/10; pain 6/10"
    assert [d.iso for d in find_dates(text)] == ["2025-08-04"] * 5 + ["2025-09-03"]


def test_soap_visits_with_page_and_quote():
    p = _payload(
        "FAX COVER SHEET\nDate: 09/02/2025\nPages: 3",
        "Initial Evaluation\nDate of Service: 08/05/2025\nS: Pt c/o R knee pain. NPRS 6/10.\n"
        "Pt reports she is able to perform about 40% of her normal function.\nP: 2x/wk x 6 wks. 97161, 97110.",
        "Daily Note\nDOS: 8/12/25\nS: Pain 5/10.\nO: Quad sets 3x10, SLR 3x10 with 2 lb.",
    )
    assert [(v["date"], v["kind"], v["page"], v["pain_nprs"]) for v in p["visits"]] == [
        ("2025-08-05", "evaluation", 2, 6),
        ("2025-08-12", "treatment", 3, 5),
    ]
    assert p["visits"][0]["function_pct"] == 40
    assert p["visits"][0]["side_documented"] == "right"
    assert p["visits"][0]["services"] == ["97161", "97110"]
    assert p["request"] == {"frequency_per_week": 2, "duration_weeks": 6}
    pain = next(s for s in p["sources"] if s["path"] == "visits[1].pain_nprs")
    assert pain == {"path": "visits[1].pain_nprs", "page": 3, "quote": "S: Pain 5/10."}
    assert p["documentation"]["exercise_parameters_documented"] is True
    # the fax cover's "Date:" is not a visit
    assert all(v["page"] != 1 for v in p["visits"])


def test_flowsheet_rows_are_visits():
    p = _payload(
        "TREATMENT FLOWSHEET\nDate | Pain | Interventions | Codes\n7/16/25 | 5/10 | heel raises 3x15 | 97110\n"
        "7/18/25 | 4/10 | SL balance 3 x 30 s | 97110, 97112"
    )
    assert [(v["date"], v["kind"], v["pain_nprs"], v["page"]) for v in p["visits"]] == [
        ("2025-07-16", "treatment", 5, 1),
        ("2025-07-18", "treatment", 4, 1),
    ]


def test_prior_episode_with_gap_explanation_and_discharge_status():
    p = _payload(
        "DISCHARGE SUMMARY\nDate of Service: 03/10/2025\nDates of care: 01/23/2025 to 03/10/2025. Number of visits: 18.\n"
        "Function at discharge 80% per patient report.",
        "INITIAL EVALUATION\nDate of Service: 08/25/2025\nShe had a break in therapy between March and August because "
        "she was caring for her mother.\nPain 5/10.",
    )
    assert p["prior_episodes"] == [
        {
            "start_date": "2025-01-23",
            "end_date": "2025-03-10",
            "visits": 18,
            "discharge_function_pct": 80,
            "discharge_note": None,
        }
    ]
    assert [v["date"] for v in p["visits"]] == ["2025-08-25"]  # the earlier episode's discharge is not this episode
    assert p["documentation"]["gap_explanation"].startswith("She had a break in therapy")
    assert {"finding": "gap_explanation", "page": 2} in p["documentation"]["evidence"]


def test_outcome_measures_goals_improvement_and_strength():
    p = _payload(
        "Evaluation\nDOS: 08/04/2025\nLEFS 34/80. MMT L hip abduction 3+/5.",
        "Progress Note\nDOS: 08/25/2025\nPt reports 55% improvement. LEFS 49/80.\n"
        "STG 1 met, STG 2 not met, STG 3 met. LTG 1 in progress.\nLTG goal: LEFS > 60.",
    )
    d = p["documentation"]
    assert d["outcome_measures"] == [
        {"name": "LEFS", "date": "2025-08-04", "score": 34},
        {"name": "LEFS", "date": "2025-08-25", "score": 49},
    ]
    assert d["goals"] == {"short_term_met": 2, "short_term_total": 3, "long_term_met": 0, "long_term_total": 1}
    assert d["reported_improvement_pct"] == 55
    assert d["strength_measured_objectively"] is True


def test_vague_function_percent_is_not_an_outcome_measure_and_no_parameters():
    p = _payload(
        "Treatment note\nDOS 9/10/2025\nPain 5/10 right shoulder. Pt performed shoulder strengthening, tolerated well. "
        "Function approximately 55%."
    )
    d = p["documentation"]
    assert d["outcome_measures"] == []
    assert d["exercise_parameters_documented"] is False
    assert d["strength_measured_objectively"] is False
    assert p["visits"][0]["function_pct"] == 55


def test_other_side_documented_than_coded_is_visible_in_side_mentions():
    p = _payload(
        "Authorization request\nDiagnosis: M75.102 Rotator cuff syndrome, left shoulder",
        "Evaluation\nDOS 9/8/2025\nR shoulder pain for 6 wks. R shoulder flexion 120 deg.",
        "Treatment\nDOS 9/10/2025\nPain 5/10 right shoulder.",
    )
    assert [(m["side"], m["page"]) for m in p["side_mentions"]] == [("left", 1), ("right", 2), ("right", 3)]
    assert p["clinical"]["affected_side"] == "right"


def test_ocr_pages_and_every_source_path_resolves_into_the_fragment():
    p = _payload("Evaluation\nDOS: 08/04/2025\nPain 6/10 L hip. LEFS 30/80.", ocr=(1,))
    assert p["ocr_pages"] == [1]
    for s in p["sources"]:
        node = p
        for part in s["path"].replace("]", "").replace("[", ".").split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        assert s["page"] >= 1 and s["quote"]


def test_fragment_is_valid_ur_case_1():
    import copy
    import json
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[2] / "reviews/schemas/ur-case-1.schema.json").read_text())
    base = json.loads(
        (Path(__file__).resolve().parents[2] / "reviews/fixtures/cases/seed-approve-hip-traumatic.json").read_text()
    )
    base.pop("expected", None)
    for record in DEV:
        p = to_payload(extract([PageText(i, pg.text) for i, pg in enumerate(record.pages, 1)]))
        case = copy.deepcopy(base)
        case["visits"] = p["visits"]
        case["prior_episodes"] = p["prior_episodes"]
        case["documentation"] = p["documentation"]
        case["clinical"]["red_flags"] = p["clinical"]["red_flags"]
        if p["clinical"]["affected_side"]:
            case["clinical"]["affected_side"] = p["clinical"]["affected_side"]
        jsonschema.validate(case, schema)


def test_development_records_meet_the_targets_on_their_text():
    """Regression guard on the labelled development set (text layer; OCR is measured in bench/)."""
    pairs = []
    for record in DEV:
        pages = [PageText(i, pg.text) for i, pg in enumerate(record.pages, 1)]
        pairs.append((record.labels, to_payload(extract(pages))))
    s = score(pairs)
    for g in GROUPS:
        assert s[g]["precision"] >= 0.9, (g, s[g])
        assert s[g]["recall"] >= 0.8, (g, s[g])


def test_extraction_is_pure():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "extraction"
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("django", "reviews", "criteria", "audit", "time", "datetime.datetime")), (
                    path.name,
                    name,
                )


def test_committed_label_files_match_the_records():
    from bench.extraction_data.generate import LABELS_DIR, all_records, labels_json

    for split, record in all_records():
        path = LABELS_DIR / f"{split}--{record.name}.json"
        assert path.read_text() == labels_json(record), (
            f"re-run: python -m bench.extraction_data.generate --labels ({path.name})"
        )
