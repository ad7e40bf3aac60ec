"""Per-page text -> suggestions for ur-case/1 fields (pure: no Django, no database, no clock)."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from . import documentation as D
from . import fields as F
from .goals import record_goals
from .redflags import red_flags_in
from .sides import measurement_only, sides_in
from .text import Sentence, find_dates, norm_space, resolve_checkboxes, sentences, shift_year, standalone_years
from .types import (
    DocumentationSuggestion,
    EpisodeSuggestion,
    Extraction,
    Found,
    OutcomeMeasure,
    PageText,
    SideMention,
    VisitSuggestion,
)

_DISCHARGE_WORDS = re.compile(r"\b(?:discharg\w*|d/c|at\s+the\s+end|last\s+visit)\b", re.IGNORECASE)


_EP_TABLE_CONTEXT = re.compile(
    r"\b(?:episodes?|previous|prior|past|history\s+of\s+(?:PT|therapy)|dates\s+of\s+care)\b", re.IGNORECASE
)


_BIRTH_LABEL = re.compile(r"\b(?:DOB|D\.O\.B\.?|birth\s*date|date\s+of\s+birth|born)\W{0,3}$", re.IGNORECASE)


def _year_hint(pages: Sequence[PageText]) -> int | None:
    # (a birth date is not the year of the care)
    years = Counter(
        int(h.iso[:4])
        for p in pages
        for h in find_dates(p.text)
        if not _BIRTH_LABEL.search(p.text[max(0, h.start - 16) : h.start])
    )
    if not years:
        # no full date anywhere: a year the pages' headers state on their own ("Evaluation -- 2025")
        years = Counter(y for p in pages for y in standalone_years("\n".join(p.text.split("\n")[:4])))
    return years.most_common(1)[0][0] if years else None


def _side_of(mentions: list[str]) -> str | None:
    if not mentions:
        return None
    c = Counter(mentions)
    if c["bilateral"]:
        return "bilateral"
    if c["left"] and c["right"]:
        return "left" if c["left"] > c["right"] else "right" if c["right"] > c["left"] else "bilateral"
    return mentions[0]


class _Page:
    def __init__(self, page: PageText, year: int | None) -> None:
        # checkboxes read as prose (same offsets); quotes are given back in the page's own words
        self.page = PageText(page.number, resolve_checkboxes(page.text), page.ocr)
        self.sents = sentences(self.page)
        self.original: dict[str, str] = {}
        if self.page.text != page.text:
            for s in self.sents:
                orig = norm_space(page.text[s.start : s.end])
                if orig != s.text:
                    self.original[s.text] = orig
            off = 0
            for line in self.page.text.split("\n"):
                if line != page.text[off : off + len(line)]:
                    self.original.setdefault(norm_space(line), norm_space(page.text[off : off + len(line)]))
                off += len(line) + 1
        self.headings = F.headings(page)
        raw = F.anchors(page, year)
        # a plain "Date:" only marks a visit on a page with a note heading
        self.anchors = [a for a in raw if not a.label_plain or self.headings]


def _side_mentions(pages: list[_Page]) -> tuple[list[SideMention], dict[int, list[tuple[str, Sentence]]]]:
    mentions: list[SideMention] = []
    per_page: dict[int, list[tuple[str, Sentence]]] = {}
    seen: set[tuple[str, int]] = set()
    # a side given only a range of motion, on a page whose other mentions give the other side, is the
    # uninvolved side measured for comparison ("R knee 5-80 deg ... L knee 0-140")
    measured: dict[tuple[int, int, int], bool] = {}
    for p in pages:
        plain = {side for s in p.sents for side, off in sides_in(s) if not measurement_only(s, off)}
        for s in p.sents:
            for side, off in sides_in(s):
                other = {"left": "right", "right": "left"}.get(side)
                measured[(p.page.number, s.start, off)] = (
                    other is not None and other in plain and side not in plain and measurement_only(s, off)
                )
    for p in pages:
        for s in p.sents:
            found = sides_in(s)
            if not found:
                continue
            if F.NEGATED_LEAD.search(s.text[: found[0][1]]) and not F.PAIN.search(s.text):
                continue  # "denies bilat UE numbness": a side of an absent symptom
            found = [(side, off) for side, off in found if not measured.get((p.page.number, s.start, off), False)]
            for side, _ in found:
                per_page.setdefault(p.page.number, []).append((side, s))
                if (side, p.page.number) not in seen:
                    seen.add((side, p.page.number))
                    mentions.append(SideMention(side, p.page.number, s.text))
    return mentions, per_page


def _years_in_sequence(ps: list[_Page]) -> None:
    """A date written without its year took the record's year; across a new year it is the next (or the previous)
    one: a "Jan 4" note in a record of December 2025 notes is 2026-01-04. The year is moved only where the date
    is over half a year from every date the record fixes (a full date, or a year the page's header states) and the
    next or previous year puts it within four months of one of them."""
    fixed = [date.fromisoformat(a.date) for p in ps for a in p.anchors if a.year_from != "record"]
    if not fixed:
        # no fixed date: the first note fixes the year the others are read near
        first = next((a for p in ps for a in p.anchors), None)
        fixed = [date.fromisoformat(first.date)] if first is not None else []
    if not fixed:
        return

    def distance(iso: str) -> int:
        d = date.fromisoformat(iso)
        return min(abs((d - f).days) for f in fixed)

    for p in ps:
        moved = []
        for a in p.anchors:
            if a.year_from == "record" and distance(a.date) > 183:
                options = [iso for iso in (shift_year(a.date, 1), shift_year(a.date, -1)) if iso is not None]
                best = min(options, key=distance, default=None)
                if best is not None and distance(best) <= 122:
                    a = dataclasses.replace(a, date=best)
            moved.append(a)
        p.anchors = moved


def extract(pages: Sequence[PageText]) -> Extraction:
    year = _year_hint(pages)
    ps = [_Page(p, year) for p in pages]
    _years_in_sequence(ps)
    side_mentions, sides_by_page = _side_mentions(ps)
    # a flowsheet's "Side" column gives the treated region a side on that page
    have = {(m.side, m.page) for m in side_mentions}
    for p in ps:
        for a in p.anchors:
            if a.side is not None and (a.side, a.page) not in have:
                have.add((a.side, a.page))
                side_mentions.append(SideMention(a.side, a.page, a.quote))
    side_mentions.sort(key=lambda m: m.page)

    # ---- visits
    raw_visits: list[VisitSuggestion] = []
    for p in ps:
        anchors = p.anchors
        for i, a in enumerate(anchors):
            if a.row_end is not None:
                seg_start, seg_end = a.offset, a.row_end
                kind_h = next((h for h in p.headings if a.offset <= h.offset < a.row_end), None)
                kind = kind_h.kind if kind_h and kind_h.kind != "treatment" else "treatment"
                kind_quote = a.quote
            else:
                prev_end = anchors[i - 1].line_start if i else -1
                before = [h for h in p.headings if prev_end < h.offset <= a.offset + 40]
                nxt = anchors[i + 1].line_start if i + 1 < len(anchors) else len(p.page.text) + 1
                after = [h for h in p.headings if a.offset < h.offset < nxt]
                h = before[-1] if before else (after[0] if after and not a.label_plain else None)
                if h is None and a.label_plain:
                    continue
                if a.kind is not None:
                    kind, kind_quote = a.kind, a.quote
                else:
                    kind = h.kind if h else "treatment"
                    kind_quote = h.quote if h else a.quote
                seg_start = min(h.offset, a.line_start) if h else a.line_start
                seg_start = max(seg_start, prev_end + 1)
                if i + 1 < len(anchors):
                    # (a heading on the anchor's own line is its own: "10/14/2025 - Treatment")
                    line_end = p.page.text.find("\n", a.offset)
                    own_end = line_end if line_end >= 0 else len(p.page.text)
                    nb = [hh.offset for hh in p.headings if own_end < hh.offset <= anchors[i + 1].line_start]
                    seg_end = min(nb) if nb else anchors[i + 1].line_start
                else:
                    seg_end = len(p.page.text) + 1
            row = a.row_end is not None
            seg = [s for s in p.sents if seg_start <= s.start < seg_end] if not row else []
            seg_texts = [p.page.text[seg_start:seg_end]] if row else [s.text for s in seg]
            quotes = [a.quote] if row else [s.text for s in seg]
            pain: Found[int] | None = None
            fn: Found[int] | None = None
            earlier_line = -1  # the line of a sentence about an earlier episode: its next sentences go on with it
            for k, (t, q) in enumerate(zip(seg_texts, quotes, strict=True)):
                cue = F.earlier_episode_cue(t)
                if not row and seg[k].line == earlier_line:
                    cue = 0  # "Previous episode: 1/8/24 - 3/1/24; 12 sessions; D/C goals met, 85% function."
                if cue is not None and not row:
                    earlier_line = seg[k].line
                # a sentence led by a date before the visit's is a history entry ("08/20/2024 fall on ice, pain
                # 8/10"), not the visit's own pain or function
                lead = None if row else next(iter(find_dates(t)), None)
                own = "" if lead is not None and lead.iso < a.date and not t[: lead.start].strip(" -*•\t") else t
                if pain is None:
                    # the pain before an earlier episode's words is the current one ("pain 5/10, 2/10 at discharge")
                    pv = F.pain_in(own if kind == "discharge" or cue is None else own[:cue], row)
                    if pv is not None:
                        pain = Found(pv, p.page.number, q)
                if fn is None and (cue is None or (kind == "discharge" and not F.about_prior_episode(t, a.date))):
                    fv = F.function_in(own)
                    if fv is not None:
                        fn = Found(fv, p.page.number, q)
            # a flowsheet row's Pain / Function column, where the row gives no score out of 10 or percentage
            if pain is None and a.pain is not None:
                pain = Found(a.pain, p.page.number, a.quote)
            if fn is None and a.function is not None:
                fn = Found(a.function, p.page.number, a.quote)
            side_list = [side for side, s in sides_by_page.get(p.page.number, []) if seg_start <= s.start < seg_end]
            side_val = _side_of(side_list)
            side = None
            if a.side is not None:
                side = Found(a.side, p.page.number, a.quote)
            elif side_val is not None:
                q = next(s.text for sd, s in sides_by_page[p.page.number] if seg_start <= s.start < seg_end)
                side = Found(side_val, p.page.number, q)
            codes = tuple(dict.fromkeys(F.CPT.findall(p.page.text[seg_start:seg_end])))
            raw_visits.append(
                VisitSuggestion(
                    date=Found(a.date, p.page.number, a.quote),
                    kind=Found(kind, p.page.number, kind_quote),
                    page=p.page.number,
                    pain_nprs=pain,
                    function_pct=fn,
                    side_documented=side,
                    services=Found(codes, p.page.number, a.quote) if codes else None,
                )
            )
    by_date: dict[str, VisitSuggestion] = {}
    for v in raw_visits:
        kept = by_date.setdefault(v.date.value, v)
        if kept is not v and kept.page == v.page:
            # the same note dated twice on its page (a header, then "Initial eval 09/17/2025: pain 4/10"):
            # one visit, with the values either part gives
            by_date[v.date.value] = dataclasses.replace(
                kept,
                pain_nprs=kept.pain_nprs or v.pain_nprs,
                function_pct=kept.function_pct or v.function_pct,
                side_documented=kept.side_documented or v.side_documented,
                services=kept.services or v.services,
            )
    visits = sorted(by_date.values(), key=lambda v: v.date.value)
    # an earlier episode's discharge ends that episode: later visits are the current one
    cut = 0
    for i, v in enumerate(visits):
        if v.kind.value == "discharge" and i + 1 < len(visits):
            cut = i + 1
    earlier, visits = visits[:cut], visits[cut:]
    current_start = visits[0].date.value if visits else None

    # ---- prior episodes
    episodes: list[EpisodeSuggestion] = []
    for p in ps:
        for s in p.sents:
            for start, end in F.date_ranges(s.text):
                if current_start is not None and end >= current_start:
                    continue
                fn_found: Found[int] | None
                trow = F.table_row(p.page.text, s.start)
                if trow is not None and trow.visits is not None:
                    # a row of a table of earlier episodes: its own cells give the count and the status
                    above = p.page.text[max(0, s.start - 300) : s.start]  # the table's header and heading
                    if not (
                        trow.header_says_episode
                        or F.episode_context(s.text, p.page.text[: s.start])
                        or _EP_TABLE_CONTEXT.search(above)
                    ):
                        continue
                    count, count_q = trow.visits, s.text
                    pct = trow.discharge_pct
                    fn_found = Found(pct, p.page.number, s.text) if pct is not None else None
                    episode_sents = [s]
                else:
                    if not F.episode_context(s.text, p.page.text):
                        continue
                    found_count = F.visits_count(s.text) or F.visits_count(p.page.text)
                    if found_count is None:
                        continue
                    count = found_count
                    count_q = (
                        s.text if F.visits_count(s.text) else next(x.text for x in p.sents if F.visits_count(x.text))
                    )
                    # the discharge function and note belong to the episode: on a discharge summary any
                    # sentence of the page; inside another note only the episode's sentence and the few
                    # after it (a current "40% of normal function" is not the old discharge level)
                    # (not the current episode's own discharge summary, which only mentions the earlier one)
                    summary_page = bool(F.KIND_PATTERNS[2][1].search(p.page.text[:300])) and not any(
                        v.page == p.page.number and v.kind.value == "discharge" for v in visits
                    )
                    episode_sents = [x for x in p.sents if summary_page or 0 <= x.start - s.start <= len(s.text) + 240]
                    fn_found = None
                    for x in episode_sents:
                        val = F.discharge_function_in(x.text)
                        if val is not None and (summary_page or x is s or _DISCHARGE_WORDS.search(x.text)):
                            fn_found = Found(val, p.page.number, x.text)
                            break
                note = next((x.text for x in episode_sents if "discharged" in x.text.lower()), None)
                if any(e.start_date.value == start and e.end_date.value == end for e in episodes):
                    continue
                episodes.append(
                    EpisodeSuggestion(
                        start_date=Found(start, p.page.number, s.text),
                        end_date=Found(end, p.page.number, s.text),
                        visits=Found(count, p.page.number, count_q),
                        discharge_function_pct=fn_found,
                        discharge_note=Found(note, p.page.number, note) if note else None,
                    )
                )
    # an earlier episode given as a block of labelled lines ("Prior episode of care / Start: .. / End: .. /
    # Visits: 11 / D/C status: .. function 70%")
    for p in ps:
        for blk in F.episode_blocks(p.page.text):
            if current_start is not None and blk.end >= current_start:
                continue
            if blk.visits is None or any(
                e.start_date.value == blk.start and e.end_date.value == blk.end for e in episodes
            ):
                continue
            episodes.append(
                EpisodeSuggestion(
                    start_date=Found(blk.start, p.page.number, blk.quote),
                    end_date=Found(blk.end, p.page.number, blk.quote),
                    visits=Found(blk.visits, p.page.number, blk.quote),
                    discharge_function_pct=(
                        Found(blk.discharge_pct, p.page.number, blk.quote) if blk.discharge_pct is not None else None
                    ),
                )
            )
    del earlier

    # ---- plan of care: the latest stated frequency x duration (by the date of the note that states it;
    # a letter renewing the plan may come before the evaluation it follows in the fax)
    freq: Found[int] | None = None
    dur: Found[int] | None = None
    all_anchor_dates = [(p.page.number, a.offset, a.date) for p in ps for a in p.anchors]
    best_key: tuple[str, int] | None = None
    order = 0
    for p in ps:
        for k, s in enumerate(p.sents):
            if F.GOAL_CONTEXT.search(s.text) and not s.text.lower().startswith("plan"):
                continue
            if F.about_prior_episode(s.text, ""):
                continue  # "Previous episode: 3x/wk x 4 wks in 2024" is not this request's plan
            plan = F.plan_in(s.text)
            quote = s.text
            if plan is None and k + 1 < len(p.sents) and re.match(r"\s*(?:frequency|freq\b)", s.text, re.IGNORECASE):
                # "Frequency: 2 times per week. Duration: 6 weeks." - the plan in two sentences
                quote = f"{s.text} {p.sents[k + 1].text}"
                plan = F.plan_in(quote)
            if plan is not None:
                order += 1
                plan_key = (_date_at(all_anchor_dates, p.page.number, s.start) or "", order)
                if best_key is None or plan_key > best_key:
                    best_key = plan_key
                    freq = Found(plan[0], p.page.number, quote)
                    dur = Found(plan[1], p.page.number, quote)

    # ---- red flags
    flags: list[Found[str]] = []
    seen_flags: set[tuple[str, int]] = set()
    for p in ps:
        for key, s in red_flags_in(p.sents):
            if (key, s.page) not in seen_flags:
                seen_flags.add((key, s.page))
                flags.append(Found(key, s.page, s.text))

    # ---- affected side: the side the therapist documents at the evaluation of this episode (a referral
    # or a code may say the other side: that shows in side_mentions); else the side most mentioned
    affected = None
    per_side = Counter(m.side for m in side_mentions)
    evals = [v for kind in ("evaluation", "re_evaluation") for v in visits if v.kind.value == kind]
    eval_side = next((v.side_documented for v in evals if v.side_documented is not None), None)
    if eval_side is None:
        # the evaluation's note gives no side of its own: the side its page gives the treated region
        on_eval_page = [m for v in evals for m in side_mentions if m.page == v.page]
        if on_eval_page and len({m.side for m in on_eval_page}) == 1:
            eval_side = Found(on_eval_page[0].side, on_eval_page[0].page, on_eval_page[0].quote)
    if eval_side is not None:
        affected = eval_side
    elif per_side:
        top = per_side.most_common()
        if len(top) > 1 and top[0][1] == top[1][1] and "bilateral" not in (top[0][0], top[1][0]):
            side_val = next(m.side for m in side_mentions)
        else:
            side_val = top[0][0]
        if per_side["bilateral"] and per_side["bilateral"] >= top[0][1]:
            side_val = "bilateral"
        m0 = next(m for m in side_mentions if m.side == side_val)
        affected = Found(side_val, m0.page, m0.quote)

    # ---- documentation
    deficits: list[Found[str]] = []
    impairments: list[Found[str]] = []
    strength: list[Found[str]] = []
    exercise: list[Found[str]] = []
    outcomes: list[Found[OutcomeMeasure]] = []
    improvement: Found[int] | None = None
    goals = record_goals([(p.page.number, p.page.text) for p in ps])
    gap: Found[str] | None = None
    seen_om: set[tuple[str, str | None, float]] = set()
    initial_date = D.initial_eval_date([p.page.text for p in ps]) or next(
        (v.date.value for v in sorted(visits, key=lambda v: v.date.value) if v.kind.value == "evaluation"), None
    )
    # a score is dated by its note: not by a date the note gives the initial evaluation ("seen for initial
    # eval 10/06/2025"), unless that date opens its page (the evaluation's own note)
    first_on_page = {pg: min(off for p2, off, _ in all_anchor_dates if p2 == pg) for pg, _, _ in all_anchor_dates}
    page_text = {p.page.number: p.page.text for p in ps}
    om_anchor_dates = [
        (pg, off, iso)
        for pg, off, iso in all_anchor_dates
        if off == first_on_page[pg] or not D.refers_to_initial(page_text[pg], off)
    ]
    for p in ps:
        goal_lists = D.goal_section_spans(p.page.text)
        for si, s in enumerate(p.sents):
            n = p.page.number
            if any(a <= s.start < b for a, b in goal_lists):
                continue  # a goal listed under a goals heading is a target, not a finding
            for item in D.deficits_in(s.text):
                if not any(d.value == item and d.page == n for d in deficits):
                    deficits.append(Found(item, n, s.text))
            if D.impairment_in(s.text):
                impairments.append(Found(s.text[:300], n, s.text))
            if D.strength_in(s.text):
                strength.append(Found(s.text[:300], n, s.text))
            params = D.exercise_params_in(s.text)
            if params:
                exercise.append(Found(", ".join(params)[:300], n, s.text))
            imp = D.improvement_in(s.text)
            if imp is not None:
                improvement = Found(imp, n, s.text)
            if gap is None and D.gap_explained(s.text):
                gap = Found(s.text, n, s.text)
            om_text = D.outcome_text(p.page.text, p.sents, si)  # (with the next line where a measure's name wraps)
            for name, score, _om_at, om_end in D.outcomes_in(om_text):
                # a date right after the score ("LEFS 42 on 8/4/25", "(08/04/2025)") is that measure's date;
                # otherwise the date of the visit note the sentence belongs to
                earlier_scores = D.earlier_scores_in(om_text, om_end, _om_at)
                date = D.score_date_in(om_text, _om_at, om_end, bool(earlier_scores)) or _date_at(
                    om_anchor_dates, n, s.start
                )
                scored = [(score, date)]
                columns = D.column_scores(p.page.text, _page_offset(p.page.text, s.start, om_text, _om_at))
                if columns and columns[0][0] == score:
                    # a table's columns: "Measure  SOC 08/04/2025  Today 09/05/2025", "IE | PN | Current"
                    progress = [v.date.value for v in visits if v.kind.value in ("progress_note", "re_evaluation")]
                    by_column = {"initial": initial_date, "current": date}
                    scored = []
                    for col_score, col_date, which in columns:
                        if which == "progress":
                            col_date = next((d for d in reversed(sorted(progress)) if date is None or d < date), None)
                        elif which != "dated":
                            col_date = by_column[which]
                        if col_date is not None:
                            scored.append((col_score, col_date))
                    earlier_scores = []
                for earlier_score, date_at in earlier_scores:
                    if date_at is None:  # "(IE 38.2)": the initial evaluation's date
                        earlier_date = initial_date
                    else:
                        hit = next((h for h in find_dates(om_text) if h.start >= date_at), None)
                        earlier_date = hit.iso if hit is not None else None
                    if earlier_date is not None and (date is None or earlier_date < date):
                        scored.append((earlier_score, earlier_date))
                for score_v, dt in scored:
                    om_key = (name, dt, score_v)
                    if om_key in seen_om:
                        continue
                    seen_om.add(om_key)
                    outcomes.append(Found(OutcomeMeasure(name, dt, score_v), n, om_text))
        # force measured by an instrument a table's heading names ("HHD (kg) | Right | Left")
        force_rows = D.strength_table_rows(p.page.text)
        if force_rows and not any(f.page == p.page.number for f in strength):
            strength.append(Found(force_rows[0][:300], p.page.number, force_rows[0]))
        # an exercise log with its parameters in columns ("Exercise | Sets | Reps | Load")
        rows = D.exercise_table_rows(p.page.text)
        if rows and not any(e.page == p.page.number for e in exercise):
            exercise.append(Found(rows[0][:300], p.page.number, rows[0]))
        # a table whose heading names the measures, one dated row per visit ("Date | LEFS | NPRS")
        for name, score, dt, _row_at, row_text in D.heading_measure_scores(p.page.text):
            if (name, dt, score) not in seen_om:
                seen_om.add((name, dt, score))
                outcomes.append(Found(OutcomeMeasure(name, dt, score), p.page.number, row_text))

    doc = DocumentationSuggestion(
        functional_deficits=tuple(deficits),
        objective_impairments=tuple(impairments),
        reported_improvement_pct=improvement,
        goals=goals,
        outcome_measures=tuple(outcomes),
        strength=tuple(strength),
        exercise_parameters=tuple(exercise),
        gap_explanation=gap,
    )
    out = Extraction(
        visits=tuple(visits),
        prior_episodes=tuple(episodes),
        frequency_per_week=freq,
        duration_weeks=dur,
        affected_side=affected,
        red_flags=tuple(flags),
        documentation=doc,
        side_mentions=tuple(side_mentions),
        ocr_pages=tuple(p.number for p in pages if p.ocr),
    )
    originals = {p.page.number: p.original for p in ps if p.original}
    return cast(Extraction, _in_own_words(out, originals)) if originals else out


def _in_own_words(value: Any, originals: dict[int, dict[str, str]]) -> Any:
    """Every quote given back as the page writes it (checkbox marks and all)."""
    if isinstance(value, tuple):
        return tuple(_in_own_words(v, originals) for v in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        if f.name == "quote" and isinstance(v, str):
            page = getattr(value, "page", None)
            new = originals.get(page, {}).get(v) if isinstance(page, int) else None
            if new is not None:
                changes["quote"] = new
        elif isinstance(v, tuple) or (dataclasses.is_dataclass(v) and not isinstance(v, type)):
            nv = _in_own_words(v, originals)
            if nv is not v:
                changes[f.name] = nv
    return dataclasses.replace(value, **changes) if changes else value


def _page_offset(page_text: str, sentence_start: int, text: str, at: int) -> int:
    """Where `text[at:]` (a sentence's text, its spaces collapsed and its lines joined) starts on the page:
    the first word of it searched from the sentence's start ("iHOT-12" on a table's second row)."""
    word = text[at:].split(maxsplit=1)[0] if text[at:].strip() else ""
    found = page_text.find(word, sentence_start) if word else -1
    return found if found >= 0 else sentence_start + at


def _date_at(anchor_dates: list[tuple[int, int, str]], page: int, offset: int) -> str | None:
    """The date of the visit note a position belongs to: the last anchor at or before it."""
    best = None
    for pg, off, iso in anchor_dates:
        if (pg, off) <= (page, offset):
            best = iso
    if best is None:
        same = [iso for pg, _, iso in anchor_dates if pg == page]
        best = same[0] if same else None
    return best
