"""Safe with the user's files (issue 10): where lawstats writes, what it reads, its exit codes.

CSV cells that a spreadsheet cannot run are tested in ``tests/test_csvsafe.py``.

Every test works in ``tmp_path``: a fake home (``HOME`` monkeypatched), a fake
project (a folder with ``pyproject.toml``), the user's folders with made-up
files.  The reports used here are composed for these tests, with made-up
sentences and numbers.  Commands run as a user types them, through
:func:`lawstats.cli.main` or the installed ``lawstats`` in a subprocess (with
a timeout, for the inputs that used to hang).
"""
from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lawstats import outputs
from lawstats.cli import EXIT_CODES, main
from lawstats.errors import ReportError
from lawstats.outputs import (
    MANIFEST,
    OutputError,
    atomic_write_bytes,
    check_output_dir,
    check_output_file,
    read_manifest,
    remove_listed,
    replace_site,
    write_manifest,
)
from lawstats.reading.report import MAX_BYTES, load_report, parse_size, read_text_file

#: A made-up report: two parts, counts and a rate, no sentence of a real report.
REPORT = ("某区2030年度法治政府建设报告\n\n一、概况\n全年受理投诉47件，办结45件，办结率95.74%。\n"
          "二、执法\n开展检查12次，发现问题8个。\n")


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under ``folder``: file bytes, or None for a folder."""
    return {p.relative_to(folder).as_posix(): (None if p.is_dir() else p.read_bytes())
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A fake home folder: Path.home() and ~ point here."""
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("HOME", str(h))
    return h


@pytest.fixture
def project(tmp_path, home, monkeypatch) -> Path:
    """A fake lawstats project (pyproject.toml, notebooks/, data/, a report), the current folder."""
    root = home / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "pyproject.toml").write_text("[project]\nname = 'fake'\n")
    (root / "report.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def user_docs(home) -> Path:
    """A user's own folder: thesis.docx and photos/."""
    docs = home / "docs"
    (docs / "photos").mkdir(parents=True)
    (docs / "thesis.docx").write_bytes(b"PK\x03\x04 my thesis")
    (docs / "photos" / "cat.jpg").write_bytes(b"\xff\xd8\xff cat")
    return docs


def _build(*args: str) -> int:
    return main(["build", "--report", "report.txt", "--quiet", "--jobs", "1", *args])


# =========================================================================== 1. never delete
def test_user_folder_is_refused_and_untouched(project, user_docs, capsys):
    before = _snapshot(user_docs)
    assert _build("--out", str(user_docs)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err == ("lawstats build: error: refusing to write the site into ~/docs: it holds 2 entries "
                   "lawstats did not write (photos/, thesis.docx); choose an empty or new folder")
    assert _snapshot(user_docs) == before
    # refused before any work: no cache, no half-built folder beside it
    assert not (project / ".cache").exists()
    assert sorted(p.name for p in user_docs.parent.iterdir()) == ["docs", "proj"]


def test_many_entries_are_named_with_an_ellipsis(tmp_path):
    folder = tmp_path / "full"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (folder / name).write_text("x")
    with pytest.raises(OutputError, match=r"it holds 4 entries lawstats did not write \(a.txt, b.txt, c.txt, …\)"):
        check_output_dir(folder)


def test_out_dot_in_a_project_is_refused(project, capsys):
    before = _snapshot(project)
    assert _build("--out", ".") == 2
    err = capsys.readouterr().err
    assert "refusing to write the site into ~/proj: it is a project's root" in err
    assert _snapshot(project) == before


def test_a_git_checkout_is_a_project_root_even_without_pyproject(tmp_path):
    (tmp_path / "clone" / ".git").mkdir(parents=True)
    with pytest.raises(OutputError, match="project's root"):
        check_output_dir(tmp_path / "clone")


def test_home_is_refused_even_when_empty(project, home, capsys):
    # the fake home holds only the project; an empty home is refused the same way (below)
    assert _build("--out", str(home)) == 2
    assert "refusing to write the site into ~: it is the home folder" in capsys.readouterr().err
    assert (project / "pyproject.toml").is_file()


def test_empty_home_and_its_parent_are_refused(tmp_path, monkeypatch):
    empty_home = tmp_path / "users" / "me"
    empty_home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(empty_home))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match="it is the home folder"):
        check_output_dir(empty_home)
    with pytest.raises(OutputError, match="it holds the home folder"):
        check_output_dir(tmp_path / "users")
    assert empty_home.is_dir() and not list(empty_home.iterdir())


def test_root_is_refused():
    # only checked, never written: check_output_dir reads and raises
    with pytest.raises(OutputError, match="it is the root of the file system"):
        check_output_dir("/")


def test_current_folder_is_refused_even_when_empty(tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    with pytest.raises(OutputError, match="it is the current folder"):
        check_output_dir(".")
    with pytest.raises(OutputError, match="it holds the current folder"):
        check_output_dir("..")


def test_folders_holding_or_inside_the_inputs_are_refused(project):
    inputs = [project / "report.txt", project / "notebooks", project / "data"]
    with pytest.raises(OutputError, match="it is an input of this command"):
        check_output_dir(project / "data", inputs)
    with pytest.raises(OutputError, match="inside ~/proj/notebooks, an input folder"):
        check_output_dir(project / "notebooks" / "site", inputs)
    reports = project.parent / "reports"
    (reports / "site").mkdir(parents=True)
    with pytest.raises(OutputError, match="it holds ~/reports/r.txt, an input"):
        check_output_dir(reports, [reports / "r.txt"])
    assert check_output_dir(project / "site", inputs) is None  # a new folder in the project is fine


def test_absent_empty_and_earlier_sites_are_accepted(tmp_path):
    assert check_output_dir(tmp_path / "new") is None
    (tmp_path / "empty").mkdir()
    assert check_output_dir(tmp_path / "empty") is None
    assert read_manifest(tmp_path / "empty") is None
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>old</p>")
    written = write_manifest(site)
    assert check_output_dir(site) == written
    assert written["files"] == {"index.html": written["files"]["index.html"]}
    assert written["written_by"] == "lawstats" and written["version"]


def test_a_file_is_not_a_site_folder(tmp_path):
    (tmp_path / "site").write_text("a file")
    with pytest.raises(OutputError, match="it is a file, not a folder"):
        check_output_dir(tmp_path / "site")


@pytest.mark.parametrize("files", ['{"files": {"../thesis.docx": "0"}}', '{"files": {"/etc/passwd": "0"}}',
                                   "not json", '{"files": []}'])
def test_a_manifest_lawstats_did_not_write_is_refused(tmp_path, files):
    site = tmp_path / "site"
    site.mkdir()
    (site / MANIFEST).write_text(files)
    (tmp_path / "thesis.docx").write_text("mine")
    with pytest.raises(OutputError, match="is not one lawstats wrote"):
        check_output_dir(site)
    assert (tmp_path / "thesis.docx").read_text() == "mine"


def _site(folder: Path, pages: dict[str, str]) -> dict:
    """A site as lawstats leaves it: the pages and the manifest listing them."""
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return write_manifest(folder)


def test_replacing_a_site_keeps_what_the_user_dropped_into_it(tmp_path):
    out = tmp_path / "site"
    old = _site(out, {"index.html": "old index", "gone.html": "a page the new site lacks",
                      "data/figures.csv": "old,table", "code/gone.html": "old code"})
    (out / "notes.txt").write_text("my notes")                   # dropped in by the user
    (out / "photos").mkdir()
    (out / "photos" / "cat.jpg").write_bytes(b"cat")
    (out / "data" / "mine.csv").write_text("my,own")             # inside a folder the site made
    new = tmp_path / ".site.building"
    _site(new, {"index.html": "new index", "data/figures.csv": "new,table"})

    check_output_dir(out)  # accepted: a site lawstats built
    kept = replace_site(new, out)

    assert sorted(kept) == ["data/mine.csv", "notes.txt", "photos/"]
    assert (out / "index.html").read_text() == "new index"
    assert (out / "data" / "figures.csv").read_text() == "new,table"
    assert not (out / "gone.html").exists() and not (out / "code").exists()  # listed: removed
    assert (out / "notes.txt").read_text() == "my notes"
    assert (out / "photos" / "cat.jpg").read_bytes() == b"cat"
    assert (out / "data" / "mine.csv").read_text() == "my,own"
    assert json.loads((out / MANIFEST).read_text())["files"].keys() == {"index.html", "data/figures.csv"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left beside it
    assert old["files"]  # the earlier manifest listed the old pages


def test_a_page_the_user_edited_is_kept_not_deleted(tmp_path):
    out = tmp_path / "site"
    _site(out, {"index.html": "old", "about.html": "old about"})
    (out / "about.html").write_text("my own about page")  # edited after lawstats wrote it
    new = tmp_path / ".site.building"
    _site(new, {"index.html": "new"})
    assert replace_site(new, out) == ["about.html"]
    assert (out / "about.html").read_text() == "my own about page"


def test_an_edited_page_the_new_site_would_overwrite_stops_the_swap(tmp_path):
    out = tmp_path / "site"
    _site(out, {"index.html": "old"})
    (out / "index.html").write_text("edited by hand")
    before = _snapshot(out)
    new = tmp_path / ".site.building"
    _site(new, {"index.html": "new"})
    with pytest.raises(OutputError, match=r"1 of its entries was not written by lawstats \(or changed since\) and has the name of a new page \(index.html\)"):
        replace_site(new, out)
    assert _snapshot(out) == before


def test_remove_listed_removes_only_unchanged_listed_files(tmp_path):
    site = tmp_path / "site"
    manifest = _site(site, {"a.html": "a", "sub/b.html": "b", "sub/c.html": "c"})
    (site / "sub" / "c.html").write_text("changed")
    (site / "sub" / "mine.txt").write_text("mine")
    assert sorted(remove_listed(site, manifest)) == ["sub/c.html", "sub/mine.txt"]
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == \
        ["sub", "sub/c.html", "sub/mine.txt"]


def test_the_cache_prunes_only_its_own_entries(tmp_path):
    from lawstats.site.build import _prune

    folder = tmp_path / "notebooks"
    for i in range(6):
        entry = folder / f"01-x.{i:032x}"
        entry.mkdir(parents=True)
        (entry / "info.json").write_text("{}")
        os.utime(entry, (1000 + i, 1000 + i))
    (folder / "01-x.my-backup").mkdir()                  # not named like an entry
    (folder / f"01-x.{'f' * 32}").mkdir()                # named like one, but not filled by lawstats
    _prune(folder, "01-x", 4)
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([f"01-x.{i:032x}" for i in (2, 3, 4, 5)] + ["01-x.my-backup", f"01-x.{'f' * 32}"])


def test_a_cache_in_the_home_folder_is_refused(project, home, capsys):
    assert _build("--out", "site", "--cache-dir", str(home)) == 2
    assert "refusing to write the build cache into ~: it is the home folder" in capsys.readouterr().err


def test_data_refuses_to_overwrite_a_file_it_did_not_write(tmp_path, capsys):
    out = tmp_path / "tables"
    out.mkdir()
    (out / "figures.csv").write_text("my,own,figures\n1,2,3\n")
    assert main(["data", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "refusing to overwrite the table" in err and "figures.csv" in err
    assert (out / "figures.csv").read_text() == "my,own,figures\n1,2,3\n"
    assert sorted(p.name for p in out.iterdir()) == ["figures.csv"]  # refused before writing any


# =========================================================================== 2. extract writes safely
@pytest.fixture
def reports(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.txt").write_text(REPORT.replace("47件", "52件"), encoding="utf-8")
    return folder


def test_extract_output_equal_to_an_input_is_refused(reports, capsys):
    before = _snapshot(reports)
    for target in ("a.txt", "./a.txt", "../reports/b.txt"):
        assert main(["extract", str(reports / "a.txt"), str(reports / "b.txt"), "--jobs", "1",
                     "-o", str(reports / target)]) == 2
        assert "it is also an input of this command" in capsys.readouterr().err
    assert _snapshot(reports) == before


def test_extract_output_linked_to_an_input_is_refused(reports, capsys):
    os.link(reports / "a.txt", reports / "hard.csv")
    os.symlink(reports / "a.txt", reports / "soft.csv")
    before = _snapshot(reports)
    for target, option in (("hard.csv", "-o"), ("soft.csv", "--excluded")):
        assert main(["extract", str(reports / "a.txt"), "--jobs", "1", option, str(reports / target)]) == 2
        assert f"refusing to write {option} " in capsys.readouterr().err
    assert _snapshot(reports) == before


def test_extract_output_and_excluded_the_same_file_is_refused(reports, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["extract", str(reports / "a.txt"), "-o", str(out), "--excluded", str(out)]) == 2
    assert "they name the same file" in capsys.readouterr().err
    assert not out.exists()
    os.link(reports / "a.txt", tmp_path / "other-name.csv")
    (tmp_path / "t.csv").write_text("")
    os.link(tmp_path / "t.csv", tmp_path / "t2.csv")
    assert main(["extract", str(reports / "a.txt"), "-o", str(tmp_path / "t.csv"),
                 "--excluded", str(tmp_path / "t2.csv")]) == 2
    assert "they name the same file" in capsys.readouterr().err


def test_extract_when_every_input_fails_keeps_the_old_outputs(reports, tmp_path, capsys):
    out, excluded = tmp_path / "figures.csv", tmp_path / "excluded.csv"
    assert main(["extract", str(reports / "a.txt"), "--jobs", "1", "-o", str(out),
                 "--excluded", str(excluded)]) == 0
    before = (out.read_bytes(), excluded.read_bytes())
    assert before[0].count(b"\n") > 1  # a real table, not just its header
    capsys.readouterr()
    (tmp_path / "empty.txt").write_bytes(b"")
    code = main(["extract", str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"), "--jobs", "1",
                 "-o", str(out), "--excluded", str(excluded)])
    assert code == 1
    err = capsys.readouterr().err
    assert "every file failed (2); nothing written" in err
    assert (out.read_bytes(), excluded.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "excluded.csv", "figures.csv", "reports"]


def test_extract_overwrites_its_own_table_but_not_a_user_file(reports, tmp_path, capsys):
    out = tmp_path / "figures.csv"
    assert main(["extract", str(reports / "a.txt"), "--jobs", "1", "-o", str(out)]) == 0
    first = out.read_bytes()
    assert main(["extract", str(reports / "b.txt"), "--jobs", "1", "-o", str(out)]) == 0
    assert out.read_bytes() != first  # its own table: replaced
    thesis = tmp_path / "thesis.docx"
    thesis.write_bytes(b"PK\x03\x04 mine")
    capsys.readouterr()
    assert main(["extract", str(reports / "a.txt"), "--jobs", "1", "-o", str(thesis)]) == 2
    assert "refusing to overwrite -o" in capsys.readouterr().err
    assert thesis.read_bytes() == b"PK\x03\x04 mine"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "figures.csv"
    target.write_bytes(b"old,table\n")
    os.chmod(target, 0o640)

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "replace", fail)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new,table\n")
    monkeypatch.undo()
    assert target.read_bytes() == b"old,table\n"
    assert [p.name for p in tmp_path.iterdir()] == ["figures.csv"]
    atomic_write_bytes(target, b"new,table\n")
    assert target.read_bytes() == b"new,table\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file keeps its permissions


def test_an_atomic_write_through_a_link_keeps_the_link(tmp_path):
    real = tmp_path / "real.csv"
    real.write_bytes(b"a\n")
    (tmp_path / "link.csv").symlink_to(real)
    atomic_write_bytes(tmp_path / "link.csv", b"b\n")
    assert (tmp_path / "link.csv").is_symlink() and real.read_bytes() == b"b\n"


def test_check_output_file_refuses_folders_and_missing_folders(tmp_path):
    with pytest.raises(OutputError, match="it is a folder"):
        check_output_file(tmp_path, option="-o")
    with pytest.raises(OutputError, match="does not exist"):
        check_output_file(tmp_path / "no" / "x.csv", option="-o")
    (tmp_path / "t.csv").write_text("a,b\n1,2\n")
    assert check_output_file(tmp_path / "t.csv", headers=["a,b"]) == tmp_path / "t.csv"


# =========================================================================== 3. only regular files
def _lawstats(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("lawstats")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "lawstats"]
    return subprocess.run(command + list(args), capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "report.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_at_once(fifo):
    audit = _lawstats("audit", str(fifo))  # used to wait forever: the timeout would fail the test
    assert audit.returncode == 2
    assert audit.stderr.strip() == (f"lawstats audit: error: {fifo}: is a named pipe (FIFO), not a "
                                    "regular file; expected a report text file")
    extract = _lawstats("extract", str(fifo), "--jobs", "1")
    assert extract.returncode == 1
    assert f"skipped {fifo}: is a named pipe (FIFO)" in extract.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_devices_are_refused_at_once(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    result = _lawstats("audit", device)  # /dev/zero used to grow to gigabytes
    assert result.returncode == 2
    assert f"{device}: is a character device, not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_directory_and_a_socket_are_refused(tmp_path):
    with pytest.raises(ReportError, match="is a directory, not a regular file"):
        load_report(tmp_path)
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(ReportError, match="is a socket, not a regular file"):
            load_report(path)
    finally:
        server.close()


def test_a_file_over_the_limit_is_refused_without_being_read(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no disk used
    import lawstats.reading.report

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(lawstats.reading.report.os, "open", no_open)
    with pytest.raises(ReportError, match=r"is 50.0 MB \(50,000,001 bytes\), over the limit of 50.0 MB"):
        load_report(big)
    with pytest.raises(ReportError, match="over the limit of 1,000 bytes"):
        read_text_file(big, max_bytes=1000)


def test_the_limit_can_be_raised(tmp_path, capsys, monkeypatch):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    size = path.stat().st_size
    assert main(["audit", str(path), "--max-bytes", str(size - 1)]) == 2
    assert "raise the limit with --max-bytes" in capsys.readouterr().err
    assert main(["audit", str(path), "--max-bytes", str(size)]) in (0, 1)
    assert load_report(path, max_bytes=size).text == REPORT
    monkeypatch.setenv("LAWSTATS_MAX_BYTES", "10")
    with pytest.raises(ReportError, match="over the limit of 10 bytes"):
        load_report(path)
    assert main(["extract", str(path), "--jobs", "1", "--max-bytes", "1MB"]) == 0


def test_parse_size():
    assert parse_size("50MB") == MAX_BYTES == 50 * 1000 * 1000
    assert parse_size("1.5k") == 1500
    with pytest.raises(ValueError):
        parse_size("-3")


def test_a_checks_file_that_is_a_fifo_is_refused(tmp_path, fifo, capsys):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert main(["audit", str(tmp_path / "r.txt"), "--checks", str(fifo)]) == 2
    assert "is a named pipe (FIFO), not a regular file; expected a YAML checks file" in capsys.readouterr().err


def test_devices_as_outputs_are_written_to_not_replaced(reports, capsys):
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    before = os.stat("/dev/null")
    assert main(["extract", str(reports / "a.txt"), "--jobs", "1", "-o", "/dev/null",
                 "--excluded", "/dev/null"]) == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_generated_tables_in_the_data_folder_are_known_by_name(tmp_path, monkeypatch):
    import lawstats.extraction.dataset

    data = tmp_path / "data"
    data.mkdir()
    (data / "figures.csv").write_text("id,an,older,header\n")  # columns of an earlier version
    (tmp_path / "figures.csv").write_text("id,an,older,header\n")
    monkeypatch.setattr(lawstats.extraction.dataset, "DATA_DIR", data)
    lawstats.extraction.dataset.check_table_target(data / "figures.csv", ["id", "section"])  # no error
    with pytest.raises(OutputError, match="refusing to overwrite the table"):
        lawstats.extraction.dataset.check_table_target(tmp_path / "figures.csv", ["id", "section"])
    with pytest.raises(OutputError):  # only the generated names
        (data / "notes.csv").write_text("mine\n")
        lawstats.extraction.dataset.check_table_target(data / "notes.csv", ["id", "section"])


def test_build_and_extract_refuse_special_inputs_before_any_work(project, fifo, capsys):
    for report in (str(fifo), "/dev/zero"):
        assert main(["build", "--report", report, "--out", "site", "--quiet"]) == 2
        assert "not a regular file; expected a report text file" in capsys.readouterr().err
    assert not (project / "site").exists() and not (project / ".cache").exists()
    assert main(["extract", "report.txt", "--annotations", str(fifo)]) == 2
    assert "is a named pipe (FIFO), not a regular file; expected a YAML annotations file" in \
        capsys.readouterr().err


# =========================================================================== 5. exit codes
def test_an_internal_error_is_one_line_and_exit_70(monkeypatch, tmp_path, capsys):
    import lawstats.auditing.audit

    def broken(*args, **kwargs):
        raise RuntimeError("something\nwent wrong")

    monkeypatch.setattr(lawstats.auditing.audit, "audit_report", broken)
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert main(["audit", str(tmp_path / "r.txt")]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("lawstats audit: internal error (a bug in lawstats, please report it): "
                          "RuntimeError: something went wrong; run again with --debug")
    for argv in (["--debug", "audit", str(tmp_path / "r.txt")], ["audit", "--debug", str(tmp_path / "r.txt")]):
        assert main(argv) == 70
        err = capsys.readouterr().err
        assert "Traceback (most recent call last)" in err and "RuntimeError: something" in err


def test_system_errors_exit_74_interrupts_130_closed_pipes_141(monkeypatch, tmp_path, capsys):
    import lawstats.cli

    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    for error, code in ((PermissionError(13, "Permission denied", "/x/site"), 74),
                        (KeyboardInterrupt(), 130), (BrokenPipeError(), 141)):
        def handler(args, error=error):
            raise error

        monkeypatch.setattr(lawstats.cli, "_audit", handler)
        monkeypatch.setattr(lawstats.cli.os, "dup2", lambda *a: None)  # keep the test's stdout
        assert main(["audit", str(tmp_path / "r.txt")]) == code
        err = capsys.readouterr().err
        assert err.count("\n") <= 1 and "Traceback" not in err
        if code == 74:
            assert err == "lawstats audit: error: cannot read or write /x/site: Permission denied\n"


def test_bad_input_to_build_exits_2(project, capsys):
    # a notebooks folder asked for that does not exist (the default is the shipped notebooks)
    assert _build("--notebooks", str(project / "no-such-notebooks"), "--out", "site") == 2
    assert "notebooks folder" in capsys.readouterr().err


def test_the_help_lists_the_exit_codes(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for code in EXIT_CODES:
        assert f"\n  {code:<4} " in out
    assert 1 not in [c for c, meaning in EXIT_CODES.items() if "internal" in meaning]



def test_the_readme_documents_every_exit_code(root):
    import re

    readme = (root / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d+) \| (.+) \|$", readme, flags=re.M))
    assert sorted(int(code) for code in table) == sorted(EXIT_CODES)
    data_readme = (root / "data" / "README.md").read_text(encoding="utf-8")
    assert "## CSV cells and spreadsheets" in data_readme and "'=SUM受理案件" in data_readme


def test_audit_of_several_files_refuses_special_files_and_honours_the_limit(tmp_path, fifo, capsys):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert main(["audit", str(report), str(fifo), "--jobs", "1", "--checks", "none"]) == 1
    assert f"skipped {fifo}: is a named pipe (FIFO), not a regular file" in capsys.readouterr().err
    size = report.stat().st_size
    assert main(["audit", str(report), str(report), "--jobs", "1", "--checks", "none",
                 "--max-bytes", str(size - 1)]) == 2  # every file refused: bad input
    assert "over the limit" in capsys.readouterr().err
    assert "LAWSTATS_MAX_BYTES" not in os.environ  # the limit was for that run only
