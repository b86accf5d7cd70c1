// Wide tables and wide display math (inline math never scrolls) scroll sideways inside
// their box; keyboard users must be able to focus such a box to scroll it (axe rule
// scrollable-region-focusable).
// Equations change width when KaTeX's fonts arrive, so the boxes are checked again then
// (and katex.js checks again once it has rendered a notebook's math).
// The last selector: code and output cells of the notebook pages (mkdocs-jupyter).
const SCROLLABLE = ".md-typeset__scrollwrap, .md-typeset div.arithmatex, .jp-Cell pre";

// All widths are read before any attribute is written: a write between two reads would
// make the browser lay the page out again for each box.
function markScrollableRegions(root) {
  const boxes = [...root.querySelectorAll(SCROLLABLE)];
  const scrolls = boxes.map((box) => box.scrollWidth > box.clientWidth);
  boxes.forEach((box, index) => {
    if (scrolls[index]) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Scrolls sideways");
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}

document$.subscribe(({ body }) => {
  markScrollableRegions(body);
  document.fonts.ready.then(() => markScrollableRegions(body));
});
window.addEventListener("resize", () => markScrollableRegions(document.body));
