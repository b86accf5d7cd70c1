// Render the math of the notebook pages (mkdocs-jupyter keeps the notebook's own $…$ and
// $$…$$). Every other page's math is rendered when the site is built
// (clinic/build_math.py), so KaTeX (about 300 kB) is fetched only by notebook pages with math.
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

const NOTEBOOK_DELIMITERS = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
];

document$.subscribe(({ body }) => {
  const notebookText = [...body.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown")]
    .filter((element) => element.textContent.includes("$"));
  // The browser tests wait for this flag before they look for unrendered math.
  const done = () => { body.dataset.math = "rendered"; };
  if (notebookText.length === 0) return done();
  loadKatex().then(() => {
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
