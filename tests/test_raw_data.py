"""The raw report is immutable: its bytes, hash and recorded provenance must not change."""
from __future__ import annotations

import hashlib

import yaml

# Expected hash: from shared/sources/README.md (the source's own notes), not from the file.
SOURCE_SHA256 = "442dde0b1398c96749c894a564c6b8e1c9504d5482e3b9d4cf56a2648c94fd74"


def test_raw_report_hash_is_the_source_hash(root):
    data = (root / "data/raw/luzhai-2021.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SOURCE_SHA256


def test_raw_report_matches_shared_copy_when_present(root):
    shared = root.parent / "shared/sources/luzhai-2021.txt"
    if shared.exists():
        assert shared.read_bytes() == (root / "data/raw/luzhai-2021.txt").read_bytes()


def test_provenance_describes_the_file(root):
    meta = yaml.safe_load((root / "data/raw/luzhai-2021.yaml").read_text(encoding="utf-8"))
    data = (root / "data/raw/luzhai-2021.txt").read_bytes()
    text = data.decode("utf-8")
    assert meta["sha256"] == SOURCE_SHA256
    assert meta["characters"] == len(text)
    assert meta["lines"] == len(text.splitlines())  # the last line has no line end
    assert meta["bom"] is False and not data.startswith(b"\xef\xbb\xbf")
    assert meta["report_year"] == 2021
    for key in ("title", "issued_by", "language", "encoding", "obtained"):
        assert meta[key]
    assert text.strip().splitlines()[0] == meta["title"]
