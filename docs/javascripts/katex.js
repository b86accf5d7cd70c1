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

document$.subscribe(({ body }) => {
  const math = body.querySelectorAll(".arithmatex");
  if (math.length === 0) return;
  loadKatex().then(() => {
    for (const element of math) {
      renderMathInElement(element, {
        delimiters: [
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true },
        ],
        throwOnError: true,
      });
    }
    // KaTeX's fonts arrive after rendering and change how wide an equation is.
    document.fonts.ready.then(() => markScrollableRegions(body));
  });
});
