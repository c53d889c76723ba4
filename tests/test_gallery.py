"""Every gallery script runs headless, without a warning, and draws at least one figure.

Each script runs in a fresh interpreter (Agg backend), so that scripts cannot
share state, a hang is cut off by the timeout, and any warning fails the test,
as in the strict docs build. Warnings become errors through the driver's
``warnings.simplefilter("error")``, not ``python -W error``: that command-line
option also switches on pyparsing's diagnostics for grammar authors, which
matplotlib's mathtext grammar triggers in some supported versions. A small driver runs the
script, counts the open figures, and renders every animation the way
sphinx-gallery does (``to_jshtml``): a deleted, never rendered animation would
otherwise warn, and the rendered size is checked to stay small enough to embed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GALLERY = Path(__file__).resolve().parents[1] / "gallery"
SCRIPTS = sorted(GALLERY.glob("plot_*.py"))

#: Largest embedded animation accepted, in bytes (the HTML of all its frames).
MAX_ANIMATION_BYTES = 2_000_000

DRIVER = """
import json, runpy, sys, warnings
warnings.simplefilter("error")
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.animation import Animation

namespace = runpy.run_path(sys.argv[1], run_name="__main__")
n_figures = len(plt.get_fignums())
animations = [
    len(a.to_jshtml()) for a in namespace.values() if isinstance(a, Animation)
]
plt.close("all")
print(json.dumps({"figures": n_figures, "animations": animations}))
"""


def test_gallery_scripts_found() -> None:
    assert len(SCRIPTS) >= 6, [script.name for script in SCRIPTS]


@pytest.mark.parametrize("script", SCRIPTS, ids=[script.stem for script in SCRIPTS])
def test_gallery_script_runs(script: Path, tmp_path: Path) -> None:
    env = os.environ | {"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(script)],
        cwd=tmp_path,  # anything a script writes lands in a temporary directory
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["figures"] >= 1
    for size in report["animations"]:
        assert 0 < size <= MAX_ANIMATION_BYTES
