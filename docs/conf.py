"""Sphinx configuration of the nnscratch book.

The build is strict (``sphinx-build -W --keep-going -n``): a failing cell, a
failing gallery script, a warning or a broken reference fails it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

HERE = Path(__file__).parent.resolve()
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))

from nnscratch_docs import figure_formats

import nnscratch

project = "A non-linear neural network from scratch"
author = "The nnscratch authors"
copyright = "2026, The nnscratch authors"
release = version = nnscratch.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "sphinx_gallery.gen_gallery",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",
    "sphinx_design",
    "nnscratch_docs",
    "nnscratch_notebooks",
    "nnscratch_build",  # build-time housekeeping: old caches, MathJax
]

exclude_patterns = [
    "_build",
    "jupyter_execute",
    "**.ipynb_checkpoints",
    # sphinx-gallery writes .py/.ipynb copies next to its .rst pages:
    # myst-nb must not read them as documents.
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
    "auto_examples/*.md5",
    "auto_examples/*.zip",
    "auto_examples/*.json",
]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb"}
root_doc = "index"
nitpicky = True
# Nothing is ignored: numpydoc's plain-text types ("ndarray of shape (n, k)")
# are not cross-references, and signatures omit type hints (see below).
numfig = True
math_numfig = True
numfig_secnum_depth = 1
math_eqref_format = "({number})"
pygments_style = "sphinx"

# --- MyST and notebook execution ---------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_heading_anchors = 3
myst_dmath_double_inline = True
nb_execution_mode = "cache"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 300
nb_merge_streams = True
nb_render_image_options = {"width": "100%"}
# a page without code cells needs no kernel (about a second of CPU each)
nb_execution_excludepatterns = sorted(
    path.name
    for path in HERE.glob("*.md")
    if "```{code-cell}" not in path.read_text(encoding="utf-8")
)


def _source_hash() -> str:
    """Hash of the package's sources: part of the execution cache's path.

    myst-nb's cache keys a page only on its own code cells, so a change to
    ``src/nnscratch`` would leave stale outputs. Putting this hash in the cache
    path (a config value, so Sphinx re-reads every page when it changes) makes
    any change to the package re-execute every page that imports it, while a
    prose-only edit still reuses the cache.
    """
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "nnscratch").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


SOURCE_HASH = _source_hash()
nnscratch_source_hash = SOURCE_HASH  # read by _ext/nnscratch_docs.py
_CACHE_ROOT = Path(os.environ.get("NNSCRATCH_CACHE_DIR", HERE / "_build" / ".jupyter_cache"))
# one cache per package source and per set of figure formats (SVG for HTML and
# EPUB, PDF for LaTeX: see nnscratch_docs.figure_formats);
# _ext/nnscratch_build.py deletes the caches of older package sources
nb_execution_cache_path = str(_CACHE_ROOT / SOURCE_HASH / "-".join(figure_formats()))

# --- API reference -----------------------------------------------------------
autodoc_typehints = "none"  # types are in the numpydoc "Parameters" sections
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": False}
numpydoc_show_class_members = False

# --- Gallery -----------------------------------------------------------------
_GALLERY_STAMP = HERE / "auto_examples" / ".nnscratch-source-hash"
_GALLERY_FIGURES = sorted((HERE / "auto_examples" / "images").glob("sphx_glr_*.svg"))
_gallery_is_stale = (
    not _GALLERY_STAMP.exists()
    or _GALLERY_STAMP.read_text().strip() != SOURCE_HASH
    # an HTML build draws no PDF (and deletes older ones): a LaTeX build then
    # runs the gallery again (see nnscratch_docs.figure_scraper)
    or any(
        not svg.with_suffix(f".{fmt}").exists()
        for svg in _GALLERY_FIGURES
        for fmt in ("png", *figure_formats())
    )
)
sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "gallery"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "abort_on_example_error": True,
    # two processes (joblib): the scripts are independent, and the reading of
    # the pages (which execute them) waits for the whole gallery
    "parallel": 2,
    "only_warn_on_example_error": False,
    # a script re-runs when its own text changes, and every script re-runs
    # when the package changes (sphinx-gallery alone only sees the former)
    "run_stale_examples": _gallery_is_stale,
    # matplotlib's defaults, then the book's type size and resolution
    "reset_modules": ("matplotlib", "nnscratch_docs.matplotlib_style"),
    "reset_modules_order": "both",
    "doc_module": ("nnscratch",),
    "backreferences_dir": "gen_modules/backreferences",
    "inspect_global_variables": False,
    "write_computation_times": False,
    "show_memory": False,
    "matplotlib_animations": (True, "jshtml"),
    "remove_config_comments": True,
    # no repr of a block's last expression (e.g. "<Legend object at 0x...>"):
    # noise for the reader, and a memory address changes between builds
    "capture_repr": (),
    "min_reported_time": 3600,  # keep timings out of the pages: builds are reproducible
    "download_all_examples": True,
    "within_subsection_order": "nnscratch_gallery_order.BookOrder",
    # SVG on the gallery pages; a 2x PNG of each figure beside it and, when
    # LaTeX is built, a PDF, so chapters embed `sphx_glr_<script>_<NNN>.*`
    # (SVG in HTML, PDF in LaTeX)
    "image_scrapers": ("nnscratch_docs.figure_scraper",),
}

# --- Bibliography ------------------------------------------------------------
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "author_year"

# --- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "A non-linear neural network from scratch"
html_static_path = ["_static"]
html_css_files = ["nnscratch.css"]
html_js_files = ["nnscratch.js"]
templates_path = ["_templates"]
html_last_updated_fmt = None
html_show_sourcelink = True
# follow the reader's light/dark preference (and set a mode, so the theme
# logs no "invalid theme mode" error on a first visit)
html_context = {"default_mode": "auto"}
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
    # one search box: the sidebar's field (the header's icon on a phone)
    "navbar_persistent": [],
}

# MathJax 3 served from this build (no CDN), so offline readers see rendered
# math: `npm ci` installs it from package-lock.json and _ext/nnscratch_build.py
# copies it into _static/mathjax when an HTML build starts.
mathjax_path = "mathjax/tex-mml-chtml.js"

# --- LaTeX / PDF -------------------------------------------------------------
# The printed book: title, contents, preface, chapters, bibliography, index;
# chapters open on any page and no page is left blank (oneside, openany).
# Print-only changes of the chapters are made by _ext/nnscratch_print.py.
latex_engine = "xelatex"
latex_use_xindy = False  # makeindex builds the subject index
latex_documents = [
    (root_doc, "nnscratch.tex", project, author, "manual"),
]
latex_show_urls = "footnote"
latex_show_pagerefs = False
latex_domain_indices = False  # no Python module index: the API chapter is short
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "extraclassoptions": "openany,oneside",
    # one family for text, mathematics and code: Latin Modern (the OpenType
    # version of Computer Modern, the design of TeX's mathematics; its mono
    # font has no bold: the bold of its light weight)
    "fontpkg": r"""
\setmainfont{Latin Modern Roman}
\setsansfont{Latin Modern Sans}
\setmonofont{lmmono10-regular.otf}[
  ItalicFont = lmmono10-italic.otf,
  BoldFont = lmmonolt10-bold.otf,
  BoldItalicFont = lmmonolt10-boldoblique.otf,
]
""",
    "preamble": r"""
\usepackage{amsmath,amssymb}
\usepackage{nnscratchprint}
""",
    "sphinxsetup": "verbatimwithframe=false, VerbatimColor={RGB}{246,246,246}",
    # a figure stays where the text puts it, under its heading and next to
    # the code that draws it, instead of floating to another page
    "figure_align": "H",
    "tableofcontents": r"\sphinxtableofcontents",
    "printindex": r"\printindex",
    "makeindex": r"\makeindex",
}
latex_additional_files = ["_static/latex/nnscratchprint.sty"]

# --- EPUB ----------------------------------------------------------------------
# `nox -s epub`: an EPUB 3 with every formula as an SVG image (imgmath +
# dvisvgm, selected with -D html_math_renderer=imgmath), checked by epubcheck.
epub_basename = "nnscratch"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_language = "en"
epub_identifier = "nnscratch-book"
epub_uid = "nnscratch-book"  # epubcheck wants both, the same plain name
epub_scheme = "URL"
epub_show_urls = "no"
epub_tocdepth = 2
epub_tocdup = False
epub_use_index = True
epub_description = (
    "A one-hidden-layer neural network classifier, derived equation by equation and built in numpy."
)
epub_exclude_files = ["search.html", "_static/nnscratch.js"]

# --- Print and EPUB editions (subject index, print-only transforms) -------------
extensions += ["sphinx.ext.imgmath", "nnscratch_print"]
html_math_renderer = "mathjax"  # the website; the EPUB build passes imgmath
imgmath_image_format = "svg"
imgmath_use_preview = True  # formulas sit on the text's baseline
imgmath_font_size = 14
imgmath_latex_preamble = r"""
\usepackage{amsmath,amssymb}
"""
numfig_format = {
    "figure": "Figure %s",
    "table": "Table %s",
    "code-block": "Listing %s",
    "section": "Section %s",
}
