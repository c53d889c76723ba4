"""Build the book as another processor would compute it: do its checks still hold?

Training a small network is chaotic: two processors that round one product
differently can send a run into another basin, and a claim that held on one
machine fails on the other (it happened: a check of the going-further chapter
passed on the machine that wrote it and failed on an AMD EPYC). This script
builds the book from clean copies (as ``compare_builds.py`` does) with other
floating-point code paths of the same libraries, chosen with
``NPY_DISABLE_CPU_FEATURES`` (numpy) and ``OPENBLAS_CORETYPE`` (OpenBLAS):

- ``avx2``: numpy without its AVX-512 kernels and OpenBLAS's Haswell kernels,
  as on a processor with AVX2 and no AVX-512;
- ``sse``: numpy's x86-64-v2 baseline only and OpenBLAS's Nehalem kernels, as
  on a processor with SSE4.2 and no AVX.

The strict build runs every check cell, so a build passing means every
asserted claim holds with those numerics too. When a build of this checkout
exists (``docs/_build/jupyter_execute``), the script also counts, for each
variant, the executed outputs that came out different, and fails if no
variant changed any: then the builds computed what the native one did and the
check proved nothing (on a processor without AVX-512 the ``avx2`` variant is
the native one). ``nox -s numerics`` runs this. On another architecture
(aarch64) the variants mean nothing: the script says that it checked nothing,
and exits with 0.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from compare_builds import ROOT, build, compare_outputs

AVX512 = "X86_V4 AVX512_ICL AVX512_SPR"
VARIANTS = {
    "avx2": {"NPY_DISABLE_CPU_FEATURES": AVX512, "OPENBLAS_CORETYPE": "Haswell"},
    "sse": {"NPY_DISABLE_CPU_FEATURES": f"X86_V3 {AVX512}", "OPENBLAS_CORETYPE": "Nehalem"},
}


def main() -> int:
    if platform.machine() not in ("x86_64", "AMD64"):
        # the variants are x86-64 code paths: elsewhere they would not change
        # anything, and this check would prove nothing (it says so, and passes)
        print(f"NOT CHECKED: the variants are x86-64 code paths; this is {platform.machine()}")
        return 0
    native = ROOT / "docs" / "_build"
    have_native = any((native / "jupyter_execute").glob("*.ipynb"))
    changed = 0
    for name, variables in VARIANTS.items():
        print(f"{name}:", " ".join(f"{k}={v!r}" for k, v in variables.items()), flush=True)
        os.environ.update(variables)
        with tempfile.TemporaryDirectory() as tmp:
            other = build(Path(tmp) / name)  # fails (and so do we) if any check fails
            print(f"{name}: the strict build passed, every check cell holds")
            if have_native:
                compared, differing, unpaired, _ = compare_outputs(native, other)
                # outputs that only one build has are a difference too
                changed += len(differing) + len(unpaired)
                pages = sorted({w.split(".ipynb")[0] for w in differing + unpaired})
                print(
                    f"{name}: {len(differing)} of {len(compared)} paired executed outputs "
                    f"differ from this checkout's build, {len(unpaired)} pages have outputs "
                    f"that only one build has; pages: {', '.join(pages)}",
                    flush=True,
                )
    if not have_native:
        print("no build of this checkout to compare with (run `nox -s docs` first)")
    elif changed == 0:
        print("no variant changed any output: this check proved nothing here")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
