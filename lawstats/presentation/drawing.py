"""Generic helpers for charts drawn in notebooks, on the tables of :func:`lawstats.figures`.

A notebook selects its figures with pandas, computes with :func:`lawstats.interval_of`
and the rate functions, and draws with seaborn or matplotlib; these helpers do the
parts every chart repeats and that are about no particular report:

* :func:`require` — the selected rows in the order asked, or :class:`~lawstats.presentation.charts.MissingFigures`
  naming the absent ids (an edited copy of a report may lack some);
* :func:`chart_or_note` — a ``with`` block that shows a sentence instead of a chart
  whose figures are missing, so every report builds;
* :func:`draw_bounds` — figures drawn as what the report allows: solid to a known
  lower bound, hatched on to the upper bound, an arrow where there is none, a
  floating bar for a range; :func:`bounds_legend` explains the marks;
* :func:`value_text`, :func:`number_text`, :func:`percent_text` — numbers for readers
  in Chinese or English; :func:`indicator_text` — what a figure measures;
* :func:`require_rows` — the same for a chart of a whole table with no rows;
* :func:`caption` — the small caption naming the figures a chart draws (their ids,
  and in Chinese the figures as written), and the layout around it; then
  :func:`lawstats.presentation.plotting.show` displays the chart with its alt text.

Nothing here knows a figure id: a report's story belongs in its notebooks.
"""
from __future__ import annotations

import contextlib
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable, Iterator

from lawstats.labels import check_language, label

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["require", "require_rows", "chart_or_note", "draw_bounds", "bounds_legend", "value_text", "number_text",
           "percent_text", "indicator_text", "caption", "PALETTE"]

#: The colours of every lawstats chart (seaborn "deep"), by role.
PALETTE = {
    "main": "#4C72B0", "second": "#DD8452", "good": "#55A868", "bad": "#C44E52",
    "grey": "#8C8C8C", "light": "#A6BDDB", "faint": "#E5E9F0", "caption": "#666666",
}
_CAPTION_SIZE = 8


def require(table: "pd.DataFrame", ids: Iterable[str], exact: bool = False) -> "pd.DataFrame":
    """The rows of ``table`` with these ids, in this order; raise if one is absent.

    Parameters
    ----------
    table : DataFrame
        Rows of :func:`lawstats.figures` (typically ``figures.query(...)``).
    ids : list of str
    exact : bool
        Also require a single value (``value`` not NaN): a chart of counts
        cannot draw ``80余`` as a number.

    Raises
    ------
    MissingFigures
        Naming every id that is absent (or, with ``exact``, has no single value).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"id": ["a", "b"], "value": [1.0, float("nan")]})
    >>> require(t, ["b", "a"])["id"].tolist()
    ['b', 'a']
    >>> require(t, ["a", "b", "c"], exact=True)
    Traceback (most recent call last):
    ...
    lawstats.presentation.charts.MissingFigures: chart needs figure(s) not in this report: b, c
    """
    from lawstats.presentation.charts import MissingFigures

    ids = list(ids)
    by_id = table.drop_duplicates("id").set_index("id", drop=False)
    missing = [i for i in ids if i not in by_id.index or (exact and by_id.loc[i, "value"] != by_id.loc[i, "value"])]
    if missing:
        raise MissingFigures(missing, "chart")
    return by_id.loc[ids].reset_index(drop=True)


def require_rows(table: "pd.DataFrame", why: str) -> "pd.DataFrame":
    """``table`` itself, or :class:`~lawstats.presentation.charts.NothingToDraw` if it has no rows.

    ``why`` is the catalogue key of the sentence shown instead of the chart
    (e.g. ``"nothing_figures"``); see :func:`chart_or_note`.

    Examples
    --------
    >>> import pandas as pd
    >>> len(require_rows(pd.DataFrame({"id": ["a"]}), "nothing_figures"))
    1
    >>> require_rows(pd.DataFrame({"id": []}), "nothing_figures")
    Traceback (most recent call last):
    ...
    lawstats.presentation.charts.NothingToDraw: chart has nothing to draw for this report (nothing_figures)
    """
    from .charts import NothingToDraw

    if table.empty:
        raise NothingToDraw(why, "chart")
    return table


@contextlib.contextmanager
def chart_or_note(language: str = "zh") -> Iterator[None]:
    """Run a chart's cell; if its figures are missing, show a sentence saying so instead.

    Examples
    --------
    >>> with chart_or_note("en"):
    ...     require(__import__("pandas").DataFrame({"id": []}), ["x"])
    (Chart skipped: this report does not state the figures it needs: x.)
    """
    from IPython.display import display

    from lawstats.presentation.charts import MissingFigures, NothingToDraw
    from lawstats.presentation.present import Note

    check_language(language)
    try:
        yield
    except NothingToDraw as exc:
        import matplotlib.pyplot as plt

        plt.close("all")
        display(Note(label(exc.key, language)))
    except MissingFigures as exc:
        import matplotlib.pyplot as plt

        plt.close("all")
        display(Note(label("chart_skipped", language).format(ids=", ".join(exc.ids))))


def _exact(row, column: str):
    """The exact number of a figure's cell (from the ``*_exact`` text), or None."""
    text = row.get(f"{column}_exact")
    if isinstance(text, str) and text:
        return Decimal(text)
    x = row.get(column)
    return None if x is None or x != x else Decimal(str(x))


def _legacy(row) -> dict:
    """A row of :func:`lawstats.figures` in the conventions of :mod:`lawstats.presentation.present` (Decimal, None)."""
    out = {k: (None if (v is None or (isinstance(v, float) and v != v)) else v) for k, v in dict(row).items()}
    for c in ("value", "lower", "upper"):
        out[c] = _exact(row, c)
    out["unit"] = out.get("unit") or ""
    out["indicator"] = out.get("indicator") or ""
    return out


def value_text(row, language: str = "zh", unit: bool = True) -> str:
    """A figure's value for readers, bounds shown as bounds, with its unit.

    Examples
    --------
    >>> row = {"raw": "30余次", "unit": "次", "qualifier": "at_least", "value": float("nan"),
    ...        "lower": 30.0, "upper": 40.0, "lower_exact": "30", "upper_exact": "40"}
    >>> value_text(row, "zh"), value_text(row, "en")
    ('30–40（30余）次', '30–40 (over 30) times')
    """
    from lawstats.presentation.charts import _with_unit
    from lawstats.presentation.present import format_value

    legacy = _legacy(row)
    text = format_value(legacy, language)
    return _with_unit(text, legacy["unit"], language) if unit else text


def number_text(x, language: str = "zh") -> str:
    """An exact number (Decimal, Fraction, Interval point, whole float) for readers.

    Examples
    --------
    >>> number_text(12500.0, "en"), number_text(12500.0, "zh")
    ('12,500', '12500')
    >>> from lawstats import Interval
    >>> number_text(Interval.of(-5, 1200), "en"), number_text(Interval.point(7), "zh")
    ('[−5, 1,200]', '7')
    """
    from fractions import Fraction

    from lawstats.arithmetic.interval import Interval
    from lawstats.presentation.present import format_number

    if isinstance(x, Interval):
        if not x.is_point:
            ends = ["∞" if e is None else number_text(e, language) for e in (x.lower, x.upper)]
            return f"[{ends[0]}, {ends[1]}]"
        x = x.lower
    if isinstance(x, float):
        x = Fraction(x)
    return format_number(x, language).replace("-", "−")


def percent_text(x, decimals: int = 2, of_one: bool = False) -> str:
    """A value in percentage points (exact number or interval) as text, e.g. ``'37.50%'``.

    With ``of_one=True`` the value is a fraction of one (``relative_change``, ``share``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> percent_text(Fraction(75, 2)), percent_text(Fraction(-25, 2), 0)
    ('37.50%', '−13%')
    >>> percent_text(Fraction(-1, 8), 1, of_one=True)
    '−12.5%'
    """
    from lawstats.arithmetic.interval import Interval
    from lawstats.arithmetic.rounding import format_percent

    if of_one:
        x = x * 100

    if isinstance(x, Interval) and not x.is_point:
        return f"{percent_text(x.lower, decimals)[:-1]}–{percent_text(x.upper, decimals)}"
    if isinstance(x, Interval):
        x = x.lower
    return format_percent(x, decimals).replace("-", "−")


def indicator_text(row, language: str = "zh") -> str:
    """What a figure measures, in ``language`` (curated label, or the standard indicator's name)."""
    from lawstats.presentation.present import indicator_label

    return indicator_label(_legacy(row), language)


def draw_bounds(ax: "Axes | None" = None, table: "pd.DataFrame | None" = None,
                y: "Iterable[float] | str | None" = None, height: float = 0.6, xmax: float | None = None, *,
                data: "pd.DataFrame | None" = None, **ignored) -> "Axes":
    """Draw each figure of ``table`` as a horizontal bar that shows what the report allows.

    An exact figure is a solid bar; ``80余`` is solid to 80 and hatched on to
    90; ``上万`` is solid to 10000 with an arrow to ``xmax`` (no upper bound);
    ``8—13`` is a floating hatched bar from 8 to 13.  Every bar carries a
    ``gid`` (``bar:``, ``lower:``, ``range:``, ``open:`` + the figure id).

    It also works as a seaborn facet function: ``sns.FacetGrid(t, col="code").map_dataframe(
    lawstats.draw_bounds, y="report")`` draws each facet's rows on the current axes (the
    ``color`` and ``label`` seaborn passes are ignored: the marks have fixed meanings).

    Parameters
    ----------
    ax : matplotlib Axes, optional
        Default: the current axes.
    table, data : DataFrame
        Rows of :func:`lawstats.figures` (``id``, ``qualifier``, ``value``,
        ``lower``, ``upper``), drawn top to bottom; ``data`` is seaborn's name for it.
    y : positions, or a column name, optional
        Default: the rows from the top, ``n-1`` … ``0``.  A column name puts each
        row at the code of its category (its position in ``column.cat.categories``).
    height : float
    xmax : float, optional
        Where the arrow of an unbounded figure ends (default: 1.6 × its lower bound).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> t = pd.DataFrame({"id": ["a", "b"], "qualifier": ["at_least", "range"], "value": [float("nan")] * 2,
    ...                   "lower": [30.0, 8.0], "upper": [40.0, 13.0]})
    >>> fig, ax = plt.subplots()
    >>> sorted(p.get_gid() for p in draw_bounds(ax, t).patches)
    ['lower:a', 'range:a', 'range:b']
    >>> plt.close(fig)
    """
    import pandas as pd

    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    table = data if table is None else table
    rows = [dict(r) for _, r in table.iterrows()]
    if isinstance(y, str):
        column = table[y]
        positions = list(column.cat.codes if isinstance(column.dtype, pd.CategoricalDtype) else pd.factorize(column)[0])
    else:
        positions = list(y) if y is not None else list(range(len(rows) - 1, -1, -1))
    for pos, row in zip(positions, rows):
        lo, hi, v, rid = row.get("lower"), row.get("upper"), row.get("value"), row["id"]
        lo = None if lo is None or lo != lo else float(lo)
        hi = None if hi is None or hi != hi else float(hi)
        if row.get("qualifier") == "range":
            low = lo or 0.0
            ax.barh(pos, hi - low, left=low, height=height, color=PALETTE["light"], hatch="///",
                    edgecolor="white", linewidth=0, gid=f"range:{rid}")
            for end in (low, hi):
                ax.plot([end, end], [pos - height / 2, pos + height / 2], color=PALETTE["main"], linewidth=2)
        elif v == v and v is not None and (lo is None or hi is None or lo == hi or row.get("qualifier") != "at_least"):
            ax.barh(pos, float(v), height=height, color=PALETTE["main"], gid=f"bar:{rid}")
        else:
            low = lo or 0.0
            ax.barh(pos, low, height=height, color=PALETTE["main"], gid=f"lower:{rid}")
            if hi is not None:
                ax.barh(pos, hi - low, left=low, height=height, color=PALETTE["light"], hatch="///",
                        edgecolor="white", linewidth=0, gid=f"range:{rid}")
                ax.plot([hi, hi], [pos - height / 2, pos + height / 2], color=PALETTE["main"], linewidth=1.5)
            else:
                end = xmax if xmax is not None else low * 1.6
                ax.annotate("", xy=(end, pos), xytext=(low, pos), gid=f"open:{rid}",
                            arrowprops=dict(arrowstyle="-|>,head_length=0.8,head_width=0.5",
                                            color=PALETTE["light"], linewidth=6, shrinkA=0, shrinkB=0))
    return ax


def bounds_legend(ax: "Axes", table: "pd.DataFrame", language: str = "zh", **kwargs) -> None:
    """A legend for :func:`draw_bounds`, with only the marks that ``table`` uses."""
    from lawstats.presentation.charts import _legend_handles

    q = table["qualifier"]
    open_end = bool(((q == "at_least") & table["upper"].isna()).any())
    at_least = bool((q == "at_least").any())
    ranges = bool((q == "range").any())
    exact = bool(table["value"].notna().any() & (q != "at_least").any())
    ax.legend(handles=_legend_handles(language, open_end, at_least, ranges, exact),
              **{"fontsize": 8, "frameon": False, **kwargs})


def caption(fig: "Figure", table: "pd.DataFrame | None", language: str = "zh", text: str | None = None) -> "Figure":
    """Put a small caption at the bottom naming the figures drawn, and lay the chart out around it.

    The caption gives the figure ids (links into the annotated report) and,
    in Chinese, the figures as the report writes them; English captions carry
    no Chinese.  A chart of a whole table (counts by part, a comparison) gives
    its own ``text`` instead (and ``table=None``).

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("t")
    >>> caption(fig, pd.DataFrame({"id": ["a-b"], "raw": ["3次"]}), "en").texts[-1].get_text()
    'Data: a-b in data/figures.csv.'
    >>> plt.close(fig)
    """
    from lawstats.presentation.charts import _caption_text, _finish

    check_language(language)
    if text is None:
        text = _caption_text(table.to_dict("records"), language)
    return _finish(fig, text, getattr(fig, "lawstats_alt", None), top_legend=fig._suptitle is not None)
