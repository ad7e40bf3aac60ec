"""Benchmarks (not tests): `make bench` = `python -m bench [name ...]`.

Each module `bench/<name>.py` exposes `run() -> dict` returning flat figures (numbers, plus an
optional "note" string). `python -m bench` runs each in its own process against the bench
database, prints one table and writes `var/bench.json`. See docs/benchmarks.md.
"""
