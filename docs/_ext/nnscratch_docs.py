"""Build helpers of the nnscratch book (a local Sphinx extension).

- :func:`reset_seeds` runs before and after each gallery script, so no
  script depends on the global random state left by another.
- :func:`_fix_accessibility` rewrites three patterns of the generated HTML
  that axe-core reports as serious or critical (the theme's sidebar toggles
  have no accessible name; docutils gives the citation list a ``list`` role
  whose children are not list items; sphinx-gallery's thumbnail links hide
  their text), and makes matplotlib's JavaScript animations offline and
  accessible: their player links Font Awesome 4 from a CDN (the theme already
  bundles Font Awesome, whose ``fa`` classes the player uses), and its frame
  image and slider have no alternative text or label.
- :func:`_add_minigallery` ends the API entry of every object used by a
  gallery script with thumbnails of those scripts (sphinx-gallery's
  backreferences).
- :func:`_publish_notebooks` copies each chapter's executed notebook into
  the site (``notebooks/<chapter>.ipynb``), for readers who want to run and
  change a chapter in Jupyter.
- After a successful build, the package's source hash is stamped into the
  gallery output; ``conf.py`` compares it to decide whether every gallery
  script must re-run because the package changed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np


def reset_seeds(gallery_conf: dict[str, Any], fname: str) -> None:  # noqa: ARG001
    """Reset numpy's legacy global seed (scripts use default_rng(seed) anyway)."""
    np.random.seed(0)  # noqa: NPY002


def _stamp_gallery(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "latex"):
        return
    stamp = Path(app.srcdir) / "auto_examples" / ".nnscratch-source-hash"
    if stamp.parent.is_dir():
        stamp.write_text(app.config.nnscratch_source_hash + "\n")


_HTML_FIXES = (
    (
        '<summary><span class="toctree-toggle" role="presentation">',
        (
            '<summary aria-label="Show or hide the pages of this chapter">'
            '<span class="toctree-toggle" role="presentation">'
        ),
    ),
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
    (
        '<img id="_anim_img',
        '<img alt="One frame of the animation; the controls below play it" id="_anim_img',
    ),
    ('<input id="_anim_slider', '<input aria-label="Animation frame" id="_anim_slider'),
)
_CDN_STYLESHEET = re.compile(r'<link rel="stylesheet"\s+href="https://[^"]*font-awesome[^"]*">')
_THUMB_LINK = re.compile(
    r'<p><a class="reference internal" href="([^"]+)"><span class="doc">([^<]+)</span></a></p>'
)


def _fix_accessibility(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = original = page.read_text(encoding="utf-8")
        for old, new in _HTML_FIXES:
            text = text.replace(old, new)
        text = _CDN_STYLESHEET.sub("", text)
        if "sphx-glr-thumbcontainer" in text:
            text = _THUMB_LINK.sub(
                r'<p><a class="reference internal" href="\1" aria-label="\2">'
                r'<span class="doc">\2</span></a></p>',
                text,
            )
        if text != original:
            page.write_text(text, encoding="utf-8")


def _add_minigallery(
    app: Any,
    what: str,
    name: str,
    obj: Any,  # noqa: ARG001
    options: Any,  # noqa: ARG001
    lines: list[str],
) -> None:
    if what not in ("class", "function", "method") or not name.startswith("nnscratch."):
        return
    # scripts may use the object under its top-level alias (nnscratch.train)
    top, _, rest = name.removeprefix("nnscratch.").partition(".")
    names = [name]
    if rest:
        alias = rest.split(".")[0]
        if getattr(sys.modules["nnscratch"], alias, None) is getattr(
            sys.modules[f"nnscratch.{top}"], alias, None
        ):
            names.append(f"nnscratch.{rest}")
    folder = Path(app.srcdir) / "gen_modules" / "backreferences"
    if any(
        (folder / f"{n}.examples").is_file() and (folder / f"{n}.examples").read_text().strip()
        for n in names
    ):
        lines += ["", ".. rubric:: Gallery examples", "", f".. minigallery:: {' '.join(names)}", ""]


def _publish_notebooks(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    executed = Path(app.outdir).parent / "jupyter_execute"
    target = Path(app.outdir) / "notebooks"
    target.mkdir(exist_ok=True)
    for notebook in sorted(executed.glob("*.ipynb")):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            # myst-nb's nb_merge_streams appends a cell's later stream chunks
            # to the first one in place and leaves them in the saved notebook:
            # keep only the first, which holds the whole text
            seen: set[str] = set()
            outputs = []
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream":
                    if output.get("name") in seen:
                        continue
                    seen.add(output.get("name"))
                outputs.append(output)
            if "outputs" in cell:
                cell["outputs"] = outputs
        (target / notebook.name).write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("nnscratch_source_hash", "", "env")
    app.connect("build-finished", _stamp_gallery)
    app.connect("build-finished", _fix_accessibility)
    app.connect("build-finished", _publish_notebooks)
    app.connect("autodoc-process-docstring", _add_minigallery)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
