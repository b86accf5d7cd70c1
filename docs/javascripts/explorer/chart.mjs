// A log-scale line chart of one number per layer, drawn as SVG. Values a log axis cannot
// show (inf, NaN, 0) get a labelled marker in a lane above the plot instead of a point.
// Colours come from CSS classes (explorer.css), so the chart follows the light/dark theme.
// Its few words are in the page's language (text.mjs).
import { pageLanguage, words } from "./text.mjs";

const SVG = "http://www.w3.org/2000/svg";
const SIZE = { width: 360, height: 230 };
const MARGIN = { top: 30, right: 12, bottom: 34, left: 50 };
export const FLOAT32_LIMITS = [ // beyond these, float32 (PyTorch's default) overflows or underflows
  { value: 3.4028234663852886e38, word: "float32Max" }, // labels: text.mjs
  { value: 1.1754943508222875e-38, word: "float32Min" },
];
// The fixed axis: float32's whole range (subnormals reach 1.4e-45), so every configuration
// is drawn on the same scale and a float64 value beyond it is marked like inf.
export const FIXED_RANGE = [-45, 45];
const MARKERS_UP_TO = 40; // layers; above this the dots would crowd the line

function svgElement(tag, attributes = {}, text = null) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== null) element.textContent = text;
  return element;
}

/** "inf", "NaN", "0" for values a log axis cannot place; null for plottable ones. */
export function specialLabel(value) {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (value <= 0) return "0";
  return null;
}

/** specialLabel, or for a value outside the axis's decades [low, high], "> 1eN" / "< 1eN". */
export function offAxisLabel(value, [low, high]) {
  const special = specialLabel(value);
  if (special !== null) return special;
  if (value > 10 ** high) return `> ${formatPowerOfTen(high)}`;
  if (value < 10 ** low) return `< ${formatPowerOfTen(low)}`;
  return null;
}

/** Whole decades [low, high] covering the plottable values, at least two decades apart. */
export function decadeRange(values) {
  const exponents = values.filter((value) => specialLabel(value) === null).map(Math.log10);
  if (exponents.length === 0) return [-1, 1];
  let low = Math.floor(Math.min(...exponents));
  let high = Math.ceil(Math.max(...exponents));
  while (high - low < 2) {
    low -= 1;
    high += 1;
  }
  return [low, high];
}

export function formatPowerOfTen(exponent) {
  if (exponent === 0) return "1";
  if (exponent === 1) return "10";
  return `1e${exponent}`;
}

function scales(layerCount, [low, high]) {
  const plotWidth = SIZE.width - MARGIN.left - MARGIN.right;
  const plotHeight = SIZE.height - MARGIN.top - MARGIN.bottom;
  return {
    x: (layer) => MARGIN.left + (layerCount === 1 ? plotWidth / 2
      : ((layer - 1) / (layerCount - 1)) * plotWidth),
    y: (value) => MARGIN.top + ((high - Math.log10(value)) / (high - low)) * plotHeight,
  };
}

function layerTicks(layerCount) {
  const step = [1, 2, 5, 10, 20, 25, 50].find((candidate) => layerCount / candidate <= 10) ?? 50;
  const ticks = [1];
  for (let layer = step; layer <= layerCount; layer += step) if (layer > 1) ticks.push(layer);
  return ticks;
}

function drawAxes(group, layerCount, [low, high], scale, said) {
  const decadeStep = Math.max(1, Math.ceil((high - low) / 6));
  for (let exponent = high; exponent >= low; exponent -= decadeStep) {
    const y = scale.y(10 ** exponent);
    group.append(svgElement("line", { class: "gfe-grid", x1: MARGIN.left, x2: SIZE.width - MARGIN.right, y1: y, y2: y }));
    group.append(svgElement("text", { class: "gfe-tick", x: MARGIN.left - 6, y: y + 4, "text-anchor": "end" },
                            formatPowerOfTen(exponent)));
  }
  const bottom = SIZE.height - MARGIN.bottom;
  group.append(svgElement("line", { class: "gfe-axis", x1: MARGIN.left, x2: SIZE.width - MARGIN.right, y1: bottom, y2: bottom }));
  for (const layer of layerTicks(layerCount)) {
    const x = scale.x(layer);
    group.append(svgElement("line", { class: "gfe-axis", x1: x, x2: x, y1: bottom, y2: bottom + 4 }));
    group.append(svgElement("text", { class: "gfe-tick", x, y: bottom + 16, "text-anchor": "middle" }, String(layer)));
  }
  group.append(svgElement("text", { class: "gfe-tick", x: SIZE.width - MARGIN.right, y: SIZE.height - 2, "text-anchor": "end" }, said.layerAxis));
}

function drawFloat32Limits(group, [low, high], scale, said) {
  for (const { value, word } of FLOAT32_LIMITS) {
    const label = said[word];
    const exponent = Math.log10(value);
    if (exponent < low || exponent > high) continue;
    const y = scale.y(value);
    group.append(svgElement("line", { class: "gfe-limit", x1: MARGIN.left, x2: SIZE.width - MARGIN.right, y1: y, y2: y }));
    // Labels inside the band float32 can hold: below the largest number, above the smallest
    // (above the plot is the lane for inf and NaN).
    const labelY = value > 1 ? y + 13 : y - 4;
    group.append(svgElement("text", { class: "gfe-limit-label", x: SIZE.width - MARGIN.right - 2, y: labelY, "text-anchor": "end" }, label));
  }
}

/** SVG path data through the plottable values; the line breaks at inf, NaN, 0 and at
 *  values beyond the axis's range (if given). */
export function linePath(values, scale, range = [-Infinity, Infinity]) {
  let path = "";
  let drawing = false;
  values.forEach((value, index) => {
    if (offAxisLabel(value, range) !== null) {
      drawing = false;
      return;
    }
    const point = `${scale.x(index + 1).toFixed(1)},${scale.y(value).toFixed(1)}`;
    path += `${drawing ? "L" : "M"}${point}`;
    drawing = true;
  });
  return path;
}

function drawLine(group, values, scale, range) {
  group.append(svgElement("path", { class: "gfe-line", d: linePath(values, scale, range) }));
  if (values.length > MARKERS_UP_TO) return;
  values.forEach((value, index) => {
    if (offAxisLabel(value, range) !== null) return;
    group.append(svgElement("circle", { class: "gfe-point", cx: scale.x(index + 1), cy: scale.y(value), r: 2.5 }));
  });
}

const LABEL_CHARACTER_WIDTH = 8; // px at the chart's 13px bold: enough to keep labels apart

/** One marker per unplottable layer in the lane above the plot; one label per run, moved
 *  right where it would overlap the previous label (inf at layer 51, NaN from 52 on). */
function drawSpecialValues(group, values, scale, range) {
  const laneY = MARGIN.top - 14;
  let previousLabel = null;
  let freeFrom = -Infinity; // where the previous label ends
  values.forEach((value, index) => {
    const label = offAxisLabel(value, range);
    if (label !== null) {
      const x = scale.x(index + 1);
      group.append(svgElement("line", { class: "gfe-special-mark", x1: x, x2: x, y1: laneY + 2, y2: laneY + 10 }));
      if (label !== previousLabel) {
        const labelX = Math.max(x + 3, freeFrom + 4);
        group.append(svgElement("text", { class: "gfe-special", x: labelX, y: laneY, "text-anchor": "start" }, label));
        freeFrom = labelX + label.length * LABEL_CHARACTER_WIDTH;
      }
    }
    previousLabel = label;
  });
}

/** Redraw `svg` (an <svg> element) for one value per layer; axis "auto" fits the decades
 *  to the values (and in float32 reaches float32's largest number once a value is inf or
 *  NaN), "fixed" draws FIXED_RANGE. */
export function drawChart(svg, values, { axis = "auto", precision = "float32",
                                         language = pageLanguage() } = {}) {
  const said = words(language);
  const range = axis === "fixed" ? [...FIXED_RANGE] : decadeRange(values);
  // An overflow in float32: show the line it crossed.
  const overflowed = values.some((value) => value === Infinity || Number.isNaN(value));
  if (precision === "float32" && overflowed) range[1] = Math.max(range[1], 39);
  const scale = scales(values.length, range);
  const group = svgElement("g");
  drawAxes(group, values.length, range, scale, said);
  drawFloat32Limits(group, range, scale, said);
  drawLine(group, values, scale, range);
  drawSpecialValues(group, values, scale, range);
  svg.setAttribute("viewBox", `0 0 ${SIZE.width} ${SIZE.height}`);
  svg.replaceChildren(group);
}
