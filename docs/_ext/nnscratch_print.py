"""The printed (LaTeX/PDF) and EPUB editions of the nnscratch book (a local Sphinx extension).

The chapters are written once, for every builder; this extension adds what a
printed book needs and removes what only a website needs, without editing them.
Every step that looks for a pattern raises an error when the pattern is
missing, so a chapter edit that moves a target fails the build instead of
silently dropping an index entry.

- :data:`INDEX` is the subject index: a table *term -> place*, where a place is
  an equation label (``eq-...``), a section label (``sec-...``), a heading
  (``#Heading``) or the first paragraph of a chapter that contains a phrase
  (``~phrase``). :func:`add_index_entries` inserts Sphinx ``index`` nodes there
  when a chapter is read, so the PDF ends with a real index and the HTML has the
  same entries in ``genindex``.
- :class:`NoParenthesisedEqref` turns ``({eq}`label`)`` into ``{eq}`label``` for
  every builder: an equation reference already prints its parentheses.
- :class:`PrintedSignatures` (LaTeX only) prints the ``*`` and ``/`` of the
  API's signatures without the screen-reader explanation that the PDF would show
  as text ("Keyword-only parameters separator (PEP 3102)").
- :class:`BibliographyUrls` (LaTeX only) prints a bibliography entry's DOI or
  URL as the address itself, so no footnote mark runs into it.
- :func:`assemble_print_edition` (LaTeX) leaves the sphinx-gallery pages out of
  the printed book (every gallery figure is printed in its chapter) and prints a
  reference to a gallery page as the script's file name; it drops the "Gallery
  examples" rubrics of the API chapter (the thumbnails they head are HTML only)
  and the empty "References" chapter (the bibliography is printed at the end,
  under that title).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.nodes import make_id
from nnscratch_notebooks import strip_glue
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

# --- the subject index ---------------------------------------------------------
#: chapter -> [(index entry, place)]. An entry "a; b" is "b" under "a".
#: Places: "eq-..." an equation, "sec-..." a section label, "#Title" a heading
#: of that chapter, "~phrase" the first paragraph that contains the phrase.
INDEX: dict[str, list[tuple[str, str]]] = {
    "notation": [
        ("notation", "sec-notation"),
        ("row vector convention", "#Rows are samples"),
        ("shape annotation", "#Reading a shape annotation"),
    ],
    "linear-stacking": [
        ("linear layer", "eq-linear-layer"),
        ("linear layer; stacking", "eq-stacked-linear"),
        ("linear layer; decision boundary", "eq-linear-boundary"),
    ],
    "activations": [
        ("activation function", "sec-activations"),
        ("softmax", "eq-softmax"),
        ("softmax; shift invariance", "eq-softmax-shift"),
        ("softmax; Jacobian", "eq-softmax-jacobian"),
        ("softmax; Jacobian norm", "eq-softmax-jacobian-bound"),
        ("softmax; saturation", "eq-softmax-saturation"),
        ("logit", "~logit"),
        ("logistic function", "eq-logistic"),
        ("logistic function; derivative", "eq-logistic-grad"),
        ("sigmoid|see{logistic function}", "eq-logistic"),
        ("hyperbolic tangent (tanh)", "eq-tanh"),
        ("hyperbolic tangent (tanh); derivative", "eq-tanh-grad"),
        ("tanh|see{hyperbolic tangent}", "eq-tanh"),
        ("ReLU (rectified linear unit)", "eq-relu"),
        ("ReLU (rectified linear unit); derivative", "eq-relu-grad"),
        ("rectified linear unit|see{ReLU}", "eq-relu"),
        ("leaky ReLU", "eq-leaky-relu"),
        ("leaky ReLU; derivative", "eq-leaky-relu-grad"),
        ("softplus", "eq-softplus"),
        ("softplus; derivative", "eq-softplus-grad"),
        ("chain rule", "~chain rule"),
    ],
    "data": [
        ("rings data set", "#A blob inside two rings"),
        ("spiral data set", "#A harder case: the spiral"),
        ("linear separability", "#Why no straight line separates the classes"),
    ],
    "forward": [
        ("forward pass", "sec-forward"),
        ("forward pass; matrix form", "eq-forward-hidden"),
        ("broadcasting", "eq-forward-broadcast"),
        ("decision rule", "eq-decision-rule"),
        ("initialisation; variance of a pre-activation", "eq-init-variance"),
        ("initialisation; He", "eq-init-he"),
        ("initialisation; Glorot", "eq-init-glorot"),
        ("He initialisation", "eq-init-he"),
        ("Glorot initialisation", "eq-init-glorot"),
        ("Xavier initialisation|see{Glorot initialisation}", "eq-init-glorot"),
    ],
    "backprop": [
        ("backpropagation", "sec-backprop"),
        ("chain rule", "~chain rule"),
        ("computational graph", "~computational graph"),
        ("cross-entropy", "eq-xent"),
        ("cross-entropy; gradient", "eq-xent-grad"),
        ("cost function|see{cross-entropy}", "eq-xent"),
        ("delta (backpropagation)", "eq-delta-hidden"),
        ("backpropagation; output layer", "eq-grad-w"),
        ("backpropagation; by hand", "sec-backprop-by-hand"),
        ("backpropagation; any depth", "eq-delta-recursion"),
    ],
    "gradient-checking": [
        ("gradient checking", "sec-gradcheck"),
        ("finite differences; forward", "eq-forward-difference"),
        ("finite differences; central", "eq-central-difference"),
        ("central difference", "eq-central-difference"),
        ("rounding error", "#Rounding error, and the choice of $\\varepsilon$"),
        ("relative error", "eq-relative-error"),
        ("kink", "#Kinks"),
    ],
    "training": [
        ("gradient descent", "eq-gd-update"),
        ("learning rate", "eq-gd-update"),
        ("step size|see{learning rate}", "eq-gd-update"),
        ("mean versus summed cost", "#Mean or sum: the step size and the size of the data"),
        ("held-out data", "#Ten seeds, and held-out data"),
        ("dead unit", "#Why ReLU runs get stuck: dead units and oscillation"),
        (
            "ReLU (rectified linear unit); dead units",
            "#Why ReLU runs get stuck: dead units and oscillation",
        ),
    ],
    "decision-boundaries": [
        ("decision boundary", "sec-boundaries"),
        ("decision boundary; piecewise linear", "eq-relu-boundary-piece"),
        ("linear region", "eq-relu-affine-region"),
        ("activation pattern", "eq-activation-pattern"),
        ("Bayes-optimal classifier", "~Bayes classifier"),
        ("hidden space", "#The hidden space"),
    ],
    "going-further": [
        ("vanishing gradients", "sec-vanishing-gradients"),
        ("deep network", "#Deeper and wider networks, with the same code"),
        ("stochastic gradient descent", "#Mini-batches and stochastic gradient descent"),
        ("mini-batch", "#Mini-batches and stochastic gradient descent"),
        ("momentum", "eq-momentum"),
        ("Adam", "#Momentum and Adam"),
        ("regularisation", "#Regularisation and early stopping"),
        ("early stopping", "#Regularisation and early stopping"),
        ("automatic differentiation", "#Automatic differentiation"),
        ("convolution", "#Why dense layers scale badly, and what convolution changes"),
        ("universal approximation", "#How far can one hidden layer go?"),
    ],
}


def _entry(term: str, target_id: str) -> tuple[str, str, str, str, None]:
    if "|see{" in term:
        term, see = term.split("|see{")
        return ("see", f"{term}; {see.rstrip('}')}", target_id, "", None)
    return ("single", term, target_id, "", None)


def _section_title(section: nodes.section) -> str:
    title = section.next_node(nodes.title)
    return title.astext() if title is not None else ""


def add_index_entries(app: Any, doctree: nodes.document) -> None:
    """Insert the :data:`INDEX` entries of the chapter just read."""
    docname = app.env.docname
    entries = INDEX.get(docname)
    if not entries:
        return
    std = app.env.get_domain("std")
    for number, (term, place) in enumerate(entries):
        index = addnodes.index(entries=[], inline=False)
        if place.startswith("eq-"):
            block = next(
                (m for m in doctree.findall(nodes.math_block) if m.get("label") == place), None
            )
            if block is None:
                msg = f"index: no equation {place!r} in {docname}"
                raise ExtensionError(msg)
            target_id = make_id(f"equation-{place}")
            block.parent.insert(block.parent.index(block), index)
        elif place.startswith(("sec-", "#")):
            if place.startswith("sec-"):
                if std.labels.get(place, ("",))[0] != docname:
                    msg = f"index: no section label {place!r} in {docname}"
                    raise ExtensionError(msg)
                section = next(
                    (s for s in doctree.findall(nodes.section) if place in s["ids"]), None
                )
            else:
                section = next(
                    (
                        s
                        for s in doctree.findall(nodes.section)
                        if _section_title(s) == _plain_title(place[1:])
                    ),
                    None,
                )
            if section is None:
                msg = f"index: no section {place!r} in {docname}"
                raise ExtensionError(msg)
            target_id = section["ids"][0]
            section.insert(1, index)  # after the title
        elif place.startswith("~"):
            phrase = place[1:].casefold()
            para = next(
                (
                    p
                    for p in doctree.findall(
                        lambda n: isinstance(n, (nodes.paragraph, nodes.caption))
                    )
                    if phrase in p.astext().casefold()
                ),
                None,
            )
            if para is None:
                msg = f"index: no paragraph with {place[1:]!r} in {docname}"
                raise ExtensionError(msg)
            if isinstance(para, nodes.caption):  # a figure's: index the figure
                figure = para.parent
                if not figure["ids"]:
                    msg = f"index: the figure with {place[1:]!r} in {docname} has no label"
                    raise ExtensionError(msg)
                target_id = figure["ids"][0]
                figure.parent.insert(figure.parent.index(figure), index)
            else:
                target_id = f"index-nnscratch-{number}"
                index["inline"] = True
                target = nodes.target("", "", ids=[target_id])
                para.insert(0, target)
                para.insert(0, index)
                doctree.note_explicit_target(target)
        else:
            msg = f"index: unknown place {place!r}"
            raise ExtensionError(msg)
        index["entries"] = [_entry(term, target_id)]
        # Sphinx's index domain has already collected this page's entries
        # (before doctree-read): add these for the HTML and EPUB genindex
        app.env.get_domain("index").entries.setdefault(docname, []).extend(index["entries"])


def _plain_title(markdown: str) -> str:
    """A heading as docutils prints it: inline math without the dollar signs."""
    return re.sub(r"\$([^$]+)\$", r"\1", markdown)


# --- equation references ---------------------------------------------------------
class NoParenthesisedEqref(SphinxTransform):
    """``({eq}`x`)`` prints "((7.1))": drop the outer parentheses."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:  # noqa: ARG002
        for ref in list(self.document.findall(addnodes.pending_xref)):
            if ref.get("refdomain") != "math" or ref.get("reftype") != "eq":
                continue
            parent = ref.parent
            i = parent.index(ref)
            if i == 0 or i + 1 >= len(parent):
                continue
            before, after = parent[i - 1], parent[i + 1]
            if not (isinstance(before, nodes.Text) and isinstance(after, nodes.Text)):
                continue
            if before.endswith("(") and after.startswith(")"):
                parent.replace(before, nodes.Text(str(before)[:-1]))
                parent.replace(after, nodes.Text(str(after)[1:]))


# --- LaTeX only -----------------------------------------------------------------
class PrintedSignatures(SphinxPostTransform):
    """Signature separators ``*`` and ``/`` without their screen-reader explanation."""

    default_priority = 390
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:  # noqa: ARG002
        for sig in self.document.findall(addnodes.desc_signature):
            for abbr in list(sig.findall(nodes.abbreviation)):
                abbr.replace_self(nodes.Text(abbr.astext()))


class BibliographyUrls(SphinxPostTransform):
    """A bibliography entry's link prints its address (no footnote mark after it)."""

    default_priority = 390  # before Sphinx's ShowUrlsTransform (400)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:  # noqa: ARG002
        for citation in self.document.findall(nodes.citation):
            for ref in list(citation.findall(nodes.reference)):
                uri = ref.get("refuri", "")
                if uri.startswith(("http://", "https://")) and ref.astext() != uri:
                    ref.children = [nodes.Text(uri)]


class HiddenCellParts(SphinxPostTransform):
    """A printed page and an e-book cannot unfold a hidden cell part: leave it out.

    Shown code loses its ``glue`` import and calls, as in the notebooks
    (:func:`nnscratch_notebooks.strip_glue`): they only feed numbers to the text.

    On the website a cell tagged ``hide-input`` shows its output and folds its
    code away (``hide-output``: the output, ``hide-cell``: both); the PDF and
    the EPUB show what the website shows unfolded, and nothing else.
    """

    default_priority = 150  # before myst-nb wraps hidden parts for HTML (199)

    def run(self, **kwargs: Any) -> None:  # noqa: ARG002
        if self.app.builder.name not in ("latex", "epub"):
            return
        drop = {"input": ("cell_code_source",), "output": ("cell_code_output",)}
        drop["all"] = drop["input+output"] = drop["input"] + drop["output"]
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") != "cell_code":
                continue
            for part in list(cell.children):
                if part.get("nb_element") in drop.get(cell.get("hide_mode") or "", ()):
                    cell.remove(part)
                elif part.get("nb_element") == "cell_code_source":
                    # what the notebooks leave out: the glue import and calls
                    for block in part.findall(nodes.literal_block):
                        code = strip_glue(block.astext())
                        block.children = [nodes.Text(code)]
                        block.rawsource = code
                    if not part.astext().strip():
                        cell.remove(part)
            cell["hide_mode"] = ""
            if not cell.children:
                cell.parent.remove(cell)


class NumberedSectionReferences(SphinxPostTransform):
    """In print, a reference to a chapter or section reads "Chapter 7", "Section 7.2".

    A section of another chapter also gets its page: "Section 7.2 (page 54)".
    """

    default_priority = 5  # before the references are resolved (10)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:  # noqa: ARG002
        env = self.env
        std = env.get_domain("std")
        for ref in list(self.document.findall(addnodes.pending_xref)):
            if ref.get("refdomain") != "std" or ref.get("reftype") != "ref":
                continue
            if ref.get("refexplicit"):
                continue
            docname, label_id, _title = std.labels.get(ref["reftarget"], ("", "", ""))
            if not docname or docname.startswith(GALLERY_PREFIX):
                continue
            number = self._number(docname, label_id)
            if number is None:
                continue
            word = "Chapter" if len(number) == 1 else "Section"
            text = f"{word}\N{NO-BREAK SPACE}{'.'.join(map(str, number))}"
            ref["refexplicit"] = True
            ref.children = [nodes.inline("", text, classes=["std", "std-ref"])]
            if len(number) > 1 and ref.get("refdoc") != docname:
                # a section of another chapter: its page helps the reader
                page = f" (page~\\pageref{{\\detokenize{{{docname}:{label_id}}}}})"
                ref.parent.insert(ref.parent.index(ref) + 1, nodes.raw("", page, format="latex"))

    def _number(self, docname: str, label_id: str) -> tuple[int, ...] | None:
        numbers = self.env.toc_secnumbers.get(docname)
        if not numbers:
            return None
        cache = self.env.__dict__.setdefault("_nnscratch_section_ids", {})
        if docname not in cache:
            doctree = self.env.get_doctree(docname)
            first = doctree.next_node(nodes.section)
            cache[docname] = {
                i: ("" if s is first else "#" + s["ids"][0])
                for s in doctree.findall(nodes.section)
                for i in s["ids"]
            }
        anchor = cache[docname].get(label_id)
        return numbers.get(anchor) if anchor is not None else None


GALLERY_PREFIX = "auto_examples/"


def assemble_print_edition(app: Any, doctree: nodes.document, docname: str) -> None:
    """Shape the LaTeX builder's one-document tree into the printed book."""
    if app.builder.name != "latex" or docname != app.config.root_doc:
        return
    # the gallery pages: left out (their figures are printed in the chapters)
    gallery = [
        f
        for f in doctree.findall(addnodes.start_of_file)
        if f["docname"].startswith(GALLERY_PREFIX)
    ]
    if app.config.nnscratch_print_gallery is False:
        for node in gallery:
            node.parent.remove(node)
        for ref in list(doctree.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if uri.startswith("%" + GALLERY_PREFIX):
                script = uri.split("#")[0].removeprefix("%" + GALLERY_PREFIX)
                if script == "index":
                    ref.replace_self(nodes.Text("figure gallery of the HTML edition"))
                else:
                    ref.replace_self(nodes.literal("", f"gallery/{script}.py"))
        for rubric in list(doctree.findall(nodes.rubric)):
            if rubric.astext() == "Gallery examples":
                rubric.parent.remove(rubric)
    # the "References" page holds only the bibliography, which LaTeX prints
    # at the end of the book: its empty chapter heading goes
    for start in list(doctree.findall(addnodes.start_of_file)):
        if start["docname"] != "references":
            continue
        if any(isinstance(n, nodes.paragraph) for n in start.findall(nodes.paragraph)):
            msg = "references: text besides the bibliography would be lost in print"
            raise ExtensionError(msg)
        # Sphinx's LaTeX builder gathers the entries at the end of the book
        citations = list(doctree.findall(nodes.citation))
        if not citations:
            msg = "references: no bibliography entries"
            raise ExtensionError(msg)
        section = start.next_node(nodes.section)
        # keep the labels (cross-references to the references chapter) and the citations
        # (inside the page's start_of_file node: labels keep its document name)
        labelled = {i for t in section.findall(nodes.target) for i in t["ids"]}
        labelled |= {t["refid"] for t in section.findall(nodes.target) if t.get("refid")}
        keep = [nodes.target("", "", ids=[i for i in section["ids"] if i not in labelled])]
        keep += [n for n in section.children if not isinstance(n, nodes.title)]
        section.replace_self(keep)
    # the root page's short description: the title page and the preface say it
    top = doctree.next_node(nodes.section)
    for para in [n for n in top.children if isinstance(n, nodes.paragraph)]:
        top.remove(para)
    # the subject index lists terms and the API's objects, not "module" pairs
    for index in doctree.findall(addnodes.index):
        index["entries"] = [e for e in index["entries"] if not e[1].startswith("module;")]


# --- EPUB only -------------------------------------------------------------------
#: TeX in a heading, as the EPUB's table of contents (plain text) shows it
_TITLE_TEX = {
    r"\varepsilon": "\N{GREEK SMALL LETTER EPSILON}",
    r"\eta": "\N{GREEK SMALL LETTER ETA}",
}


#: build-finished handlers that write website files (notebooks; myst-nb's
#: style sheet, which the EPUB gets before it is zipped instead)
_WEBSITE_ONLY_HANDLERS = ("write_notebooks", "_publish_notebooks", "add_global_html_resources")


def _epub_builder_inited(app: Any) -> None:
    if app.builder.name != "epub":
        return
    # `{only} html` holds what only the website offers (downloads, the
    # archive, notebooks, thumbnails): not part of the e-book
    app.tags.remove("html")
    # the website's notebooks are not part of the e-book, and files written
    # when the build has finished would miss the zipped EPUB
    for listener in list(app.events.listeners.get("build-finished", [])):
        if getattr(listener.handler, "__name__", "") in _WEBSITE_ONLY_HANDLERS:
            app.disconnect(listener.id)
    builder = app.builder
    build_content = builder.build_content

    def sanitize_then_build_content() -> None:
        # myst-nb copies its style sheet only when the build has finished,
        # after the EPUB is zipped: copy it now, with the other static files
        from myst_nb.sphinx_ext import add_global_html_resources  # noqa: PLC0415

        for old in (Path(builder.outdir) / "_static").glob("mystnb.*.css"):
            old.unlink()  # the copy below refuses to overwrite
        add_global_html_resources(app, None)
        sanitize_epub_files(Path(builder.outdir))
        build_content()

    builder.build_content = sanitize_then_build_content


#: inline SVG icons of sphinx-design (dropdown chevrons): decorative, and
#: inline SVG needs a manifest property Sphinx does not write
_INLINE_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.DOTALL)
_SVG_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>\s*")
_PATH_WITHOUT_D = re.compile(r"<path(?![^>]*\sd=)")


def sanitize_epub_files(outdir: Path) -> None:
    """Make the built files valid EPUB 3 content before Sphinx lists and zips them.

    Website-only files are removed (the offline MathJax, the LaTeX style,
    notebooks, execution reports, gallery badges); myst-nb's style sheet is
    emptied (e-readers do not parse its selectors); decorative inline SVG icons are
    dropped from the pages; SVG images lose their DTD declaration (EPUB 3
    forbids external entities) and empty glyph paths get their required
    ``d`` attribute.
    """
    import shutil  # noqa: PLC0415

    for folder in ("_static/mathjax", "_static/latex", "reports", "notebooks"):
        shutil.rmtree(outdir / folder, ignore_errors=True)
    # Sphinx keeps the previous build's record when the configuration changed
    (outdir / ".buildinfo.bak").unlink(missing_ok=True)
    for badge in (outdir / "_static").glob("*_badge_logo.svg"):  # sphinx-gallery's, unused
        badge.unlink()
    for css in (outdir / "_static").glob("mystnb.*.css"):
        # its selectors (:is, :has, empty custom properties) are beyond the CSS
        # of e-readers and of epubcheck; the pages link it, so it stays, empty
        css.write_text("/* myst-nb's notebook styles: website only */\n", encoding="utf-8")
    for page in outdir.rglob("*.xhtml"):
        text = page.read_text(encoding="utf-8")
        new = _INLINE_SVG.sub("", text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    for image in (outdir / "_images").rglob("*.svg"):
        text = image.read_text(encoding="utf-8")
        new = _PATH_WITHOUT_D.sub('<path d=""', _SVG_DOCTYPE.sub("", text, count=1))
        if new != text:
            image.write_text(new, encoding="utf-8")


def _epub_titles(app: Any, doctree: nodes.document) -> None:
    """Math in a heading as text: the EPUB's table of contents cannot show TeX."""
    if app.builder.name != "epub":
        return
    for title in doctree.findall(nodes.title):
        for math in list(title.findall(nodes.math)):
            tex = math.astext()
            for command, char in _TITLE_TEX.items():
                tex = tex.replace(command, char)
            if "\\" in tex:
                msg = f"no plain text for the heading math {math.astext()!r}"
                raise ExtensionError(msg)
            math.replace_self(nodes.emphasis("", tex))


class EpubPages(SphinxPostTransform):
    """What a web page has and an e-book cannot: scripts and gallery thumbnails."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:  # noqa: ARG002
        if self.app.builder.name != "epub":
            return
        docname = self.env.docname
        # thumbnail grids (gallery index, the API's minigalleries): HTML only
        thumbnails = docname in (GALLERY_PREFIX + "index", "api")
        for rubric in list(self.document.findall(nodes.rubric)):
            if rubric.astext() == "Gallery examples":
                rubric.parent.remove(rubric)
        for node in self.document.findall(nodes.Element):
            if type(node).__name__ == "imgsgnode" and node.get("alt"):
                # sphinx-gallery writes the alt text into the tag unescaped
                node["alt"] = escape(node["alt"], quote=True)
        for raw in list(self.document.findall(nodes.raw)):
            html = raw.astext()
            if thumbnails and "html" in raw.get("format", "").split():
                raw.parent.remove(raw)
            elif "<script" in html:
                para = nodes.paragraph("", "The animation plays in the HTML edition of this book.")
                raw.replace_self(para)
        if docname == GALLERY_PREFIX + "index":
            scripts = sorted(
                d for d in self.env.found_docs if d.startswith(GALLERY_PREFIX) and d != docname
            )
            items = nodes.bullet_list()
            for script in scripts:
                title = self.env.titles[script].astext()
                uri = self.app.builder.get_relative_uri(docname, script)
                ref = nodes.reference("", title, internal=True, refuri=uri)
                items += nodes.list_item("", nodes.paragraph("", "", ref))
            section = self.document.next_node(nodes.section)
            section += items


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("nnscratch_print_gallery", False, "env")
    app.connect("doctree-read", add_index_entries, priority=300)
    app.add_transform(NoParenthesisedEqref)
    app.add_post_transform(PrintedSignatures)
    app.add_post_transform(BibliographyUrls)
    app.connect("doctree-resolved", assemble_print_edition)
    app.connect("builder-inited", _epub_builder_inited)
    app.connect("doctree-read", _epub_titles, priority=400)
    app.add_post_transform(EpubPages)
    app.add_post_transform(HiddenCellParts)
    app.add_post_transform(NumberedSectionReferences)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
