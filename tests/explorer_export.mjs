// Runs the explorer's numeric core under Node for tests/test_explorer_core.py.
// stdin: a JSON list of groups {depth, width, initialization, precision? ("float64" unless
// given), inputScale?, configs: [{activation, normalization, residual}]}. stdout: per group the weights, inputs and
// targets the core drew (shared by its configs), and per config the loss, the
// per-layer numbers and the full weight gradients of the first and last layer.
// Non-finite numbers are written as Python's json reads them (Infinity, NaN).
import { readFileSync } from "node:fs";
import { simulate } from "../docs/javascripts/explorer/network.mjs";

function exportGroup({ depth, width, initialization, precision = "float64", inputScale = 1,
                      configs }) {
  const options = { record: true, inputScale: Number(inputScale) }; // JSON has no Infinity: "Infinity"
  const run = (config) => simulate({ depth, width, initialization, precision, ...config }, options);
  const results = configs.map(run);
  const [first] = results; // the configs of a group share weights, inputs and targets
  return {
    weights: first.weights.map((weights) => Array.from(weights)),
    inputs: Array.from(first.inputs),
    targets: Array.from(first.targets),
    results: results.map((result, index) => ({
      config: configs[index],
      loss: result.loss,
      gradientNorms: Array.from(result.gradientNorms),
      activationStds: Array.from(result.activationStds),
      firstLayerGradient: Array.from(result.weightGradients[0]),
      lastLayerGradient: Array.from(result.weightGradients[depth - 1]),
    })),
  };
}

function pythonJson(value) {
  const marked = JSON.stringify(value, (key, number) => (
    typeof number === "number" && !Number.isFinite(number) ? `__${number}__` : number));
  return marked.replace(/"__(-?Infinity|NaN)__"/g, "$1");
}

const groups = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(pythonJson(groups.map(exportGroup)));
