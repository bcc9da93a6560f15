"""A Simplified Chinese font for charts, registered without touching matplotlib's folders.

lawstats draws Chinese labels with **Noto Sans SC** (SIL Open Font License 1.1),
shipped as a plain ``.otf`` by the PyPI package ``pylopdf-fonts-zh-cn``, which the
project's install pulls in.  :func:`register_cjk_font` adds that file to
matplotlib's in-memory font list (``fontManager.addfont``); nothing is written
to disk and nothing happens at import time.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["CJK_FONT_FAMILY", "cjk_font_path", "register_cjk_font"]

#: The family name matplotlib knows the font by once registered.
CJK_FONT_FAMILY = "Noto Sans SC"
_PACKAGE = "pylopdf_fonts_zh_cn"
_FILE = "NotoSansSC-Regular.otf"


def cjk_font_path() -> Path:
    """Return the path of the Noto Sans SC font file.

    Raises
    ------
    FileNotFoundError
        If the font package is not installed; the message says how to install it.

    Examples
    --------
    >>> cjk_font_path().name
    'NotoSansSC-Regular.otf'
    """
    try:
        path = Path(str(resources.files(_PACKAGE).joinpath(_FILE)))
    except ModuleNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise FileNotFoundError(
            f"the Chinese chart font {_FILE} was not found: install the package "
            "'pylopdf-fonts-zh-cn' (it comes with `pip install -e .` in the project)")
    return path


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Register Noto Sans SC with matplotlib (once) and return its family name.

    Examples
    --------
    >>> register_cjk_font()
    'Noto Sans SC'
    """
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()
