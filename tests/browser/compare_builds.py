"""Build the book twice from clean copies and compare what a reader sees.

Each build runs in a fresh copy of the tracked files (``git ls-files``), with
an empty execution cache and no gallery output, so nothing is reused. Compared:

- every executed output of every page (myst-nb's ``jupyter_execute/*.ipynb``):
  text and SVG outputs must be equal, PNG outputs must have equal pixels.
  Cells tagged ``nondeterministic`` (wall-clock timings) are skipped and
  counted;
- every image of the built site (``_images``, gallery figures included): SVG
  files byte for byte, PNG files by pixels.

PNG files are compared by decoded pixels, not bytes, so metadata does not
count; SVG files carry no date (``SOURCE_DATE_EPOCH``) and fixed ids
(``svg.hashsalt``), so they must be identical. A comparison that finds no
executed output or no SVG figure fails too: it would prove nothing. Exit
status 1 lists every difference. ``nox -s repro`` runs this.
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def build(copy: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    # MathJax as `npm ci` installed it; the build copies it into docs/_static
    shutil.copytree(ROOT / "node_modules" / "mathjax", copy / "node_modules" / "mathjax")
    env = dict(os.environ, NNSCRATCH_CACHE_DIR=str(copy / "cache"), MPLBACKEND="")
    # the installed nnscratch is the checkout's; the copy's sources are identical
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-n",
            "-T",
            "-q",
            "-b",
            "html",
            "docs",
            "docs/_build/html",
        ],
        cwd=copy,
        env=env,
        check=True,
    )
    return copy / "docs" / "_build"


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))


def outputs(notebook: Path) -> tuple[list[tuple[str, object]], int]:
    """The outputs of a notebook's cells, and how many cells were skipped."""
    cells = json.loads(notebook.read_text())["cells"]
    found: list[tuple[str, object]] = []
    skipped = 0
    for index, cell in enumerate(cells):
        if "nondeterministic" in cell.get("metadata", {}).get("tags", []):
            skipped += 1
            continue
        streams: dict[str, str] = {}
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                # How printed text is split into chunks depends on timing: the
                # text of a stream is all its chunks (the build joins them,
                # nnscratch_build.merge_streams; this does not rely on it)
                text = output.get("text", "")
                name = output.get("name", "stdout")
                streams[name] = streams.get(name, "") + (
                    text if isinstance(text, str) else "".join(text)
                )
                continue
            for mime, value in sorted(output.get("data", {}).items()):
                where = f"{notebook.name} cell {index} {mime}"
                if mime == "image/png":
                    found.append((where, pixels(base64.b64decode(value))))
                elif mime.startswith("text/") or mime.endswith(("json", "svg+xml")):
                    found.append((where, value if isinstance(value, str) else "".join(value)))
        found += [
            (f"{notebook.name} cell {index} {name}", text.rstrip())
            for name, text in streams.items()
        ]
    return found, skipped


def same(a: object, b: object) -> bool:
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return a.shape == b.shape and bool(np.array_equal(a, b))
    return a == b


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = build(Path(tmp) / "a"), build(Path(tmp) / "b")
        problems: list[str] = []
        notebooks = sorted((first / "jupyter_execute").rglob("*.ipynb"))
        n_outputs = n_skipped = 0
        for nb in notebooks:
            other = second / nb.relative_to(first)
            (left, skipped), (right, _) = outputs(nb), outputs(other)
            n_outputs += len(left)
            n_skipped += skipped
            left_names, right_names = [w for w, _ in left], [w for w, _ in right]
            if left_names != right_names:
                only = sorted(set(left_names) ^ set(right_names))
                problems.append(f"{nb.name}: different outputs, e.g. {only[:3]}")
                for where, value in left + right:
                    if where in only:
                        problems.append(f"  {where}: {str(value)[:300]!r}")
                continue
            problems += [
                f"{w}: differs"
                for (w, a), (_, b) in zip(left, right, strict=True)
                if not same(a, b)
            ]
        images = sorted((first / "html" / "_images").glob("*.png"))
        for image in images:
            other = second / image.relative_to(first)
            if not other.exists():
                problems.append(f"{image.name}: only in the first build")
            elif not same(pixels(image.read_bytes()), pixels(other.read_bytes())):
                problems.append(f"{image.name}: pixels differ")
        vectors = sorted((first / "html" / "_images").glob("*.svg"))
        for image in vectors:
            other = second / image.relative_to(first)
            if not other.exists():
                problems.append(f"{image.name}: only in the first build")
            elif image.read_bytes() != other.read_bytes():
                problems.append(f"{image.name}: bytes differ")
        n_svg_outputs = sum(
            1 for nb in notebooks for where, _ in outputs(nb)[0] if where.endswith("svg+xml")
        )
        print(
            f"compared {n_outputs} executed outputs ({n_svg_outputs} SVG figures) in "
            f"{len(notebooks)} pages, {len(images)} PNG and {len(vectors)} SVG images "
            f"({n_skipped} cells tagged nondeterministic skipped)"
        )
        if n_outputs == 0 or n_svg_outputs == 0 or not vectors:
            problems.append("nothing to compare: no executed outputs or no SVG figures found")
        if problems:
            print("\n".join(problems))
            return 1
        print("two clean builds gave identical outputs and identical figure pixels")
        return 0


if __name__ == "__main__":
    sys.exit(main())
