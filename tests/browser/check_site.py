"""Open every page of the built book from file:// in headless Chromium, offline.

Fails (exit 1) on: any request that is not ``file:``/``data:``/``blob:`` (all
are blocked), console errors and uncaught page errors, images that did not
load, images without alt text, formulas left as raw TeX (a ``.math`` element
that MathJax did not render), broken internal links and anchors, and serious
or critical axe-core accessibility violations.

Uses Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``) through
Playwright's Python package: no browser download. axe-core comes from the npm
registry (``npm pack axe-core``), cached in ``.nox/axe-core``.

Usage: ``python tests/browser/check_site.py docs/_build/html [--require-pdf]``
(``nox -s site`` runs it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from playwright.sync_api import sync_playwright

AXE_VERSION = "4.10.3"
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
    # no network: every http(s)/ws request goes to a closed local port and fails.
    # (Playwright's page.route would also block, but intercepting file:// requests
    # breaks relative @import in stylesheets.)
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
# Files linked from the preface that only some builds produce.
OPTIONAL_TARGETS = {"nnscratch.pdf"}


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(values[key] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


def check_links(site: Path, pages: list[Path], require_pdf: bool) -> list[str]:
    """Broken relative links and anchors, checked from the files themselves."""
    parsed: dict[Path, _LinkParser] = {}

    def parse(path: Path) -> _LinkParser:
        if path not in parsed:
            parser = _LinkParser()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed[path] = parser
        return parsed[path]

    problems = []
    for page in pages:
        for href in parse(page).links:
            url = urlparse(href)
            if url.scheme or href.startswith("//"):
                continue  # external links are allowed to exist; they are not loaded
            path_part, fragment = urldefrag(href)
            target = (page.parent / unquote(path_part)).resolve() if path_part else page
            rel = page.relative_to(site)
            if not target.exists():
                if target.name in OPTIONAL_TARGETS and not require_pdf:
                    continue
                problems.append(f"{rel}: broken link {href}")
            elif (
                fragment and target.suffix == ".html" and unquote(fragment) not in parse(target).ids
            ):
                problems.append(f"{rel}: missing anchor {href}")
    return problems


def axe_source(cache: Path) -> str:
    script = cache / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is needed to fetch axe-core")
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(
                [npm, "pack", f"axe-core@{AXE_VERSION}", "--json", "--pack-destination", tmp],
                check=True,
                capture_output=True,
                text=True,
                cwd=tmp,
            )
            tarball = Path(tmp) / json.loads(out.stdout)[0]["filename"]
            with tarfile.open(tarball) as tar:
                member = tar.extractfile("package/axe.min.js")
                assert member is not None
                script.write_bytes(member.read())
    return script.read_text(encoding="utf-8")


PAGE_CHECKS = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const raw = [...document.querySelectorAll('.math')]
    .filter(el => !el.querySelector('mjx-container'))
    .map(el => el.textContent.trim().slice(0, 60));
  const images = [...document.images];
  const broken = images.filter(img => !img.complete || img.naturalWidth === 0)
    .map(img => img.getAttribute('src'));
  const noAlt = images.filter(img => !img.hasAttribute('alt'))
    .map(img => img.getAttribute('src'));
  return {raw, broken, noAlt, nMath: document.querySelectorAll('mjx-container').length};
}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--require-pdf", action="store_true")
    parser.add_argument("--no-axe", action="store_true")
    args = parser.parse_args()
    site = args.site.resolve()
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    if not pages:
        sys.exit(f"no HTML pages in {site}")
    problems = check_links(site, pages, args.require_pdf)
    axe = None if args.no_axe else axe_source(ROOT / ".nox" / "axe-core" / AXE_VERSION)
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        sys.exit(f"{chromium} not found: apt-get install chromium")

    n_math = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for page_path in pages:
            rel = page_path.relative_to(site)
            # a fresh context per page: first-visit behaviour (no stored theme mode)
            context = browser.new_context()
            page = context.new_page()
            events: list[str] = []

            def on_request(request, events=events):
                if request.url.split(":", 1)[0] not in ("file", "data", "blob"):
                    events.append(f"blocked request {request.url}")

            page.on("request", on_request)
            page.on(
                "console",
                lambda m, e=events: m.type == "error" and e.append(f"console error: {m.text}"),
            )
            page.on("pageerror", lambda err, e=events: e.append(f"page error: {err}"))
            page.on(
                "requestfailed",
                lambda r, e=events: (
                    r.url.startswith("file:") and e.append(f"failed to load {r.url}")
                ),
            )
            page.goto(page_path.as_uri(), wait_until="load")
            result = page.evaluate(PAGE_CHECKS)
            n_math += result["nMath"]
            events += [f"raw TeX: {t!r}" for t in result["raw"]]
            events += [f"image did not load: {s}" for s in result["broken"]]
            events += [f"image without alt text: {s}" for s in result["noAlt"]]
            if axe is not None:
                page.add_script_tag(content=axe)
                violations = page.evaluate(
                    "async () => (await axe.run(document, {resultTypes: ['violations'], preload: false})).violations"
                    ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                    ".map(v => `${v.impact} ${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0].target}`)"
                )
                events += [f"axe {v}" for v in violations]
            problems += [f"{rel}: {e}" for e in events]
            context.close()
        browser.close()

    print(f"checked {len(pages)} pages from file:// ({n_math} rendered formulas)")
    if problems:
        print(f"{len(problems)} problem(s):")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("no blocked request, console error, broken image, raw TeX, broken link or axe violation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
