"""Build helpers of the nnscratch book (a local Sphinx extension).

Everything here works on the document tree or through documented Sphinx and
sphinx-gallery hooks; nothing rewrites the built HTML. Each step that looks
for a pattern raises an error when an expected pattern is missing, so a
theme, gallery or matplotlib upgrade that changes the markup fails the build
instead of silently undoing the step.

- :class:`ReadableSourceListings` (a transform) makes the ``literalinclude``
  listings of the package and the shown code cells read like code: it
  removes the ``# eq-...`` label comments, puts an "Implements" line with links to those equations under the
  listing, and (once equation numbers are known) turns the Sphinx roles of the
  shown docstrings (``:eq:``, ``:func:``, ``:ref:``, ...) into plain text.
- :class:`AccessibleAnimation` (a transform) makes matplotlib's JavaScript
  animation player in sphinx-gallery's raw HTML work offline and accessibly:
  it drops the Font Awesome 4 stylesheet that the player links from a CDN (the
  theme already bundles Font Awesome) and labels the frame image and slider.
- :func:`figure_scraper` is the gallery's image scraper: each figure is
  written as SVG (what the gallery page shows), as a 2x PNG (for the chapter
  notebooks) and, in a LaTeX build, as a PDF with the same name, so a chapter
  that embeds ``sphx_glr_<script>_<NNN>.*`` gets vector graphics in HTML (SVG)
  and in LaTeX (PDF).
- :func:`matplotlib_style` is run before every gallery script and, through the
  kernel's IPython configuration, before every chapter: one type size for the
  book's figures, so their text is readable at the width the page shows them.
- :func:`_visit_hidden_cell` renders myst-nb's "show code" toggle without
  the label that axe-core reports (a documented ``add_node`` override).
- :func:`_add_minigallery` ends the API entry of every object used by a
  gallery script with thumbnails of those scripts (sphinx-gallery's
  backreferences).
- After a successful build, the package's source hash is stamped into the
  gallery output; ``conf.py`` compares it to decide whether every gallery
  script must re-run because the package changed.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from docutils import nodes
from nnscratch_svg import duplicate_svg_ids, unique_svg_ids
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_SOURCE = ROOT / "src" / "nnscratch"

# --- figures ------------------------------------------------------------------
#: Type size of the book's figures, in points. A figure 11 inches wide is shown
#: about 0.7 times its natural size in the 1280 px layout, so 14 pt text is
#: drawn at about the size of the figure caption. A fixed ``svg.hashsalt``
#: makes the ids inside an SVG the same in every build (matplotlib salts them
#: with a random UUID by default), so that two builds give the same files.
FIGURE_RC = {"font.size": 14.0, "savefig.dpi": 200, "figure.dpi": 100, "svg.hashsalt": "nnscratch"}


def matplotlib_style(gallery_conf: Any = None, fname: Any = None) -> None:  # noqa: ARG001
    """Apply the book's matplotlib settings (a sphinx-gallery ``reset_modules`` entry)."""
    import matplotlib as mpl  # noqa: PLC0415

    mpl.rcParams.update(FIGURE_RC)


#: sphinx-gallery's markup for an animation's HTML player
_ANIMATION_RST = """
.. container:: sphx-glr-animation

    .. raw:: html

{html}
"""


def figure_scraper(block: Any, block_vars: dict[str, Any], gallery_conf: dict[str, Any]) -> str:
    """Write each open figure as SVG (shown), 2x PNG and, for LaTeX, PDF (``.*`` embeds).

    An animation becomes matplotlib's JavaScript player, as with
    sphinx-gallery's own scraper, but without the GIF that scraper also
    renders and that no page shows (3 s of CPU when measured). The PDF is
    drawn only when this build's :func:`figure_formats` include it
    (7 s of CPU for the whole gallery when measured); otherwise an older PDF of
    the figure is deleted, so that a PDF beside an SVG is always current (what
    ``conf.py`` checks to decide whether the gallery must run again).
    """
    import matplotlib.pyplot as plt  # noqa: PLC0415
    from matplotlib.animation import Animation  # noqa: PLC0415
    from sphinx_gallery.scrapers import matplotlib_scraper  # noqa: PLC0415

    paths = block_vars["image_path_iterator"]
    with_pdf = "pdf" in figure_formats()
    open_figures = [plt.figure(number) for number in plt.get_fignums()]
    animations = [
        value
        for value in block_vars["example_globals"].values()
        if isinstance(value, Animation) and value._fig in open_figures
    ]
    if animations:
        # matplotlib's JavaScript player, as sphinx-gallery's own scraper embeds
        # it, without the GIF that scraper also renders (and nothing shows)
        if len(animations) != len(open_figures):
            msg = "a gallery block that makes an animation must draw no other figure"
            raise ExtensionError(msg)
        rst = "".join(
            _ANIMATION_RST.format(html=textwrap.indent(animation.to_jshtml(), " " * 8))
            for animation in animations
        )
        plt.close("all")
        return rst
    bases = []
    for offset, fig in enumerate(open_figures, start=1):
        base = Path(paths.image_path.format(len(paths) + offset)).with_suffix("")
        bases.append(base)
        fig.savefig(base.with_suffix(".png"), dpi=2 * fig.dpi)
        # the layout is in figure coordinates: computed once, for the PNG, it
        # serves the PDF and the SVG too (a quarter to a third less time for those two)
        fig.set_layout_engine("none")
        if with_pdf:
            fig.savefig(base.with_suffix(".pdf"), metadata={"CreationDate": None})
        else:
            base.with_suffix(".pdf").unlink(missing_ok=True)
    rst = matplotlib_scraper(block, block_vars, gallery_conf, format="svg", metadata={"Date": None})
    for base in bases:
        svg = base.with_suffix(".svg")
        svg.write_text(unique_svg_ids(svg.read_text(encoding="utf-8")), encoding="utf-8")
    return rst


#: The formats in which the pages' kernels draw their figures.
FIGURE_FORMATS = ("pdf", "svg")


def figure_formats() -> tuple[str, ...]:
    """The figure formats of this build: ``NNSCRATCH_FIGURE_FORMATS``, both by default.

    HTML and EPUB show SVG, LaTeX includes PDF: ``noxfile.py`` asks each
    builder for its own format only (drawing a figure costs about as much
    again per format), and ``conf.py`` keeps the executed pages of each format
    set in a cache of their own. A bare ``sphinx-build`` draws both.
    """
    value = os.environ.get("NNSCRATCH_FIGURE_FORMATS", ",".join(FIGURE_FORMATS))
    formats = tuple(sorted({part.strip() for part in value.split(",") if part.strip()}))
    if not formats or not set(formats) <= set(FIGURE_FORMATS):
        msg = f"NNSCRATCH_FIGURE_FORMATS must name some of {FIGURE_FORMATS}, got {value!r}"
        raise ExtensionError(msg)
    return formats


def _kernel_config_dir() -> str:
    """An IPython directory whose kernel config draws inline figures in this build's formats."""
    formats = figure_formats()
    folder = Path(tempfile.gettempdir()) / f"nnscratch-ipython-{'-'.join(formats)}"
    profile = folder / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    rc = ", ".join(f"{key!r}: {value!r}" for key, value in FIGURE_RC.items())
    (profile / "ipython_kernel_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.InlineBackend.figure_formats = {set(formats)!r}\n"
        f"c.InlineBackend.rc = {{{rc}}}\n",
        encoding="utf-8",
    )
    return str(folder)


# --- readable listings of the package's source -----------------------------------
_LABEL = r"eq-[a-z0-9]+(?:-[a-z0-9]+)*"
#: a ``# eq-...`` marker comment, with what follows it on the line
_MARKER = re.compile(
    rf"(?P<code>.*?)\s*#\s*(?P<labels>{_LABEL}(?:(?:,\s*|\s+and\s+){_LABEL})*)[,:]?\s*(?P<rest>.*)$"
)
_ROLE = re.compile(r":(?P<role>[a-z]+):`(?P<target>[^`]+)`")


def strip_markers(text: str) -> tuple[str, list[str]]:
    """Remove ``# eq-...`` comments from code; return the code and the labels, in order."""
    labels: list[str] = []
    lines = []
    for line in text.splitlines():
        match = _MARKER.match(line)
        if match is None:
            lines.append(line)
            continue
        labels += [label for label in re.findall(_LABEL, match["labels"]) if label not in labels]
        rest = match["rest"].strip()
        lines.append(f"{match['code']}  # {rest}" if rest else match["code"])
    return "\n".join(lines) + ("\n" if text.endswith("\n") else ""), labels


def plain_roles(text: str, resolve_eq: Any, resolve_ref: Any) -> str:
    """Replace Sphinx roles in docstring text by what a reader would see."""

    def replace(match: re.Match[str]) -> str:
        role, target = match["role"], match["target"]
        if role == "eq":
            return str(resolve_eq(target))
        if role == "ref":
            return str(resolve_ref(target))
        if role in ("func", "meth"):
            return target.lstrip("~").rsplit(".", 1)[-1] + "()"
        if role in ("class", "mod", "attr", "data", "obj", "exc"):
            return target.lstrip("~").rsplit(".", 1)[-1] if target.startswith("~") else target
        if role == "math":
            return target
        msg = f"no plain form for the role :{role}: in a listing of the package"
        raise ExtensionError(msg)

    return _ROLE.sub(replace, text)


#: sphinx-gallery's output folder (``gallery_dirs`` in conf.py)
GALLERY_DIR = "auto_examples"


class ReadableSourceListings(SphinxTransform):
    """Strip ``# eq-...`` markers from listings of src/, shown code cells and gallery code.

    Each listing with markers is followed by an "Implements" line that links the equations.
    """

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:  # noqa: ARG002
        for block in list(self.document.findall(nodes.literal_block)):
            source = block.get("source", "")
            listing = bool(source) and Path(source).resolve().is_relative_to(PACKAGE_SOURCE)
            cell = block.parent if isinstance(block.parent, nodes.container) else None
            if cell is not None and cell.get("nb_element") == "cell_code_source":
                cell = cell.parent  # the code cell: source and outputs
            else:
                cell = None
            language = block.get("language", "").lower()
            in_gallery = self.env.docname.startswith(f"{GALLERY_DIR}/")
            gallery = in_gallery and language in ("python", "python3", "py")
            if not listing and cell is None and not gallery:
                continue
            text, labels = strip_markers(block.astext())
            block["nnscratch_listing"] = listing
            block.children = [nodes.Text(text)]
            block.rawsource = text
            if not labels:
                continue
            para = nodes.paragraph(classes=["nnscratch-implements"])
            para += nodes.Text("Implements ")
            for i, label in enumerate(labels):
                if i:
                    para += nodes.Text(", " if i < len(labels) - 1 else " and ")
                ref = addnodes.pending_xref(
                    "",
                    nodes.Text(label),
                    refdomain="math",
                    reftype="eq",
                    reftarget=label,
                    refdoc=self.env.docname,
                    refexplicit=False,
                    refwarn=True,
                )
                para += ref
            para += nodes.Text(".")
            # after the code cell, or after the listing (and its caption)
            anchor = cell if cell is not None else block
            if cell is None and isinstance(block.parent, nodes.container):
                anchor = block.parent
            anchor.parent.insert(anchor.parent.index(anchor) + 1, para)


def _plain_docstring_roles(app: Any, doctree: nodes.document, docname: str) -> None:
    resolve_eq, resolve_ref = _equation_and_section_resolvers(app, docname)

    for block in doctree.findall(nodes.literal_block):
        if block.get("nnscratch_listing"):
            text = plain_roles(block.astext(), resolve_eq, resolve_ref)
            block.children = [nodes.Text(text)]
            block.rawsource = text


def _equation_and_section_resolvers(app: Any, docname: str) -> tuple[Any, Any]:
    """Functions that give the number of an equation and the title of a section."""
    env = app.env
    math = env.get_domain("math")
    std = env.get_domain("std")

    def resolve_eq(label: str) -> str:
        node = addnodes.pending_xref("", refdomain="math", reftype="eq", reftarget=label)
        ref = math.resolve_xref(env, docname, app.builder, "eq", label, node, nodes.Text(""))
        if ref is None:
            msg = f"{docname}: a listing names the unknown equation {label!r}"
            raise ExtensionError(msg)
        return f"Eq. {ref.astext()}"

    def resolve_ref(label: str) -> str:
        if label not in std.labels:
            msg = f"{docname}: a listing names the unknown section {label!r}"
            raise ExtensionError(msg)
        return f'"{std.labels[label][2]}"'

    return resolve_eq, resolve_ref


def _readable_module_pages(app: Any) -> list[Any]:
    """The highlighted source pages of sphinx.ext.viewcode read like the listings.

    Runs on ``html-collect-pages`` before viewcode writes its ``_modules`` pages
    (priority 400 < 500): the source it kept for each module loses its
    ``# eq-...`` markers and the Sphinx roles of its docstrings (equation
    numbers and section titles are known by then). Lines are never added or
    removed, so viewcode's ``[docs]`` anchors stay on their lines.
    """
    modules = getattr(app.env, "_viewcode_modules", None)
    if modules is None:
        if "sphinx.ext.viewcode" in app.extensions:
            msg = "sphinx.ext.viewcode changed: no _viewcode_modules in the environment"
            raise ExtensionError(msg)
        return []
    for modname, entry in list(modules.items()):
        if not entry:
            continue
        code, *rest = entry
        resolve_eq, resolve_ref = _equation_and_section_resolvers(
            app, "_modules/" + modname.replace(".", "/")
        )
        plain, _ = strip_markers(code)
        plain = plain_roles(plain, resolve_eq, resolve_ref)
        if plain.count("\n") != code.count("\n"):
            msg = f"{modname}: making the source readable changed its number of lines"
            raise ExtensionError(msg)
        modules[modname] = (plain, *rest)
    return []


# --- citations ------------------------------------------------------------------
def _visit_citation(self: Any, node: nodes.citation) -> None:
    """docutils' citation markup with a role that a ``role="list"`` may contain.

    docutils wraps consecutive citations in ``<div role="list">`` and gives each
    ``role="doc-biblioentry"``, a role that is not a list item (deprecated in
    DPUB-ARIA 1.1): axe-core's aria-required-children rule fails. Each entry is
    a ``listitem`` instead.
    """
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def _depart_citation(self: Any, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


# --- the sidebar's expand/collapse buttons ---------------------------------------
def _label_toctree_toggles(
    app: Any,  # noqa: ARG001
    pagename: str,  # noqa: ARG001
    templatename: str,  # noqa: ARG001
    context: dict[str, Any],
    doctree: Any,  # noqa: ARG001
) -> None:
    """Give the navigation's ``<summary>`` toggles an accessible name.

    pydata-sphinx-theme puts a ``<summary>`` holding only a chevron icon next
    to each page of the navigation that has sub-pages: a control without a name
    (axe: summary-name). The theme's ``generate_toctree_html`` (a template
    function set on ``html-page-context``) is wrapped so that each such summary
    is labelled "Pages under <title>".
    """
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "nnscratch_labelled", False):
        return

    def labelled(kind: str, *args: Any, **kwargs: Any) -> Any:
        soup = generate(kind, *args, **kwargs)
        if kind != "sidebar" or isinstance(soup, str):
            return soup
        for summary in soup.select("li.has-children > details > summary"):
            if summary.get_text(strip=True):
                continue  # a part caption names its summary
            link = summary.find_parent("li").find("a", recursive=False)
            if link is None:
                msg = "pydata-sphinx-theme changed: a navigation toggle without its page link"
                raise ExtensionError(msg)
            summary["aria-label"] = f"Pages under {link.get_text(strip=True)}"
        return soup

    labelled.nnscratch_labelled = True  # type: ignore[attr-defined]
    context["generate_toctree_html"] = labelled


# --- matplotlib's JavaScript animation player -----------------------------------
#: (pattern, replacement) pairs applied to the raw HTML of a jshtml animation;
#: each pattern must match at least once
_ANIMATION_FIXES = (
    (re.compile(r'<link rel="stylesheet"\s+href="https://[^"]*font-awesome[^"]*">'), ""),
    (
        re.compile(r'<img id="(_anim_img\w+)">'),
        r'<img alt="One frame of the animation; the controls below play it" id="\1">',
    ),
    (re.compile(r'<input id="(_anim_slider\w+)"'), r'<input aria-label="Animation frame" id="\1"'),
)


def fix_animation_html(html: str) -> str:
    """Apply :data:`_ANIMATION_FIXES`; raise if one of them finds nothing to change."""
    for pattern, replacement in _ANIMATION_FIXES:
        html, count = pattern.subn(replacement, html)
        if count == 0:
            msg = f"animation markup changed: {pattern.pattern!r} matched nothing"
            raise ExtensionError(msg)
    return html


class AccessibleAnimation(SphinxTransform):
    """Offline, labelled animation player (see :func:`fix_animation_html`)."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:  # noqa: ARG002
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split() or "_anim_img" not in raw.astext():
                continue
            html = fix_animation_html(raw.astext())
            raw.replace_self(nodes.raw(raw.rawsource, html, format="html"))


# --- gallery thumbnails in the API reference ------------------------------------
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
    # sphinx-gallery records an object under the name the scripts use: the
    # top-level alias (nnscratch.train) when the package re-exports it
    import nnscratch  # noqa: PLC0415

    module, _, rest = name.removeprefix("nnscratch.").partition(".")
    head = rest.split(".")[0]
    if rest and getattr(nnscratch, head, None) is getattr(sys.modules[f"nnscratch.{module}"], head):
        name = f"nnscratch.{rest}"
    backreferences = Path(app.srcdir) / "gen_modules" / "backreferences" / f"{name}.examples"
    if backreferences.is_file() and backreferences.read_text(encoding="utf-8").strip():
        lines += ["", ".. rubric:: Gallery examples", "", f".. minigallery:: {name}", ""]


# --- myst-nb's "show code" toggles ------------------------------------------------
def _visit_hidden_cell(self: Any, node: Any) -> None:
    """myst-nb's markup for a hidden cell input, minus the summary's aria-label.

    The label "Toggle hidden content" differs from the visible text ("Show code
    cell source"), which fails WCAG 2.5.3 (axe: label-content-name-mismatch);
    without it the visible text names the control.
    """
    from html import escape  # noqa: PLC0415

    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


# --- build events --------------------------------------------------------------
def _stamp_gallery(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "latex"):
        return
    stamp = Path(app.srcdir) / "auto_examples" / ".nnscratch-source-hash"
    if stamp.parent.is_dir():
        stamp.write_text(app.config.nnscratch_source_hash + "\n")


def _check_svg_ids(app: Any, exception: Exception | None) -> None:
    """Fail an HTML build whose SVG figures repeat an ``id`` (invalid XML, and EPUB)."""
    if exception is not None or app.builder.name != "html":
        return
    bad = {
        svg.name: duplicates
        for svg in sorted((Path(app.outdir) / "_images").glob("*.svg"))
        if (duplicates := duplicate_svg_ids(svg.read_text(encoding="utf-8")))
    }
    if bad:
        msg = f"SVG figures with repeated ids: {bad}"
        raise ExtensionError(msg)


def setup(app: Any) -> dict[str, Any]:
    # the executing kernels inherit this: chapter figures as SVG (HTML) and/or PDF (LaTeX)
    os.environ["IPYTHONDIR"] = _kernel_config_dir()
    app.add_config_value("nnscratch_source_hash", "", "env")
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput  # noqa: PLC0415

    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_cell, depart_HideCellInput))
    app.add_transform(ReadableSourceListings)
    app.add_transform(AccessibleAnimation)
    app.add_node(nodes.citation, override=True, html=(_visit_citation, _depart_citation))
    app.connect("doctree-resolved", _plain_docstring_roles)
    app.connect("html-collect-pages", _readable_module_pages, priority=400)
    # after the theme's own handler (500) has set generate_toctree_html
    app.connect("html-page-context", _label_toctree_toggles, priority=600)
    app.connect("build-finished", _stamp_gallery)
    app.connect("build-finished", _check_svg_ids)
    app.connect("autodoc-process-docstring", _add_minigallery)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
