"""Build-time housekeeping of the nnscratch book (a local Sphinx extension).

Work that ``conf.py`` used to do while it was imported runs here, in Sphinx's
build events, and only for the builders that need it:

- ``config-inited``: the execution cache lives in a folder named after the
  hash of the package's sources (see ``conf.py``); caches of older sources
  are deleted.
- ``builder-inited`` (HTML builders only): MathJax 3 is served from the build,
  so that formulas render offline. ``npm ci`` installs it from
  ``package-lock.json`` into ``node_modules/mathjax`` (npm checks the lock's
  integrity hash); this copies the part of ``es5/`` that the
  ``tex-mml-chtml`` component loads (about 3 MB) into ``docs/_static/mathjax``
  (git-ignored), again whenever the installed version changes. The LaTeX
  builder does not need it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from sphinx.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
NODE_MATHJAX = ROOT / "node_modules" / "mathjax"
#: Parts of es5/ that tex-mml-chtml.js loads at run time.
MATHJAX_SUBSET = (
    "tex-mml-chtml.js",
    "input/tex/extensions",
    "output/chtml/fonts/woff-v2",
    "ui",
    "a11y",
)


def _drop_old_caches(app: Any, config: Any) -> None:  # noqa: ARG001
    current = Path(config.nb_execution_cache_path)
    if current.parent.is_dir():
        for old in current.parent.iterdir():
            if old.name != current.name:
                shutil.rmtree(old, ignore_errors=True)


def install_mathjax(target: Path) -> str | None:
    """Copy MathJax from node_modules into ``target`` if it is missing or stale.

    Returns the version now in ``target`` (None if there is none).
    """
    stamp = target / ".version"
    have = stamp.read_text().strip() if stamp.is_file() else None
    package = NODE_MATHJAX / "package.json"
    if not package.is_file():
        return have if (target / "tex-mml-chtml.js").is_file() else None
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    if have == version and (target / "tex-mml-chtml.js").is_file():
        return version
    if target.exists():
        shutil.rmtree(target)
    for part in MATHJAX_SUBSET:
        source = NODE_MATHJAX / "es5" / part
        dest = target / part
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest)
        else:
            shutil.copy2(source, dest)
    shutil.copy2(NODE_MATHJAX / "LICENSE", target / "LICENSE")
    stamp.write_text(version + "\n")
    return version


def _mathjax(app: Any) -> None:
    if app.builder.format != "html":
        return
    target = Path(app.srcdir) / "_static" / "mathjax"
    if install_mathjax(target) is None:
        msg = (
            f"MathJax is missing from {NODE_MATHJAX}: run `npm ci` in {ROOT} "
            "(`nox -s docs` does), which installs it from package-lock.json."
        )
        raise ConfigError(msg)


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _drop_old_caches)
    app.connect("builder-inited", _mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
