// The gradient-flow explorer on docs/explorer.md: controls → one forward and backward
// pass (network.mjs) → two charts (chart.mjs), a text summary, a table, and the URL; and,
// when the configuration is one of the page's presets, a banner naming it. Every word is in
// the page's language (text.mjs): English, or Chinese on the Chinese page.
import { ACTIVATIONS, INITIALIZATIONS, NORMALIZATIONS, PRECISIONS, simulate } from "./network.mjs";
import { drawChart, specialLabel } from "./chart.mjs";
import { describeResult, describeSpecialValues, formatNumber } from "./describe.mjs";
import { LIMITS, configFromQuery, queryFromConfig } from "./state.mjs";
import { optionLabel, pageLanguage, words } from "./text.mjs";

const LANGUAGE = pageLanguage();
const SAID = words(LANGUAGE);

const SUMMARY_DELAY_MS = 400; // screen readers hear the result once the reader stops

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

function rangeField(key, label) {
  const input = element("input", { type: "range", id: `gfe-${key}`, name: key, ...LIMITS[key] });
  const value = element("output", { for: input.id, id: `${input.id}-value` });
  const field = element("div", { class: "gfe-field" }, [
    element("label", { for: input.id }, [label]), value, input]);
  return { field, input, value };
}

function selectField(key, label, choices) {
  const options = Object.keys(choices).map(
    (name) => element("option", { value: name }, [optionLabel(key, name, LANGUAGE)]));
  const input = element("select", { id: `gfe-${key}`, name: key }, options);
  const field = element("div", { class: "gfe-field" }, [
    element("label", { for: input.id }, [label]), input]);
  return { field, input };
}

function checkboxField(key, label) {
  const input = element("input", { type: "checkbox", id: `gfe-${key}`, name: key });
  const field = element("div", { class: "gfe-field gfe-checkbox" }, [
    input, element("label", { for: input.id }, [label])]);
  return { field, input };
}

function chartFigure(id, caption) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("id", id);
  const figure = element("figure", { class: "gfe-chart" }, [
    element("figcaption", {}, [caption]), svg]);
  return { figure, svg };
}

function buildWidget(root) {
  const fields = {
    depth: rangeField("depth", SAID.controls.depth),
    width: rangeField("width", SAID.controls.width),
    activation: selectField("activation", SAID.controls.activation, ACTIVATIONS),
    initialization: selectField("initialization", SAID.controls.initialization,
                                INITIALIZATIONS),
    normalization: selectField("normalization", SAID.controls.normalization, NORMALIZATIONS),
    residual: checkboxField("residual", SAID.controls.residual),
    precision: selectField("precision", SAID.controls.precision, PRECISIONS),
    axis: checkboxField("axis", SAID.controls.axis),
  };
  const gradientChart = chartFigure("gfe-gradient-chart", SAID.gradientCaption);
  const activationChart = chartFigure("gfe-activation-chart", SAID.activationCaption);
  const parts = {
    fields,
    form: element("form", { class: "gfe-controls", "aria-label": SAID.form },
                  Object.values(fields).map((field) => field.field)),
    banner: element("div", { class: "gfe-banner", id: "gfe-banner", hidden: true }),
    summary: element("p", { class: "gfe-summary", id: "gfe-summary", "aria-live": "polite" }),
    note: element("p", { class: "gfe-note", id: "gfe-note", hidden: true }),
    timing: element("span", { class: "gfe-timing", id: "gfe-timing" }),
    link: element("a", { class: "gfe-link", id: "gfe-link" }, [SAID.link]),
    gradientSvg: gradientChart.svg,
    activationSvg: activationChart.svg,
    tableBody: element("tbody"),
  };
  const table = element("table", { class: "gfe-table" }, [
    element("caption", {}, [SAID.tableCaption]),
    element("thead", {}, [element("tr", {}, SAID.tableHeader.map(
      (header) => element("th", { scope: "col" }, [header])))]),
    parts.tableBody]);
  parts.form.addEventListener("submit", (event) => event.preventDefault());
  root.replaceChildren(
    parts.banner, parts.form, parts.summary,
    element("div", { class: "gfe-charts" }, [gradientChart.figure, activationChart.figure]),
    parts.note,
    element("p", { class: "gfe-meta" }, [parts.link, " · ", parts.timing]),
    element("details", { class: "gfe-details" }, [
      element("summary", {}, [SAID.tableSummary]), table]));
  return parts;
}

function readControls({ fields }) {
  return {
    depth: Number(fields.depth.input.value),
    width: Number(fields.width.input.value),
    activation: fields.activation.input.value,
    initialization: fields.initialization.input.value,
    normalization: fields.normalization.input.value,
    residual: fields.residual.input.checked,
    precision: fields.precision.input.value,
    axis: fields.axis.input.checked ? "fixed" : "auto",
  };
}

function writeControls({ fields }, config) {
  for (const key of ["depth", "width", "activation", "initialization", "normalization",
                     "precision"]) {
    fields[key].input.value = String(config[key]);
  }
  fields.residual.input.checked = config.residual;
  fields.axis.input.checked = config.axis === "fixed";
  showRangeValues(fields);
}

function showRangeValues(fields) {
  fields.depth.value.textContent = fields.depth.input.value;
  fields.width.value.textContent = fields.width.input.value;
}

function fillTable(tableBody, { gradientNorms, activationStds }) {
  tableBody.replaceChildren(...Array.from(gradientNorms, (norm, index) => element("tr", {}, [
    element("th", { scope: "row" }, [String(index + 1)]),
    element("td", {}, [formatNumber(norm)]),
    element("td", {}, [formatNumber(activationStds[index])])])));
}

function labelChart(svg, what, values) {
  svg.setAttribute("aria-label", SAID.chartLabel(
    what, values.length, formatNumber(values[0]), formatNumber(values[values.length - 1])));
}

// The page's presets: each link's configuration, its name, what the table says to look for,
// and the link to the page that explains it.
function readPresets() {
  return Array.from(document.querySelectorAll("a.gfe-preset"), (link) => {
    const row = link.closest("tr");
    return {
      link,
      config: configFromQuery(new URL(link.href).search),
      lookFor: row?.cells[1]?.textContent.trim() ?? "",
      explainedIn: row?.cells[2]?.querySelector("a") ?? null,
    };
  });
}

const SAME_NETWORK = ["depth", "width", "activation", "initialization", "normalization",
                      "residual", "precision"]; // the axis only changes the drawing

function showBanner(banner, presets, config) {
  const preset = presets.find((candidate) => SAME_NETWORK.every(
    (key) => candidate.config[key] === config[key]));
  banner.hidden = !preset;
  if (!preset) {
    banner.replaceChildren();
    return;
  }
  const [before, after] = SAID.explainedIn;
  const explained = preset.explainedIn
    ? [before, element("a", { href: preset.explainedIn.href },
                       [preset.explainedIn.textContent]), after] : [];
  const [name, lookFor] = SAID.banner(preset.link.textContent, preset.lookFor);
  banner.replaceChildren(element("p", {}, [
    element("strong", {}, [name]), lookFor, ...explained]));
}

function hasSpecialValues({ gradientNorms, activationStds }) {
  return [...gradientNorms, ...activationStds].some((value) => specialLabel(value) !== null);
}

function showResult(parts, config, result, milliseconds) {
  const options = { axis: config.axis, precision: config.precision, language: LANGUAGE };
  drawChart(parts.gradientSvg, result.gradientNorms, options);
  drawChart(parts.activationSvg, result.activationStds, options);
  labelChart(parts.gradientSvg, SAID.gradientChart, result.gradientNorms);
  labelChart(parts.activationSvg, SAID.activationChart, result.activationStds);
  fillTable(parts.tableBody, result);
  const note = describeSpecialValues(result, LANGUAGE);
  parts.note.hidden = note === null;
  parts.note.textContent = note ?? "";
  parts.timing.textContent = SAID.timing(Math.round(milliseconds));
  parts.link.href = queryFromConfig(config);
}

function createExplorer(root) {
  const parts = buildWidget(root);
  const presets = readPresets();
  let frameRequested = false;
  let summaryTimer = null;

  function render({ announceAfter = SUMMARY_DELAY_MS } = {}) {
    frameRequested = false;
    const config = readControls(parts);
    const started = performance.now();
    const result = simulate(config);
    showResult(parts, config, result, performance.now() - started);
    showBanner(parts.banner, presets, config);
    // What an inf, NaN or 0 in float32 would have been: the summary quotes it.
    const float64 = config.precision === "float32" && hasSpecialValues(result)
      ? simulate({ ...config, precision: "float64" }) : null;
    const url = new URL(window.location.href);
    url.search = queryFromConfig(config);
    window.history.replaceState(window.history.state, "", url);
    const announce = () => {
      parts.summary.textContent = describeResult(config, result, float64, LANGUAGE);
    };
    clearTimeout(summaryTimer);
    if (announceAfter === 0) announce();
    else summaryTimer = setTimeout(announce, announceAfter);
  }

  function scheduleRender() {
    showRangeValues(parts.fields);
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(() => render());
  }

  function restore(query) {
    writeControls(parts, configFromQuery(query));
    render({ announceAfter: 0 });
  }

  parts.form.addEventListener("input", scheduleRender);
  parts.form.addEventListener("change", scheduleRender);
  window.addEventListener("popstate", () => restore(window.location.search));
  for (const { link: preset } of presets) {
    preset.addEventListener("click", (event) => {
      event.preventDefault();
      window.history.pushState(null, "", preset.href);
      restore(new URL(preset.href).search);
      root.scrollIntoView({ block: "start" });
    });
  }
  restore(window.location.search);
}

const root = document.getElementById("gfe-widget");
if (root) createExplorer(root);
