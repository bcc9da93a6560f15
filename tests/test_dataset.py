"""data/figures.csv, excluded.csv and audit.csv: generated, complete, exact and valid."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pandas as pd
import pytest

from lawstats.auditing.audit import CHECK_KINDS, DEFAULT_CHECKS, VERDICTS, write_audit
from lawstats.extraction.dataset import EXCLUDED_COLUMNS, FIGURE_COLUMNS, read_excluded, read_figures, write_tables
from lawstats.reading.mentions import MENTION_PATTERN, REASONS
from lawstats.reading.quantity import KINDS, QUALIFIERS


@pytest.fixture(scope="module")
def figures():
    return read_figures()


@pytest.fixture(scope="module")
def excluded():
    return read_excluded()


def test_tables_are_generated_not_edited(root, tmp_path):
    """Regenerating from the raw text and the annotations gives the committed bytes."""
    write_tables(tmp_path)
    write_audit(tmp_path, checks=DEFAULT_CHECKS)
    for name in ("figures.csv", "excluded.csv", "audit.csv"):
        assert (tmp_path / name).read_bytes() == (root / "data" / name).read_bytes(), (
            f"data/{name} differs from what `lawstats data` generates: run `make data`")


def test_every_mention_is_in_exactly_one_row(report, figures, excluded):
    text = report.text
    spans = sorted([(r.start, r.end, r.quote) for r in figures.itertuples()]
                   + [(r.start, r.end, r.quote) for r in excluded.itertuples()])
    for start, end, quote in spans:
        assert text[start:end] == quote
    for (s1, e1, _), (s2, e2, _) in zip(spans, spans[1:]):
        assert e1 <= s2, f"rows overlap at {s1}-{e1} and {s2}-{e2}"
    starts = [s for s, _, _ in spans]
    import bisect

    runs = list(MENTION_PATTERN.finditer(text))
    assert len(runs) > 200
    for m in runs:
        i = bisect.bisect_right(starts, m.start()) - 1
        assert i >= 0 and spans[i][0] <= m.start() and m.end() <= spans[i][1], (
            f"numeral run {m.group()!r} at {m.start()} is in no row")


def test_columns_and_vocabularies(figures, excluded):
    assert list(figures.columns) == FIGURE_COLUMNS
    assert list(excluded.columns) == EXCLUDED_COLUMNS
    assert figures["id"].is_unique
    assert set(figures["qualifier"]) <= set(QUALIFIERS)
    assert set(figures["kind"]) <= set(KINDS)
    assert set(excluded["reason"]) <= set(REASONS)
    assert (figures["indicator_source"] == "curated").all()
    assert (figures["report"] == "luzhai-2021").all()
    # The provenance hash is the source's, from shared/sources/README.md.
    assert set(figures["sha256"]) == {"442dde0b1398c96749c894a564c6b8e1c9504d5482e3b9d4cf56a2648c94fd74"}


def test_repeats_point_back(figures):
    ids = list(figures["id"])
    for row in figures.itertuples():
        if row.repeat_of:
            assert ids.index(row.repeat_of) < ids.index(row.id)
            first = figures.set_index("id").loc[row.repeat_of]
            assert (first["value"], first["unit"]) == (row.value, row.unit)


def test_counts(figures):
    # Counted by reading the report: 77 figure mentions, 5 of them restating an earlier figure
    # (96.34% twice, 35 enforcement units three times, 33 inspected units twice, 2 steps twice).
    assert len(figures) == 77
    assert figures["repeat_of"].astype(bool).sum() == 5


@pytest.mark.parametrize("fid, raw, value, unit, qualifier, lower, upper, decimals", [
    # Expected values read off the source text and its reading notes (shared/sources/README.md).
    ("legal-consultations-answered", "80余次", "80", "次", "at_least", "80", "90", 0),
    ("civil-code-performance-audience", "1万余名", "10000", "名", "at_least", "10000", "20000", 0),
    ("legal-leaflets-distributed", "上万份", "10000", "份", "at_least", "10000", None, 0),
    ("judicial-aid-amount", "55万元", "550000", "元", "exact", "550000", "550000", 0),
    ("township-staff-quota-before", "8—13名", None, "名", "range", "8", "13", 0),
    ("police-assistant-ratio", "1：1", "1", "", "ratio", "1", "1", 0),
    ("online-service-rate", "96.34%", "96.34", "%", "exact", "96.34", "96.34", 2),
    ("mediation-success-rate", "94%", "94", "%", "exact", "94", "94", 0),
    ("training-law-sessions-min", "1次", "1", "次", "at_least", "1", None, 0),
    ("certificates-merged", "39证", "39", "证", "exact", "39", "39", 0),
])
def test_spot_values(figures, fid, raw, value, unit, qualifier, lower, upper, decimals):
    row = figures.set_index("id").loc[fid]
    dec = lambda x: None if x is None else Decimal(x)  # noqa: E731
    assert (row["raw"], row["value"], row["unit"], row["qualifier"], row["lower"], row["upper"],
            row["decimals"]) == (raw, dec(value), unit, qualifier, dec(lower), dec(upper), decimals)


def test_same_number_different_meaning_kept_apart(figures):
    by_raw = figures.groupby("value")["id"].apply(list)
    assert {"licensing-items", "contracts-reviewed"} <= set(by_raw[Decimal(254)])  # 254项 vs 254份
    rows = figures.set_index("id")
    assert rows.loc["contracts-reviewed", "repeat_of"] == ""


def test_excluded_reasons_on_known_mentions(report, excluded):
    # Non-figures named in shared/sources/README.md's reading notes.
    text = report.text
    by_start = excluded.set_index("start")

    def reason_at(snippet, offset=0):
        pos = text.index(snippet) + offset
        row = excluded[(excluded.start <= pos) & (pos < excluded.end)]
        assert len(row) == 1, snippet
        return row.iloc[0]["reason"]

    assert reason_at("2021年3月底") == "date"
    assert reason_at("2021—2025年法治政府") == "period"
    assert reason_at("十九届六中全会") == "ordinal"
    assert reason_at("第八批") == "ordinal"
    assert reason_at("四所合一") == "slogan"
    assert reason_at("三统一") == "slogan"
    assert reason_at("法律六进", 2) == "slogan"
    assert reason_at("一是抓") == "enumerator"
    assert reason_at("（一）强化学习") == "heading"
    assert len(by_start) == len(excluded)


# -- the schema -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def package(root):
    return json.loads((root / "data/datapackage.json").read_text(encoding="utf-8"))


def _fields(package, name):
    resource = next(r for r in package["resources"] if r["name"] == name)
    return {f["name"]: f for f in resource["schema"]["fields"]}


def test_schema_matches_the_library(package):
    figures = _fields(package, "figures")
    assert list(figures) == FIGURE_COLUMNS
    assert figures["qualifier"]["constraints"]["enum"] == list(QUALIFIERS)
    assert figures["kind"]["constraints"]["enum"] == list(KINDS)
    assert _fields(package, "excluded")["reason"]["constraints"]["enum"] == list(REASONS)
    audit = _fields(package, "audit")
    assert audit["verdict"]["constraints"]["enum"] == list(VERDICTS)
    assert audit["kind"]["constraints"]["enum"] == list(CHECK_KINDS)


@pytest.mark.slow
def test_package_is_valid_by_frictionless(root):
    from frictionless import validate

    report = validate(str(root / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.mark.slow
def test_validator_has_teeth(root, tmp_path):
    from frictionless import validate

    for name in ("datapackage.json", "figures.csv", "excluded.csv", "audit.csv"):
        shutil.copy(root / "data" / name, tmp_path / name)
    frame = pd.read_csv(tmp_path / "figures.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "qualifier"] = "roughly"
    frame.loc[1, "start"] = "-3"
    frame.to_csv(tmp_path / "figures.csv", index=False, lineterminator="\n")
    report = validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    errors = {(e[0], e[1]) for e in report.flatten(["rowNumber", "fieldName"])}
    assert {(2, "qualifier"), (3, "start")} <= errors
