#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.2.9", "uv>=0.8"]
# ///
"""Sessions: tests, tests-lowest, lint, docs (HTML + offline archive), pdf, epub, site, bench, repro,
lock.

Run ``nox -l`` to list them. Every session makes its own virtual environment
and installs exactly the versions of a hashed lock in ``requirements/`` (the
package itself is installed without dependencies); ``nox -s lock`` regenerates
the locks from the dependency groups of ``pyproject.toml``. ``docs`` also
needs ``npm`` (MathJax and axe-core are installed with ``npm ci`` from
``package-lock.json``) and ``pdf`` needs TeX Live (see README).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import zipfile
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
HTML = BUILD / "html"
LOCKS = ROOT / "requirements"
ARCHIVE_NAME = "nnscratch-book-html.zip"
SPHINX_STRICT = ["-W", "--keep-going", "-n", "-T"]
# Reproducible builds: fixed timestamps and hash seed (see TOOLCHAIN notes).
# One BLAS thread per process: a build runs four processes at once (two
# kernels, two gallery workers) on a 2-core machine, and each would otherwise
# start a BLAS thread per core that busy-waits between its small products (a
# cold `nox -s docs` took 15 % less CPU and 9 s less time with this; README).
BUILD_ENV = {
    "SOURCE_DATE_EPOCH": "1764115200",
    "PYTHONHASHSEED": "0",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}

#: dependency group -> (lowest Python its lock serves, universal across platforms and Pythons)
LOCKED_GROUPS = {
    "test": "3.10",
    "docs": "3.11",  # Sphinx 9 needs Python >= 3.11
    "lint": "3.11",  # pre-commit 4.7 needs Python >= 3.11
    "bench": "3.10",
    "site": "3.10",
    "tools": "3.10",
}
#: the lowest versions pyproject.toml allows, for ``tests-lowest`` (CPython 3.11, Linux)
LOWEST_LOCK = LOCKS / "test-lowest.txt"
LOWEST_PYTHON = "3.11"


#: Compile the installed packages to bytecode once, at install time (pip does by
#: default, uv only when asked). Where PYTHONDONTWRITEBYTECODE is set, as on the
#: machines this book is built on, Python would otherwise compile every module
#: from source in every process: Sphinx, each kernel, each gallery worker (a
#: tenth of a cold book build's CPU time, 8 s of its time, when measured).
INSTALL_ENV = {"UV_COMPILE_BYTECODE": "1"}


def _install(session: nox.Session, group: str) -> None:
    """The group's hashed lock, then the package without dependencies."""
    session.install("--require-hashes", "-r", str(LOCKS / f"{group}.txt"), env=INSTALL_ENV)
    session.install("--no-deps", "-e", ".", env=INSTALL_ENV)


def _npm_ci(session: nox.Session) -> None:
    """MathJax and axe-core from package-lock.json (npm checks their integrity hashes)."""
    lock = json.loads((ROOT / "package-lock.json").read_text())
    installed = ROOT / "node_modules" / ".package-lock.json"
    current = json.loads(installed.read_text()) if installed.is_file() else {}
    wanted = {k: v for k, v in lock["packages"].items() if k}
    if current.get("packages") != wanted:
        if shutil.which("npm") is None:
            session.error("npm is needed (apt-get install nodejs npm)")
        session.run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", external=True)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (package, gallery scripts, equation labels)."""
    _install(session, "test")
    session.run("pytest", *session.posargs, env={"MPLBACKEND": "Agg"})


@nox.session(name="tests-lowest", python=LOWEST_PYTHON, default=False)
def tests_lowest(session: nox.Session) -> None:
    """Run the test suite against the lowest versions pyproject.toml declares."""
    session.install("--require-hashes", "-r", str(LOWEST_LOCK))
    session.install("--no-deps", "-e", ".")
    session.run(
        "python",
        "-c",
        "import numpy, matplotlib; print('numpy', numpy.__version__, "
        "'matplotlib', matplotlib.__version__)",
    )
    session.run("pytest", *session.posargs, env={"MPLBACKEND": "Agg"})


@nox.session
def lint(session: nox.Session) -> None:
    """The pre-commit hooks, run from the lint lock (no GitHub needed).

    .ci/local_hooks.py checks that the revisions pinned in .pre-commit-config.yaml
    equal the locked versions, and turns every hook into a local one.
    """
    _install(session, "lint")
    config = Path(session.create_tmp()) / "pre-commit-local.yaml"
    session.run("python", ".ci/local_hooks.py", str(config))
    session.run(
        "pre-commit",
        "run",
        "--all-files",
        "--show-diff-on-failure",
        "--config",
        str(config),
        *session.posargs,
    )


def _build_html(session: nox.Session, outdir: Path) -> None:
    _npm_ci(session)
    env = dict(BUILD_ENV, NNSCRATCH_FIGURE_FORMATS="svg")  # what HTML shows
    # MPLBACKEND=Agg would silently drop every figure from myst-nb pages.
    env["MPLBACKEND"] = ""
    session.run(
        "sphinx-build",
        *SPHINX_STRICT,
        # two processes read (and so execute) the pages: the training chapter
        # alone runs for about half of the build
        "-j",
        "2",
        "-b",
        "html",
        "docs",
        str(outdir),
        *session.posargs,
        env=env,
    )


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML book (strict) and its offline archive in docs/_build/html."""
    _install(session, "docs")
    _build_html(session, HTML)
    archive = HTML / ARCHIVE_NAME
    archive.unlink(missing_ok=True)
    epoch = (2025, 11, 26, 0, 0, 0)
    with zipfile.ZipFile(BUILD / ARCHIVE_NAME, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(HTML.rglob("*")):
            if (
                path.is_file()
                and path.name != ARCHIVE_NAME
                and ".doctrees" not in path.parts
                and not path.name.startswith(".buildinfo")
            ):
                info = zipfile.ZipInfo(f"nnscratch-book/{path.relative_to(HTML).as_posix()}", epoch)
                info.compress_type = zipfile.ZIP_DEFLATED
                # level 1: half the time of the default level, an archive 8 % larger
                zf.writestr(info, path.read_bytes(), compresslevel=1)
    shutil.move(BUILD / ARCHIVE_NAME, archive)
    session.log(f"HTML book: {HTML / 'index.html'}; offline archive: {archive}")


def _add_to_archive(session: nox.Session, *files: Path) -> None:
    """Put ``files`` into the offline archive (if ``nox -s docs`` made one), next to the HTML.

    The archive is rewritten: an older copy of each file is replaced, and build
    leftovers (``.doctrees``, ``.buildinfo``) are left out.
    """
    archive = HTML / ARCHIVE_NAME
    if not archive.is_file():
        session.log(f"no {archive}: run `nox -s docs` first to archive the HTML book")
        return
    names = {f"nnscratch-book/{path.name}" for path in files}
    tmp = archive.with_suffix(".tmp")
    epoch = (2025, 11, 26, 0, 0, 0)
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in names or "/.doctrees/" in info.filename:
                continue
            if info.filename.endswith("/.buildinfo"):
                continue
            new.writestr(info, old.read(info))
        for path in files:
            info = zipfile.ZipInfo(f"nnscratch-book/{path.name}", epoch)
            info.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(info, path.read_bytes())
    tmp.replace(archive)
    session.log(f"offline archive {archive} holds {', '.join(p.name for p in files)}")


@nox.session(default=False)
def pdf(session: nox.Session) -> None:
    """Build the PDF book through LaTeX (needs latexmk and xelatex from TeX Live).

    The PDF is checked page by page (tests/test_pdf.py), then copied next to the
    HTML book and into its offline archive when ``nox -s docs`` has built them.
    """
    missing = [tool for tool in ("latexmk", "xelatex", "pdftotext") if shutil.which(tool) is None]
    if missing:
        session.error(
            f"{', '.join(missing)} not found. Install TeX Live and poppler (Debian):\n"
            "  apt-get install -y --no-install-recommends latexmk texlive-latex-recommended "
            "texlive-fonts-recommended tex-gyre texlive-latex-extra texlive-xetex "
            "fonts-freefont-otf fonts-lmodern poppler-utils"
        )
    _install(session, "docs")
    env = dict(
        BUILD_ENV,
        MPLBACKEND="",
        NNSCRATCH_FIGURE_FORMATS="pdf",  # what LaTeX includes
        LATEXMKOPTS="-halt-on-error -interaction=nonstopmode",
    )
    session.run("sphinx-build", "-M", "latexpdf", "docs", str(BUILD), *SPHINX_STRICT, env=env)
    pdf_file = BUILD / "latex" / "nnscratch.pdf"
    if not pdf_file.is_file():
        session.error(f"LaTeX finished but {pdf_file} is missing")
    # the checks of tests/test_pdf.py: first on planted defects, then on the book
    session.run("python", "tests/test_pdf.py", str(pdf_file))
    if HTML.is_dir():  # the website links to the PDF
        shutil.copy2(pdf_file, HTML / "nnscratch.pdf")
        _add_to_archive(session, pdf_file)
    session.log(f"PDF book: {pdf_file}")


EPUB = BUILD / "epub"
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")


@nox.session(default=False)
def epub(session: nox.Session) -> None:
    """Build the EPUB 3 book (formulas as SVG images) and check it with epubcheck.

    Needs LaTeX and dvisvgm (TeX Live) for the formulas and epubcheck (Debian
    package ``epubcheck``). Each formula is rendered by its own LaTeX run: the
    first build takes minutes; the images are kept in docs/_build/epub and
    reused by later builds (delete that folder to start over).
    """
    missing = [tool for tool in ("latex", "dvisvgm", "java") if shutil.which(tool) is None]
    if missing or not EPUBCHECK_JAR.is_file():
        session.error(
            f"{', '.join(missing) or EPUBCHECK_JAR} not found. Install (Debian):\n"
            "  apt-get install -y --no-install-recommends texlive-latex-recommended "
            "texlive-latex-extra dvisvgm epubcheck"
        )
    _install(session, "docs")
    _npm_ci(session)  # the HTML-format builders want the offline MathJax (left out of the EPUB)
    env = dict(BUILD_ENV, MPLBACKEND="", NNSCRATCH_FIGURE_FORMATS="svg")
    session.run(
        "sphinx-build",
        *SPHINX_STRICT,
        "-b",
        "epub",
        "-D",
        "html_math_renderer=imgmath",
        "-d",
        str(BUILD / "epub-doctrees"),  # not inside the folder that is zipped
        "docs",
        str(EPUB),
        *session.posargs,
        env=env,
    )
    epub_file = EPUB / "nnscratch.epub"
    if not epub_file.is_file():
        session.error(f"Sphinx finished but {epub_file} is missing")
    # Debian's epubcheck wrapper may not start: run the jar; any error fails
    session.run("java", "-jar", str(EPUBCHECK_JAR), str(epub_file), external=True)
    session.run("python", "tests/test_epub.py", str(epub_file))
    if HTML.is_dir():
        shutil.copy2(epub_file, HTML / "nnscratch.epub")
        _add_to_archive(session, epub_file)
    session.log(f"EPUB book: {epub_file}")


@nox.session(default=False)
def site(session: nox.Session) -> None:
    """Browser check of the built book at 390 px (light) and 1280 px (dark), offline."""
    # the check only drives the browser: Playwright from its lock, axe-core from npm
    session.install("--require-hashes", "-r", str(LOCKS / "site.txt"))
    _npm_ci(session)
    if not HTML.joinpath("index.html").is_file():
        session.error("build the book first: nox -s docs")
    # each check must still find its defect on the fixture pages
    session.run("python", "tests/browser/check_site.py", "--self-test")
    session.run(
        "python",
        "tests/browser/check_site.py",
        str(HTML),
        *session.posargs,
    )


@nox.session(default=False, reuse_venv=False)
def notebooks(session: nox.Session) -> None:
    """Run every chapter and gallery notebook in a clean environment (wheel + matplotlib only).

    The environment holds the package's wheel, matplotlib, nbclient and ipykernel:
    no Sphinx, no myst-nb, as for a learner who downloads a notebook. Build the
    book first (``nox -s docs``): it writes the notebooks.
    """
    chapters = sorted(HTML.glob("notebooks/*.ipynb"))
    gallery = sorted(HTML.glob("_downloads/*/plot_*.ipynb"))  # as the site offers them
    if not chapters or not gallery:
        session.error("build the book first: nox -s docs")
    wheels = Path(session.create_tmp()) / "wheels"
    shutil.rmtree(wheels, ignore_errors=True)
    # the wheel is built by the Python running nox: a uv environment has no pip
    session.run(
        sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-w", str(wheels), external=True
    )
    (wheel,) = wheels.glob("nnscratch-*.whl")
    session.install(str(wheel), "matplotlib", "nbclient", "ipykernel")
    session.run(
        "python", "tests/run_notebooks.py", *map(str, chapters + gallery), env={"MPLBACKEND": ""}
    )


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Benchmark one gradient step against the per-sample approach and PyTorch."""
    _install(session, "bench")
    if os.environ.get("NNSCRATCH_BENCH_TORCH") == "1":
        # opt-in: uv takes PyPI's torch 2.13.0, for Linux x86-64 a CUDA build
        # of several GB (run on the CPU here); the README's table was measured
        # with the CPU build 2.13.0+cpu, installed with pip from a local wheel
        session.install("torch==2.13.0")
    session.run("python", "benchmarks/bench_step.py", *session.posargs)


@nox.session(default=False)
def repro(session: nox.Session) -> None:
    """Build the HTML twice from scratch and compare executed outputs and figures."""
    _clean_builds(session, "tests/browser/compare_builds.py")


@nox.session(default=False)
def numerics(session: nox.Session) -> None:
    """Build the HTML with other code paths of numpy and OpenBLAS: every check must hold.

    A claim about trained networks can hold on one processor and not on
    another; tests/browser/other_processor.py says more.
    """
    _clean_builds(session, "tests/browser/other_processor.py")


def _clean_builds(session: nox.Session, script: str) -> None:
    """Run a script that builds the HTML in clean copies, in the environment of ``docs``."""
    _install(session, "docs")
    _npm_ci(session)
    env = dict(BUILD_ENV, MPLBACKEND="", NNSCRATCH_FIGURE_FORMATS="svg")  # as nox -s docs
    session.run("python", script, env=env)


@nox.session(default=False, venv_backend="none")
def lock(session: nox.Session) -> None:
    """Regenerate requirements/*.txt (hashed) from pyproject.toml's groups, with uv.

    ``nox -s lock -- --upgrade`` moves every pin to the newest allowed version;
    without it, pins that still satisfy pyproject.toml are kept. package-lock.json
    is updated with ``npm install`` after editing package.json.
    """
    common = ["--generate-hashes", "--quiet", "--custom-compile-command", "nox -s lock"]
    for group, python in LOCKED_GROUPS.items():
        session.run(
            "uv",
            "pip",
            "compile",
            "--group",
            f"pyproject.toml:{group}",
            *(["pyproject.toml"] if group not in ("tools", "lint") else []),
            "--universal",
            "--python-version",
            python,
            *common,
            *session.posargs,
            "-o",
            str(LOCKS / f"{group}.txt"),
            external=True,
        )
    session.run(
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--group",
        "pyproject.toml:test",
        "--resolution",
        "lowest-direct",
        "--python-version",
        LOWEST_PYTHON,
        "--python-platform",
        "x86_64-manylinux_2_28",
        "--constraint",
        str(LOCKS / "test-lowest-constraints.txt"),
        *common,
        *session.posargs,
        "-o",
        str(LOWEST_LOCK),
        external=True,
    )


if __name__ == "__main__":
    nox.main()
