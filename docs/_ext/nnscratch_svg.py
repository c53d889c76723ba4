"""Unique ``id`` attributes in matplotlib's SVG figures (no Sphinx needed).

The gallery's scraper (``nnscratch_docs.figure_scraper``) passes every SVG it
writes through :func:`unique_svg_ids`; the HTML build fails if a figure in
``_images`` still repeats an id (:func:`duplicate_svg_ids`);
``tests/test_svg_ids.py`` tests both.
"""

from __future__ import annotations

import re

_SVG_ID = re.compile(r'\bid="([^"]+)"')


def duplicate_svg_ids(text: str) -> list[str]:
    """The ``id`` values that occur more than once in an SVG document."""
    seen: set[str] = set()
    duplicates = []
    for value in _SVG_ID.findall(text):
        if value in seen and value not in duplicates:
            duplicates.append(value)
        seen.add(value)
    return duplicates


def unique_svg_ids(text: str) -> str:
    """Make each repeated ``id`` of an SVG unique (``id-2``, ``id-3``...).

    With a fixed ``svg.hashsalt`` (``nnscratch_docs.FIGURE_RC``) matplotlib names an
    embedded raster image after its bytes, so two identical images in one
    figure (two colour bars with the same colour map and range) get the same
    id, which XML forbids and ``epubcheck`` rejects. Such an id names only the
    element that carries it; one that the document refers to (``#id``) is left
    alone and reported instead.
    """
    duplicates = duplicate_svg_ids(text)
    referenced = [value for value in duplicates if f"#{value}" in text]
    if referenced:
        msg = f"text: the SVG repeats ids that it also refers to: {referenced}"
        raise ValueError(msg)
    counts: dict[str, int] = {}

    def rename(match: re.Match[str]) -> str:
        value = match[1]
        if value not in duplicates:
            return match[0]
        counts[value] = counts.get(value, 0) + 1
        return match[0] if counts[value] == 1 else f'id="{value}-{counts[value]}"'

    return _SVG_ID.sub(rename, text)
