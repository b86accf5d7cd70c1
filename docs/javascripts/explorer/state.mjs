// The explorer's state and its URL: ?depth=30&width=64&activation=sigmoid&init=xavier&
// norm=none&residual=off&precision=float32&axis=auto. A shared link restores every control; anything missing or
// invalid falls back to the default, and numbers are clamped to the controls' range.
import { ACTIVATIONS, INITIALIZATIONS, NORMALIZATIONS, PRECISIONS } from "./network.mjs";

export const AXES = {
  auto: { label: "fit to the values" },
  fixed: { label: "fixed, 1e-45 to 1e45 (float32's range)" },
};

export const DEFAULTS = {
  depth: 20,
  width: 64,
  activation: "sigmoid",
  initialization: "xavier",
  normalization: "none",
  residual: false,
  precision: "float32",
  axis: "auto",
};

export const LIMITS = {
  depth: { min: 1, max: 100, step: 1 },
  width: { min: 8, max: 128, step: 8 },
};

// config key → URL parameter
const PARAMETERS = {
  depth: "depth",
  width: "width",
  activation: "activation",
  initialization: "init",
  normalization: "norm",
  residual: "residual",
  precision: "precision",
  axis: "axis",
};

const CHOICES = {
  activation: ACTIVATIONS,
  initialization: INITIALIZATIONS,
  normalization: NORMALIZATIONS,
  precision: PRECISIONS,
  axis: AXES,
};

function parseInteger(text, { min, max, step }, fallback) {
  if (text === null || !/^\s*\d+\s*$/.test(text)) return fallback;
  const clamped = Math.min(max, Math.max(min, Number(text)));
  return min + Math.round((clamped - min) / step) * step;
}

function parseChoice(text, choices, fallback) {
  return Object.hasOwn(choices, text ?? "") ? text : fallback;
}

function parseSwitch(text, fallback) {
  if (text === "on" || text === "1" || text === "true") return true;
  if (text === "off" || text === "0" || text === "false") return false;
  return fallback;
}

/** The configuration a query string ("?depth=30&...") describes. */
export function configFromQuery(query) {
  const parameters = new URLSearchParams(query);
  const read = (key) => parameters.get(PARAMETERS[key]);
  return {
    depth: parseInteger(read("depth"), LIMITS.depth, DEFAULTS.depth),
    width: parseInteger(read("width"), LIMITS.width, DEFAULTS.width),
    activation: parseChoice(read("activation"), CHOICES.activation, DEFAULTS.activation),
    initialization: parseChoice(read("initialization"), CHOICES.initialization,
                                DEFAULTS.initialization),
    normalization: parseChoice(read("normalization"), CHOICES.normalization,
                               DEFAULTS.normalization),
    residual: parseSwitch(read("residual"), DEFAULTS.residual),
    precision: parseChoice(read("precision"), CHOICES.precision, DEFAULTS.precision),
    axis: parseChoice(read("axis"), CHOICES.axis, DEFAULTS.axis),
  };
}

/** The query string ("?depth=30&...") that restores a configuration. */
export function queryFromConfig(config) {
  const parameters = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAMETERS)) {
    const value = config[key];
    parameters.set(name, typeof value === "boolean" ? (value ? "on" : "off") : String(value));
  }
  return `?${parameters}`;
}
