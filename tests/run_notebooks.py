"""Execute notebooks top to bottom in fresh kernels, as a learner would; fail on any cell error.

Usage: ``python tests/run_notebooks.py NOTEBOOK_OR_FOLDER...`` (run by ``nox -s notebooks``
in an environment holding only the nnscratch wheel, matplotlib, nbclient and ipykernel).
Each notebook runs in its own temporary working directory, without the repository
on the path, so it can only import what is installed.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

import nbclient
import nbformat
from nbclient.exceptions import CellExecutionError

#: The book's toolchain must not be importable: the notebooks have to run without it.
FORBIDDEN = ("sphinx", "myst_nb", "myst_parser", "sphinx_gallery", "jupytext")


def main(arguments: list[str]) -> int:
    present = [name for name in FORBIDDEN if importlib.util.find_spec(name) is not None]
    if present:
        print(f"not a clean environment: {', '.join(present)} importable")
        return 2
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        paths += sorted(path.glob("*.ipynb")) if path.is_dir() else [path]
    if not paths:
        print("no notebooks given or found")
        return 2
    failures = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as workdir:
            client = nbclient.NotebookClient(
                nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": workdir}}
            )
            try:
                client.execute()
            except CellExecutionError as error:
                failures.append(path)
                print(f"FAIL {path}:\n{error}")
                continue
        print(f"ok   {path} ({time.perf_counter() - start:.1f} s)")
    print(f"{len(paths) - len(failures)} of {len(paths)} notebooks ran without error")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
