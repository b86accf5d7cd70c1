// The numeric core of the gradient-flow explorer: one forward and one backward pass of
// an MLP, in float32 (PyTorch's default) or float64, with no DOM. The page imports it, and
// the test suite runs it under Node and recomputes every number in PyTorch in the same
// precision (tests/test_explorer_core.py).
//
// float32: every stored number (weights, inputs, each layer's products, normalized values,
// activations, gradients) is a float32, held in a Float32Array, so a value beyond float32's
// range becomes inf (or 0) where PyTorch's would. Sums inside one dot product are carried
// in float64 and rounded once, which is slightly more accurate than float32 BLAS.
//
// Layer l: a = h W_lᵀ (no bias) → u = norm(a) → f = φ(u) → h_next = f, or h + f with
// residual connections. Loss: mean squared error between the last h and fixed targets.
import { gaussianArray, mixSeed } from "./random.mjs";

export const BATCH_SIZE = 32;
export const SEED = 20240229;
export const NORM_EPSILON = 1e-5; // PyTorch's default for BatchNorm and LayerNorm
const SELU_SCALE = 1.0507009873554804934193349852946;
const SELU_ALPHA = 1.6732632423543772848170429916717;

// Φ, the standard normal CDF, which GELU needs. JavaScript has no erf, so erfc is
// computed to a relative error below 1e-13: a series without cancellation for small z,
// a continued fraction beyond (Abramowitz & Stegun 7.1.6 and 7.1.14).
function erfcPositive(z) {
  if (z < 1.5) {
    let term = z;
    let sum = z;
    for (let n = 1; term > 1e-17 * sum; n += 1) {
      term *= (2 * z * z) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z) * sum;
  }
  // Evaluated from the back; the fraction converges faster the larger z is.
  let fraction = z;
  for (let k = Math.ceil(200 / (z * z)) + 12; k >= 1; k -= 1) fraction = z + k / 2 / fraction;
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / fraction;
}

export function erfc(z) {
  if (Number.isNaN(z)) return NaN;
  return z >= 0 ? erfcPositive(z) : 2 - erfcPositive(-z);
}

export function normalCdf(x) {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function normalPdf(x) {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

// Each activation: its value, and the backward step from the gradient of its output to
// the gradient of its input u, given u and the value f. The backward formulas are
// PyTorch's, in the same order, so inf and NaN propagate alike (ReLU passes no gradient
// at u <= 0, even an infinite one; sigmoid's 0 · inf is NaN).
export const ACTIVATIONS = {
  sigmoid: {
    label: "sigmoid",
    value: (u) => 1 / (1 + Math.exp(-u)),
    backward: (gradient, u, f) => gradient * (1 - f) * f,
  },
  tanh: {
    label: "tanh",
    value: (u) => Math.tanh(u),
    backward: (gradient, u, f) => gradient * (1 - f * f),
  },
  relu: {
    label: "ReLU",
    value: (u) => (u <= 0 ? 0 : u),
    backward: (gradient, u) => (u <= 0 ? 0 : gradient),
  },
  gelu: {
    label: "GELU",
    value: (u) => u * normalCdf(u),
    backward: (gradient, u) => gradient * (normalCdf(u) + u * normalPdf(u)),
  },
  selu: {
    label: "SELU",
    value: (u) => (u > 0 ? SELU_SCALE * u : SELU_SCALE * SELU_ALPHA * Math.expm1(u)),
    backward: (gradient, u) => (u > 0
      ? gradient * SELU_SCALE
      : gradient * SELU_SCALE * SELU_ALPHA * Math.exp(u)),
  },
};

// Each initialization as the standard deviation of a square width × width layer.
// For square layers Xavier/Glorot (2 / (fan_in + fan_out)) equals LeCun (1 / fan_in).
export const INITIALIZATIONS = {
  normal: { label: "N(0, 1)", std: () => 1 },
  small: { label: "N(0, 0.01²)", std: () => 0.01 },
  lecun: { label: "LeCun normal", std: (width) => Math.sqrt(1 / width) },
  xavier: { label: "Xavier (Glorot) normal", std: (width) => Math.sqrt(2 / (width + width)) },
  he: { label: "He (Kaiming) normal", std: (width) => Math.sqrt(2 / width) },
  orthogonal: { label: "orthogonal", std: null },
};

export const PRECISIONS = {
  float32: { label: "float32 (PyTorch's default)", Floats: Float32Array, round: Math.fround },
  float64: { label: "float64", Floats: Float64Array, round: (value) => value },
};

export const NORMALIZATIONS = {
  none: { label: "none" },
  batch: { label: "BatchNorm (over the batch)" },
  layer: { label: "LayerNorm (over features)" },
};

// Inner loops with four accumulators: about 1.5× faster in V8 than one.
function dot(a, aStart, b, bStart, length) {
  let sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
  let offset = 0;
  for (; offset + 3 < length; offset += 4) {
    sum0 += a[aStart + offset] * b[bStart + offset];
    sum1 += a[aStart + offset + 1] * b[bStart + offset + 1];
    sum2 += a[aStart + offset + 2] * b[bStart + offset + 2];
    sum3 += a[aStart + offset + 3] * b[bStart + offset + 3];
  }
  for (; offset < length; offset += 1) sum0 += a[aStart + offset] * b[bStart + offset];
  return (sum0 + sum1) + (sum2 + sum3);
}

/** target[targetStart + i] += scale * source[sourceStart + i] for i < length. */
function addScaled(target, targetStart, source, sourceStart, scale, length) {
  for (let offset = 0; offset < length; offset += 1) {
    target[targetStart + offset] += scale * source[sourceStart + offset];
  }
}

function transpose(matrix, size) {
  return transposeRectangle(matrix, size, size);
}

/** Q of the QR decomposition of a square row-major matrix, with diag(R) > 0: what PyTorch's
 *  orthogonal_ makes of a Gaussian matrix. Modified Gram-Schmidt on the columns (held
 *  as rows of the transpose, so that every loop runs over contiguous memory). */
export function orthonormalizeColumns(matrix, size) {
  const columns = transpose(matrix, size);
  for (let column = 0; column < size; column += 1) {
    const start = column * size;
    for (let previous = 0; previous < column; previous += 1) {
      const projection = dot(columns, previous * size, columns, start, size);
      addScaled(columns, start, columns, previous * size, -projection, size);
    }
    const length = Math.sqrt(dot(columns, start, columns, start, size));
    for (let row = 0; row < size; row += 1) columns[start + row] /= length;
  }
  return transpose(columns, size);
}

// Random draws depend only on the width and the layer's index, so changing the depth
// keeps the first layers, and every initialization scales the same Gaussian numbers.
const drawCache = { width: 0, gaussian: [], orthogonal: [] };

function cachedDraw(kind, width, layer) {
  if (drawCache.width !== width) Object.assign(drawCache, { width, gaussian: [], orthogonal: [] });
  if (!drawCache.gaussian[layer]) {
    drawCache.gaussian[layer] = gaussianArray(width * width, mixSeed(SEED, 2, width, layer));
  }
  if (kind === "orthogonal" && !drawCache.orthogonal[layer]) {
    drawCache.orthogonal[layer] = orthonormalizeColumns(drawCache.gaussian[layer], width);
  }
  return drawCache[kind][layer];
}

export function layerWeights(initialization, width, layer, precision = "float64") {
  const { Floats } = PRECISIONS[precision];
  if (initialization === "orthogonal") {
    return Floats.from(cachedDraw("orthogonal", width, layer));
  }
  const std = INITIALIZATIONS[initialization].std(width);
  return Floats.from(cachedDraw("gaussian", width, layer), (value) => value * std);
}

export function batchInputs(width, scale = 1, precision = "float64") {
  const draws = gaussianArray(BATCH_SIZE * width, mixSeed(SEED, 1, width));
  return PRECISIONS[precision].Floats.from(draws, (value) => value * scale);
}

export function batchTargets(width, precision = "float64") {
  return PRECISIONS[precision].Floats.from(gaussianArray(BATCH_SIZE * width, mixSeed(SEED, 3, width)));
}

// Row-major batch × width matrices throughout; W is width × width (out, in), as in PyTorch.
// Every product below is a set of dot products between rows, so that each inner loop
// runs over contiguous memory: rows of (a) times rows of (b) gives a · bᵀ. Two rows of
// each at a time: four sums share each load, about twice as fast in V8 as one at a time.
function multiplyRows(a, aRows, b, bRows, length, Floats = Float64Array) {
  const product = new Floats(aRows * bRows);
  const evenRows = aRows - (aRows % 2);
  const evenColumns = bRows - (bRows % 2);
  for (let row = 0; row < evenRows; row += 2) {
    for (let column = 0; column < evenColumns; column += 2) {
      multiplyTwoByTwo(a, row, b, column, length, product, bRows);
    }
  }
  for (let row = 0; row < aRows; row += 1) { // what the pairs left out: an odd last row or column
    for (let column = row < evenRows ? evenColumns : 0; column < bRows; column += 1) {
      product[row * bRows + column] = dot(a, row * length, b, column * length, length);
    }
  }
  return product;
}

function multiplyTwoByTwo(a, row, b, column, length, product, bRows) {
  const a0 = row * length;
  const a1 = a0 + length;
  const b0 = column * length;
  const b1 = b0 + length;
  let sum00 = 0, sum01 = 0, sum10 = 0, sum11 = 0;
  for (let offset = 0; offset < length; offset += 1) {
    const x0 = a[a0 + offset];
    const x1 = a[a1 + offset];
    const y0 = b[b0 + offset];
    const y1 = b[b1 + offset];
    sum00 += x0 * y0;
    sum01 += x0 * y1;
    sum10 += x1 * y0;
    sum11 += x1 * y1;
  }
  product[row * bRows + column] = sum00;
  product[row * bRows + column + 1] = sum01;
  product[(row + 1) * bRows + column] = sum10;
  product[(row + 1) * bRows + column + 1] = sum11;
}

function transposeRectangle(matrix, rows, columns) {
  const transposed = new Float64Array(matrix.length);
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      transposed[column * rows + row] = matrix[row * columns + column];
    }
  }
  return transposed;
}

// Normalization acts on groups of entries: BatchNorm's groups are the features (a column,
// stride width), LayerNorm's are the examples (a row, stride 1).
function normalizationGroups(normalization, width) {
  if (normalization === "batch") {
    return { count: width, size: BATCH_SIZE, start: (group) => group, stride: width };
  }
  return { count: BATCH_SIZE, size: width, start: (group) => group * width, stride: 1 };
}

function normalizeForward(values, groups) {
  const normalized = new values.constructor(values.length);
  const inverseStd = new Float64Array(groups.count);
  for (let group = 0; group < groups.count; group += 1) {
    const start = groups.start(group);
    const end = start + groups.size * groups.stride;
    let mean = 0;
    for (let index = start; index < end; index += groups.stride) mean += values[index];
    mean /= groups.size;
    let variance = 0; // biased, as the normalization layers use it
    for (let index = start; index < end; index += groups.stride) variance += (values[index] - mean) ** 2;
    variance /= groups.size;
    inverseStd[group] = 1 / Math.sqrt(variance + NORM_EPSILON);
    for (let index = start; index < end; index += groups.stride) {
      normalized[index] = (values[index] - mean) * inverseStd[group];
    }
  }
  return { normalized, inverseStd };
}

function normalizeBackward(gradient, normalized, inverseStd, groups) {
  const inputGradient = new gradient.constructor(gradient.length);
  for (let group = 0; group < groups.count; group += 1) {
    const start = groups.start(group);
    const end = start + groups.size * groups.stride;
    let meanGradient = 0;
    let meanGradientTimesNormalized = 0;
    for (let index = start; index < end; index += groups.stride) {
      meanGradient += gradient[index];
      meanGradientTimesNormalized += gradient[index] * normalized[index];
    }
    meanGradient /= groups.size;
    meanGradientTimesNormalized /= groups.size;
    for (let index = start; index < end; index += groups.stride) {
      inputGradient[index] = inverseStd[group]
        * (gradient[index] - meanGradient - normalized[index] * meanGradientTimesNormalized);
    }
  }
  return inputGradient;
}

function applyActivation(values, activation) {
  const { value } = ACTIVATIONS[activation];
  const activated = new values.constructor(values.length);
  for (let index = 0; index < values.length; index += 1) activated[index] = value(values[index]);
  return activated;
}

function forwardLayer(hidden, weights, config) {
  const { width, activation, normalization, residual } = config;
  const preNorm = multiplyRows(hidden, BATCH_SIZE, weights, width, width, hidden.constructor); // h Wᵀ
  const groups = normalization === "none" ? null : normalizationGroups(normalization, width);
  const { normalized, inverseStd } = groups
    ? normalizeForward(preNorm, groups)
    : { normalized: preNorm, inverseStd: null };
  const activated = applyActivation(normalized, activation);
  const output = residual ? activated.map((f, index) => hidden[index] + f) : activated;
  return { input: hidden, weights, groups, normalized, inverseStd, activated, output };
}

function activationBackward(outputGradient, layer, activation) {
  const { backward } = ACTIVATIONS[activation];
  const { normalized, activated } = layer;
  const gradient = new outputGradient.constructor(outputGradient.length);
  for (let index = 0; index < gradient.length; index += 1) {
    gradient[index] = backward(outputGradient[index], normalized[index], activated[index]);
  }
  return gradient;
}

function backwardLayer(outputGradient, layer, config) {
  const { width, activation, residual } = config;
  const { input, weights, groups, normalized, inverseStd } = layer;
  const activationGradient = activationBackward(outputGradient, layer, activation);
  const preNormGradient = groups
    ? normalizeBackward(activationGradient, normalized, inverseStd, groups)
    : activationGradient;
  // dL/dW = gᵀ h and dL/dh = g W (+ the gradient that skips the layer)
  const gradientByFeature = transposeRectangle(preNormGradient, BATCH_SIZE, width);
  const inputByFeature = transposeRectangle(input, BATCH_SIZE, width);
  const Floats = outputGradient.constructor;
  const weightGradient = multiplyRows(gradientByFeature, width, inputByFeature, width, BATCH_SIZE,
                                      Floats);
  const inputGradient = multiplyRows(preNormGradient, BATCH_SIZE, transpose(weights, width), width,
                                     width, Floats);
  if (residual) addScaled(inputGradient, 0, outputGradient, 0, 1, inputGradient.length);
  return { weightGradient, inputGradient };
}

/** Largest |value|, or NaN / Infinity when the values contain one. */
function largestMagnitude(values) {
  let largest = 0;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (Number.isNaN(value)) return NaN;
    if (Math.abs(value) > largest) largest = Math.abs(value);
  }
  return largest;
}

/** Euclidean norm, scaled so that squaring 1e200 does not overflow. NaN and inf propagate. */
export function norm(values) {
  const scale = largestMagnitude(values);
  if (!Number.isFinite(scale) || scale === 0) return scale;
  const inverseScale = 1 / scale;
  let sum = 0;
  for (let index = 0; index < values.length; index += 1) {
    const scaled = values[index] * inverseScale;
    sum += scaled * scaled;
  }
  return scale * Math.sqrt(sum);
}

/** Standard deviation with Bessel's correction (as torch.std), scaled like norm(). */
export function standardDeviation(values) {
  const scale = largestMagnitude(values);
  if (!Number.isFinite(scale) || scale === 0) return scale;
  const inverseScale = 1 / scale;
  let mean = 0;
  for (let index = 0; index < values.length; index += 1) mean += values[index] * inverseScale;
  mean /= values.length;
  let sum = 0;
  for (let index = 0; index < values.length; index += 1) {
    const deviation = values[index] * inverseScale - mean;
    sum += deviation * deviation;
  }
  return scale * Math.sqrt(sum / (values.length - 1));
}

/** Squares rounded to the precision (in float32 a difference above 1.8e19 squares to inf),
 *  their sum rounded, then divided: what mse_loss's elementwise square and mean do. */
function meanSquaredError(output, targets, round) {
  let sum = 0;
  for (let index = 0; index < output.length; index += 1) {
    const difference = round(output[index] - targets[index]);
    sum += round(difference * difference);
  }
  return round(round(sum) / output.length);
}

/**
 * One forward and backward pass. config: {depth, width, activation, initialization,
 * normalization, residual, precision ("float32", the default, or "float64")}. Returns per
 * layer the norm of dLoss/dW and the std of the layer's output (both computed from the
 * stored numbers without overflowing themselves: inf means an entry is inf); with
 * `record`, also the weights, inputs, targets and weight gradients.
 */
export function simulate(config, { record = false, inputScale = 1 } = {}) {
  const { depth, width, initialization, precision = "float32" } = config;
  const { round } = PRECISIONS[precision];
  const inputs = batchInputs(width, inputScale, precision);
  const targets = batchTargets(width, precision);
  const layers = [];
  let hidden = inputs;
  for (let index = 0; index < depth; index += 1) {
    layers.push(forwardLayer(hidden, layerWeights(initialization, width, index, precision),
                             config));
    hidden = layers[index].output;
  }
  const loss = meanSquaredError(hidden, targets, round);
  let gradient = hidden.map((value, index) => (2 * (value - targets[index])) / hidden.length);
  const weightGradients = new Array(depth);
  for (let index = depth - 1; index >= 0; index -= 1) {
    const { weightGradient, inputGradient } = backwardLayer(gradient, layers[index], config);
    weightGradients[index] = weightGradient;
    gradient = inputGradient;
  }
  const result = {
    loss,
    gradientNorms: weightGradients.map(norm),
    activationStds: layers.map((layer) => standardDeviation(layer.output)),
  };
  if (record) {
    Object.assign(result, { inputs, targets, weightGradients,
                            weights: layers.map((layer) => layer.weights) });
  }
  return result;
}
