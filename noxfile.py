#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.2.9"]
# ///
"""Sessions: tests, lint, docs (HTML + offline archive), pdf, epub, site (browser check), bench, repro.

Run ``nox -l`` to list them. Every session installs what it needs into its own
virtual environment; ``docs`` also needs ``npm`` (MathJax comes from the npm
registry) and ``pdf`` needs TeX Live (see README).
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import nox

nox.needs_version = ">=2024.3.2"
nox.options.default_venv_backend = "virtualenv"
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
HTML = BUILD / "html"
ARCHIVE_NAME = "nnscratch-book-html.zip"
SPHINX_STRICT = ["-W", "--keep-going", "-n", "-T"]
# Reproducible builds: fixed timestamps and hash seed (see TOOLCHAIN notes).
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1764115200", "PYTHONHASHSEED": "0"}


def _install(session: nox.Session, *groups: str) -> None:
    session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (package, gallery scripts, equation labels)."""
    _install(session, "test")
    session.run("pytest", *session.posargs, env={"MPLBACKEND": "Agg"})


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff (lint + format check) and mypy --strict on the package."""
    _install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


def _build_html(session: nox.Session, outdir: Path) -> None:
    session.run("python", "docs/_ext/fetch_mathjax.py")
    env = dict(BUILD_ENV)
    # MPLBACKEND=Agg would silently drop every figure from myst-nb pages.
    env["MPLBACKEND"] = ""
    session.run(
        "sphinx-build",
        *SPHINX_STRICT,
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
            if path.is_file() and path.name != ARCHIVE_NAME:
                info = zipfile.ZipInfo(f"nnscratch-book/{path.relative_to(HTML).as_posix()}", epoch)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes())
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
    _install(session, "docs", "test")
    session.run("python", "docs/_ext/fetch_mathjax.py")
    env = dict(BUILD_ENV, MPLBACKEND="", LATEXMKOPTS="-halt-on-error -interaction=nonstopmode")
    session.run("sphinx-build", "-M", "latexpdf", "docs", str(BUILD), *SPHINX_STRICT, env=env)
    pdf_file = BUILD / "latex" / "nnscratch.pdf"
    if not pdf_file.is_file():
        session.error(f"LaTeX finished but {pdf_file} is missing")
    session.run("pytest", "tests/test_pdf.py", env={"MPLBACKEND": "Agg", "NNSCRATCH_PDF": str(pdf_file)})
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
    re-used by later builds (delete that folder to start over).
    """
    missing = [tool for tool in ("latex", "dvisvgm", "java") if shutil.which(tool) is None]
    if missing or not EPUBCHECK_JAR.is_file():
        session.error(
            f"{', '.join(missing) or EPUBCHECK_JAR} not found. Install (Debian):\n"
            "  apt-get install -y --no-install-recommends texlive-latex-recommended "
            "texlive-latex-extra dvisvgm epubcheck"
        )
    _install(session, "docs", "test")
    session.run("python", "docs/_ext/fetch_mathjax.py")  # conf.py expects it (HTML only)
    env = dict(BUILD_ENV, MPLBACKEND="")
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
    session.run("pytest", "tests/test_epub.py", env={"MPLBACKEND": "Agg", "NNSCRATCH_EPUB": str(epub_file)})
    if HTML.is_dir():
        shutil.copy2(epub_file, HTML / "nnscratch.epub")
        _add_to_archive(session, epub_file)
    session.log(f"EPUB book: {epub_file}")


@nox.session(default=False)
def site(session: nox.Session) -> None:
    """Browser check of the built book at 390 px (light) and 1280 px (dark), offline."""
    # the check only drives the browser: it needs Playwright, not the package
    session.install("playwright>=1.45")
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
    session.run("python", "-m", "pip", "wheel", ".", "--no-deps", "-w", str(wheels))
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
        # opt-in: PyPI's default torch wheel for Linux is a large CUDA build;
        # the CPU build 2.13.0 is what the README's table was measured with
        session.run("python", "-m", "pip", "install", "torch==2.13.0")
    session.run("python", "benchmarks/bench_step.py", *session.posargs)


@nox.session(default=False)
def repro(session: nox.Session) -> None:
    """Build the HTML twice from scratch and compare executed outputs and figures."""
    _install(session, "docs")
    session.run("python", "docs/_ext/fetch_mathjax.py")
    session.run("python", "tests/browser/compare_builds.py", env=dict(BUILD_ENV, MPLBACKEND=""))


if __name__ == "__main__":
    nox.main()
