"""SVG figures keep their ids unique (``docs/_ext/nnscratch_svg.py``).

The book fixes matplotlib's ``svg.hashsalt`` so that two builds write the same
SVG bytes; matplotlib then names an embedded raster image after its content,
and two identical images in one figure share an id, which ``epubcheck`` rejects.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from nnscratch_svg import duplicate_svg_ids, unique_svg_ids


def _two_equal_images() -> str:
    """A figure that draws one image twice, as SVG with the book's fixed salt.

    In the book it was two colour bars of the same colour map, drawn at the
    same size (``gallery/plot_softmax_saturation.py``).
    """
    values = np.linspace(0.0, 1.0, 16).reshape(4, 4)
    # (not composited into one image, as matplotlib would by default)
    with mpl.rc_context({"svg.hashsalt": "nnscratch", "image.composite_image": False}):
        fig, ax = plt.subplots()
        ax.imshow(values, extent=(0, 1, 0, 1))
        ax.imshow(values, extent=(0, 1, 0, 1))
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
        plt.close(fig)
    return buffer.getvalue()


def test_matplotlib_repeats_image_ids_with_a_fixed_salt() -> None:
    # the defect the book works around: without this, the test below proves nothing
    assert duplicate_svg_ids(_two_equal_images())


def test_unique_svg_ids_renames_each_repeat() -> None:
    text = _two_equal_images()
    fixed = unique_svg_ids(text)
    assert duplicate_svg_ids(fixed) == []
    # only the repeats change, each to its id with a suffix; the rest is untouched
    before, after = re.findall(r'id="([^"]+)"', text), re.findall(r'id="([^"]+)"', fixed)
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed
    assert all(a.startswith(f"{b}-") and b in duplicate_svg_ids(text) for b, a in changed)
    assert re.sub(r'id="[^"]+"', "", text) == re.sub(r'id="[^"]+"', "", fixed)
    # the same input always gives the same output
    assert unique_svg_ids(text) == fixed
    assert unique_svg_ids(fixed) == fixed


def test_duplicate_svg_ids_lists_each_repeated_id_once() -> None:
    text = '<svg><g id="a"/><g id="b"/><g id="a"/><g id="a"/></svg>'
    assert duplicate_svg_ids(text) == ["a"]
    assert unique_svg_ids(text) == '<svg><g id="a"/><g id="b"/><g id="a-2"/><g id="a-3"/></svg>'


def test_a_repeated_id_that_is_referenced_is_an_error() -> None:
    text = '<svg><path id="p"/><path id="p"/><use xlink:href="#p"/></svg>'
    with pytest.raises(ValueError, match=r"text: .*\['p'\]"):
        unique_svg_ids(text)
