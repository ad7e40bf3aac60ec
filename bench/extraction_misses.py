"""Per-record misses of the extraction benchmark, fast: `python -m bench.extraction_misses [split ...] [group ...]`.

Reads each record once (render + text layer / OCR, as bench/extraction.py does) and keeps the pages read under
var/extraction_pages/ (keyed by the record's text; a change to the reader needs that folder removed), so a rerun after a change to extraction/ takes
seconds. Prints precision/recall per split and group, and for the groups named, each record's missed
and extra values. Splits: dev, heldout, blind, blind2, blind3 ... blind6 (each measured blind once, then opened), big (only
these: a new record set kept for honest measurement is never added here before it is measured).
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from typing import Any

from bench._common import ROOT, django_setup
from bench.extraction_score import GROUPS, diff, score

CACHE = ROOT / "var" / "extraction_pages"


def _splits() -> dict[str, list[Any]]:
    from bench.extraction_data.big import BIG
    from bench.extraction_data.blind import BLIND
    from bench.extraction_data.blind2 import BLIND2
    from bench.extraction_data.blind3 import BLIND3
    from bench.extraction_data.blind4 import BLIND4
    from bench.extraction_data.blind5 import BLIND5
    from bench.extraction_data.blind6 import BLIND6
    from bench.extraction_data.dev import DEV
    from bench.extraction_data.heldout import HELDOUT

    return {
        "dev": list(DEV),
        "heldout": list(HELDOUT),
        "blind": list(BLIND),
        "blind2": list(BLIND2),
        "blind3": list(BLIND3),
        "blind4": list(BLIND4),
        "blind5": list(BLIND5),
        "blind6": list(BLIND6),
        "big": [BIG],
    }


def _pages(split: str, record: Any) -> Any:
    from bench.extraction_data.generate import render
    from reviews.record_reader import read_pages

    key = hashlib.sha256(repr((record.pages, record.tiff)).encode()).hexdigest()[:16]
    path = CACHE / f"{split}--{record.name}--{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())  # noqa: S301 - our own cache of our own records
    data, _ = render(record)
    pages = read_pages(data)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(pages))
    return pages


def main(argv: list[str]) -> None:
    from extraction import extract, to_payload

    splits = _splits()
    only = [a for a in argv if a in splits] or list(splits)
    groups = [a for a in argv if a in GROUPS]
    for split in only:
        results = []
        for record in splits[split]:
            payload = to_payload(extract(_pages(split, record)))
            results.append((record.labels, payload))
            for group, d in diff(record.labels, payload).items():
                if group in groups:
                    print(f"  [{split}] {record.name} {group}: missed={d['missed']} extra={d['extra']}")
        s = score(results)
        print(split, "  ".join(f"{g} {s[g]['precision']:.3f}/{s[g]['recall']:.3f}" for g in GROUPS), flush=True)


if __name__ == "__main__":
    django_setup()
    main(sys.argv[1:])
