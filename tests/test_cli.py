"""The command line: ``lawstats data``, ``lawstats audit`` (and the table it prints).

Commands run in-process through :func:`lawstats.cli.main` (fast); one test runs
the installed ``lawstats`` entry point in a real subprocess.  ``lawstats
extract`` is tested in ``tests/test_extract.py``; ``lawstats build`` in
``tests/test_build.py``.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lawstats.auditing.audit import AUDIT_COLUMNS, read_audit
from lawstats.cli import display_width, format_audit_table, main, wrap_columns
from lawstats.reading.report import default_report_path

MEDIATED = "成功调解1031件"


@pytest.fixture
def mutated(tmp_path) -> Path:
    """Our report with the number of successful mediations changed (1031 -> 1051)."""
    text = default_report_path().read_text(encoding="utf-8")
    assert text.count(MEDIATED) == 1
    path = tmp_path / "luzhai-2021-edited.txt"
    path.write_text(text.replace(MEDIATED, "成功调解1051件"), encoding="utf-8")
    return path


def _csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


# -- lawstats audit -----------------------------------------------------------------
def test_audit_of_our_report_exits_0_with_table_and_summary(capsys):
    assert main(["audit", "--language", "en"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["check", "kind", "verdict", "arithmetic"] or \
        lines[0].split() == ["check", "verdict", "arithmetic"]
    assert any(line.startswith("mediation-success") and "consistent" in line for line in lines)
    assert "1031 / 1095 = 94.155…%" in out
    assert "checks: consistent" in out and "inconsistent 0" in out
    assert "by kind and verdict:" in out
    assert "declared checks skipped: 0" in out
    audit = read_audit()
    assert f"{len(audit)} checks" in out


def test_audit_in_chinese(capsys):
    assert main(["audit"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[0] == "核查"
    assert "1031 ÷ 1095 = 94.155…%" in out
    assert "共 " in out and "未适用的人工核查：0 项" in out


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 100, 160])
def test_audit_table_fits_the_terminal(capsys, language, width):
    assert main(["audit", "--language", language, "--width", str(width)]) == 0
    table = capsys.readouterr().out.split("\n\n")[0]
    assert max(display_width(line) for line in table.splitlines()) <= width
    for check_id in read_audit()["check_id"]:  # long ids are wrapped, never cut
        assert check_id in table.replace("-\n", "-").replace("\n", " ") or \
            all(part in table for part in check_id.split("-"))


def test_audit_is_recomputed_not_read_from_audit_csv(capsys, monkeypatch):
    import lawstats.auditing.audit

    def stale(*args, **kwargs):
        raise AssertionError("lawstats audit read data/audit.csv")

    monkeypatch.setattr(lawstats.auditing.audit, "read_audit", stale)
    assert main(["audit", "--format", "csv"]) == 0
    monkeypatch.undo()
    # recomputed in memory, and the committed file agrees with it
    pd.testing.assert_frame_equal(_csv(capsys.readouterr().out), read_audit())


def test_audit_csv_has_the_audit_columns(capsys):
    assert main(["audit", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    audit = _csv(captured.out)
    assert list(audit.columns) == AUDIT_COLUMNS
    assert len(audit) > 30 and set(audit["verdict"]) <= {"consistent", "cannot_check", "derived"}
    assert captured.err == ""


def test_audit_of_a_mutated_copy_exits_1_naming_the_broken_check(capsys, mutated):
    assert main(["audit", str(mutated), "--language", "en"]) == 1
    captured = capsys.readouterr()
    assert "mediation-success" in captured.err
    row = next(line for line in captured.out.splitlines() if line.startswith("mediation-success"))
    assert "inconsistent" in row
    assert "inconsistent: mediation-success" in captured.out
    assert "1051 / 1095" in captured.out


def test_audit_of_a_mutated_copy_flags_exactly_that_check(capsys, mutated):
    assert main(["audit", str(mutated), "--format", "csv"]) == 1
    audit = _csv(capsys.readouterr().out)
    assert audit.loc[audit["verdict"] == "inconsistent", "check_id"].tolist() == ["mediation-success"]
    # the curated checks still apply to the copy: every one of ours is there
    ours = set(read_audit()["check_id"])
    assert ours <= set(audit["check_id"])


def test_audit_of_an_unseen_report_runs_automatic_checks(capsys, root):
    path = root / "tests" / "corpus" / "qingshan-2022.txt"
    code = main(["audit", str(path), "--format", "csv"])
    audit = _csv(capsys.readouterr().out)
    assert code == (1 if (audit["verdict"] == "inconsistent").any() else 0)
    assert set(audit["source"]) <= {"automatic", "declared"}
    assert (audit["source"] == "automatic").any()


def test_audit_lists_skipped_declared_checks(capsys, tmp_path):
    # a copy without the sentence of the mediation figures: their checks cannot apply
    text = default_report_path().read_text(encoding="utf-8")
    start = text.index(MEDIATED)
    cut = text[:text.rindex("。", 0, start) + 1] + text[text.index("。", start) + 1:]
    path = tmp_path / "shorter.txt"
    path.write_text(cut, encoding="utf-8")
    main(["audit", str(path), "--language", "en"])
    out = capsys.readouterr().out
    assert "declared checks skipped: " in out
    skipped = out.split("declared checks skipped: ")[1].splitlines()[0]
    assert int(skipped.split()[0]) >= 1 and "mediation-success" in skipped


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01\x02binary", b"\xff\xff\x81\x20\xfe"])
def test_audit_of_a_bad_file_exits_2_with_the_reason(capsys, tmp_path, content):
    path = tmp_path / "report.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["audit", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"lawstats audit: error: {path}: ")
    assert "Traceback" not in captured.err and captured.out == ""


def test_audit_with_a_missing_checks_file_exits_2(capsys, tmp_path):
    assert main(["audit", "--checks", str(tmp_path / "none.yaml")]) == 2
    assert "no such checks file" in capsys.readouterr().err


def test_audit_with_other_declared_checks(capsys, tmp_path):
    checks = tmp_path / "checks.yaml"
    checks.write_text("checks:\n  - {id: my-bound, kind: bound, smaller: disputes-resolved, "
                      "larger: disputes-mediated}\n", encoding="utf-8")
    assert main(["audit", "--checks", str(checks), "--format", "csv"]) == 0
    audit = _csv(capsys.readouterr().out)
    assert audit.loc[audit["source"] == "declared", "check_id"].tolist() == ["my-bound"]


# -- the table's layout ----------------------------------------------------------------
def test_display_width_counts_cjk_twice():
    assert display_width("abc") == 3
    assert display_width("调解") == 4
    assert display_width("１２") == 4  # full-width digits
    assert display_width("é") == 1  # e + combining accent


@pytest.mark.parametrize("width", [8, 13, 20, 37, 60])
def test_wrap_columns_keeps_every_character_within_the_width(width):
    audit = read_audit()
    no_start = set("，。、；：）%")
    for text in list(audit["explanation_zh"]) + list(audit["explanation_en"]):
        lines = wrap_columns(text, width)
        assert all(display_width(line) <= width for line in lines), lines
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line[:1] in no_start for line in lines[1:]), lines


def test_format_audit_table_with_four_columns_when_wide():
    audit = read_audit()
    table = format_audit_table(audit, "en", width=160)
    assert table.splitlines()[0].split() == ["check", "kind", "verdict", "arithmetic"]
    narrow = format_audit_table(audit, "en", width=100)
    assert narrow.splitlines()[0].split() == ["check", "verdict", "arithmetic"]
    assert "\n  stated_rate" in narrow


# -- lawstats data -----------------------------------------------------------------------
def test_data_check_passes_on_the_committed_data(capsys):
    assert main(["data", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_data_writes_then_check_detects_changes(capsys, tmp_path, root):
    out = tmp_path / "data"
    assert main(["data", "--check", "--out", str(out)]) == 1  # nothing there yet
    assert "figures.csv" in capsys.readouterr().err
    assert not out.exists()  # --check writes nothing
    assert main(["data", "--out", str(out)]) == 0
    assert "written" in capsys.readouterr().out
    for name in ("figures.csv", "excluded.csv", "audit.csv"):
        assert (out / name).read_bytes() == (root / "data" / name).read_bytes()
    assert main(["data", "--check", "--out", str(out)]) == 0
    capsys.readouterr()
    audit = out / "audit.csv"
    audit.write_text(audit.read_text(encoding="utf-8").replace("consistent", "inconsistent", 1),
                     encoding="utf-8")
    assert main(["data", "--check", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "audit.csv would change" in err and "figures.csv" not in err
    assert main(["data", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["unchanged", "unchanged", "written"]


# -- the real entry point ----------------------------------------------------------------
# An integration test: three fresh interpreters run the installed console script (about 2 CPU-seconds
# of start-up and imports), so it runs in `make test`, not in the inner loop of `make test-fast`.
@pytest.mark.slow
def test_the_installed_command_runs(mutated):
    exe = Path(sys.executable).with_name("lawstats")
    exe = str(exe) if exe.exists() else shutil.which("lawstats")
    if exe is None:
        pytest.skip("the lawstats entry point is not installed")
    ok = subprocess.run([exe, "audit", "--language", "en"], capture_output=True, text=True,
                        timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "declared checks skipped: 0" in ok.stdout
    broken = subprocess.run([exe, "audit", str(mutated), "--format", "csv"], capture_output=True,
                            text=True, timeout=120)
    assert broken.returncode == 1
    assert "mediation-success" in broken.stderr
    missing = subprocess.run([exe, "audit", "no-such-report.txt"], capture_output=True, text=True,
                             timeout=120)
    assert missing.returncode == 2
    assert "no-such-report.txt: no such file" in missing.stderr and "Traceback" not in missing.stderr
