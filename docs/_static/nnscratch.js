/* Small behaviours of the nnscratch book on top of sphinx-book-theme.
 *
 * 1. Sidebar toggles. pydata-sphinx-theme 0.20 and sphinx-book-theme 1.4 attach
 *    their click handlers to the *first* `.primary-toggle` of the page (the
 *    navbar's hamburger, which sphinx-book-theme hides), so the visible button
 *    in the article header does nothing (sphinx-book-theme issue 917). Every
 *    other toggle forwards its click to the first one, whose handlers then
 *    open the drawer (narrow screens) or collapse the sidebar (wide screens).
 * 2. Scroll cue. A formula, code listing or table wider than the text column
 *    scrolls inside its own box; such a box gets the class `nn-scrolls`
 *    (a shadow on the side that hides more content, see nnscratch.css).
 */
(() => {
  "use strict";

  function fixSidebarToggles() {
    const toggles = [...document.querySelectorAll(".primary-toggle")];
    const handled = toggles[0];
    for (const toggle of toggles.slice(1)) {
      toggle.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        handled.click();
      });
    }
  }

  const SCROLL_BOXES = [
    "div.math",
    "mjx-container[display='true']",
    "div.highlight pre",
    "div.output pre",
    "div.cell_output pre",
    ".table-wrapper",
    ".pst-scrollable-table-container",
    "span.math",
    "div.sphx-glr-script-out pre",
  ].join(", ");

  function markScrollBoxes() {
    const boxes = document.querySelectorAll(SCROLL_BOXES);
    for (const box of boxes) {
      const wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("nn-scrolls", wide);
      if (wide) {
        updateEdges(box);
        if (!box.dataset.nnScrollWatch) {
          box.dataset.nnScrollWatch = "1";
          box.addEventListener("scroll", () => updateEdges(box), { passive: true });
        }
      }
    }
  }

  function updateEdges(box) {
    box.classList.toggle("nn-more-left", box.scrollLeft > 1);
    box.classList.toggle(
      "nn-more-right",
      box.scrollLeft + box.clientWidth < box.scrollWidth - 1,
    );
  }

  function whenReady(callback) {
    if (document.readyState !== "loading") callback();
    else document.addEventListener("DOMContentLoaded", callback);
  }

  whenReady(() => {
    fixSidebarToggles();
    markScrollBoxes();
    const mathDone =
      window.MathJax && MathJax.startup && MathJax.startup.promise
        ? MathJax.startup.promise
        : Promise.resolve();
    // MathJax's web fonts can arrive after typesetting and change the widths
    mathDone.then(() => document.fonts.ready).then(markScrollBoxes);
    let pending = null;
    window.addEventListener("resize", () => {
      clearTimeout(pending);
      pending = setTimeout(markScrollBoxes, 100);
    });
  });
})();
