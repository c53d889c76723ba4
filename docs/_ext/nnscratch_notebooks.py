"""Chapter notebooks for plain Jupyter, generated from the book (a Sphinx extension).

Each chapter is a MyST text notebook. myst-nb executes it during the HTML build
and keeps the executed notebook (``_build/jupyter_execute/<page>.ipynb``, whose
Markdown cells still hold MyST syntax) and the glued values
(``<page>.glue.json``). After a successful HTML build this extension turns each
of them into a notebook that reads and runs in plain Jupyter with only
``nnscratch`` and matplotlib installed, and writes it to
``<outdir>/notebooks/<page>.ipynb``:

- cells tagged ``remove-cell`` are dropped (unless a later cell needs a name
  they define: then they stay, without their glue calls, collapsed);
  ``from myst_nb import glue`` and every ``glue(...)`` statement are removed;
  glue outputs are removed from the saved outputs;
- Markdown loses its MyST and Sphinx syntax: equation references become the
  numbers Sphinx assigned (linked to the hosted page), labelled equations keep
  a visible ``\\tag``, section, figure, document and API references become
  links to the hosted page, glued values are pasted, citations become
  "(Author, year)" with a reference list at the end, figures are embedded as
  cell attachments with their numbered captions, ``literalinclude`` listings
  become code blocks, admonitions and solution dropdowns become plain
  Markdown and ``<details>`` blocks, label targets disappear;
- the chapter's download button offers this notebook.

The conversion itself (:func:`convert_notebook`, :func:`convert_markdown`,
:func:`strip_glue`, :func:`find_unrendered`) needs neither Sphinx nor myst-nb:
the tests call it on small fixtures. Anything the converter does not know
is reported as a Sphinx warning, which fails the strict build.
"""

from __future__ import annotations

import ast
import base64
import copy
import json
import os
import re
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Where the hosted book lives: references in the notebooks link there.
DEFAULT_BASE_URL = "https://nnscratch.readthedocs.io/en/latest/"


# --- What the converter needs to know about the book ---------------------------------------
@dataclass(frozen=True)
class Target:
    """A place in the hosted book and the text a reference to it shows."""

    docname: str
    anchor: str
    text: str


@dataclass(frozen=True)
class Citation:
    """One bibliography entry: short form for the text, full form for the list."""

    authors: str  # "McCulloch and Pitts"
    year: str
    entry: str  # the formatted reference (Markdown)


@dataclass
class BookIndex:
    """Numbers and targets the build assigned (filled from Sphinx's environment)."""

    base_url: str = DEFAULT_BASE_URL
    equations: dict[str, Target] = field(default_factory=dict)  # text "7.1"
    labels: dict[str, Target] = field(default_factory=dict)  # {ref}: "7.2. Title"
    numbers: dict[str, Target] = field(default_factory=dict)  # {numref}: "Fig. 7.1"
    docs: dict[str, Target] = field(default_factory=dict)  # {doc}: "7. Title"
    objects: dict[str, Target] = field(default_factory=dict)  # Python objects
    citations: dict[str, Citation] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)  # page -> numbers in order

    def url(self, target: Target) -> str:
        anchor = f"#{target.anchor}" if target.anchor else ""
        return f"{self.base_url}{target.docname}.html{anchor}"


@dataclass
class Context:
    """State of the conversion of one page."""

    index: BookIndex
    docname: str
    srcdir: Path
    glue: dict[str, Any] = field(default_factory=dict)  # name -> {"data": {mime: value}}
    cited: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def problem(self, message: str) -> None:
        self.problems.append(f"{self.docname}: {message}")


# --- Code cells -------------------------------------------------------------------------------
def _is_glue_statement(node: ast.stmt) -> bool:
    if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("myst_nb"):
        return True
    value = getattr(node, "value", None) if isinstance(node, (ast.Expr, ast.Assign)) else None
    return isinstance(value, ast.Call) and (
        (isinstance(value.func, ast.Name) and value.func.id == "glue")
        or (isinstance(value.func, ast.Attribute) and value.func.attr == "glue")
    )


def strip_glue(source: str) -> str:
    """Remove ``from myst_nb import glue`` and every ``glue(...)`` statement.

    Statements are removed by their line ranges, so comments and formatting of
    the rest stay as written; a block left empty gets a ``pass``.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython syntax (magics): leave the cell alone
        return source
    lines = source.splitlines()
    drop: set[int] = set()
    passes: dict[int, str] = {}  # line index -> indentation of a needed `pass`
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if not isinstance(block, list) or not block or not isinstance(block[0], ast.stmt):
                continue
            glued = [s for s in block if _is_glue_statement(s)]
            for stmt in glued:
                drop.update(range(stmt.lineno - 1, (stmt.end_lineno or stmt.lineno)))
            if glued and len(glued) == len(block) and not isinstance(node, ast.Module):
                first = block[0]
                passes[first.lineno - 1] = " " * first.col_offset
    out = []
    for i, line in enumerate(lines):
        if i in passes:
            out.append(f"{passes[i]}pass")
        if i not in drop:
            out.append(line)
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def _names(source: str) -> tuple[set[str], set[str]]:
    """Names a cell binds, and names it reads before binding them (its free names).

    Occurrences are taken in source order, so ``for model in ...: use(model)``
    does not make ``model`` a free name. The approximation errs towards "free"
    (a comprehension's variable, for one), which only keeps more cells.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set(), set()
    events: list[tuple[int, int, str, bool]] = []  # (line, column, name, is_binding)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            events.append(
                (node.lineno, node.col_offset, node.id, not isinstance(node.ctx, ast.Load))
            )
        elif isinstance(node, ast.arg):
            events.append((node.lineno, node.col_offset, node.arg, True))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            events.append((node.lineno, node.col_offset, node.name, True))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                name = (alias.asname or alias.name).split(".")[0]
                events.append((node.lineno, node.col_offset, name, True))
    bound: set[str] = set()
    free: set[str] = set()
    for _, _, name, binding in sorted(events):
        if binding:
            bound.add(name)
        elif name not in bound:
            free.add(name)
    return bound, free


def _clean_outputs(outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The outputs without glue records, consecutive chunks of a stream joined."""
    kept = [o for o in outputs if "scrapbook" not in o.get("metadata", {})]  # glue(...)
    return merge_streams([dict(o) for o in kept])


# --- Markdown ---------------------------------------------------------------------------------
_ROLE = re.compile(r"\{([A-Za-z][\w:.-]*)\}`([^`]*)`")
_DIRECTIVE_OPEN = re.compile(r"^(\s*)(`{3,}|:{3,})\{([\w:.-]+)\}[ \t]*(.*)$")
_FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
_LABEL_TARGET = re.compile(r"^\s*\(([^()\s]+)\)=\s*$")
_MATH_LABEL = re.compile(r"^(.*?)\$\$\s*\(([^()\s]+)\)\s*$")
_ADMONITIONS = {
    "note": "Note",
    "tip": "Tip",
    "hint": "Hint",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
    "attention": "Attention",
    "danger": "Danger",
    "error": "Error",
    "seealso": "See also",
    "margin": "",
    "sidebar": "",
    "topic": "",
}
_PY_ROLES = {"func", "meth", "class", "mod", "attr", "obj", "data", "exc", "const", "py:func"}
_PY_ROLES |= {f"py:{r}" for r in _PY_ROLES}


def _split_title(content: str) -> tuple[str | None, str]:
    """``title <target>`` -> (title, target); ``target`` -> (None, target)."""
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", content, flags=re.DOTALL)
    if match and match.group(1):
        return match.group(1), match.group(2)
    return None, content.strip()


def _link(text: str, url: str) -> str:
    return f"[{text}]({url})"


def _glue_value(name: str, ctx: Context, fmt_spec: str) -> str | None:
    record = ctx.glue.get(name)
    if record is None:
        ctx.problem(f"no glued value {name!r}")
        return None
    data = record.get("data", {})
    if "text/plain" not in data:
        ctx.problem(f"glued value {name!r} has no text/plain")
        return None
    text = data["text/plain"]
    text = "".join(text) if isinstance(text, list) else str(text)
    # as myst-nb's format_plain_text: literal value, then the format spec
    try:
        value: Any = ast.literal_eval(text)
    except (SyntaxError, ValueError):
        value = text
    if not fmt_spec:
        return str(value)
    kind = fmt_spec[-1]
    if kind == "s":
        value = str(value)
    elif kind in "bcdoxX":
        value = int(value)
    elif kind in "eEfFgGn%":
        value = float(value)
    return format(value, fmt_spec)


def _cite(role: str, content: str, ctx: Context) -> str:
    keys = [k.strip() for k in content.split(",") if k.strip()]
    parts = []
    for key in keys:
        entry = ctx.index.citations.get(key)
        if entry is None:
            ctx.problem(f"unknown citation {key!r}")
            parts.append(key)
            continue
        if key not in ctx.cited:
            ctx.cited.append(key)
        if role in ("cite:t", "cite:ts"):
            parts.append(f"{entry.authors} ({entry.year})")
        elif role == "cite:year":
            parts.append(entry.year)
        elif role == "cite:author":
            parts.append(entry.authors)
        else:
            parts.append(f"{entry.authors}, {entry.year}")
    joined = "; ".join(parts)
    return f"({joined})" if role in ("cite", "cite:p", "cite:ps") else joined


def _role(role: str, content: str, ctx: Context) -> str:
    index = ctx.index
    if role == "eq":
        target = index.equations.get(content.strip())
        if target is None:
            ctx.problem(f"unknown equation {content!r}")
            return f"({content})"
        return _link(f"({target.text})", index.url(target))
    if role in ("ref", "numref", "doc", "std:ref", "std:numref", "std:doc"):
        kind = role.rsplit(":", 1)[-1]
        title, name = _split_title(content)
        table = {"ref": index.labels, "numref": index.numbers, "doc": index.docs}[kind]
        if kind == "doc":
            name = name.removesuffix(".md").lstrip("/")
        target = table.get(name)
        if target is None:
            ctx.problem(f"unknown {kind} target {name!r}")
            return title or name
        text = target.text
        if title:
            number = target.text.split(" ", 1)[-1] if kind == "numref" else ""
            text = title.replace("{number}", number).replace("%s", number)
        return _link(text, index.url(target))
    if role in _PY_ROLES:
        title, name = _split_title(content)
        short = name.startswith("~")
        name = name.lstrip("~.")
        target = index.objects.get(name)
        shown = title or (name.rsplit(".", 1)[-1] if short else name)
        if not title and role.rsplit(":", maxsplit=1)[-1] in ("func", "meth"):
            shown += "()"
        if target is None:
            ctx.problem(f"unknown Python object {name!r}")
            return f"`{shown}`"
        return _link(f"`{shown}`", index.url(target))
    if role.startswith("cite"):
        return _cite(role, content, ctx)
    if role in ("glue", "glue:", "glue:any", "glue:text", "glue:md"):
        name, _, fmt_spec = content.strip().partition(":")
        if role == "glue:md":
            record = ctx.glue.get(name, {}).get("data", {})
            if "text/markdown" in record:
                text = record["text/markdown"]
                return "".join(text) if isinstance(text, list) else str(text)
            ctx.problem(f"glued value {name!r} has no text/markdown")
            return name
        value = _glue_value(name, ctx, fmt_spec if role == "glue:text" else "")
        return name if value is None else value
    if role == "math":
        return f"${content}$"
    if role in ("sub", "sup"):
        return f"<{role}>{content}</{role}>"
    if role in ("abbr", "term", "dfn", "emphasis", "strong", "kbd", "samp", "file", "command"):
        title, name = _split_title(content)
        text = title or name
        return f"**{text}**" if role == "strong" else f"*{text}*" if role == "emphasis" else text
    ctx.problem(f"unsupported role {{{role}}}")
    return f"`{content}`"


def _roles(text: str, ctx: Context) -> str:
    return _links(_ROLE.sub(lambda m: _role(m.group(1), m.group(2), ctx), text), ctx)


_ABSOLUTE = ("http://", "https://", "mailto:", "attachment:", "data:")
_MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)")
_HTML_LINK = re.compile(r'(<a\s[^>]*href=")([^"]+)(")')


def _hosted(url: str, ctx: Context) -> str:
    """A link of the page, made absolute: labels, pages and files of the hosted book."""
    if url.startswith(_ABSOLUTE):
        return url
    label = url.removeprefix("#")
    if label in ctx.index.labels:
        return ctx.index.url(ctx.index.labels[label])
    page = ctx.index.base_url + ctx.docname + ".html"
    if url.startswith("#"):
        return page + url
    path, _, anchor = url.partition("#")
    if path.endswith(".md"):
        path = path.removesuffix(".md") + ".html"
    folder = ctx.docname.rpartition("/")[0]
    return (
        ctx.index.base_url
        + (f"{folder}/" if folder else "")
        + path
        + (f"#{anchor}" if anchor else "")
    )


def _links(text: str, ctx: Context) -> str:
    text = _MD_LINK.sub(lambda m: f"[{m.group(1)}]({_hosted(m.group(2), ctx)})", text)
    return _HTML_LINK.sub(lambda m: m.group(1) + _hosted(m.group(2), ctx) + m.group(3), text)


def _directive_parts(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Options (``:key: value`` lines or a ``---`` YAML block) and the body."""
    options: dict[str, str] = {}
    i = 0
    if lines and lines[0].strip() == "---":
        end = next((j for j in range(1, len(lines)) if lines[j].strip() == "---"), 0)
        for line in lines[1:end]:
            key, _, value = line.partition(":")
            if key.strip() and not key.startswith(" "):
                options[key.strip()] = value.strip()
        i = end + 1
    else:
        while i < len(lines) and re.match(r"^\s*:[\w-]+:", lines[i]):
            key, value = re.match(r"^\s*:([\w-]+):\s*(.*)$", lines[i]).groups()  # type: ignore[union-attr]
            options[key] = value
            i += 1
    body = lines[i:]
    while body and not body[0].strip():
        body = body[1:]
    return options, body


def _only(expression: str) -> bool:
    """Evaluate an ``{only}`` expression as the HTML builder would."""
    words = {"html": True, "format_html": True, "builder_html": True}
    tokens = re.findall(r"\w+|[()]", expression)
    python = " ".join(
        t if t in ("and", "or", "not", "(", ")") else str(words.get(t, False)) for t in tokens
    )
    try:
        return bool(eval(python, {"__builtins__": {}}))
    except SyntaxError:
        return False


def _attach(path: Path, ctx: Context, attachments: dict[str, Any]) -> str | None:
    if path.suffix == ".*":  # Sphinx's "best format per builder": a notebook takes the PNG
        path = path.with_suffix(".png")
    if not path.is_file():
        ctx.problem(f"image {path} not found")
        return None
    mime = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
    kind = mime.get(path.suffix.lower())
    if kind is None:
        ctx.problem(f"image type of {path.name} cannot be embedded")
        return None
    attachments[path.name] = {kind: base64.b64encode(path.read_bytes()).decode("ascii")}
    return f"attachment:{path.name}"


def _pyobject_source(path: Path, dotted: str) -> str | None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body: list[ast.stmt] = tree.body
    node: ast.AST | None = None
    for part in dotted.split("."):
        node = next(
            (
                n
                for n in body
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                and n.name == part
            ),
            None,
        )
        if node is None:
            return None
        body = node.body  # type: ignore[attr-defined]
    assert node is not None
    lines = path.read_text(encoding="utf-8").splitlines()
    start = min([node.lineno, *(d.lineno for d in node.decorator_list)])  # type: ignore[attr-defined]
    return textwrap.dedent("\n".join(lines[start - 1 : node.end_lineno]))  # type: ignore[attr-defined]


def _directive(
    name: str,
    argument: str,
    lines: list[str],
    ctx: Context,
    attachments: dict[str, Any],
) -> str:
    options, body = _directive_parts(lines)
    inner = "\n".join(body)
    if name == "figure":
        src = _attach((ctx.srcdir / argument).resolve(), ctx, attachments)
        alt = options.get("alt", "").replace("[", "(").replace("]", ")")
        caption = _convert_text(inner, ctx, attachments).strip()
        number = ctx.index.numbers.get(options.get("name", ""))
        label = f"**{number.text}:** " if number else ""
        image = f"![{alt}]({src})" if src else f"*[figure {argument}]*"
        return f"{image}\n\n{label}{caption}".rstrip()
    if name in ("image",):
        src = _attach((ctx.srcdir / argument).resolve(), ctx, attachments)
        return f"![{options.get('alt', '')}]({src})" if src else ""
    if name == "literalinclude":
        path = (ctx.srcdir / argument).resolve()
        language = options.get("language", "python")
        if "pyobject" in options:
            code = _pyobject_source(path, options["pyobject"]) if path.is_file() else None
        elif not options:
            code = path.read_text(encoding="utf-8").rstrip("\n") if path.is_file() else None
        else:
            ctx.problem(f"literalinclude options {sorted(options)} are not supported")
            code = None
        if code is None:
            ctx.problem(f"cannot include {argument} {options}")
            return ""
        return f"```{language}\n{code}\n```"
    if name in ("code-block", "code", "sourcecode"):
        return f"```{argument}\n{inner}\n```"
    if name == "math":
        tag = ctx.index.equations.get(options.get("label", ""))
        tagged = f"\n\\tag{{{tag.text}}}" if tag else ""
        return f"$$\n{inner}{tagged}\n$$"
    if name == "only":
        return _convert_text(inner, ctx, attachments) if _only(argument) else ""
    if name in ("toctree", "bibliography"):
        return ""
    is_dropdown = name == "dropdown" or "dropdown" in options.get("class", "").split()
    if is_dropdown or name == "admonition" or name in _ADMONITIONS:
        title = argument.strip() or _ADMONITIONS.get(name, "") or name.capitalize()
        title = _roles(title, ctx)
        text = _convert_text(inner, ctx, attachments).strip()
        if is_dropdown:
            state = " open" if "open" in options else ""
            return f"<details{state}>\n<summary>{title}</summary>\n\n{text}\n\n</details>"
        lead = f"**{title}.** " if title else ""
        if text and not text.startswith(("$$", "```", "-", "*", "1.", "<", "|")):
            return f"---\n\n{lead}{text}\n\n---"
        return f"---\n\n{lead.strip()}\n\n{text}\n\n---"
    if name in ("glue", "glue:", "glue:any", "glue:md", "glue:figure", "glue:math"):
        record = ctx.glue.get(argument.strip(), {}).get("data", {})
        if "image/png" in record:
            attachments[f"{argument.strip()}.png"] = {"image/png": record["image/png"]}
            return f"![{argument.strip()}](attachment:{argument.strip()}.png)"
        value = record.get("text/markdown") or record.get("text/plain")
        if value is None:
            ctx.problem(f"glued value {argument!r} not found")
            return ""
        return "".join(value) if isinstance(value, list) else str(value)
    ctx.problem(f"unsupported directive {{{name}}}")
    return _convert_text(inner, ctx, attachments)


def _convert_text(text: str, ctx: Context, attachments: dict[str, Any]) -> str:
    """Convert MyST Markdown (roles, directives, targets, labelled math)."""
    lines = text.splitlines()
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(_roles("\n".join(paragraph), ctx))
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        directive = _DIRECTIVE_OPEN.match(line)
        fence = None if directive else _FENCE_OPEN.match(line)
        if directive:
            flush()
            indent, marker, name, argument = directive.groups()
            closing = re.compile(rf"^\s*{re.escape(marker[0])}{{{len(marker)},}}\s*$")
            j = i + 1
            while j < len(lines) and not closing.match(lines[j]):
                j += 1
            block = textwrap.dedent("\n".join(lines[i + 1 : j])).splitlines()
            converted = _directive(name, argument.strip(), block, ctx, attachments)
            out.append(textwrap.indent(converted, indent) if indent else converted)
            i = j + 1
            continue
        if fence:  # a plain code block: copied as it is
            flush()
            marker = fence.group(2)
            closing = re.compile(rf"^\s*{re.escape(marker[0])}{{{len(marker)},}}\s*$")
            j = i + 1
            while j < len(lines) and not closing.match(lines[j]):
                j += 1
            out.append("\n".join(lines[i : j + 1]))
            i = j + 1
            continue
        if _LABEL_TARGET.match(line):
            flush()
            i += 1
            continue
        if line.strip().startswith("$$"):  # display math, maybe labelled
            flush()
            j = i
            if not (line.strip() != "$$" and line.rstrip().count("$$") >= 2):
                j = i + 1
                while j < len(lines) and "$$" not in lines[j]:
                    j += 1
            block = lines[i : j + 1]
            last = block[-1] if block else ""
            label_match = _MATH_LABEL.match(last)
            if label_match:
                label = label_match.group(2)
                target = ctx.index.equations.get(label)
                if target is None:
                    ctx.problem(f"equation {label!r} has no number")
                    tag = ""
                else:
                    tag = f"\\tag{{{target.text}}}"
                head = label_match.group(1)
                if len(block) == 1:  # $$ x $$ (label)
                    body = head.strip()[2:].strip()
                    block = [f"$$ {body} {tag} $$"]
                else:
                    block = [*block[:-1], *([head] if head.strip() else []), tag, "$$"]
                    block = [b for b in block if b != ""]
            out.append("\n".join(block))
            i = j + 1
            continue
        if not line.strip():
            flush()
            out.append("")
            i += 1
            continue
        paragraph.append(line)
        i += 1
    flush()
    result = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", result).strip("\n")


def _number_headings(text: str, numbers: list[str]) -> str:
    """Prefix Markdown headings with the section numbers of the site, in order."""
    out = []
    in_fence = False
    for line in text.splitlines():
        if re.match(r"^\s*(`{3,}|~{3,})", line):
            in_fence = not in_fence
        heading = None if in_fence else re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading and numbers:
            number = numbers.pop(0)
            line = f"{heading.group(1)} {number}. {heading.group(2)}"
        out.append(line)
    return "\n".join(out)


def convert_markdown(text: str, ctx: Context) -> tuple[str, dict[str, Any]]:
    """One Markdown cell: (plain Jupyter Markdown, attachments)."""
    attachments: dict[str, Any] = {}
    return _convert_text(text, ctx, attachments), attachments


# --- Whole notebooks --------------------------------------------------------------------------
def _tags(cell: dict[str, Any]) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _figure_caption(cell: dict[str, Any], ctx: Context) -> str | None:
    """Caption of a code cell's figure (myst-nb's ``mystnb: figure:`` option)."""
    figure = cell.get("metadata", {}).get("mystnb", {}).get("figure")
    if not figure or not figure.get("caption"):
        return None
    caption, _ = convert_markdown(str(figure["caption"]).strip(), ctx)
    number = ctx.index.numbers.get(figure.get("name", ""))
    label = f"**{number.text}:** " if number else ""
    return f"{label}{caption}"


def convert_notebook(
    executed: dict[str, Any], ctx: Context, title_cell: str | None = None
) -> dict[str, Any]:
    """Turn myst-nb's executed notebook of a page into a plain Jupyter notebook."""
    cells_in = executed["cells"]
    code = [
        (i, strip_glue("".join(c["source"]) if isinstance(c["source"], list) else c["source"]))
        for i, c in enumerate(cells_in)
        if c["cell_type"] == "code"
    ]
    sources = dict(code)
    # a hidden cell stays when a later kept cell reads a name only it binds
    keep_hidden: set[int] = set()
    needed: set[str] = set()
    for i, source in reversed(code):
        removed = "remove-cell" in _tags(cells_in[i])
        bound, used = _names(source)
        if removed and not (bound & needed):
            continue
        if removed:
            keep_hidden.add(i)
        needed = (needed - bound) | used
    cells: list[dict[str, Any]] = []
    if title_cell:
        cells.append({"cell_type": "markdown", "metadata": {}, "source": title_cell})
    numbers = list(ctx.index.sections.get(ctx.docname, []))
    for i, cell in enumerate(cells_in):
        tags = _tags(cell)
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if "remove-cell" in tags:
                continue
            text, attachments = convert_markdown(source, ctx)
            text = _number_headings(text, numbers)
            if not text.strip():
                continue
            new: dict[str, Any] = {"cell_type": "markdown", "metadata": {}, "source": text}
            if attachments:
                new["attachments"] = attachments
            cells.append(new)
            continue
        if cell["cell_type"] != "code":
            continue
        if "remove-cell" in tags and i not in keep_hidden:
            continue
        metadata: dict[str, Any] = {}
        kept_tags = [t for t in tags if t in ("raises-exception", "hide-input", "hide-cell")]
        if kept_tags:
            metadata["tags"] = kept_tags
        if (
            i in keep_hidden
            or "hide-cell" in tags
            or "remove-input" in tags
            or "hide-input" in tags
        ):
            metadata["jupyter"] = {"source_hidden": True}
        if i in keep_hidden or "hide-output" in tags:
            metadata.setdefault("jupyter", {})["outputs_hidden"] = True
        outputs = [] if {"remove-output", "remove-cell"} & set(tags) else cell.get("outputs", [])
        cells.append(
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": metadata,
                "outputs": _clean_outputs(copy.deepcopy(outputs)),
                "source": sources[i],
            }
        )
        caption = _figure_caption(cell, ctx)
        if caption:
            cells.append({"cell_type": "markdown", "metadata": {}, "source": caption})
    if numbers:
        ctx.problem(f"{len(numbers)} section numbers of the site match no heading")
    if ctx.cited:
        entries = "\n".join(
            f"- {ctx.index.citations[key].entry}" for key in ctx.cited if key in ctx.index.citations
        )
        cells.append(
            {"cell_type": "markdown", "metadata": {}, "source": f"## References\n\n{entries}"}
        )
    for n, cell in enumerate(cells):
        cell["id"] = f"cell-{n}"
        if isinstance(cell["source"], str):
            cell["source"] = cell["source"].splitlines(keepends=True)
    metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


_REST_ROLE = re.compile(r"(?<![\w`]):(?:py:|std:|math:)?([a-z]+):`([^`]+)`")
_LABEL_CODE = re.compile(r"(?<!`)`((?:sec|fig|eq)-[\w-]+)`(?!`)")


def convert_gallery_markdown(text: str, ctx: Context) -> str:
    """Markdown of a sphinx-gallery notebook: reST roles and code-quoted labels become links.

    sphinx-gallery copies roles such as ``:eq:`eq-softmax``` into its notebooks
    verbatim and turns ``:ref:`` targets into code spans; the book's index
    resolves both.
    """
    text = _REST_ROLE.sub(lambda m: _role(m.group(1), m.group(2), ctx), text)
    return _LABEL_CODE.sub(
        lambda m: _role("ref", m.group(1), ctx) if m.group(1) in ctx.index.labels else m.group(0),
        text,
    )


def convert_gallery_notebook(nb: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """A sphinx-gallery notebook with its Markdown cells resolved (code unchanged)."""
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = convert_gallery_markdown(source, ctx)
    return nb


# --- The check used by the build and by the tests ---------------------------------------------
_UNRENDERED = (
    (re.compile(r"\{[A-Za-z][\w:.-]*\}`"), "role"),
    (re.compile(r"^\s*(`{3,}|:{3,})\{[\w:.-]+\}", re.MULTILINE), "directive"),
    (re.compile(r"^\s*\([^()\s]+\)=\s*$", re.MULTILINE), "label target"),
    (re.compile(r"\$\$\s*\([A-Za-z][^()\s]*\)\s*$", re.MULTILINE), "equation label suffix"),
    (re.compile(r"^\s*:(class|name|alt|label|tags|pyobject):\s", re.MULTILINE), "directive option"),
    (re.compile(r"(?<![\w`]):[a-z]+(?::[a-z]+)?:`"), "reST role"),
)
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]*\ssrc=[\"']([^\"']+)[\"']")


def _without_code_spans(text: str) -> str:
    """The text without its inline code spans; a role's backquoted content stays."""
    out = []
    i = 0
    while i < len(text):
        if text[i] != "`":
            out.append(text[i])
            i += 1
            continue
        j = i
        while j < len(text) and text[j] == "`":
            j += 1
        run = text[i:j]
        if len(run) >= 3:  # a directive's fence (plain code blocks are gone already)
            out.append(run)
            i = j
            continue
        end = text.find(run, j)
        end = len(text) if end < 0 else end + len(run)
        if i > 0 and text[i - 1] in "}:":  # {role}`...` or :role:`...`: keep
            out.append(text[i:end])
        i = end
    return "".join(out)


def _without_code_blocks(text: str) -> str:
    """The text without its plain fenced code blocks (directive fences stay)."""
    kept = []
    closing: re.Pattern[str] | None = None
    for line in text.splitlines():
        if closing is not None:
            if closing.match(line):
                closing = None
            continue
        fence = _FENCE_OPEN.match(line)
        if fence and not fence.group(3).lstrip().startswith("{"):
            marker = fence.group(2)
            closing = re.compile(rf"^\s*{re.escape(marker[0])}{{{len(marker)},}}\s*$")
            continue
        kept.append(line)
    return "\n".join(kept)


def find_unrendered(nb: dict[str, Any], folder: Path | None = None) -> list[str]:
    """Problems a reader would see in plain Jupyter: MyST syntax, unresolvable images.

    Code spans and fenced code blocks are skipped (they may show syntax on purpose).
    An image is fine when it is a cell attachment, a ``data:`` URI, an ``http(s)``
    URL, or a file that exists next to the notebook (``folder``).
    """
    problems = []
    for n, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell["source"]
        text = "".join(source) if isinstance(source, list) else source
        prose = _without_code_spans(_without_code_blocks(text))
        for pattern, what in _UNRENDERED:
            for match in pattern.finditer(prose):
                problems.append(f"cell {n}: unrendered {what}: {match.group(0).strip()!r}")
        for match in _MD_LINK.finditer(prose):
            if not match.group(2).startswith(_ABSOLUTE):
                problems.append(f"cell {n}: relative link {match.group(2)!r}")
        for match in _HTML_LINK.finditer(prose):
            if not match.group(2).startswith(_ABSOLUTE):
                problems.append(f"cell {n}: relative link {match.group(2)!r}")
        attachments = cell.get("attachments", {})
        for match in _IMAGE.finditer(text):
            src = match.group(1) or match.group(2)
            if src.startswith("attachment:"):
                if src.removeprefix("attachment:") not in attachments:
                    problems.append(f"cell {n}: missing attachment {src!r}")
            elif src.startswith(("data:", "https://", "http://")):
                continue
            elif folder is None or not (folder / src).is_file():
                problems.append(f"cell {n}: image {src!r} is neither embedded nor resolvable")
    return problems


# --- Sphinx ------------------------------------------------------------------------------------
def _format_names(persons: list[Any]) -> str:
    last = [" ".join(p.last_names) for p in persons]
    last = [re.sub(r"[{}]", "", name) for name in last]
    if len(last) == 1:
        return last[0]
    if len(last) == 2:
        return f"{last[0]} and {last[1]}"
    return f"{last[0]} et al."


def _latex_to_text(text: str) -> str:
    accents = {r"\'e": "é", r"\'E": "É", r"\c{c}": "ç", r"\"o": "ö", r"\"u": "ü", r"\"a": "ä"}
    for tex, char in accents.items():
        text = text.replace("{" + tex + "}", char).replace(tex, char)
    return re.sub(r"[{}]", "", text).replace("--", "\u2013")


def _citations(app: Any) -> dict[str, Citation]:
    from pybtex.database import parse_file  # noqa: PLC0415 - only the build needs pybtex

    result: dict[str, Citation] = {}
    for bib in app.config.bibtex_bibfiles:
        data = parse_file(str(Path(app.srcdir) / bib))
        for key, entry in data.entries.items():
            authors = entry.persons.get("author", [])
            fields = {k.lower(): _latex_to_text(v) for k, v in entry.fields.items()}
            full = [
                " ".join([*p.first_names, *p.middle_names, *p.prelast_names, *p.last_names])
                for p in authors
            ]
            names = _latex_to_text(
                ", ".join(full[:-1]) + (" and " if len(full) > 1 else "") + full[-1]
            )
            where = fields.get("journal") or fields.get("booktitle") or fields.get("publisher", "")
            parts = [f"{names} ({fields.get('year', 'n.d.')}).", f"{fields.get('title', '')}."]
            if where:
                volume = fields.get("volume", "")
                issue = f"({fields['number']})" if "number" in fields else ""
                pages = f", {fields['pages']}" if "pages" in fields else ""
                parts.append(f"*{where}*{' ' + volume if volume else ''}{issue}{pages}.")
            if "doi" in fields:
                parts.append(f"<https://doi.org/{entry.fields['doi']}>")
            elif "url" in fields:
                parts.append(f"<{entry.fields['url']}>")
            result[key] = Citation(
                _latex_to_text(_format_names(authors)), fields.get("year", "n.d."), " ".join(parts)
            )
    return result


def book_index(app: Any) -> BookIndex:
    """Collect numbers and targets from the Sphinx environment."""
    env = app.env
    index = BookIndex(base_url=app.config.nnscratch_notebooks_base_url)

    def secnumber(docname: str, anchor: str) -> str:
        numbers = env.toc_secnumbers.get(docname, {}).get(anchor)
        return ".".join(map(str, numbers)) if numbers else ""

    def titled(number: str, title: str) -> str:
        return f"{number}. {title}" if number else title

    for docname, title in env.titles.items():
        index.docs[docname] = Target(docname, "", titled(secnumber(docname, ""), title.astext()))
        numbers = env.toc_secnumbers.get(docname, {})
        index.sections[docname] = [".".join(map(str, v)) for v in numbers.values()]
    for label, (docname, number) in env.domaindata["math"]["objects"].items():
        node_id = f"equation-{label}"
        numbers = env.toc_fignumbers.get(docname, {}).get("displaymath", {}).get(node_id)
        text = ".".join(map(str, numbers)) if numbers else str(number)
        index.equations[label] = Target(docname, node_id, text)
    std = env.domaindata["std"]
    for label, (docname, anchor, title) in std["labels"].items():
        number = secnumber(docname, f"#{anchor}") or (
            secnumber(docname, "")
            if env.titles.get(docname) and title == env.titles[docname].astext()
            else ""
        )
        index.labels[label] = Target(docname, anchor, titled(number, title))
    formats = app.config.numfig_format
    for label, (docname, anchor) in std["anonlabels"].items():
        for figtype, numbers in env.toc_fignumbers.get(docname, {}).items():
            if anchor in numbers and figtype in formats:
                text = formats[figtype] % ".".join(map(str, numbers[anchor]))
                index.numbers[label] = Target(docname, anchor, text)
        if label not in index.numbers and anchor:
            number = secnumber(docname, f"#{anchor}")
            if number:
                index.numbers[label] = Target(docname, anchor, formats["section"] % number)
    for name, entry in env.domaindata["py"]["objects"].items():
        index.objects[name] = Target(entry[0], entry[1], name)
    if "bibtex_bibfiles" in app.config:
        index.citations = _citations(app)
    return index


def merge_streams(outputs: list[Any]) -> list[Any]:
    """Join consecutive ``stream`` outputs of the same name (stdout, stderr) into one."""
    joined: list[Any] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = _stream_text(previous["text"]) + _stream_text(output["text"])
        else:
            joined.append(output)
    return joined


def _stream_text(text: str | list[str]) -> str:
    return text if isinstance(text, str) else "".join(text)


def executed_folder(app: Any) -> Path:
    """Where myst-nb keeps the executed notebooks: ``<outdir>/../jupyter_execute``."""
    return Path(app.outdir).parent / "jupyter_execute"


def _chapters(app: Any) -> list[str]:
    """Pages that myst-nb executed as notebooks (the chapters)."""
    executed = executed_folder(app)
    return sorted(
        d for d in app.env.found_docs if (executed / f"{d}.ipynb").is_file() and "/" not in d
    )


def _title_cell(app: Any, index: BookIndex, docname: str) -> str:
    page = index.docs.get(docname, Target(docname, "", docname))
    install = f'"nnscratch[plot]=={app.config.release}"'
    return (
        f"*This notebook is the page [{page.text}]({index.url(page)}) of the book "
        f"[{app.config.project}]({index.base_url}index.html), generated from the book's "
        f"source and saved with the outputs of the book's build. To run it you need "
        f"Python 3.10 or newer and the book's package with matplotlib: "
        f"`pip install {install}` (in a hosted notebook service, run "
        f"`%pip install {install}` in a new first cell).*"
    )


def write_notebooks(app: Any, exception: Exception | None) -> None:
    """Write ``notebooks/<page>.ipynb`` for every chapter (``build-finished``)."""
    if exception is not None or app.builder.format != "html":
        return
    from sphinx.util import logging  # noqa: PLC0415 - the converter works without Sphinx

    logger = logging.getLogger(__name__)
    index = book_index(app)
    executed = executed_folder(app)
    target = Path(app.outdir) / "notebooks"
    target.mkdir(exist_ok=True)
    for docname in _chapters(app):
        source = json.loads((executed / f"{docname}.ipynb").read_text(encoding="utf-8"))
        glue_file = executed / f"{docname}.glue.json"
        glue = json.loads(glue_file.read_text(encoding="utf-8")) if glue_file.is_file() else {}
        ctx = Context(index=index, docname=docname, srcdir=Path(app.srcdir), glue=glue)
        nb = convert_notebook(source, ctx, _title_cell(app, index, docname))
        problems = ctx.problems + [f"{docname}: {p}" for p in find_unrendered(nb)]
        for problem in problems:
            logger.warning("notebook %s", problem, type="nnscratch", subtype="notebooks")
        path = target / f"{docname}.ipynb"
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    # the gallery's notebooks, as the site offers them for download
    for path in sorted(Path(app.outdir).glob("_downloads/*/plot_*.ipynb")):
        ctx = Context(index=index, docname=f"auto_examples/{path.stem}", srcdir=Path(app.srcdir))
        nb = convert_gallery_notebook(json.loads(path.read_text(encoding="utf-8")), ctx)
        for problem in ctx.problems + find_unrendered(nb, path.parent):
            logger.warning(
                "notebook %s: %s", path.name, problem, type="nnscratch", subtype="notebooks"
            )
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for archive in sorted(Path(app.outdir).glob("_downloads/*/*_jupyter.zip")):
        _rewrite_zip(archive, index, Path(app.srcdir))


def _rewrite_zip(archive: Path, index: BookIndex, srcdir: Path) -> None:
    """Resolve the Markdown of the notebooks inside sphinx-gallery's download-all zip."""
    with zipfile.ZipFile(archive) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            if info.filename.endswith(".ipynb"):
                name = Path(info.filename).stem
                ctx = Context(index=index, docname=f"auto_examples/{name}", srcdir=srcdir)
                nb = convert_gallery_notebook(json.loads(data), ctx)
                data = (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode()
            zf.writestr(info, data)


def _download_button(
    app: Any,
    pagename: str,
    templatename: str,  # noqa: ARG001
    context: dict[str, Any],
    doctree: Any,  # noqa: ARG001
) -> None:
    """Offer the generated notebook in the theme's download menu (and launch links)."""
    executed = executed_folder(app)
    if "/" in pagename or not (executed / f"{pagename}.ipynb").is_file():
        return
    url = context["pathto"](f"notebooks/{pagename}.ipynb", 1)
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        buttons = [b for b in group["buttons"] if b.get("label") != "download-notebook-button"]
        notebook = {
            "type": "link",
            "url": url,
            "text": ".ipynb",
            "icon": "fas fa-code",
            "tooltip": "Download this chapter as a Jupyter notebook",
            "label": "download-notebook-button",
        }
        group["buttons"] = [notebook, *buttons]
    launch = app.config.nnscratch_notebooks_launch_url
    if launch and os.environ.get("READTHEDOCS") == "True":
        context["header_buttons"].append(
            {
                "type": "link",
                "url": launch.format(page=pagename),
                "text": "Colab",
                "tooltip": "Run this chapter's notebook in Google Colab",
                "icon": "fas fa-rocket",
                "label": "launch-notebook-button",
            }
        )


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("nnscratch_notebooks_base_url", DEFAULT_BASE_URL, "html")
    # e.g. "https://colab.research.google.com/github/<org>/<repo>/blob/<branch>/{page}.ipynb";
    # used only on Read the Docs (READTHEDOCS=True), never in the offline build
    app.add_config_value("nnscratch_notebooks_launch_url", "", "html")
    app.connect("build-finished", write_notebooks)
    app.connect("html-page-context", _download_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
