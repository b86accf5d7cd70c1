// Wide tables and wide display math scroll sideways inside their box; keyboard users
// must be able to focus such a box to scroll it (axe rule scrollable-region-focusable).
// Equations change width when KaTeX's fonts arrive, so the boxes are checked again then
// (and katex.js checks again once it has rendered a notebook's math).
// The last selector: code and output cells of the notebook pages (mkdocs-jupyter).
const SCROLLABLE = ".md-typeset__scrollwrap, .md-typeset .arithmatex, .jp-Cell pre";

function markScrollableRegions(root) {
  for (const box of root.querySelectorAll(SCROLLABLE)) {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Scrolls sideways");
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
}

document$.subscribe(({ body }) => {
  markScrollableRegions(body);
  document.fonts.ready.then(() => markScrollableRegions(body));
});
window.addEventListener("resize", () => markScrollableRegions(document.body));
