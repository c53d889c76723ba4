"""The chapter notebooks for plain Jupyter: converter unit tests and a scan of the built ones.

The converter (``docs/_ext/nnscratch_notebooks.py``) turns myst-nb's executed
notebook of a page into a notebook without MyST syntax. Its unit tests feed it
small MyST snippets with a hand-made index of numbers and targets. The scan
reads every notebook of the last HTML build (``docs/_build/html/notebooks``)
when one exists and fails on unrendered MyST/Sphinx syntax or on an image that
is neither embedded nor resolvable. Running the notebooks themselves, in a
clean environment, is the ``nox -s notebooks`` session.
"""

from __future__ import annotations

import base64
import html
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import nnscratch_notebooks as conv

HTML = ROOT / "docs" / "_build" / "html"
# the chapters' notebooks and the gallery's, as the site offers them
BUILT = sorted(HTML.glob("notebooks/*.ipynb")) + sorted(HTML.glob("_downloads/*/plot_*.ipynb"))
URL = conv.DEFAULT_BASE_URL
# smallest valid PNG: one transparent pixel
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture
def ctx(tmp_path: Path) -> conv.Context:
    index = conv.BookIndex(
        equations={"eq-softmax": conv.Target("activations", "equation-eq-softmax", "4.1")},
        labels={
            "sec-training": conv.Target("training", "sec-training", "9. Training"),
        },
        numbers={"fig-a": conv.Target("training", "fig-a", "Fig. 9.2")},
        docs={"training": conv.Target("training", "", "9. Training")},
        objects={"nnscratch.train": conv.Target("api", "nnscratch.train", "nnscratch.train")},
        citations={
            "nair2010": conv.Citation("Nair and Hinton", "2010", "Nair, V. and Hinton, G. (2010).")
        },
        sections={"training": ["9", "9.1"]},
    )
    (tmp_path / "img.png").write_bytes(PNG)
    (tmp_path / "mod.py").write_text(
        "class A:\n    def f(self):\n        return 1\n\n\ndef g():\n    return 2\n"
    )
    glue = {
        "acc": {"data": {"text/plain": "0.8567"}},
        "n": {"data": {"text/plain": "3"}},
        "seeds": {"data": {"text/plain": "'1 and 2'", "text/markdown": "1 and 2"}},
    }
    return conv.Context(index=index, docname="training", srcdir=tmp_path, glue=glue)


def md(text: str, ctx: conv.Context) -> str:
    out, _ = conv.convert_markdown(text, ctx)
    assert ctx.problems == []
    return out


def test_equation_reference_is_a_numbered_link(ctx: conv.Context) -> None:
    out = md("by {eq}`eq-softmax`.", ctx)
    assert out == f"by [(4.1)]({URL}activations.html#equation-eq-softmax)."


def test_labelled_equation_gets_its_number_as_tag(ctx: conv.Context) -> None:
    assert md("$$\ny = x\n$$ (eq-softmax)", ctx) == "$$\ny = x\n\\tag{4.1}\n$$"
    assert md("$$ y = x $$ (eq-softmax)", ctx) == "$$ y = x \\tag{4.1} $$"
    assert md("$$\ny = x\n$$", ctx) == "$$\ny = x\n$$"  # unlabelled: unnumbered


def test_references_become_links_to_the_hosted_page(ctx: conv.Context) -> None:
    assert md("{ref}`sec-training`", ctx) == f"[9. Training]({URL}training.html#sec-training)"
    assert md("{ref}`this page <sec-training>`", ctx).startswith("[this page](")
    assert md("{numref}`fig-a`", ctx) == f"[Fig. 9.2]({URL}training.html#fig-a)"
    assert md("{doc}`training`", ctx) == f"[9. Training]({URL}training.html)"
    assert md("{func}`~nnscratch.train`", ctx) == f"[`train()`]({URL}api.html#nnscratch.train)"


def test_glued_values_are_pasted_with_their_format(ctx: conv.Context) -> None:
    out = md("{glue:text}`acc:.1%` over {glue:text}`n:d` runs, {glue:}`n`", ctx)
    assert out == "85.7% over 3 runs, 3"
    assert md("seeds {glue:md}`seeds`", ctx) == "seeds 1 and 2"


def test_citations_and_the_reference_list(ctx: conv.Context) -> None:
    assert md("ReLU {cite:p}`nair2010`", ctx) == "ReLU (Nair and Hinton, 2010)"
    assert md("{cite:t}`nair2010` showed", ctx) == "Nair and Hinton (2010) showed"
    nb = conv.convert_notebook(notebook(markdown("see {cite:p}`nair2010`")), ctx)
    last = "".join(nb["cells"][-1]["source"])
    assert last.startswith("## References")
    assert "Nair, V. and Hinton, G. (2010)." in last


def test_figure_is_embedded_with_its_numbered_caption(ctx: conv.Context) -> None:
    text, attachments = conv.convert_markdown(
        "```{figure} img.png\n:alt: A [plot]\n:name: fig-a\n\nThe caption, {eq}`eq-softmax`.\n```",
        ctx,
    )
    assert ctx.problems == []
    assert text.startswith("![A (plot)](attachment:img.png)\n\n**Fig. 9.2:** The caption, [(4.1)]")
    assert base64.b64decode(attachments["img.png"]["image/png"]) == PNG


def test_literalinclude_pyobject_becomes_a_code_block(ctx: conv.Context) -> None:
    out = md("```{literalinclude} mod.py\n:pyobject: A.f\n:language: python\n```", ctx)
    assert out == "```python\ndef f(self):\n    return 1\n```"


def test_targets_solutions_admonitions_and_only(ctx: conv.Context) -> None:
    assert md("(sec-x)=\n# Title", ctx) == "# Title"
    solution = md(":::{dropdown} Solution\nIt is {glue:text}`n`.\n:::", ctx)
    assert solution == "<details>\n<summary>Solution</summary>\n\nIt is 3.\n\n</details>"
    old_style = md("```{admonition} Solution\n:class: dropdown\n\nIt is 3.\n```", ctx)
    assert old_style == solution
    assert md("```{note}\nCareful.\n```", ctx) == "---\n\n**Note.** Careful.\n\n---"
    assert md("````{only} html\nweb\n````\n\n````{only} latex\npaper\n````", ctx) == "web"
    code = "```python\n{eq}`kept` in code\n```"
    assert md(code, ctx) == code  # code blocks are left alone


def test_relative_links_point_to_the_hosted_book(ctx: conv.Context) -> None:
    out = md('[API](sec-training), <a href="notebooks/a.ipynb">a</a>, [p](data.md#x)', ctx)
    assert out == (
        f'[API]({URL}training.html#sec-training), <a href="{URL}notebooks/a.ipynb">a</a>, '
        f"[p]({URL}data.html#x)"
    )


def test_gallery_notebooks_get_their_roles_resolved(ctx: conv.Context) -> None:
    text = "From :eq:`eq-softmax` (`sec-training`), see :func:`~nnscratch.train`, `x`."
    out = conv.convert_gallery_markdown(text, ctx)
    assert out == (
        f"From [(4.1)]({URL}activations.html#equation-eq-softmax) "
        f"([9. Training]({URL}training.html#sec-training)), "
        f"see [`train()`]({URL}api.html#nnscratch.train), `x`."
    )
    assert conv.find_unrendered(notebook(markdown(text))) == [
        "cell 0: unrendered reST role: ':eq:`'",
        "cell 0: unrendered reST role: ':func:`'",
    ]


def test_unknown_syntax_is_reported(ctx: conv.Context) -> None:
    conv.convert_markdown("{unknownrole}`x` and {eq}`eq-missing`", ctx)
    assert len(ctx.problems) == 2


def test_strip_glue_keeps_the_code_valid() -> None:
    source = (
        "from myst_nb import glue\nimport numpy as np\n\nx = 1\nglue('x', x, display=False)\n"
        "for i in range(2):\n    glue(f'v{i}', i)\nif x:\n    y = 2\n    glue('y', y)\n"
    )
    out = conv.strip_glue(source)
    assert "glue" not in out
    assert "for i in range(2):\n    pass" in out
    assert "if x:\n    y = 2" in out
    compile(out, "cell", "exec")


def markdown(text: str, tags: list[str] | None = None) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {"tags": tags or []}, "source": text}


def code(text: str, tags: list[str] | None = None, outputs: list[Any] | None = None) -> dict:
    return {
        "cell_type": "code",
        "metadata": {"tags": tags or []},
        "source": text,
        "outputs": outputs or [],
        "execution_count": 1,
    }


def notebook(*cells: dict[str, Any]) -> dict[str, Any]:
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_hidden_cells_go_unless_a_later_cell_needs_them(ctx: conv.Context) -> None:
    glue_output = {
        "output_type": "display_data",
        "metadata": {"scrapbook": {"name": "a"}},
        "data": {"application/papermill.record/text/plain": "1"},
    }
    nb = conv.convert_notebook(
        notebook(
            code("from myst_nb import glue\na = 1\nglue('a', a)", outputs=[glue_output]),
            code("assert a == 1\nglue('b', 2)", tags=["remove-cell"]),
            code("helper = a + 1", tags=["remove-cell"]),
            code("print(helper)"),
        ),
        ctx,
    )
    sources = ["".join(c["source"]) for c in nb["cells"]]
    assert sources == ["a = 1", "helper = a + 1", "print(helper)"]
    assert nb["cells"][0]["outputs"] == []
    assert nb["cells"][1]["metadata"]["jupyter"]["source_hidden"] is True


def test_headings_get_the_section_numbers_of_the_site(ctx: conv.Context) -> None:
    nb = conv.convert_notebook(notebook(markdown("# Training\n\n## Gradient descent")), ctx)
    assert "".join(nb["cells"][0]["source"]) == "# 9. Training\n\n## 9.1. Gradient descent"
    assert ctx.problems == []
    conv.convert_notebook(notebook(markdown("# Training")), ctx)  # a heading went missing
    assert ctx.problems == ["training: 1 section numbers of the site match no heading"]


def test_scan_catches_a_planted_role_and_bad_images() -> None:
    clean = notebook(markdown("A [link](https://x) and `{eq}` in code."))
    assert conv.find_unrendered(clean) == []
    planted = notebook(markdown("as in {eq}`eq-softmax`"))
    assert conv.find_unrendered(planted) == ["cell 0: unrendered role: '{eq}`'"]
    bad_cells = (
        "(sec-x)=",
        "$$\nx\n$$ (eq-x)",
        "```{figure} a.png\n```",
        "![x](images/a.png)",
        "[x](other.ipynb)",
    )
    for bad in bad_cells:
        assert conv.find_unrendered(notebook(markdown(bad))), bad
    dangling = markdown("![x](attachment:a.png)")
    assert conv.find_unrendered(notebook(dangling)) == [
        "cell 0: missing attachment 'attachment:a.png'"
    ]


@pytest.mark.skipif(not BUILT, reason="no built notebooks: run `nox -s docs` first")
@pytest.mark.parametrize("path", BUILT, ids=[p.stem for p in BUILT])
def test_built_notebook_reads_cleanly(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert conv.find_unrendered(nb, folder=path.parent) == []
    sources = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "myst_nb" not in sources
    assert "glue(" not in sources


def _page_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rtd: bool) -> dict[str, Any]:
    (tmp_path / "jupyter_execute").mkdir(parents=True)
    (tmp_path / "jupyter_execute" / "training.ipynb").write_text("{}")
    if rtd:
        monkeypatch.setenv("READTHEDOCS", "True")
    else:
        monkeypatch.delenv("READTHEDOCS", raising=False)
    launch = "https://colab.research.google.com/github/o/r/blob/notebooks/{page}.ipynb"
    app = type("App", (), {"outdir": str(tmp_path / "html")})()
    app.config = type("Config", (), {"nnscratch_notebooks_launch_url": launch})()  # type: ignore[attr-defined]
    source = {"type": "link", "url": "_sources/training.md", "label": "download-source-button"}
    context: dict[str, Any] = {
        "pathto": lambda name, _resource: name,
        "header_buttons": [{"label": "download-buttons", "buttons": [source]}],
    }
    conv._download_button(app, "training", "page.html", context, None)
    return context


def test_download_menu_offers_the_generated_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = _page_context(tmp_path, monkeypatch, rtd=False)
    buttons = context["header_buttons"][0]["buttons"]
    assert [b["url"] for b in buttons] == ["notebooks/training.ipynb", "_sources/training.md"]
    assert len(context["header_buttons"]) == 1  # no launch link outside Read the Docs
    hosted = _page_context(tmp_path / "rtd", monkeypatch, rtd=True)
    assert hosted["header_buttons"][-1]["url"].endswith("/blob/notebooks/training.ipynb")


@pytest.mark.skipif(not BUILT, reason="no built notebooks: run `nox -s docs` first")
def test_offline_archive_holds_the_notebooks() -> None:
    archive = HTML / "nnscratch-book-html.zip"
    if not archive.is_file():
        pytest.skip("no offline archive: run `nox -s docs` first")
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
    for path in BUILT:
        assert f"nnscratch-book/{path.relative_to(HTML).as_posix()}" in names


CHAPTER_NOTEBOOKS = sorted(HTML.glob("notebooks/*.ipynb"))


@pytest.mark.skipif(not CHAPTER_NOTEBOOKS, reason="no built notebooks: run `nox -s docs` first")
@pytest.mark.parametrize("path", CHAPTER_NOTEBOOKS, ids=[p.stem for p in CHAPTER_NOTEBOOKS])
def test_chapter_notebook_carries_the_outputs_of_its_page(path: Path) -> None:
    # myst-nb's cache mode once saved the executed notebooks without outputs, so
    # the downloads had none: each code cell with output on the page must have
    # its output in the notebook (hidden cells have none on the page: glue only)
    nb = json.loads(path.read_text(encoding="utf-8"))
    with_output = sum(1 for c in nb["cells"] if c["cell_type"] == "code" and c.get("outputs"))
    page = (HTML / f"{path.stem}.html").read_text(encoding="utf-8")
    assert with_output == page.count('class="cell_output')


def test_merge_streams_joins_chunks_of_one_stream_only() -> None:
    outputs = [
        {"output_type": "stream", "name": "stdout", "text": "a\n"},
        {"output_type": "stream", "name": "stdout", "text": ["b\n", "c\n"]},
        {"output_type": "stream", "name": "stderr", "text": "warning\n"},
        {"output_type": "stream", "name": "stdout", "text": "d\n"},
        {"output_type": "display_data", "data": {"text/plain": "x"}},
        {"output_type": "stream", "name": "stdout", "text": "e\n"},
    ]
    merged = conv.merge_streams([dict(o) for o in outputs])
    assert [(o.get("name"), o.get("text")) for o in merged] == [
        ("stdout", "a\nb\nc\n"),
        ("stderr", "warning\n"),
        ("stdout", "d\n"),
        (None, None),
        ("stdout", "e\n"),
    ]


@pytest.mark.skipif(not CHAPTER_NOTEBOOKS, reason="no built notebooks: run `nox -s docs` first")
@pytest.mark.parametrize("path", CHAPTER_NOTEBOOKS, ids=[p.stem for p in CHAPTER_NOTEBOOKS])
def test_chapter_notebook_prints_what_its_page_prints(path: Path) -> None:
    # the converter once kept only the first chunk of each printed stream, and
    # six cells of the downloadable notebooks lost lines that their pages show
    nb = json.loads(path.read_text(encoding="utf-8"))
    printed = "".join(
        "".join(o["text"])
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream"
    )
    page = (HTML / f"{path.stem}.html").read_text(encoding="utf-8")
    blocks = re.findall(
        r'<div class="output stream[^"]*">\s*<div class="highlight"><pre>(.*?)</pre>',
        page,
        re.DOTALL,
    )
    shown = "".join(html.unescape(re.sub(r"<[^>]+>", "", block)) for block in blocks)
    assert printed.replace("\n", "") == shown.replace("\n", "")
