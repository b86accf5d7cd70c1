// The explorer's results in words: the summary screen readers hear (aria-live), the note
// on values that are not finite, and the numbers in the table.
import { ACTIVATIONS, INITIALIZATIONS, NORMALIZATIONS } from "./network.mjs";
import { specialLabel } from "./chart.mjs";

export function formatNumber(value) {
  const special = specialLabel(value);
  if (special !== null && special !== "0") return special;
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  return magnitude >= 0.01 && magnitude < 1000 ? value.toPrecision(2) : value.toExponential(1);
}

function describeConfig(config) {
  const precision = config.precision ?? "float32";
  const layers = config.depth === 1 ? "1 layer" : `${config.depth} layers`;
  const normalization = config.normalization === "none"
    ? "no normalization" : NORMALIZATIONS[config.normalization].label;
  return `${layers} of width ${config.width}, ${ACTIVATIONS[config.activation].label}, `
    + `${INITIALIZATIONS[config.initialization].label} initialization, ${normalization}, `
    + `${config.residual ? "with" : "no"} residual connections, in ${precision}.`;
}

/** What happened to one gradient norm, in words: "is 0.31", "overflows in float32 (inf; in
 *  float64 it is 1.5e44)". `reference` is the same number computed in float64, or null. */
function gradientPhrase(value, precision, reference) {
  const inFloat64 = reference !== null && specialLabel(reference) === null
    ? `; in float64 it is ${formatNumber(reference)}` : "";
  const label = specialLabel(value);
  if (label === null) return `is ${formatNumber(value)}`;
  if (label === "NaN") return `is NaN in ${precision} (inf − inf after an overflow${inFloat64})`;
  if (label === "0") {
    return inFloat64 ? `underflows to 0 in ${precision}${inFloat64.replace("; ", " (")})` : "is 0";
  }
  return `overflows in ${precision} (${label}${inFloat64})`;
}

/** The first layer whose output is inf or NaN, as a sentence, or "" if none is. */
function describeForwardOverflow(activationStds, gradientNorms, precision) {
  const layer = activationStds.findIndex((value) => !Number.isFinite(value));
  if (layer < 0) return "";
  const everyGradientNaN = gradientNorms.every(Number.isNaN);
  return ` The forward pass overflows in ${precision} at layer ${layer + 1}: its output holds `
    + `${formatNumber(activationStds[layer])}${layer + 1 < activationStds.length
      ? ", and every later layer's is inf or NaN" : ""}`
    + `${everyGradientNaN ? "; so every weight gradient is NaN" : ""}.`;
}

/**
 * The chart in words: how the first layer's gradient compares with the last layer's, or,
 * where a number is inf, NaN or 0, that it overflows (or underflows) in this precision.
 * `float64` is the same network's result in float64 (or null): it says what an overflowed
 * float32 number would have been.
 */
export function describeResult(config, { gradientNorms, activationStds }, float64 = null) {
  const precision = config.precision ?? "float32";
  const first = gradientNorms[0];
  const last = gradientNorms[gradientNorms.length - 1];
  const lastStd = formatNumber(activationStds[activationStds.length - 1]);
  const reference = (index) => (float64 ? float64.gradientNorms[index] : null);
  const forward = describeForwardOverflow(activationStds, gradientNorms, precision);
  const outputs = `The last layer's output has standard deviation ${lastStd}.`;
  if (config.depth === 1) {
    return `${describeConfig(config)} The weight gradient ${gradientPhrase(first, precision, reference(0))}.`
      + `${forward} ${outputs}`;
  }
  const bothPlottable = specialLabel(first) === null && specialLabel(last) === null;
  const float64Sizes = float64 && [0, gradientNorms.length - 1].every(
    (index) => specialLabel(reference(index)) === null);
  if (gradientNorms.every(Number.isNaN) && forward) {
    const sizes = float64Sizes ? ` In float64 the first layer's weight gradient would be `
      + `${formatNumber(reference(0))} and the last layer's `
      + `${formatNumber(reference(gradientNorms.length - 1))}.` : "";
    return `${describeConfig(config)}${forward}${sizes}`;
  }
  const gradients = bothPlottable
    ? `The first layer's weight gradient, ${formatNumber(first)}, is `
      + `${formatNumber(first / last)} times the last layer's (${formatNumber(last)}).`
    : `The first layer's weight gradient ${gradientPhrase(first, precision, reference(0))}; `
      + `the last layer's ${gradientPhrase(last, precision, reference(gradientNorms.length - 1))}.`;
  return `${describeConfig(config)}${forward} ${gradients} ${outputs}`;
}

/** A note on the values a log scale cannot show (inf, NaN, 0), or null if there are none. */
export function describeSpecialValues({ gradientNorms, activationStds }) {
  const counts = (values) => {
    const found = {};
    for (const value of values) {
      const label = specialLabel(value);
      if (label !== null) found[label] = (found[label] ?? 0) + 1;
    }
    return Object.entries(found).map(
      ([label, count]) => `${label} in ${count} of ${values.length} layers`);
  };
  const parts = [
    ...counts(gradientNorms).map((text) => `gradient norm ${text}`),
    ...counts(activationStds).map((text) => `output standard deviation ${text}`),
  ];
  if (parts.length === 0) return null;
  return `Not every number can be drawn on a log scale: ${parts.join("; ")}. They are `
    + "marked above the charts instead: inf is an overflow, NaN an undefined result (such as "
    + "inf − inf), 0 no gradient at all or one too small for the precision (an underflow).";
}
