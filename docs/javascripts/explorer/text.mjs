// The explorer's words, in each language of the site: English on docs/explorer.md, Chinese
// on docs/explorer.zh.md (served under /zh/, where Material sets <html lang="zh">).
// Numbers, names (ReLU, BatchNorm, float32) and symbols stay as they are in both.
import { ACTIVATIONS, INITIALIZATIONS, NORMALIZATIONS, PRECISIONS } from "./network.mjs";

/** "zh" on the Chinese pages, "en" everywhere else (and under Node, where no page is). */
export function pageLanguage() {
  const lang = globalThis.document?.documentElement?.lang ?? "";
  return lang.toLowerCase().startsWith("zh") ? "zh" : "en";
}

const CHOICES = {
  activation: ACTIVATIONS,
  initialization: INITIALIZATIONS,
  normalization: NORMALIZATIONS,
  precision: PRECISIONS,
};

const ENGLISH = {
  // The widget (main.mjs)
  controls: {
    depth: "Depth (layers)",
    width: "Width (units per layer)",
    activation: "Activation",
    initialization: "Initialization",
    normalization: "Normalization",
    residual: "Residual connections: h + f(h)",
    precision: "Precision",
    axis: "Fixed axis: float32's whole range, 1e-45 to 1e45",
  },
  form: "Network to explore",
  gradientCaption: "Weight-gradient norm ‖∂L/∂W‖ of each layer (log scale)",
  activationCaption: "Standard deviation of each layer's output (log scale)",
  link: "Link to this configuration",
  tableCaption: "Per layer: weight-gradient norm and output standard deviation",
  tableHeader: ["Layer", "‖∂L/∂W‖", "Output std"],
  tableSummary: "Numbers per layer (table)",
  gradientChart: "Weight-gradient norm",
  activationChart: "Output standard deviation",
  chartLabel: (what, values, first, last) => `${what} for layers 1 to ${values}: `
    + `${first} at layer 1, ${last} `
    + `at layer ${values}.`,
  timing: (milliseconds) => `One forward and backward pass: ${milliseconds} ms.`,
  banner: (name, lookFor) => [`Preset: ${name}.`, ` What to look for: ${lookFor}`],
  explainedIn: [" Explained in ", "."],
  // The chart (chart.mjs)
  float32Max: "float32 max",
  float32Min: "float32 min (normal)",
  layerAxis: "layer",
  // The summary (describe.mjs)
  options: {},
  noNormalization: "no normalization",
  config: ({ depth, width, activation, initialization, normalization, residual, precision }) =>
    `${depth === 1 ? "1 layer" : `${depth} layers`} of width ${width}, ${activation}, `
    + `${initialization} initialization, ${normalization}, `
    + `${residual ? "with" : "no"} residual connections, in ${precision}.`,
  inFloat64: (value) => `; in float64 it is ${value}`,
  is: (value) => `is ${value}`,
  isNaN: (precision, inFloat64) => `is NaN in ${precision} (inf − inf after an overflow${inFloat64})`,
  underflows: (precision, value) => `underflows to 0 in ${precision} (in float64 it is ${value})`,
  isZero: "is 0",
  overflows: (precision, label, inFloat64) => `overflows in ${precision} (${label}${inFloat64})`,
  forward: ({ precision, layer, value, laterLayers, everyGradientNaN }) =>
    ` The forward pass overflows in ${precision} at layer ${layer}: its output holds `
    + `${value}${laterLayers ? ", and every later layer's is inf or NaN" : ""}`
    + `${everyGradientNaN ? "; so every weight gradient is NaN" : ""}.`,
  outputs: (std) => `The last layer's output has standard deviation ${std}.`,
  oneLayer: (config, phrase, forward, outputs) =>
    `${config} The weight gradient ${phrase}.${forward} ${outputs}`,
  float64Sizes: (first, last) => ` In float64 the first layer's weight gradient would be `
    + `${first} and the last layer's ${last}.`,
  ratio: (first, ratio, last) => `The first layer's weight gradient, ${first}, is `
    + `${ratio} times the last layer's (${last}).`,
  phrases: (first, last) => `The first layer's weight gradient ${first}; `
    + `the last layer's ${last}.`,
  result: (config, forward, gradients, outputs) => `${config}${forward} ${gradients} ${outputs}`,
  specialCount: (label, count, layers) => `${label} in ${count} of ${layers} layers`,
  gradientCount: (text) => `gradient norm ${text}`,
  activationCount: (text) => `output standard deviation ${text}`,
  specialNote: (parts) => `Not every number can be drawn on a log scale: ${parts.join("; ")}. They are `
    + "marked above the charts instead: inf is an overflow, NaN an undefined result (such as "
    + "inf − inf), 0 no gradient at all or one too small for the precision (an underflow).",
};

const CHINESE = {
  controls: {
    depth: "深度（层数）",
    width: "宽度（每层单元数）",
    activation: "激活函数",
    initialization: "初始化",
    normalization: "规范化",
    residual: "残差连接：h + f(h)",
    precision: "精度",
    axis: "固定坐标轴：float32的完整范围，1e-45到1e45",
  },
  form: "要探索的网络",
  gradientCaption: "各层的权重梯度范数‖∂L/∂W‖（对数坐标）",
  activationCaption: "各层输出的标准差（对数坐标）",
  link: "此配置的链接",
  tableCaption: "每层的权重梯度范数与输出标准差",
  tableHeader: ["层", "‖∂L/∂W‖", "输出标准差"],
  tableSummary: "每层的数值（表格）",
  gradientChart: "权重梯度范数",
  activationChart: "输出标准差",
  chartLabel: (what, values, first, last) =>
    `第1层到第${values}层的${what}：第1层为${first}，第${values}层为${last}。`,
  timing: (milliseconds) => `一次前向传播和反向传播：${milliseconds} ms。`,
  banner: (name, lookFor) => [`预设：${name}。`, `看点：${lookFor}`],
  explainedIn: ["详见", "。"],
  float32Max: "float32最大值",
  float32Min: "float32最小正规数",
  layerAxis: "层",
  // Option labels that differ from network.mjs's English ones
  options: {
    initialization: {
      lecun: "LeCun正态",
      xavier: "Xavier（Glorot）正态",
      he: "He（Kaiming）正态",
      orthogonal: "正交",
    },
    normalization: {
      none: "无",
      batch: "BatchNorm（在批量上）",
      layer: "LayerNorm（在特征上）",
    },
    precision: {
      float32: "float32（PyTorch的默认）",
    },
  },
  noNormalization: "无规范化",
  config: ({ depth, width, activation, initialization, normalization, residual, precision }) =>
    `${depth}层网络，宽度${width}，激活函数${activation}，${initialization}初始化，`
    + `${normalization}，${residual ? "有" : "无"}残差连接，以${precision}计算。`,
  inFloat64: (value) => `；在float64中为${value}`,
  is: (value) => `为${value}`,
  isNaN: (precision, inFloat64) => `在${precision}中为NaN（上溢之后的inf − inf${inFloat64}）`,
  underflows: (precision, value) => `在${precision}中下溢为0（在float64中为${value}）`,
  isZero: "为0",
  overflows: (precision, label, inFloat64) => `在${precision}中上溢（${label}${inFloat64}）`,
  forward: ({ precision, layer, value, laterLayers, everyGradientNaN }) =>
    `前向传播在${precision}中于第${layer}层上溢：该层输出含${value}`
    + `${laterLayers ? "，之后每一层的输出都是inf或NaN" : ""}`
    + `${everyGradientNaN ? "；因此每个权重梯度都是NaN" : ""}。`,
  outputs: (std) => `最后一层输出的标准差为${std}。`,
  oneLayer: (config, phrase, forward, outputs) => `${config}权重梯度${phrase}。${forward}${outputs}`,
  float64Sizes: (first, last) => `在float64中，第一层的权重梯度将是${first}，最后一层的将是${last}。`,
  ratio: (first, ratio, last) => `第一层的权重梯度（${first}）是最后一层（${last}）的${ratio}倍。`,
  phrases: (first, last) => `第一层的权重梯度${first}；最后一层的${last}。`,
  result: (config, forward, gradients, outputs) => `${config}${forward}${gradients}${outputs}`,
  specialCount: (label, count, layers) => `${layers}层中有${count}层为${label}`,
  gradientCount: (text) => `梯度范数：${text}`,
  activationCount: (text) => `输出标准差：${text}`,
  specialNote: (parts) => `并非每个数都能画在对数坐标上：${parts.join("；")}。它们改为标在图表上方：`
    + "inf表示上溢，NaN表示无定义的结果（如inf − inf），0表示完全没有梯度，"
    + "或梯度小到该精度无法表示（下溢）。",
};

export const WORDS = { en: ENGLISH, zh: CHINESE };

/** The words of `language` ("en" or "zh"). */
export function words(language = pageLanguage()) {
  return WORDS[language] ?? ENGLISH;
}

/** How a control's option reads: network.mjs's label, or its translation. */
export function optionLabel(kind, name, language = pageLanguage()) {
  return words(language).options[kind]?.[name] ?? CHOICES[kind][name].label;
}
