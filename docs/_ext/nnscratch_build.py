"""Build-time housekeeping of the nnscratch book (a local Sphinx extension).

Work that ``conf.py`` used to do while it was imported runs here, in Sphinx's
build events, and only for the builders that need it:

- ``config-inited``: the execution cache lives in a folder named after the
  hash of the package's sources, with one subfolder per set of figure formats
  (see ``conf.py``); caches of older sources are deleted.
- ``builder-inited`` (HTML builders only): MathJax 3 is served from the build,
  so that formulas render offline. ``npm ci`` installs it from
  ``package-lock.json`` into ``node_modules/mathjax`` (npm checks the lock's
  integrity hash); this copies the part of ``es5/`` that the
  ``tex-mml-chtml`` component loads (about 3 MB) into ``docs/_static/mathjax``
  (git-ignored), again whenever the installed version changes. The LaTeX
  builder does not need it.
- ``builder-inited`` (every builder): the pages' notebooks that the execution
  cache lacks start executing at once, in a pool of threads (each runs one
  kernel), longest page first, while sphinx-gallery runs its scripts; a later
  ``builder-inited`` handler waits for them and stores them in the cache.
  myst-nb then finds every page cached when Sphinx reads it. Without this,
  Sphinx reads (and so executes) the pages only after the whole gallery, and
  in fixed chunks of pages, so one core idles for much of a cold build. The
  same reader, executor and cache as myst-nb's are used; a page that fails
  here is simply not cached, and myst-nb executes it again and reports the
  error as usual.
- ``doctree-read``: the page's executed notebook in ``jupyter_execute`` gets
  the outputs from the cache (myst-nb's cache mode saves it without them).
"""

from __future__ import annotations

import json
import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from nnscratch_notebooks import executed_folder, merge_streams
from sphinx.errors import ConfigError
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

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
    # <cache root>/<hash of the package's sources>/<figure formats>
    current = Path(config.nb_execution_cache_path).parent
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


class _Execution:
    """Notebooks being executed ahead of the reading phase."""

    def __init__(self) -> None:
        self.pool: ThreadPoolExecutor | None = None
        self.jobs: list[tuple[Path, Any, Future[Any]]] = []
        self.started = 0.0


_AHEAD = _Execution()


def _start_executing(app: Any) -> None:
    """Start executing, in threads, every page notebook that the cache does not hold."""
    if app.config.nb_execution_mode != "cache":
        return
    from jupyter_cache import get_cache  # noqa: PLC0415
    from jupyter_cache.executors.utils import single_nb_execution  # noqa: PLC0415
    from myst_nb.core.read import create_nb_reader  # noqa: PLC0415
    from myst_nb.sphinx_ext import create_mystnb_config  # noqa: PLC0415
    from myst_parser.sphinx_ext.main import create_myst_config  # noqa: PLC0415

    # myst-parser and myst-nb make these at priority 500; the same objects, earlier
    create_myst_config(app)
    create_mystnb_config(app)
    md_config, nb_config = app.env.myst_config, app.env.mystnb_config
    cache = get_cache(nb_config.execution_cache_path)
    todo = []
    for docname in app.project.discover(app.config.exclude_patterns, app.config.include_patterns):
        path = Path(app.env.doc2path(docname))
        if path.suffix != ".md":
            continue
        text = path.read_text(encoding="utf-8")
        reader = create_nb_reader(str(path), md_config, nb_config, text)
        if reader is None or any(
            path.match(pattern) for pattern in nb_config.execution_excludepatterns
        ):
            continue
        notebook = reader.read(text)
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            todo.append((path, notebook))
    if not todo:
        return
    # the longest page first, so that it does not start last (size is a fair proxy)
    todo.sort(key=lambda job: job[0].stat().st_size, reverse=True)
    _AHEAD.pool = ThreadPoolExecutor(max_workers=max(1, app.parallel))
    _AHEAD.started = time.perf_counter()
    _AHEAD.jobs = [
        (
            path,
            notebook,
            _AHEAD.pool.submit(
                single_nb_execution,
                notebook,
                cwd=str(path.parent),
                timeout=nb_config.execution_timeout,
                allow_errors=nb_config.execution_allow_errors,
                meta_override=True,
            ),
        )
        for path, notebook in todo
    ]
    LOGGER.info("executing %d notebook(s) while the gallery runs", len(todo))


def _finish_executing(app: Any) -> None:
    """Wait for the notebooks started by :func:`_start_executing`; cache those that ran."""
    if _AHEAD.pool is None:
        return
    from jupyter_cache import get_cache  # noqa: PLC0415
    from jupyter_cache.base import CacheBundleIn  # noqa: PLC0415

    cache = get_cache(app.env.mystnb_config.execution_cache_path)
    n_cached = 0
    for path, notebook, future in _AHEAD.jobs:
        exception = future.exception()
        result = None if exception is not None else future.result()
        if result is None or result.err is not None:
            LOGGER.info("%s: not cached ahead; it is executed when read", path.name)
            continue
        cache.cache_notebook_bundle(
            CacheBundleIn(notebook, str(path), data={"execution_seconds": result.time}),
            check_validity=False,
            overwrite=True,
        )
        n_cached += 1
        LOGGER.info("%s: executed ahead in %.1f s", path.name, result.time)
    _AHEAD.pool.shutdown()
    LOGGER.info(
        "%d of %d notebook(s) executed ahead and cached, %.1f s after they started",
        n_cached,
        len(_AHEAD.jobs),
        time.perf_counter() - _AHEAD.started,
    )
    _AHEAD.pool, _AHEAD.jobs = None, []


def _save_outputs(app: Any, doctree: Any) -> None:  # noqa: ARG001
    """Put the executed outputs into the page's ``jupyter_execute/<page>.ipynb``.

    In ``cache`` mode myst-nb renders the outputs that jupyter-cache merges into
    a copy of the page's notebook, but saves the page's own notebook, without
    outputs (``myst_nb/sphinx_.py`` writes the notebook it read, while
    ``NotebookClientCache`` keeps the merged one). The chapter notebooks that
    readers download and the reproducibility check both read that file, so
    after myst-nb has written it, it is written again with the cached outputs.
    Consecutive chunks of one stream are joined into one output, as the page
    shows them (``nb_merge_streams``): how the kernel splits printed text into
    chunks depends on timing, and two builds must save the same notebook.
    """
    if app.config.nb_execution_mode != "cache":
        return
    path = executed_folder(app) / f"{app.env.docname}.ipynb"
    if not path.is_file():
        return
    import nbformat  # noqa: PLC0415
    from jupyter_cache import get_cache  # noqa: PLC0415

    notebook = nbformat.read(path, as_version=4)
    if not any(cell.cell_type == "code" for cell in notebook.cells):
        return
    cache = get_cache(app.env.mystnb_config.execution_cache_path)
    try:
        _, merged = cache.merge_match_into_notebook(notebook)
    except KeyError:
        return  # not executed (excluded): myst-nb rendered no outputs either
    for cell in merged.cells:
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
    nbformat.write(merged, path)


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _drop_old_caches)
    app.connect("builder-inited", _mathjax)
    # before sphinx-gallery's builder-inited handler (priority 500), and after it
    app.connect("builder-inited", _start_executing, priority=400)
    app.connect("builder-inited", _finish_executing, priority=900)
    app.connect("doctree-read", _save_outputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
