"""One catalogue of words (lawstats.labels) for notebooks, site and command line."""
from __future__ import annotations

from pathlib import Path

from lawstats.auditing.audit import VERDICTS
from lawstats.labels import LABELS, label
from lawstats.reading.quantity import QUALIFIERS

ROOT = Path(__file__).resolve().parent.parent


def test_every_qualifier_and_verdict_has_a_word_in_both_languages():
    for q in QUALIFIERS:  # 'approx' among them: the site once showed it raw
        assert label(f"qualifier_{q}", "zh") != q and label(f"qualifier_{q}", "en")
    for v in VERDICTS:
        assert label(f"verdict_{v}", "zh") and label(f"verdict_{v}", "en")


def test_one_word_for_cannot_check_everywhere():
    from lawstats.cli import _word
    from lawstats.site.render import strings

    word = label("verdict_cannot_check", "zh")
    assert word == "无法核查"
    assert strings("zh")["v_cannot_check"] == word
    assert _word("check", "zh") == "核查"
    # the drifted word of the old site table is gone from the catalogue and the templates
    assert not any("核对" in zh for zh, _ in LABELS.values())
    for template in (ROOT / "lawstats" / "templates").rglob("*"):
        if template.is_file() and template.suffix in (".j2", ".json", ".css"):
            assert "核对" not in template.read_text(encoding="utf-8"), template


def test_there_is_no_second_table_of_words():
    assert not (ROOT / "lawstats" / "templates" / "site" / "strings.json").exists()


def test_the_annotated_report_names_every_qualifier_in_words():
    from lawstats.site.render import render_annotated_report
    import pandas as pd

    figures = pd.DataFrame([{"id": "a", "quote": "约120人", "start": 2, "end": 7, "section": "", "indicator": "参加",
                             "indicator_en": "", "raw": "约120人", "value": "120", "unit": "人", "qualifier": "approx",
                             "lower": "", "upper": "", "repeat_of": ""}])
    page = render_annotated_report("参加约120人。", figures, None, "zh", title="某县报告")
    assert label("qualifier_approx", "zh") in page and "approx" not in page.replace('"approx"', "")
