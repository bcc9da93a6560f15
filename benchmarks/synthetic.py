"""Synthetic report text for the benchmarks: our report's sentences with other numbers."""
from __future__ import annotations

import random
import re

__all__ = ["vary_numbers"]

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def vary_numbers(text: str, rng: random.Random) -> str:
    """``text`` with every Arabic number replaced by a random one of as many digits.

    Years (1900-2100 without decimals) are kept, so dates stay dates.

    Examples
    --------
    >>> out = vary_numbers("2021年调解1095件，成功率94.5%", random.Random(1))
    >>> out.startswith("2021年调解"), len(out) == len("2021年调解1095件，成功率94.5%")
    (True, True)
    """
    def vary(m: re.Match) -> str:
        s = m.group()
        whole, _, frac = s.partition(".")
        if len(whole) == 4 and 1900 <= int(whole) <= 2100 and not frac:
            return s
        lo = 10 ** (len(whole) - 1) if len(whole) > 1 else 0
        new = str(rng.randint(lo, 10 ** len(whole) - 1))
        return new + ("." + "".join(rng.choice("0123456789") for _ in frac) if frac else "")

    return _NUMBER.sub(vary, text)
