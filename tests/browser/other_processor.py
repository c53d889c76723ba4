"""Build the book as another processor would compute it: do its checks still hold?

Training a small network is chaotic: two processors that round one product
differently can send a run into another basin, and a claim that held on one
machine fails on the other (it happened: a check of the going-further chapter
passed on the machine that wrote it and failed on an AMD EPYC). This script
builds the book from a clean copy (as ``compare_builds.py`` does) with other
floating-point code paths of the same libraries:

- numpy without its AVX-512 kernels (``NPY_DISABLE_CPU_FEATURES``), as on a
  processor that has only AVX2;
- OpenBLAS with its Haswell (AVX2) kernels (``OPENBLAS_CORETYPE``).

The strict build runs every check cell, so the build passing means every
asserted claim holds with these numerics too. When a build of this checkout
exists (``docs/_build/jupyter_execute``), the script also counts the executed
outputs that came out different, and fails if none did: then the two builds
computed the same thing and the check proved nothing. ``nox -s numerics``
runs this.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from compare_builds import ROOT, build, outputs, same

OTHER_NUMERICS = {
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
    "OPENBLAS_CORETYPE": "Haswell",
}


def main() -> int:
    os.environ.update(OTHER_NUMERICS)
    print("building with", " ".join(f"{k}={v!r}" for k, v in OTHER_NUMERICS.items()))
    with tempfile.TemporaryDirectory() as tmp:
        other = build(Path(tmp) / "other")  # fails (and so do we) if any check fails
        print("the strict build passed: every check cell holds with these numerics")
        native = ROOT / "docs" / "_build"
        notebooks = sorted((native / "jupyter_execute").glob("*.ipynb"))
        if not notebooks:
            print("no build of this checkout to compare with (run `nox -s docs` first)")
            return 0
        n_outputs = n_different = 0
        pages = set()
        for nb in notebooks:
            counterpart = other / nb.relative_to(native)
            if not counterpart.is_file():
                continue
            left, right = outputs(nb)[0], dict(outputs(counterpart)[0])
            for where, value in left:
                n_outputs += 1
                if where in right and not same(value, right[where]):
                    n_different += 1
                    pages.add(nb.stem)
        print(
            f"{n_different} of {n_outputs} executed outputs differ from this checkout's "
            f"build, on {len(pages)} pages: {', '.join(sorted(pages))}"
        )
        if n_different == 0:
            print("the other numerics changed nothing: this check proved nothing here")
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
