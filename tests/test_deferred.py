"""The IRI grammar nbformat's jsonschema would build at import is built on first use instead.

Each case runs in a fresh interpreter: the test process may have imported
jsonschema already.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _run(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_site_and_nbformat_builds_no_grammar():
    out = _run("import sys, json, lawstats.site, nbformat, nbconvert, nbclient\n"
               "print(json.dumps({'loaded': 'rfc3987_syntax.syntax_helpers' in sys.modules,\n"
               "                  'lark': 'lark' in sys.modules}))")
    assert out == {"loaded": False, "lark": False}


@pytest.mark.slow  # builds the grammar (about 2 CPU-seconds), as a check of an IRI must
def test_iri_checks_give_what_rfc_3987_says():
    # expected values from RFC 3987's grammar: an IRI needs a scheme; IRIs allow non-ASCII
    # characters (ucschar) in host and path; a space is allowed nowhere; "%" must start a
    # pct-encoded pair of hex digits; "//x" is a network-path reference, not an IRI.
    values = ["http://例子.测试/路径?q=1", "http://exa mple.com", "urn:isbn:0451450523", "//x", "%zz",
              "mailto:a@b"]
    out = _run("import json, lawstats.site, jsonschema\n"
               "fc = jsonschema.FormatChecker()\n"
               f"values = {values!r}\n"
               "print(json.dumps({'iri': [fc.conforms(v, 'iri') for v in values],\n"
               "                  'ref': [fc.conforms(v, 'iri-reference') for v in values]}))")
    assert out == {"iri": [True, False, True, False, False, True],
                   "ref": [True, False, True, True, False, True]}
