"""The lawstats look for charts: seaborn's theme with a font that has Chinese glyphs."""
from __future__ import annotations

import os

from lawstats.presentation.fonts import register_cjk_font
from lawstats.labels import check_language

__all__ = ["set_theme", "setup_notebook", "setup_kernel", "describe_figure", "THEME_RC", "show",
           "plot_part_lengths"]

#: matplotlib settings every lawstats chart shares (besides the font).
THEME_RC = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.figsize": (8, 4.5),
    "axes.titleweight": "normal",  # the font ships one weight: bold would fall back
    "axes.titlesize": 13,
    "axes.unicode_minus": False,
    "svg.hashsalt": "lawstats",
}


def set_theme(language: str = "zh") -> str:
    """Apply the lawstats chart theme and return the font family in use.

    ``seaborn.set_theme`` resets ``font.sans-serif``, so the CJK font is passed
    through its ``rc`` rather than set beforehand.  Chinese and English charts
    use the same font: Noto Sans SC covers Latin letters and digits too.

    Parameters
    ----------
    language : {"zh", "en"}
        The language of the labels.

    Examples
    --------
    >>> set_theme("en")
    'Noto Sans SC'
    >>> import matplotlib
    >>> matplotlib.rcParams["font.sans-serif"][0]
    'Noto Sans SC'
    """
    check_language(language)
    import seaborn as sns

    family = register_cjk_font()
    rc = dict(THEME_RC)
    rc["font.family"] = "sans-serif"
    rc["font.sans-serif"] = [family, "DejaVu Sans"]
    sns.set_theme(style="whitegrid", context="notebook", rc=rc)
    return family


def describe_figure(fig, language: str = "zh") -> str | None:
    """Describe a matplotlib figure from its titles and axis labels (alt text of last resort).

    ``fig.lawstats_alt``, when a chart function set it, wins.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set(title="Cases by year", xlabel="year", ylabel="cases")
    >>> describe_figure(fig, "en")
    'Chart: Cases by year (x axis: year; y axis: cases)'
    >>> plt.close(fig)
    """
    explicit = getattr(fig, "lawstats_alt", None)
    if explicit:
        return str(explicit)
    zh = language == "zh"
    parts = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text().strip():
        parts.append(suptitle.get_text().strip())
    for ax in fig.axes:
        title = next((ax.get_title(loc).strip() for loc in ("center", "left", "right")
                      if ax.get_title(loc).strip()), "")
        labels = [(("横轴：" if zh else "x axis: ") + ax.get_xlabel().strip()) if ax.get_xlabel().strip() else "",
                  (("纵轴：" if zh else "y axis: ") + ax.get_ylabel().strip()) if ax.get_ylabel().strip() else ""]
        labels = [x for x in labels if x]
        axis = "；".join(labels) if zh else "; ".join(labels)
        if title and axis:
            parts.append(f"{title}（{axis}）" if zh else f"{title} ({axis})")
        elif title or axis:
            parts.append(title or axis)
    if not parts:
        return None
    return ("图表：" + "；".join(parts)) if zh else ("Chart: " + "; ".join(parts))


def setup_kernel() -> None:
    """Run inside every notebook kernel before the notebook: reproducible charts with alt text.

    Sets matplotlib's ``svg.hashsalt`` (stable SVG ids) and registers, through
    IPython's public display-formatter API, a PNG formatter for matplotlib
    figures that wraps the inline backend's own and adds a description of the
    figure (:func:`describe_figure`) to the output's metadata as
    ``{"image/png": {"lawstats": {"alt": ...}}}``; the pages use it when a
    notebook gave no alt text of its own.  The inline backend registers its
    formatter when it is imported in a running kernel
    (``tests/test_notebooks.py`` checks that a plain ``plt.show()`` gets the
    description).
    """
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "lawstats"
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipykernel always brings it
        return
    shell = get_ipython()
    if shell is None:
        return
    import matplotlib_inline.backend_inline  # noqa: F401 - configures the inline backend for `shell`
    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters["image/png"]
    try:
        png = formatter.lookup_by_type(Figure)
    except KeyError:  # no PNG output for figures configured: nothing to describe
        return
    if getattr(png, "_lawstats", False):
        return
    language = os.environ.get("LAWSTATS_LANGUAGE", "zh")

    def png_with_alt(fig):
        data = png(fig)
        try:
            alt = describe_figure(fig, language)
        except Exception:  # a description must never break a chart
            alt = None
        if data is None or not alt:
            return data
        return data, {"lawstats": {"alt": alt}}

    png_with_alt._lawstats = True  # type: ignore[attr-defined]
    formatter.for_type(Figure, png_with_alt)


def setup_notebook(language: str | None = None) -> str:
    """Set up a notebook's kernel exactly as the site build does; return the font family.

    One call gives a notebook run in JupyterLab what a build kernel has:
    :func:`setup_kernel` (stable SVG ids, alt text attached to
    every inline figure), the chart theme with the Chinese font
    (:func:`set_theme`) and the table display options
    (:func:`lawstats.presentation.present.set_display`).  ``make lab`` starts every kernel
    with it (``jupyter/kernels/python3/kernel.json``), and a notebook's first
    cell may call it too: calling it again is harmless.

    Parameters
    ----------
    language : {"zh", "en"}, optional
        The language of chart labels and alt text; default: the
        ``LAWSTATS_LANGUAGE`` environment variable (set by the build), else
        ``"zh"``.  The alt text keeps the language of the first call.

    Examples
    --------
    >>> setup_notebook("zh")
    'Noto Sans SC'
    >>> import matplotlib
    >>> matplotlib.rcParams["svg.hashsalt"]
    'lawstats'
    """
    import os

    from lawstats.presentation.present import set_display

    language = language or os.environ.get("LAWSTATS_LANGUAGE", "zh")
    check_language(language)
    os.environ.setdefault("LAWSTATS_LANGUAGE", language)
    setup_kernel()
    family = set_theme(language)
    set_display()
    return family


def plot_part_lengths(report, language: str = "zh"):
    """Draw the length of each part of a report as horizontal bars.

    Parameters
    ----------
    report : Report
    language : {"zh", "en"}

    Returns
    -------
    matplotlib.figure.Figure
        With alt text set (``fig.lawstats_alt``) describing what it shows.
    """
    import matplotlib.pyplot as plt

    from lawstats.labels import label

    from lawstats.presentation.present import section_label

    set_theme(language)
    parts = report.structure.parts
    if language == "zh":
        names = [f"{p.numeral}、{_shorten(p.title, 14)}" for p in parts]
    else:  # English charts carry no Chinese: parts by number (the titles have no translation)
        names = [label("part_n", "en").format(n=section_label(p.numeral, "en")) for p in parts]
    lengths = [p.end - p.start for p in parts]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(parts) + 1.2))
    bars = ax.barh(names[::-1], lengths[::-1], color="#4C72B0")
    ax.bar_label(bars, padding=3, fontsize=9)
    ax.set_title(label("chart_part_lengths", language))
    ax.set_xlabel(label("axis_characters", language))
    ax.margins(x=0.12)
    fig.tight_layout()
    if language == "zh":
        alt = "条形图：报告各部分的字符数。" + "；".join(f"{n} {v}" for n, v in zip(names, lengths))
    else:
        alt = "Bar chart: characters in each part of the report. " + "; ".join(
            f"{n}: {v}" for n, v in zip(names, lengths))
    fig.lawstats_alt = alt
    return fig


def _shorten(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters, marking the cut with an ellipsis.

    Examples
    --------
    >>> _shorten("有效化解矛盾纠纷，提升法治政府建设满意度", 8)
    '有效化解矛盾纠纷…'
    """
    return text if len(text) <= width else text[:width] + "…"


def show(fig, alt: str | None = None) -> None:
    """Display a chart in a notebook as a PNG with alt text, then close it.

    The PNG carries no timestamp, so a rebuilt page has the same bytes.  The
    alt text goes into the output's metadata (``{"image/png": {"alt": ...}}``),
    where the HTML export puts it on the ``<img>``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    alt : str, optional
        What the chart shows; defaults to ``fig.lawstats_alt`` set by the
        lawstats chart functions.
    """
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    alt = alt or getattr(fig, "lawstats_alt", None)
    if not alt:
        raise ValueError("a chart needs alt text saying what it shows: pass alt=...")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png"), metadata={"image/png": {"alt": alt}})
