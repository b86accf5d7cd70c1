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
  const layers = config.depth === 1 ? "1 layer" : `${config.depth} layers`;
  const normalization = config.normalization === "none"
    ? "no normalization" : NORMALIZATIONS[config.normalization].label;
  return `${layers} of width ${config.width}, ${ACTIVATIONS[config.activation].label}, `
    + `${INITIALIZATIONS[config.initialization].label} initialization, ${normalization}, `
    + `${config.residual ? "with" : "no"} residual connections.`;
}

/** The chart in words: how the first layer's gradient compares with the last layer's. */
export function describeResult(config, { gradientNorms, activationStds }) {
  const first = gradientNorms[0];
  const last = gradientNorms[gradientNorms.length - 1];
  const lastStd = formatNumber(activationStds[activationStds.length - 1]);
  if (config.depth === 1) {
    return `${describeConfig(config)} Weight gradient ${formatNumber(first)}; `
      + `output standard deviation ${lastStd}.`;
  }
  const ratio = first / last;
  const comparison = Number.isFinite(ratio) && ratio > 0
    ? `is ${formatNumber(ratio)} times the last layer's (${formatNumber(last)})`
    : `cannot be compared with the last layer's (${formatNumber(last)})`;
  return `${describeConfig(config)} The first layer's weight gradient, ${formatNumber(first)}, `
    + `${comparison}. The last layer's output has standard deviation ${lastStd}.`;
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
    + "inf − inf), 0 no gradient at all.";
}
