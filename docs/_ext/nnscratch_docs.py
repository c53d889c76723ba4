"""Build helpers of the nnscratch book (a local Sphinx extension).

- :func:`reset_seeds` runs before and after each gallery script, so no
  script depends on the global random state left by another.
- After a successful build, the package's source hash is stamped into the
  gallery output; ``conf.py`` compares it to decide whether every gallery
  script must re-run because the package changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def reset_seeds(gallery_conf: dict[str, Any], fname: str) -> None:  # noqa: ARG001
    """Reset numpy's legacy global seed (scripts use default_rng(seed) anyway)."""
    np.random.seed(0)  # noqa: NPY002


def _stamp_gallery(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "latex"):
        return
    stamp = Path(app.srcdir) / "auto_examples" / ".nnscratch-source-hash"
    if stamp.parent.is_dir():
        stamp.write_text(app.config.nnscratch_source_hash + "\n")


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("nnscratch_source_hash", "", "env")
    app.connect("build-finished", _stamp_gallery)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
