// Render the math that pymdownx.arithmatex (generic mode) leaves in the page.
// KaTeX (about 300 kB) is fetched only by pages that have math on them.
// document$ is Material's page-load observable.
const KATEX = new URL("../assets/katex/", document.currentScript.src).href;

function load(tag, attributes) {
  return new Promise((resolve, reject) => {
    const element = Object.assign(document.createElement(tag), attributes);
    element.onload = resolve;
    element.onerror = () => reject(new Error(`could not load ${attributes.src || attributes.href}`));
    document.head.appendChild(element);
  });
}

let katexReady = null;
function loadKatex() {
  katexReady ??= Promise.all([
    load("link", { rel: "stylesheet", href: KATEX + "katex.min.css" }),
    load("script", { src: KATEX + "katex.min.js" }).then(() =>
      load("script", { src: KATEX + "contrib/auto-render.min.js" })),
  ]);
  return katexReady;
}

// Notebook pages (mkdocs-jupyter) keep the notebook's own $…$ and $$…$$ delimiters.
const NOTEBOOK_DELIMITERS = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
];
const ARITHMATEX_DELIMITERS = [
  { left: "\\(", right: "\\)", display: false },
  { left: "\\[", right: "\\]", display: true },
];

document$.subscribe(({ body }) => {
  const math = [...body.querySelectorAll(".arithmatex")];
  const notebookText = [...body.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown")]
    .filter((element) => element.textContent.includes("$"));
  // The browser tests wait for this flag before they look for unrendered math.
  const done = () => { body.dataset.math = "rendered"; };
  if (math.length === 0 && notebookText.length === 0) return done();
  loadKatex().then(() => {
    for (const element of math) {
      renderMathInElement(element, { delimiters: ARITHMATEX_DELIMITERS, throwOnError: true });
    }
    for (const element of notebookText) {
      renderMathInElement(element, {
        delimiters: NOTEBOOK_DELIMITERS, throwOnError: true,
        ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code"],
      });
    }
    done();
    // KaTeX's fonts arrive after rendering and change how wide an equation is.
    document.fonts.ready.then(() => markScrollableRegions(body));
  });
});
