"""Install MathJax 3 into ``docs/_static/mathjax`` from the npm registry.

The book must render its formulas from ``file://`` with no network, so MathJax
is served from the build instead of a CDN. This downloads the npm package
tarball with ``npm pack`` (no ``node_modules``), checks its integrity hash
against the registry's, and copies the subset of ``es5/`` that the
``tex-mml-chtml`` component loads (about 3 MB). Third-party code is never
committed: ``docs/_static/mathjax`` is git-ignored.

Usage: ``python docs/_ext/fetch_mathjax.py`` (``nox -s docs`` runs it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "3.2.2"
TARGET = Path(__file__).resolve().parent.parent / "_static" / "mathjax"
STAMP = TARGET / ".version"
# Parts of es5/ that tex-mml-chtml.js loads at run time.
SUBSET = (
    "tex-mml-chtml.js",
    "input/tex/extensions",
    "output/chtml/fonts/woff-v2",
    "ui",
    "a11y",
)


def main() -> int:
    if STAMP.exists() and STAMP.read_text().strip() == VERSION:
        print(f"MathJax {VERSION} already in {TARGET}")
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print(
            "error: npm is needed to install MathJax (apt-get install nodejs npm)", file=sys.stderr
        )
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [npm, "pack", f"mathjax@{VERSION}", "--json", "--pack-destination", tmp],
            check=True,
            capture_output=True,
            text=True,
            cwd=tmp,
        )
        info = json.loads(out.stdout)[0]
        tarball = Path(tmp) / info["filename"]
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        es5 = Path(tmp) / "package" / "es5"
        if TARGET.exists():
            shutil.rmtree(TARGET)
        for part in SUBSET:
            source = es5 / part
            if not source.exists():
                continue
            dest = TARGET / part
            dest.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, dest)
            else:
                shutil.copy2(source, dest)
        shutil.copy2(Path(tmp) / "package" / "LICENSE", TARGET / "LICENSE")
    STAMP.write_text(VERSION + "\n")
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(
        f"MathJax {VERSION} installed in {TARGET} ({size / 1e6:.1f} MB, integrity {info['integrity'][:20]}...)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
