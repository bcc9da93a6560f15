"""Detection rate and false alarms of the automatic audit on the relation corpus.

Run::

    .venv/bin/python benchmarks/audit.py [--corpus tests/relations/corpus.yaml] [--verbose]

The corpus (``tests/relations/corpus.yaml``) holds composed sentences, each a
``consistent``, ``inconsistent`` or ``trap`` case of one relation kind.  From
every consistent case this script makes, mechanically, one copy per figure
with that figure pushed well beyond any rounding (:func:`mutants`: about +10%
at its written decimals, at least two units of its last digit).  Each text is
audited with no declared checks (``lawstats.auditing.audit.run_audit``, as for a report
never seen), and

* a **detection** is an inconsistent case or a mutant with at least one
  ``inconsistent`` check;
* a **false alarm** is a consistent or trap case with any ``inconsistent`` check.

Printed per relation kind and overall, for the audit with the relations of
:mod:`lawstats.auditing.relations` and, as the baseline in the same run, without them
(the automatic audit as it was: repeats and rates against the counts of their
sentence).  ``--fail`` exits 1 if there is any false alarm or detection is
below 90%.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "relations" / "corpus.yaml"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def load_corpus(path: str | Path = CORPUS) -> list[dict]:
    """The cases of the corpus, checked for shape."""
    import yaml

    from lawstats.auditing.relations import RELATION_KINDS

    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    cases, seen = [], set()
    for i, case in enumerate(doc["cases"]):
        where = f"{path}: cases[{i}]"
        for key in ("id", "kind", "expect", "text"):
            if key not in case:
                raise ValueError(f"{where}: missing {key!r}")
        if case["id"] in seen:
            raise ValueError(f"{where}: duplicate id {case['id']!r}")
        if case["kind"] not in RELATION_KINDS:
            raise ValueError(f"{where}: kind must be one of {RELATION_KINDS}; got {case['kind']!r}")
        if case["expect"] not in ("consistent", "inconsistent", "trap"):
            raise ValueError(f"{where}: expect must be consistent, inconsistent or trap")
        seen.add(case["id"])
        cases.append(case)
    return cases


def pushed(number: str) -> str:
    """A number pushed beyond any rounding: about +10%, at least two units of its last digit.

    >>> pushed("1200"), pushed("93.5"), pushed("2"), pushed("6.3")
    ('1320', '102.9', '4', '6.9')
    """
    value = Decimal(number)
    unit = Decimal(1).scaleb(value.as_tuple().exponent)
    new = (value * Decimal("1.1")).quantize(unit, rounding=ROUND_HALF_UP)
    if new - value < 2 * unit:
        new = value + 2 * unit
    return str(new)


def mutants(case: dict) -> list[tuple[str, str]]:
    """(description, text) for every figure of a consistent case, pushed."""
    from lawstats.auditing.relations import figure_records

    text = case["text"]
    fixed = set(case.get("fixed") or [])
    out = []
    for f in figure_records(text):
        if f["raw"] in fixed:
            continue
        quote = text[f["start"]:f["end"]]
        m = _NUMBER.search(quote)
        if m is None:
            continue
        new_quote = quote[:m.start()] + pushed(m.group()) + quote[m.end():]
        out.append((f"{quote} → {new_quote}", text[:f["start"]] + new_quote + text[f["end"]:]))
    return out


def audit_text(text: str, relations: bool = True):
    """The automatic audit of a text (no declared checks), as for a report never seen."""
    import pandas as pd

    from lawstats.auditing.audit import run_audit
    from lawstats.auditing.relations import figure_records

    figs = figure_records(text)
    frame = pd.DataFrame([dict(f, section="", repeat_of="", indicator=f["label"]) for f in figs])
    return run_audit(frame, [], text=text, relations=relations)


@dataclass
class Tally:
    """Counts for one relation kind."""

    targets: int = 0      # inconsistent cases + mutants
    detected: int = 0
    clean: int = 0        # consistent + trap cases
    false_alarms: int = 0
    exempt: int = 0       # consistent cases whose claim is an inequality (no mutants)
    misses: list = field(default_factory=list)
    alarms: list = field(default_factory=list)

    @property
    def detection(self) -> float:
        return self.detected / self.targets if self.targets else 1.0


def score(cases: list[dict], relations: bool = True) -> dict[str, Tally]:
    """Tallies per relation kind, plus ``"all"``."""
    tallies: dict[str, Tally] = {}
    for case in cases:
        t = tallies.setdefault(case["kind"], Tally())
        if case["expect"] == "inconsistent":
            targets = [("as written", case["text"])]
        else:
            audit = audit_text(case["text"], relations)
            t.clean += 1
            bad = audit[audit["verdict"] == "inconsistent"]
            if len(bad):
                t.false_alarms += 1
                t.alarms.append((case["id"], "; ".join(bad["explanation_en"])))
            targets = mutants(case) if case["expect"] == "consistent" and case.get("mutate", True) else []
            t.exempt += case["expect"] == "consistent" and not case.get("mutate", True)
        for what, text in targets:
            t.targets += 1
            audit = audit_text(text, relations)
            if (audit["verdict"] == "inconsistent").any():
                t.detected += 1
            else:
                t.misses.append((case["id"], what))
    total = Tally()
    for t in tallies.values():
        total.targets += t.targets
        total.detected += t.detected
        total.clean += t.clean
        total.false_alarms += t.false_alarms
        total.exempt += t.exempt
        total.misses += t.misses
        total.alarms += t.alarms
    tallies["all"] = total
    return tallies


def _table(tallies: dict[str, Tally]) -> str:
    lines = [f"{'kind':<12}{'errors':>8}{'detected':>10}{'rate':>8}{'clean':>8}{'false alarms':>14}"]
    for kind, t in tallies.items():
        lines.append(f"{kind:<12}{t.targets:>8}{t.detected:>10}{t.detection:>8.0%}{t.clean:>8}{t.false_alarms:>14}")
    return "\n".join(lines)


def push_last_digit(raw: str, step: int) -> str | None:
    """``raw`` with its number moved by ``step`` units of its last written digit, or None.

    >>> push_last_digit("94%", 1), push_last_digit("96.34%", -1), push_last_digit("1463项", -1)
    ('95%', '96.33%', '1462项')
    """
    m = _NUMBER.search(raw)
    if m is None:
        return None
    value = Decimal(m.group())
    unit = Decimal(1).scaleb(value.as_tuple().exponent)
    new = value + step * unit
    if new < 0:
        return None
    return raw[:m.start()] + str(new) + raw[m.end():]


def our_report_mutations() -> list[tuple[str, str, str, list[str]]]:
    """Push every checked count and rate of our report by ±1 in its last digit and audit each copy.

    Only exact figures written in digits that some check (other than ``derived``) names are
    pushed.  Returns (figure id, as written, as pushed, inconsistent check ids).
    """
    import tempfile

    from lawstats.auditing.audit import load_checks, read_audit, run_audit
    from lawstats.extraction.dataset import DEFAULT_ANNOTATIONS, exact_values, extract_tables, read_figures
    from lawstats.reading.report import load_report

    text = load_report().text
    audit = read_audit()
    checked = {i for ids, kind in zip(audit["figure_ids"], audit["kind"]) if kind != "derived" for i in ids.split()}
    checks = load_checks()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for row in read_figures().to_dict("records"):
            if row["id"] not in checked or row["qualifier"] != "exact" or row["kind"] not in ("count", "rate"):
                continue
            if not _NUMBER.search(row["quote"]):
                continue
            for step in (1, -1):
                new = push_last_digit(row["quote"], step)
                if new is None:
                    continue
                path = Path(tmp) / "pushed.txt"
                path.write_text(text[:row["start"]] + new + text[row["end"]:], encoding="utf-8")
                report = load_report(path)
                figures, _ = extract_tables(report, DEFAULT_ANNOTATIONS)
                result = run_audit(exact_values(figures), checks, text=report.text, strict=False)
                bad = result.loc[result["verdict"] == "inconsistent", "check_id"].tolist()
                out.append((row["id"], row["quote"], new, bad))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--fail", action="store_true",
                        help="exit 1 on any false alarm or detection below 90%%")
    parser.add_argument("--our-report", action="store_true",
                        help="instead: push each checked count and rate of data/raw/luzhai-2021.txt by one "
                             "unit of its last digit, both ways, and list what the audit finds")
    args = parser.parse_args(argv)
    if args.our_report:
        results = our_report_mutations()
        for fid, old, new, bad in results:
            print(f"{fid:<40} {old} → {new}: {', '.join(bad) if bad else 'not detected'}")
        found = sum(bool(b) for *_, b in results)
        print(f"\n{found} of {len(results)} pushed copies have an inconsistent check")
        return 0
    cases = load_corpus(args.corpus)
    new, old = score(cases, True), score(cases, False)
    print(f"relation corpus: {len(cases)} cases, {new['all'].targets} errors to find "
          f"(inconsistent cases and mutants), {new['all'].clean} consistent or trap cases "
          f"({new['all'].exempt} consistent cases claim only an inequality: no mutants)\n")
    print("with relations (lawstats.auditing.relations):")
    print(_table(new))
    print("\nbaseline, the automatic audit without relations:")
    print(_table(old))
    a, b = new["all"], old["all"]
    ratio = f"{a.detection / b.detection:.1f}×" if b.detection else "∞ (baseline detects none)"
    print(f"\ndetection {a.detection:.1%} vs {b.detection:.1%} ({ratio}); "
          f"false alarms {a.false_alarms} vs {b.false_alarms}")
    if args.verbose:
        for cid, what in a.misses:
            print(f"miss: {cid}: {what}")
        for cid, what in a.alarms:
            print(f"false alarm: {cid}: {what}")
    if args.fail and (a.false_alarms or a.detection < 0.9):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
