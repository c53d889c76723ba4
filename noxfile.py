#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.2.9"]
# ///
"""Sessions: tests, lint, docs (HTML + offline archive), pdf, site (browser check), bench, repro.

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


@nox.session(default=False)
def pdf(session: nox.Session) -> None:
    """Build the PDF book through LaTeX (needs latexmk and xelatex from TeX Live)."""
    missing = [tool for tool in ("latexmk", "xelatex") if shutil.which(tool) is None]
    if missing:
        session.error(
            f"{', '.join(missing)} not found. Install TeX Live (Debian):\n"
            "  apt-get install -y --no-install-recommends latexmk texlive-latex-recommended "
            "texlive-fonts-recommended tex-gyre texlive-latex-extra texlive-xetex fonts-freefont-otf"
        )
    _install(session, "docs")
    session.run("python", "docs/_ext/fetch_mathjax.py")
    env = dict(BUILD_ENV, MPLBACKEND="", LATEXMKOPTS="-halt-on-error -interaction=nonstopmode")
    session.run("sphinx-build", "-M", "latexpdf", "docs", str(BUILD), *SPHINX_STRICT, env=env)
    pdf_file = BUILD / "latex" / "nnscratch.pdf"
    if not pdf_file.is_file():
        session.error(f"LaTeX finished but {pdf_file} is missing")
    if HTML.is_dir():  # the website links to the PDF
        shutil.copy2(pdf_file, HTML / "nnscratch.pdf")
    session.log(f"PDF book: {pdf_file}")


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
