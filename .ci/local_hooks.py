"""The registry-only twin of ``.pre-commit-config.yaml``, for ``nox -s lint``.

``pre-commit run`` clones each hook repository from GitHub. On a machine that
reaches only the package registries, ``nox -s lint`` runs the same hooks from
the hash-locked lint environment (``requirements/lint.txt``) instead. This
script

1. checks that every pinned hook revision equals the version of its tool in
   the lint lock, and that every ``pkg==version`` in ``additional_dependencies``
   is in the lock (so the two paths cannot drift apart), and
2. writes a pre-commit configuration in which each hook of
   ``.pre-commit-config.yaml`` is a local hook running the locked tool, with the
   hook's own definition (entry, file types, default arguments) as the hook
   repository declares it at the pinned revision, overridden by the options
   set in ``.pre-commit-config.yaml`` (as pre-commit itself merges them).

Usage (inside the lint environment): ``python .ci/local_hooks.py OUT.yaml``.
Exit status 1 lists every mismatch.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".pre-commit-config.yaml"
LOCK = ROOT / "requirements" / "lint.txt"

#: Hook repository -> the PyPI package whose version its tags follow
#: (None: the hooks are regular expressions, nothing to install).
PACKAGES: dict[str, str | None] = {
    "https://github.com/pre-commit/pre-commit-hooks": "pre-commit-hooks",
    "https://github.com/astral-sh/ruff-pre-commit": "ruff",
    "https://github.com/pre-commit/mirrors-mypy": "mypy",
    "https://github.com/codespell-project/codespell": "codespell",
    "https://github.com/pre-commit/pygrep-hooks": None,
    "https://github.com/zizmorcore/zizmor-pre-commit": "zizmor",
}

#: Each hook's definition in its repository's ``.pre-commit-hooks.yaml`` at the
#: pinned tag (pre-commit-hooks v6.0.0, ruff-pre-commit v0.16.4, mirrors-mypy
#: v1.19.1, codespell v2.4.3, pygrep-hooks v1.10.0, zizmor-pre-commit v1.29.0);
#: ``language: python`` becomes ``unsupported`` (the tool is already installed).
HOOKS: dict[str, dict[str, Any]] = {
    "check-added-large-files": {"entry": "check-added-large-files"},
    "check-case-conflict": {"entry": "check-case-conflict"},
    "check-merge-conflict": {"entry": "check-merge-conflict", "types": ["text"]},
    "check-toml": {"entry": "check-toml", "types": ["toml"]},
    "check-yaml": {"entry": "check-yaml", "types": ["yaml"]},
    "end-of-file-fixer": {"entry": "end-of-file-fixer", "types": ["text"]},
    "trailing-whitespace": {"entry": "trailing-whitespace-fixer", "types": ["text"]},
    "ruff-check": {
        "entry": "ruff check --force-exclude",
        "types_or": ["python", "pyi", "jupyter"],
        "require_serial": True,
    },
    "ruff-format": {
        "entry": "ruff format --force-exclude",
        "types_or": ["python", "pyi", "jupyter"],
        "require_serial": True,
    },
    "mypy": {
        "entry": "mypy",
        "types_or": ["python", "pyi"],
        "args": ["--ignore-missing-imports", "--scripts-are-modules"],
        "require_serial": True,
    },
    "codespell": {"entry": "codespell", "types": ["text"]},
    "rst-backticks": {
        "entry": r"^(?!    ).*(^| )`[^`]+`([^_]|$)",
        "language": "pygrep",
        "types": ["rst"],
    },
    "rst-directive-colons": {
        "entry": r"^\s*\.\. [a-z]+(| | :):$",
        "language": "pygrep",
        "types": ["rst"],
    },
    "rst-inline-touching-normal": {
        "entry": r"\w``\w",
        "language": "pygrep",
        "types": ["rst"],
    },
    "zizmor": {
        "entry": "zizmor",
        "types": ["yaml"],
        "files": r"(\.github/(workflows/.*|dependabot.ya?ml))|(action\.ya?ml)$",
        "args": ["--no-progress"],
        "require_serial": True,
    },
}

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", re.MULTILINE)


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> set[tuple[str, str]]:
    """Every (package, version) pinned in the lint lock (several under markers)."""
    return {(normalize(n), v) for n, v in PIN.findall(LOCK.read_text(encoding="utf-8"))}


def check(config: dict[str, Any], lock: set[tuple[str, str]]) -> list[str]:
    problems = []
    for repo in config["repos"]:
        url = repo["repo"]
        if url in ("local", "meta"):
            continue
        if url not in PACKAGES:
            problems.append(f"{url}: unknown hook repository (add it to PACKAGES and HOOKS)")
            continue
        package = PACKAGES[url]
        version = str(repo["rev"]).removeprefix("v")
        if package is not None and (normalize(package), version) not in lock:
            problems.append(
                f"{url} is pinned at {repo['rev']}, but {LOCK.name} has no {package}=={version}"
            )
        for hook in repo["hooks"]:
            if hook["id"] not in HOOKS:
                problems.append(f"{url}: hook {hook['id']} has no local definition in HOOKS")
            for requirement in hook.get("additional_dependencies", []):
                match = PIN.match(requirement)
                if match is None:
                    problems.append(f"{hook['id']}: {requirement!r} is not pinned with ==")
                elif (normalize(match[1]), match[2]) not in lock:
                    problems.append(
                        f"{hook['id']}: {requirement} is not the version in {LOCK.name}"
                    )
    return problems


def local_config(config: dict[str, Any]) -> dict[str, Any]:
    hooks = []
    for repo in config["repos"]:
        if repo["repo"] in ("local", "meta"):
            hooks += repo["hooks"]
            continue
        for hook in repo["hooks"]:
            merged = {"name": hook["id"], "language": "unsupported", **HOOKS[hook["id"]]}
            merged.update({k: v for k, v in hook.items() if k != "additional_dependencies"})
            hooks.append(merged)
    out = {k: v for k, v in config.items() if k not in ("repos", "ci")}
    out["repos"] = [{"repo": "local", "hooks": hooks}]
    return out


def main() -> int:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    problems = check(config, locked())
    if problems:
        print("pre-commit pins and the lint lock disagree:", *problems, sep="\n  ")
        return 1
    target = Path(sys.argv[1])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(local_config(config), sort_keys=False), encoding="utf-8")
    print(
        f"{target}: {sum(len(r['hooks']) for r in config['repos'])} hooks, pins match {LOCK.name}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
