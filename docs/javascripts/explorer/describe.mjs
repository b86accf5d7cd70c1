// The explorer's results in words: the summary screen readers hear (aria-live), the note
// on values that are not finite, and the numbers in the table. In the page's language
// (text.mjs): English, or Chinese on the Chinese page.
import { specialLabel } from "./chart.mjs";
import { optionLabel, pageLanguage, words } from "./text.mjs";

export function formatNumber(value) {
  const special = specialLabel(value);
  if (special !== null && special !== "0") return special;
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  return magnitude >= 0.01 && magnitude < 1000 ? value.toPrecision(2) : value.toExponential(1);
}

function describeConfig(config, language) {
  const said = words(language);
  return said.config({
    depth: config.depth,
    width: config.width,
    activation: optionLabel("activation", config.activation, language),
    initialization: optionLabel("initialization", config.initialization, language),
    normalization: config.normalization === "none"
      ? said.noNormalization : optionLabel("normalization", config.normalization, language),
    residual: config.residual,
    precision: config.precision ?? "float32",
  });
}

/** What happened to one gradient norm, in words: "is 0.31", "overflows in float32 (inf; in
 *  float64 it is 1.5e44)". `reference` is the same number computed in float64, or null. */
function gradientPhrase(value, precision, reference, language) {
  const said = words(language);
  const inFloat64 = reference !== null && specialLabel(reference) === null
    ? said.inFloat64(formatNumber(reference)) : "";
  const label = specialLabel(value);
  if (label === null) return said.is(formatNumber(value));
  if (label === "NaN") return said.isNaN(precision, inFloat64);
  if (label === "0") {
    return inFloat64 ? said.underflows(precision, formatNumber(reference)) : said.isZero;
  }
  return said.overflows(precision, label, inFloat64);
}

/** The first layer whose output is inf or NaN, as a sentence, or "" if none is. */
function describeForwardOverflow(activationStds, gradientNorms, precision, language) {
  const layer = activationStds.findIndex((value) => !Number.isFinite(value));
  if (layer < 0) return "";
  return words(language).forward({
    precision,
    layer: layer + 1,
    value: formatNumber(activationStds[layer]),
    laterLayers: layer + 1 < activationStds.length,
    everyGradientNaN: gradientNorms.every(Number.isNaN),
  });
}

/**
 * The chart in words: how the first layer's gradient compares with the last layer's, or,
 * where a number is inf, NaN or 0, that it overflows (or underflows) in this precision.
 * `float64` is the same network's result in float64 (or null): it says what an overflowed
 * float32 number would have been.
 */
export function describeResult(config, { gradientNorms, activationStds }, float64 = null,
                               language = pageLanguage()) {
  const said = words(language);
  const precision = config.precision ?? "float32";
  const first = gradientNorms[0];
  const last = gradientNorms[gradientNorms.length - 1];
  const lastStd = formatNumber(activationStds[activationStds.length - 1]);
  const reference = (index) => (float64 ? float64.gradientNorms[index] : null);
  const phrase = (index) => gradientPhrase(gradientNorms[index], precision, reference(index),
                                           language);
  const forward = describeForwardOverflow(activationStds, gradientNorms, precision, language);
  const outputs = said.outputs(lastStd);
  const described = describeConfig(config, language);
  if (config.depth === 1) return said.oneLayer(described, phrase(0), forward, outputs);
  const bothPlottable = specialLabel(first) === null && specialLabel(last) === null;
  const float64Sizes = float64 && [0, gradientNorms.length - 1].every(
    (index) => specialLabel(reference(index)) === null);
  if (gradientNorms.every(Number.isNaN) && forward) {
    const sizes = float64Sizes ? said.float64Sizes(
      formatNumber(reference(0)), formatNumber(reference(gradientNorms.length - 1))) : "";
    return `${described}${forward}${sizes}`;
  }
  const gradients = bothPlottable
    ? said.ratio(formatNumber(first), formatNumber(first / last), formatNumber(last))
    : said.phrases(phrase(0), phrase(gradientNorms.length - 1));
  return said.result(described, forward, gradients, outputs);
}

/** A note on the values a log scale cannot show (inf, NaN, 0), or null if there are none. */
export function describeSpecialValues({ gradientNorms, activationStds },
                                      language = pageLanguage()) {
  const said = words(language);
  const counts = (values) => {
    const found = {};
    for (const value of values) {
      const label = specialLabel(value);
      if (label !== null) found[label] = (found[label] ?? 0) + 1;
    }
    return Object.entries(found).map(
      ([label, count]) => said.specialCount(label, count, values.length));
  };
  const parts = [
    ...counts(gradientNorms).map(said.gradientCount),
    ...counts(activationStds).map(said.activationCount),
  ];
  if (parts.length === 0) return null;
  return said.specialNote(parts);
}
