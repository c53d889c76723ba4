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


def compare_outputs(first: Path, second: Path) -> tuple[list[str], list[str], list[str], int]:
    """Pair the executed outputs of two builds (``<build>/jupyter_execute``).

    Returns the outputs compared (by name), the names of those that differ,
    the problems of pairing (a page or an output in one build only), and how
    many cells of the first build were skipped (tagged ``nondeterministic``).
    """
    compared: list[str] = []
    differing: list[str] = []
    problems: list[str] = []
    n_skipped = 0
    for nb in sorted((first / "jupyter_execute").glob("*.ipynb")):
        other = second / nb.relative_to(first)
        if not other.is_file():
            problems.append(f"{nb.name}: only in the first build")
            continue
        (left, skipped), right = outputs(nb), dict(outputs(other)[0])
        n_skipped += skipped
        if [w for w, _ in left] != list(right):
            only = sorted({w for w, _ in left} ^ set(right))
            problems.append(f"{nb.name}: different outputs, e.g. {only[:3]}")
            continue
        compared += [w for w, _ in left]
        differing += [w for w, value in left if not same(value, right[w])]
    return compared, differing, problems, n_skipped


def compare_images(first: Path, second: Path) -> tuple[int, int, list[str]]:
    """Compare ``html/_images``: SVG files byte for byte, PNG files by pixels."""
    problems: list[str] = []
    counts = {"png": 0, "svg": 0}
    for image in sorted((first / "html" / "_images").glob("*")):
        kind = image.suffix.lstrip(".")
        if kind not in counts:
            continue
        counts[kind] += 1
        other = second / image.relative_to(first)
        if not other.exists():
            problems.append(f"{image.name}: only in the first build")
        elif kind == "svg" and image.read_bytes() != other.read_bytes():
            problems.append(f"{image.name}: bytes differ")
        elif kind == "png" and not same(pixels(image.read_bytes()), pixels(other.read_bytes())):
            problems.append(f"{image.name}: pixels differ")
    return counts["png"], counts["svg"], problems


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = build(Path(tmp) / "a"), build(Path(tmp) / "b")
        compared, differing, problems, n_skipped = compare_outputs(first, second)
        problems += [f"{where}: differs" for where in differing]
        n_png, n_svg, image_problems = compare_images(first, second)
        problems += image_problems
        n_svg_outputs = sum(where.endswith("svg+xml") for where in compared)
        print(
            f"compared {len(compared)} executed outputs ({n_svg_outputs} SVG figures), "
            f"{n_png} PNG and {n_svg} SVG images "
            f"({n_skipped} cells tagged nondeterministic skipped)"
        )
        if not compared or n_svg_outputs == 0 or n_svg == 0:
            problems.append("nothing to compare: no executed outputs or no SVG figures found")
        if problems:
            print("\n".join(problems))
            return 1
        print("two clean builds gave identical outputs and identical figure pixels")
        return 0


if __name__ == "__main__":
    sys.exit(main())
