"""No chapter runs a package name before the chapter that introduces it.

Reading order is the numbered toctree of ``docs/index.md``. The names are the
package's public API, ``nnscratch.__all__``, plus the methods and properties of
:class:`~nnscratch.model.NonLinearModel`.

*Introduces* is decided by a small table: each module of the package belongs to
one chapter (the "one idea, one place" table of the style guide), and a few
methods belong to a later chapter than their module. A name is *used* in a
chapter when a code cell of that chapter runs it (import lines, comments and
strings do not count).

A chapter may use a name before its introducing chapter only with a forward
pointer: a paragraph of prose, before the first code cell that uses the name,
that names it (in backticks or a role) and links to the introducing chapter
with ``{ref}`sec-...```. That is what issue 14 asks for ("introduce what is
used with a one-paragraph forward pointer that says what it is").
"""

from __future__ import annotations

import inspect
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

import nnscratch
from nnscratch import NonLinearModel

DOCS = Path(__file__).resolve().parents[1] / "docs"

#: Which chapter introduces the names of each module.
MODULE_CHAPTER = {
    "nnscratch.activations": "activations",
    "nnscratch.output": "activations",
    "nnscratch.initialization": "forward",
    "nnscratch.datasets": "data",
    "nnscratch.bayes": "data",
    "nnscratch.model": "forward",
    "nnscratch.losses": "backprop",
    "nnscratch.gradcheck": "gradient-checking",
    "nnscratch.training": "training",
}
#: Functions introduced in another chapter than the rest of their module.
NAME_CHAPTER = {"per_sample_gradients": "backprop"}
#: Methods introduced later than the rest of their module.
METHOD_CHAPTER = {
    "back_propagation": "backprop",
    "cost": "backprop",
    "backward": "backprop",
    "gradient_step": "training",
    "update_model": "training",
}
#: Methods whose name is also a common numpy method: not detectable by name.
AMBIGUOUS_METHODS = {"copy"}

CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
BACKTICKED = re.compile(r"`([^`]+)`")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
HIDDEN_CELL = re.compile(r"^:?tags:.*\bremove-cell\b", re.MULTILINE)  # :tags: or YAML


def chapter_order() -> list[str]:
    """Docnames of the numbered toctree of docs/index.md, in reading order."""
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    for block in re.findall(r"```\{toctree\}\n(.*?)```", text, re.DOTALL):
        if ":numbered:" in block:
            return [
                line.strip()
                for line in block.splitlines()
                if line.strip() and not line.lstrip().startswith(":")
            ]
    raise AssertionError("no numbered toctree in docs/index.md")


def section_label(docname: str) -> str:
    """The ``(sec-...)=`` label that opens a chapter."""
    text = (DOCS / f"{docname}.md").read_text(encoding="utf-8")
    match = re.search(r"^\((sec-[a-z0-9-]+)\)=", text, re.MULTILINE)
    assert match, f"{docname}.md has no (sec-...)= label"
    return match.group(1)


def public_names() -> dict[str, str]:
    """Map each public name (and model method) to its introducing chapter."""
    names: dict[str, str] = {}
    for name in nnscratch.__all__:
        obj = getattr(nnscratch, name)
        module = obj.__name__ if inspect.ismodule(obj) else obj.__module__
        names[name] = NAME_CHAPTER.get(name, MODULE_CHAPTER[module])
    return names


def method_names() -> dict[str, str]:
    methods: dict[str, str] = {}
    for name, _ in inspect.getmembers(NonLinearModel):
        if name.startswith("__") or name in AMBIGUOUS_METHODS:
            continue
        if name.startswith("_"):
            continue
        methods[name] = METHOD_CHAPTER.get(name, MODULE_CHAPTER["nnscratch.model"])
    return methods


@dataclass
class Block:
    kind: str  # "code" or "prose"
    text: str


def split_blocks(text: str) -> list[Block]:
    """Alternate prose and code-cell blocks of a MyST text notebook."""
    blocks, start = [], 0
    for match in CODE_CELL.finditer(text):
        blocks.append(Block("prose", text[start : match.start()]))
        if HIDDEN_CELL.search(match.group(1)):
            blocks.append(Block("prose", text[start : match.start()]))
            start = match.end()
            continue  # a check the reader never sees: not part of the reading order
        body = re.sub(r"^:[a-z_-]+:.*\n", "", match.group(1), flags=re.MULTILINE)
        body = re.sub(r"\A---\n.*?^---\n", "", body, flags=re.DOTALL | re.MULTILINE)
        blocks.append(Block("code", body))
        start = match.end()
    blocks.append(Block("prose", text[start:]))
    return blocks


def used_names(code: str) -> tuple[set[str], set[str]]:
    """Names run by a code cell: (bare or ``nnscratch.``-qualified, after a dot)."""
    bare: set[str] = set()
    dotted: set[str] = set()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return bare, dotted
    line_tokens: list[tokenize.TokenInfo] = []
    for tok in tokens:
        if tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            names = [t for t in line_tokens if t.type == tokenize.NAME]
            if names and names[0].string not in ("import", "from"):
                for i, t in enumerate(line_tokens):
                    if t.type != tokenize.NAME:
                        continue
                    prev = line_tokens[i - 1].string if i else ""
                    before = line_tokens[i - 2].string if i > 1 else ""
                    if prev == ".":
                        dotted.add(t.string)
                        if before == "nnscratch":
                            bare.add(t.string)
                    else:
                        bare.add(t.string)
            line_tokens = []
        elif tok.type not in (tokenize.COMMENT, tokenize.NL, tokenize.STRING):
            line_tokens.append(tok)
    return bare, dotted


def mentioned(paragraph: str) -> set[str]:
    """Identifiers written in backticks (code or roles) in a paragraph."""
    found: set[str] = set()
    for span in BACKTICKED.findall(paragraph):
        found.update(IDENTIFIER.findall(span))
    return found


def has_forward_pointer(prose_before: str, name: str, label: str) -> bool:
    for paragraph in re.split(r"\n\s*\n", prose_before):
        if name in mentioned(paragraph) and f"{{ref}}`{label}`" in paragraph:
            return True
    return False


def early_uses(docname: str, text: str, order: list[str]) -> list[str]:
    """Names that `text` (chapter `docname`) runs before their chapter, unannounced."""
    position = {doc: i for i, doc in enumerate(order)}
    here = position[docname]
    functions, methods = public_names(), method_names()
    problems, seen, prose = [], set(), ""
    for block in split_blocks(text):
        if block.kind == "prose":
            prose += block.text
            continue
        bare, dotted = used_names(block.text)
        candidates = [(n, functions[n]) for n in sorted(bare & functions.keys())]
        candidates += [(n, methods[n]) for n in sorted(dotted & methods.keys())]
        for name, intro in candidates:
            if name in seen or position[intro] <= here:
                continue
            seen.add(name)
            if not has_forward_pointer(prose, name, section_label(intro)):
                problems.append(f"{docname}.md runs `{name}` before {intro}.md introduces it")
    return problems


CHAPTERS = chapter_order()


def test_every_introducing_chapter_is_in_the_book() -> None:
    intros = set(public_names().values()) | set(method_names().values())
    assert intros <= set(CHAPTERS), intros - set(CHAPTERS)


@pytest.mark.parametrize("docname", CHAPTERS)
def test_no_name_is_run_before_its_chapter(docname: str) -> None:
    text = (DOCS / f"{docname}.md").read_text(encoding="utf-8")
    assert early_uses(docname, text, CHAPTERS) == []


PLANTED = """\
(sec-planted)=
# A planted chapter

{pointer}

```{{code-cell}} ipython3
from nnscratch import NonLinearModel, train

model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0)
history = train(model, X, T, learning_rate=1.5, n_iter=10)  # reads ahead
```
"""


def test_a_planted_early_use_is_caught() -> None:
    order = [*CHAPTERS]
    order.insert(order.index("forward") + 1, "planted")  # before training
    text = PLANTED.format(pointer="We train the model.")
    assert early_uses("planted", text, order) == [
        "planted.md runs `train` before training.md introduces it"
    ]


def test_a_forward_pointer_allows_an_early_use() -> None:
    order = [*CHAPTERS]
    order.insert(order.index("forward") + 1, "planted")
    pointer = "`train` runs gradient descent, derived in {ref}`sec-training`."
    assert early_uses("planted", PLANTED.format(pointer=pointer), order) == []


def test_imports_comments_and_strings_are_not_uses() -> None:
    bare, dotted = used_names(
        "from nnscratch import train\n# train(model)\nprint('train')\nx = model.cost(X, T)\n"
    )
    assert "train" not in bare
    assert "cost" in dotted
