"""Open every page of the built book from file:// in headless Chromium, offline.

Every page is opened twice: on a 390 px phone in light mode and on a 1280 px
desktop with the system preference set to dark. Fails (exit 1) on:

- any request that is not ``file:``/``data:``/``blob:`` (all are blocked),
  console errors and uncaught page errors, images that did not load, images
  without alt text, formulas left as raw TeX, broken internal links and
  anchors, serious or critical axe-core violations (both widths and modes);
- a sidebar toggle that does not show and hide the navigation (clicked);
- an exercise solution that is not collapsed, or that does not open and close
  with the keyboard (Enter) and the mouse;
- content beyond reach: a page that scrolls sideways, a formula, listing,
  table or image that runs past the viewport outside a scrolling box, or a
  box that scrolls without the visible cue (class ``nn-scrolls``);
- visible plumbing: ``glue(`` calls, ``# eq-`` markers, Sphinx roles, "((" of
  a doubly parenthesised equation number, nox sessions outside the preface;
- dark mode ignored (the system asks for dark, the page is light), or a
  figure without a light background of its own in dark mode;
- a figure that is neither vector (SVG) nor at least 2x raster;
- more than one visible search box; and offline search that finds nothing.

``--self-test`` instead opens each page of ``tests/browser/fixtures/``, each
of which has one defect, and fails unless every check reports its defect.

Uses Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``) through
Playwright's Python package: no browser download. axe-core comes from the npm
registry through ``package-lock.json`` (``npm ci``), in ``node_modules/axe-core``.

Usage: ``python tests/browser/check_site.py docs/_build/html [--require-pdf]``
(``nox -s site`` runs it).
"""

from __future__ import annotations

import argparse
import os
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from playwright.sync_api import sync_playwright

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


def axe_source() -> str:
    """axe-core as installed by ``npm ci`` from package-lock.json (integrity-checked)."""
    script = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        sys.exit(f"{script} is missing: run `npm ci` (nox -s site does)")
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


SITE_CHECKS = r"""
async ({mode, page}) => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  await new Promise(r => setTimeout(r, 150));  // resize/typeset handlers
  const out = [];
  const vw = document.documentElement.clientWidth;
  const visible = el => el.checkVisibility() && el.getBoundingClientRect().width > 0;
  // --- reach
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    out.push(`reach: the page scrolls sideways (${document.documentElement.scrollWidth} px wide)`);
  }
  const article = document.querySelector('.bd-article') || document.body;
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  for (const el of article.querySelectorAll('*')) {
    if (scrolls(el) && el.scrollWidth > el.clientWidth + 1 && visible(el)
        && !el.classList.contains('nn-scrolls')) {
      out.push(`reach: a ${el.tagName.toLowerCase()}.${[...el.classList].join('.')} scrolls without a visible cue`);
    }
  }
  for (const el of article.querySelectorAll('mjx-container, pre, table, img, svg, video, code')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    // content that spills out of a box that does not scroll counts too
    const right = scrolls(el) ? r.right : Math.max(r.right, r.left + el.scrollWidth);
    if (right <= vw + 1) continue;
    let box = el.parentElement, ok = false;
    while (box && box !== document.body) {
      if (scrolls(box) && box.getBoundingClientRect().right <= vw + 1) { ok = true; break; }
      box = box.parentElement;
    }
    if (!ok) out.push(`reach: a ${el.tagName.toLowerCase()} runs past the ${vw} px viewport: ${el.textContent.trim().slice(0, 40)}`);
  }
  // --- plumbing in what the reader sees
  const text = article.innerText;
  const plumbing = [[/\bglue\(/, 'glue( call'], [/#\s*eq-[a-z]/, '# eq- marker'],
    [/:(func|eq|ref|meth|class|math|mod):`/, 'Sphinx role'], [/\{(eq|ref|numref|glue:text|glue)\}`/, 'MyST role'],
    [/\(\(\s*\d+(\.\d+)*\s*\)\)/, 'doubled parentheses'], [/\bnox\b/, 'nox session']];
  for (const [re, what] of plumbing) {
    if (what === 'nox session' && /(^|\/)(index|preface)\.html$/.test(page)) continue;
    const m = text.match(re);
    if (m) out.push(`plumbing: ${what}: ...${text.slice(Math.max(0, m.index - 30), m.index + 30).replace(/\s+/g, ' ')}...`);
  }
  // --- solutions start collapsed
  for (const el of article.querySelectorAll('.admonition.dropdown, div.dropdown')) {
    out.push(`solution: an open "${el.querySelector('.admonition-title')?.textContent.trim()}" (not a collapsible dropdown)`);
  }
  for (const el of article.querySelectorAll('details.sd-dropdown[open]')) {
    out.push(`solution: dropdown "${el.querySelector('summary')?.textContent.trim()}" starts open`);
  }
  // --- dark mode
  const theme = document.documentElement.dataset.theme;
  if (theme !== mode) out.push(`dark: the system asks for ${mode}, the page shows ${theme}`);
  // --- figures
  const figures = article.querySelectorAll(
    'figure img, img.sphx-glr-single-img, img.sphx-glr-multi-img, .cell_output img');
  for (const img of figures) {
    if (!visible(img)) continue;
    const src = img.currentSrc || img.src;
    const vector = /\.svg($|\?)/.test(src) || src.startsWith('data:image/svg');
    if (!vector && img.naturalWidth < 1.9 * img.getBoundingClientRect().width) {
      out.push(`figure: ${src.split('/').pop().slice(0, 60)} is neither SVG nor 2x raster (${img.naturalWidth} px shown at ${Math.round(img.getBoundingClientRect().width)})`);
    }
    if (mode === 'dark') {
      const bg = getComputedStyle(img).backgroundColor;
      if (/rgba\(.*, 0\)$/.test(bg) || bg === 'transparent') {
        out.push(`dark: figure ${src.split('/').pop().slice(0, 60)} has no background of its own`);
      }
    }
  }
  // --- one search box
  const boxes = [...document.querySelectorAll('.search-button__button, .search-button-field, form.bd-search')]
    .filter(el => !el.closest('dialog') && visible(el));
  if (boxes.length > 1) out.push(`search: ${boxes.length} visible search boxes`);
  return out;
}
"""

NAV_STATE = """() => {
  const nav = document.querySelector('#pst-primary-sidebar, .bd-sidebar-primary');
  if (!nav) return null;
  const r = nav.getBoundingClientRect();
  return nav.checkVisibility({visibilityProperty: true}) && r.width > 0 && r.right > 10
    && r.left < window.innerWidth;
}"""


def check_toggles(page, width: int) -> list[str]:
    """Click each visible primary-sidebar toggle: the navigation must appear/disappear."""
    problems = []
    toggles = [t for t in page.query_selector_all(".primary-toggle") if t.is_visible()]
    if not toggles:
        return [f"toggle: no visible sidebar toggle at {width} px"]
    for toggle in toggles:
        before = page.evaluate(NAV_STATE)
        toggle.click()
        page.wait_for_timeout(400)
        after = page.evaluate(NAV_STATE)
        if after == before:
            problems.append(f"toggle: clicking the sidebar toggle does nothing at {width} px")
            continue
        # undo: Escape closes the phone drawer; a second click re-opens the desktop sidebar
        if page.evaluate("() => !!document.querySelector('dialog[open]')"):
            page.keyboard.press("Escape")
        else:
            toggle.click()
        page.wait_for_timeout(400)
        if page.evaluate(NAV_STATE) != before:
            problems.append(f"toggle: the sidebar toggle cannot undo its change at {width} px")
    return problems


def check_dropdown(page) -> list[str]:
    """The first collapsed solution opens and closes with Enter and with a click."""
    summary = page.query_selector(".bd-article details.sd-dropdown:not([open]) > summary")
    if summary is None:
        return []
    is_open = "s => s.parentElement.open"
    problems = []
    summary.focus()
    page.keyboard.press("Enter")
    if not summary.evaluate(is_open):
        problems.append("solution: Enter does not open a dropdown")
    page.keyboard.press("Enter")
    if summary.evaluate(is_open):
        problems.append("solution: Enter does not close a dropdown")
    summary.click()
    if not summary.evaluate(is_open):
        problems.append("solution: a click does not open a dropdown")
    summary.click()
    return problems


def check_search(browser, site: Path) -> list[str]:
    """Offline search for a word of the book: results and no console error."""
    search = site / "search.html"
    if not search.exists():
        return []
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(search.as_uri() + "?q=softmax", wait_until="load")
    try:
        page.wait_for_selector("#search-results ul.search li", timeout=10000)
    except Exception:  # noqa: BLE001
        errors.append("no result for 'softmax'")
    page.wait_for_timeout(1000)
    context.close()
    return [f"search.html?q=softmax: {e}" for e in errors]


# (viewport, system colour scheme) of the two passes over every page
VIEWS = ((390, "light"), (1280, "dark"))


def check_page(
    browser, page_path: Path, label: str, axe: str | None, view
) -> tuple[list[str], int]:
    width, mode = view
    context = browser.new_context(
        viewport={"width": width, "height": 860}, color_scheme=mode, has_touch=width < 600
    )
    page = context.new_page()
    events: list[str] = []

    def on_request(request, events=events):
        if request.url.split(":", 1)[0] not in ("file", "data", "blob"):
            events.append(f"blocked request {request.url}")

    page.on("request", on_request)
    page.on(
        "console", lambda m, e=events: m.type == "error" and e.append(f"console error: {m.text}")
    )
    page.on("pageerror", lambda err, e=events: e.append(f"page error: {err}"))
    page.on(
        "requestfailed",
        lambda r, e=events: r.url.startswith("file:") and e.append(f"failed to load {r.url}"),
    )
    page.goto(page_path.as_uri(), wait_until="load")
    result = page.evaluate(PAGE_CHECKS)
    events += [f"raw TeX: {t!r}" for t in result["raw"]]
    events += [f"image did not load: {s}" for s in result["broken"]]
    events += [f"image without alt text: {s}" for s in result["noAlt"]]
    events += page.evaluate(SITE_CHECKS, {"mode": mode, "page": page_path.as_posix()})
    if axe is not None:
        page.add_script_tag(content=axe)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations'], preload: false,"
            " rules: {'label-content-name-mismatch': {enabled: true}}})).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => `${v.impact} ${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0].target}`)"
        )
        events += [f"axe {v}" for v in violations]
    events += check_dropdown(page)
    if page.query_selector(".primary-toggle, #pst-primary-sidebar") is not None:
        events += check_toggles(page, width)
    context.close()
    return [f"{label} [{width} px, {mode}]: {e}" for e in events], result["nMath"]


#: fixture page -> a word that the report on it must contain
FIXTURES = {
    "toggle-dead.html": "toggle: clicking the sidebar toggle does nothing",
    "solution-open.html": "solution: an open",
    "solution-open-details.html": "starts open",
    "wide-content.html": "page scrolls sideways",
    "wide-content-beyond.html": "runs past the",
    "scroll-no-cue.html": "scrolls without a visible cue",
    "plumbing.html": "plumbing: glue( call",
    "plumbing-marker.html": "plumbing: # eq- marker",
    "plumbing-role.html": "plumbing: Sphinx role",
    "double-parens.html": "doubled parentheses",
    "forced-light.html": "dark: the system asks for dark",
    "blurry-figure.html": "is neither SVG nor 2x raster",
    "figure-transparent.html": "has no background of its own",
    "two-search.html": "visible search boxes",
    "axe-name-mismatch.html": "label-content-name-mismatch",
}


def self_test(browser, axe: str | None) -> int:
    folder = Path(__file__).resolve().parent / "fixtures"
    failures = 0
    for name, expected in FIXTURES.items():
        reports: list[str] = []
        for view in VIEWS:
            reports += check_page(browser, folder / name, name, axe, view)[0]
        found = any(expected in r for r in reports)
        failures += not found
        print(f"{'ok  ' if found else 'MISS'} {name}: {expected!r}")
        if not found:
            for report in reports:
                print(f"       {report}")
    print(f"{len(FIXTURES) - failures} of {len(FIXTURES)} defects detected")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?")
    parser.add_argument("--require-pdf", action="store_true")
    parser.add_argument("--no-axe", action="store_true")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--pages", nargs="*", help="only these pages (relative paths)")
    parser.add_argument(
        "--known",
        nargs="*",
        default=[],
        help="kinds of problem (e.g. 'reach', 'axe serious summary-name') that are listed "
        "but do not fail the check: open work, named in the README",
    )
    args = parser.parse_args()
    axe = None if args.no_axe else axe_source()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        sys.exit(f"{chromium} not found: apt-get install chromium")
    if args.self_test:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            return self_test(browser, axe)
    if args.site is None:
        parser.error("the site folder is required")
    site = args.site.resolve()
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)
    if args.pages:
        pages = [site / name for name in args.pages]
    if not pages:
        sys.exit(f"no HTML pages in {site}")
    problems = check_links(site, pages, args.require_pdf)

    n_math = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for page_path in pages:
            for view in VIEWS:
                # a fresh context per page: first-visit behaviour (no stored theme mode)
                found, math = check_page(
                    browser, page_path, str(page_path.relative_to(site)), axe, view
                )
                problems += found
                n_math += math if view == VIEWS[0] else 0
        problems += check_search(browser, site)
        browser.close()

    print(
        f"checked {len(pages)} pages from file:// at {len(VIEWS)} views ({n_math} rendered formulas)"
    )
    known = [p for p in problems if any(f": {kind}" in p for kind in args.known)]
    problems = [p for p in problems if p not in known]
    if known:
        print(f"{len(known)} known problem(s), open work that does not fail the check:")
        for problem in known:
            print(f"  {problem}")
    if problems:
        print(f"{len(problems)} problem(s):")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("no other problem found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
