"""Chinese labels render with real glyphs; a missing glyph is an error, not a box."""
from __future__ import annotations

import io
import warnings

import matplotlib
import pytest

from lawstats.presentation.fonts import CJK_FONT_FAMILY, cjk_font_path, register_cjk_font
from lawstats.presentation.plotting import set_theme


def test_font_file_is_installed_with_its_licence():
    path = cjk_font_path()
    assert path.stat().st_size > 5_000_000  # the full Noto Sans SC, not a subset
    from importlib.metadata import metadata

    assert "Open Font License" in metadata("pylopdf-fonts-zh-cn")["License"]


def test_register_does_not_write_into_matplotlib():
    import os

    register_cjk_font()
    font_dir = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    assert not any("Noto" in f for f in os.listdir(font_dir))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_chinese_chart_draws_without_missing_glyphs(language):
    import matplotlib.pyplot as plt

    assert set_theme(language) == CJK_FONT_FAMILY
    fig, ax = plt.subplots()
    ax.bar(["成功调解", "预防纠纷"], [1031, 150])
    ax.set_title("矛盾纠纷：调解率为100％，成功率94%")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png")


def test_default_font_would_warn_so_the_guard_has_teeth():
    """Without the CJK font, drawing Chinese raises — the guard tests above can fail."""
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("矛盾纠纷")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(UserWarning, match="missing from font"):
                fig.savefig(io.BytesIO(), format="png")
