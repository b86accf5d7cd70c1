"""The Chinese (zh) text of the figures and results tables (clinic/figure_language.py).

The Chinese figures (<topic>.<theme>.zh.svg) and tables (<topic>.<name>.zh.md) are the
English ones with every text put through this table: TEXT for exact strings, PATTERNS for
strings with numbers that the snippets compute (so recomputed numbers need no edit here),
ALLOWED for the Latin words that stay as they are (names, APIs, dtypes). A text with any
other Latin word fails the Chinese render: add its translation here.

Terms follow the Chinese edition's glossary (docs/glossary.md) and its pages: 梯度范数,
规范化, 微批量, 次正规数, 逐张量 …; no space between Chinese and Latin words or numbers.
"""

TEXT = {
    # ---- Words that recur across figures and tables
    "Asserted": "断言",
    "Asserted, for every seed tried": "断言（我们试过的每个随机种子）",
    "Measured": "测量项",
    "Measured (PyTorch / Keras)": "测量值（PyTorch / Keras）",
    "Run": "运行",
    "Loss": "损失",
    "Layer": "层",
    "layer": "层",
    "layer l": "层l",
    "block": "块",
    "step": "步",
    "training step": "训练步",
    "plain": "普通",
    "residual": "残差",
    "healthy": "健康",
    "vanishing": "消失",
    "exploding": "爆炸",
    "none": "无",
    "none / none": "无 / 无",
    "all": "全部",
    "nothing": "无",
    "chance": "随机猜测",
    "framework default": "框架默认",
    "Framework default": "框架默认",
    "no clipping": "不裁剪",
    "no scaling": "不缩放",
    "no normalization": "无规范化",
    "no warm-up": "无预热",
    "warm-up": "预热",
    "Learning rate": "学习率",
    "cross-entropy only": "仅交叉熵",
    "with z-loss 1e-4": "加z-loss 1e-4",
    # Names kept in English (technique names that are not single allowed words)
    "QK-norm": "QK-norm",
    "QK-norm + z-loss": "QK-norm + z-loss",
    "Pre-LN": "Pre-LN",
    "Post-LN": "Post-LN",
    "Post-LN / Pre-LN": "Post-LN / Pre-LN",
    "scikit-learn": "scikit-learn",

    # ---- Activation functions and initialization
    "Activation + initialization": "激活函数 + 初始化",
    "weight-gradient norm, layer 1 ÷ layer 20 (PyTorch / Keras)":
        "权重梯度范数，第1层 ÷ 第20层（PyTorch / Keras）",
    "max ÷ min over the 20 layers": "20层中的最大值 ÷ 最小值",
    "output std, layer 1 → 20 (PyTorch / Keras)": "输出标准差，第1层 → 第20层（PyTorch / Keras）",
    "layer 1 more than $10^{9}\\times$ smaller than layer 20; std 0.08–0.16 after layer 1":
        "第1层比第20层小$10^{9}$倍以上；第1层之后标准差为0.08–0.16",
    "max ÷ min below 5; std falls 3–6×": "最大值 ÷ 最小值低于5；标准差缩小3–6倍",
    "max ÷ min below 20 (looks healthy); **std falls more than 100×**":
        "最大值 ÷ 最小值低于20（看似健康）；**标准差缩小100倍以上**",
    "max ÷ min below 50; std 0.1–5 in every layer": "最大值 ÷ 最小值低于50；每层标准差为0.1–5",
    "max ÷ min below 5; std 0.8–1.25 in every layer": "最大值 ÷ 最小值低于5；每层标准差为0.8–1.25",
    "Activation, input std": "激活函数，输入标准差",
    "mean slope $\\varphi'(z)$ in layer 1 (PyTorch / Keras)":
        "第1层的平均斜率$\\varphi'(z)$（PyTorch / Keras）",
    "ReLU + He, 0.1 (narrow)": "ReLU + He，0.1（窄）",
    "ReLU + He, 1 (standardized)": "ReLU + He，1（标准化）",
    "ReLU + He, 10 (wide)": "ReLU + He，10（宽）",
    "tanh + Xavier × 5/3, 0.1 (narrow)": "tanh + Xavier × 5/3，0.1（窄）",
    "tanh + Xavier × 5/3, 1 (standardized)": "tanh + Xavier × 5/3，1（标准化）",
    "tanh + Xavier × 5/3, 10 (wide)": "tanh + Xavier × 5/3，10（宽）",
    "std of layer output": "层输出的标准差",
    "std of layer output (ReLU)": "层输出的标准差（ReLU）",
    "std of layer output h_l": "层输出h_l的标准差",
    "layer l (1 = next to the input)": "层l（1 = 紧接输入）",
    "layer (in the 8-layer stack)": "层（共8层）",
    "layer 1 (input)": "第1层（输入）",
    "layer 9 (output)": "第9层（输出）",
    "orthogonal × √2": "正交 × √2",
    "Initialization": "初始化",
    "7–9 per layer; above $10^{30}$ at layer 35; first inf or NaN between layers 38 and 46; "
    "NaN at 50": "每层7–9倍；第35层超过$10^{30}$；首个inf或NaN出现在第38层到第46层之间；"
                 "第50层为NaN",
    "0.66–0.76 per layer; $3\\times10^{-9}$ to $3\\times10^{-7}$ in total; Xavier the same":
        "每层0.66–0.76倍；总计$3\\times10^{-9}$到$3\\times10^{-7}$；Xavier相同",
    "between 0.05 and 20 at every layer": "每层都介于0.05和20之间",
    "Orthogonal × $\\sqrt2$": "正交 × $\\sqrt2$",
    "see [the defaults](#the-defaults-are-not-he)": "见[默认初始化](#the-defaults-are-not-he)",
    "‖∂L/∂h_l‖ (gradient into layer l)": "‖∂L/∂h_l‖（进入层l的梯度）",
    "‖∂L/∂h_l‖ (gradient reaching layer l)": "‖∂L/∂h_l‖（到达层l的梯度）",

    # ---- Core concepts, the math, diagnosis
    "Network": "网络",
    "Net": "网络",
    "Gradient at layer 1 vs layer 20": "第1层与第20层的梯度之比",
    "Factor per layer (geometric mean)": "每层的倍数（几何平均）",
    "sigmoid, gain 1": "sigmoid，增益1",
    "linear, gain 2": "线性，增益2",
    "vanishing: sigmoid, gain 1": "消失：sigmoid，增益1",
    "exploding: linear, gain 2": "爆炸：线性，增益2",
    "‖∂L/∂h‖, relative to layer 20": "‖∂L/∂h‖，相对于第20层",
    "‖∂L/∂W‖ (weight gradient norm)": "‖∂L/∂W‖（权重梯度范数）",
    "‖∂L/∂W‖ of the layer": "该层的‖∂L/∂W‖",
    "training step (healthy)": "训练步（健康）",
    "training step (vanishing)": "训练步（消失）",
    "training step (exploding)": "训练步（爆炸）",
    "std of $h_l$, layer 1 → 8 (PyTorch / Keras)": "$h_l$的标准差，第1层 → 第8层（PyTorch / Keras）",
    "std between 1/3 and 3 in every layer; gradient within a factor of 3":
        "每层标准差介于1/3和3之间；梯度相差不超过3倍",
    "std below 0.3 in every layer; gradient 3× to 6× smaller per layer, less than $10^{-4}$ "
    "over 7 layers": "每层标准差低于0.3；梯度每层缩小3倍到6倍，经过7层后小于$10^{-4}$",
    "std grows more than 5×; gradient more than 5× larger at layer 1":
        "标准差增长超过5倍；第1层梯度大5倍以上",
    "Net and optimizer": "网络与优化器",
    "layer 1, PyTorch / Keras": "第1层，PyTorch / Keras",
    "output layer, PyTorch / Keras": "输出层，PyTorch / Keras",
    "healthy, Adam, learning rate $10^{-3}$": "健康，Adam，学习率$10^{-3}$",
    "healthy, Adam, learning rate $10^{-1}$": "健康，Adam，学习率$10^{-1}$",
    "vanishing, SGD, learning rate $10^{-2}$": "消失，SGD，学习率$10^{-2}$",
    "vanishing, Adam, learning rate $10^{-3}$": "消失，Adam，学习率$10^{-3}$",
    "between $10^{-3}$ and $10^{-2}$ in every layer: the rule of thumb":
        "每层都介于$10^{-3}$和$10^{-2}$之间：符合经验法则",
    "above $5\\times10^{-2}$ in every layer: far above the rule of thumb":
        "每层都高于$5\\times10^{-2}$：远超经验法则",
    "layer 1 below $10^{-6}$: frozen; output layer above $10^{-4}$":
        "第1层低于$10^{-6}$：停滞不动；输出层高于$10^{-4}$",
    "layer 1 above $10^{-4}$, and more than $10^{4}$× the SGD ratio":
        "第1层高于$10^{-4}$，且是SGD比值的$10^{4}$倍以上",
    "mean |update| ÷ learning rate": "平均|更新量| ÷ 学习率",
    "|first update| ÷ learning rate": "|首次更新量| ÷ 学习率",

    # ---- Normalization
    "Between linear layer and ReLU": "线性层与ReLU之间",
    "Output std, layers 1 → 32 (PyTorch / Keras)": "输出标准差，第1层 → 第32层（PyTorch / Keras）",
    "both grow more than $10^{4}$-fold": "两者都增长$10^{4}$倍以上",
    "BatchNorm, train mode": "BatchNorm，训练模式",
    "BatchNorm, eval mode, fresh statistics": "BatchNorm，评估模式，初始统计量",
    "std in 0.4–1.5 in every layer; growth per layer between 1.1 and 1.3; gradient at layer 1 "
    "more than $10^{8}\\times$ smaller than without":
        "每层标准差在0.4–1.5之间；每层增长倍数介于1.1和1.3之间；第1层梯度比不加规范化时小"
        "$10^{8}$倍以上",
    "std in 0.4–1.5 in every layer; max/min gradient over all layers below 20; gradient at "
    "layer 1 more than $10^{8}\\times$ smaller than without":
        "每层标准差在0.4–1.5之间；所有层梯度的最大值/最小值低于20；第1层梯度比不加规范化时小"
        "$10^{8}$倍以上",
    "every layer's gradient within 10 % of \"nothing\"": "每层梯度与“无”相差不超过10%",
    "Inputs": "输入",
    "Saturated units, $\\lvert\\tanh z\\rvert > 0.99$ (PyTorch / Keras)":
        "饱和单元，$\\lvert\\tanh z\\rvert > 0.99$（PyTorch / Keras）",
    "Mean $\\tanh'(z)$ (PyTorch / Keras)": "平均$\\tanh'(z)$（PyTorch / Keras）",
    "raw": "原始",
    "standardized": "标准化",
    "more than 95 % saturated, mean $\\tanh'$ below 0.02": "超过95%饱和，平均$\\tanh'$低于0.02",
    "under 1 % saturated, mean $\\tanh'$ above 0.7": "低于1%饱和，平均$\\tanh'$高于0.7",
    "gradient reaching layer 1, plain": "到达第1层的梯度，普通",
    "gradient reaching layer 1, LayerNorm": "到达第1层的梯度，LayerNorm",
    "‖∂L/∂W‖, LayerNorm": "‖∂L/∂W‖，LayerNorm",
    "relative step ‖η ∂L/∂W‖ / ‖W‖, LayerNorm": "相对步长‖η ∂L/∂W‖ / ‖W‖，LayerNorm",
    "depth (number of layers)": "深度（层数）",
    "depth (number of blocks)": "深度（块数）",
    "‖∂L/∂W_FFN‖ at initialization": "初始化时的‖∂L/∂W_FFN‖",
    "‖∂L/∂W_FFN‖ of the last layer": "最后一层的‖∂L/∂W_FFN‖",
    "√(1 + depth)": "√(1 + 深度)",
    "∝ 1/√depth": "∝ 1/√深度",
    "max/min over the depths below 1.5": "各深度间的最大值/最小值低于1.5",
    "depth 8 between 0.3 and 0.75 × depth 2": "深度8时介于深度2时的0.3到0.75倍之间",
    "above 1.4 at depth 8, and 1.2× its depth-2 value": "深度8时高于1.4，且超过其深度2时数值的1.2倍",

    # ---- Regularization
    "Weights (at initialization)": "权重（初始化时）",
    "Gradient at layer 1 ÷ at layer 20 (PyTorch / Keras)": "第1层梯度 ÷ 第20层梯度（PyTorch / Keras）",
    "Gradient at layer 1 ÷ at layer 20": "第1层梯度 ÷ 第20层梯度",
    "as initialized": "初始化原样",
    "After 30 training steps": "训练30步后",
    "Weight norm vs. start": "权重范数与初始值之比",
    "no penalty": "无惩罚",
    "strong L2": "强L2",
    "every hidden weight matrix × scale (L2 shrinks it →)":
        "每个隐藏层权重矩阵 × 缩放系数（L2使其缩小 →）",
    "relative to the unscaled network": "相对于未缩放的网络",
    "1 / scale": "1 / 缩放系数",
    "1 / scale²": "1 / 缩放系数²",
    "test accuracy after 300 steps": "300步后的测试准确率",
    "final loss (chance dotted)": "最终损失（点线为随机猜测水平）",

    # ---- Optimizers, warm-up
    "mean $\\lvert g\\rvert$ (PyTorch / Keras)": "平均$\\lvert g\\rvert$（PyTorch / Keras）",
    "|gradient|": "|梯度|",
    "SGD step": "SGD训练步",
    "peak learning rate (Adam)": "峰值学习率（Adam）",
    "worst loss ÷ initial loss (PyTorch / Keras)": "最差损失 ÷ 初始损失（PyTorch / Keras）",
    "mean loss, last 10 steps (PyTorch / Keras)": "最后10步的平均损失（PyTorch / Keras）",
    "bound $\\frac{1-\\beta_1}{\\sqrt{1-\\beta_2}}$ (bias-corrected at step 2001)":
        "上界$\\frac{1-\\beta_1}{\\sqrt{1-\\beta_2}}$（第2001步经偏差修正）",
    "spike's step (PyTorch / Keras)": "尖峰处的更新步长（PyTorch / Keras）",
    "moved along the spike in all": "沿尖峰方向的总移动量",
    "ordinary step 200 steps later ÷ before": "200步后的常规步长 ÷ 尖峰前",

    # ---- Residual connections, residual scaling
    "Config": "配置",
    "Gradient at block 1 ÷ block 50 (PyTorch / Keras)": "第1块梯度 ÷ 第50块梯度（PyTorch / Keras）",
    "Std, block 1 → block 50 (PyTorch / Keras)": "标准差，第1块 → 第50块（PyTorch / Keras）",
    "gradient at block 1 and std at block 50 below $10^{-20}$":
        "第1块的梯度和第50块的标准差都低于$10^{-20}$",
    "gradient 0.5–20; std grows 2.5–6×": "梯度0.5–20；标准差增长2.5–6倍",
    "plain, He": "普通，He",
    "gradient 0.01–100": "梯度0.01–100",
    "residual, He": "残差，He",
    "residual, He, pre-norm": "残差，He，前置规范化",
    "residual, He, branch / √L": "残差，He，分支 / √L",
    "residual, He, zero last layer": "残差，He，末层置零",
    "1.3–1.5 per block; above $10^{6}$ at block 50; gradient above $10^{5}$":
        "每块1.3–1.5倍；第50块超过$10^{6}$；梯度超过$10^{5}$",
    "std at block 50 in 5–10; variance +0.6 to +1.4 per block; gradient 0.2–20 at every block":
        "第50块标准差在5–10之间；方差每块增加+0.6到+1.4；每块梯度都在0.2–20之间",
    "std grows 1.2–2.5×; gradient 0.2–20 at every block": "标准差增长1.2–2.5倍；每块梯度都在0.2–20之间",
    "exactly 1": "恰好为1",
    "equal to block 50, exactly": "与第50块完全相等",
    "std of block output": "块输出的标准差",
    "std of block output (linear scale)": "块输出的标准差（线性坐标）",
    "block (in the 48-block stack)": "块（共48块）",
    "‖∂L/∂h_l‖ ÷ ‖∂L/∂h_50‖ (block input)": "‖∂L/∂h_l‖ ÷ ‖∂L/∂h_50‖（块输入）",
    "Depth": "深度",
    "stream RMS, plain": "残差流RMS，普通",
    "stream RMS, GPT-2 $1/\\sqrt{N}$": "残差流RMS，GPT-2 $1/\\sqrt{N}$",
    "first ÷ last block $\\lVert\\nabla W_2\\rVert$, plain":
        "首块 ÷ 末块$\\lVert\\nabla W_2\\rVert$，普通",
    "first ÷ last, GPT-2 $1/\\sqrt{N}$": "首块 ÷ 末块，GPT-2 $1/\\sqrt{N}$",
    "GPT-2 1/√N": "GPT-2 1/√N",
    "RMS of the residual stream at the top": "顶层残差流的RMS",
    "‖∂L/∂W2‖ at initialization": "初始化时的‖∂L/∂W2‖",

    # ---- Gradient clipping
    "loss, first → last (PyTorch)": "损失，首步 → 末步（PyTorch）",
    "loss, first → last (Keras)": "损失，首步 → 末步（Keras）",
    "loss inf or NaN within the 50 steps; gradient norm above $10^3$ at least one step earlier":
        "50步内损失变为inf或NaN；至少提前一步梯度范数就超过$10^3$",
    "final loss below 0.2 × initial; norm before clipping above 5 × `max_norm` on every step":
        "最终损失低于初始值的0.2倍；每一步裁剪前的范数都超过5 × `max_norm`",
    "final loss above 0.8 × initial, and above 5 × the `max_norm=1` run's":
        "最终损失高于初始值的0.8倍，且高于`max_norm=1`运行的5倍",
    "max_norm=0.1 (too tight)": "max_norm=0.1（过紧）",
    "training loss (MSE)": "训练损失（MSE）",
    "gradient norm before clipping": "裁剪前的梯度范数",
    "diverges (off the scale, then inf/NaN)": "发散（超出坐标范围，随后为inf/NaN）",
    "Clipping (threshold 1)": "裁剪方式（阈值1）",
    "big gradient becomes": "大梯度变为",
    "small gradient becomes": "小梯度变为",
    "global norm": "全局范数",
    "each variable by its own norm": "每个变量按自身范数",
    "`clip_grad_norm_` per parameter": "对每个参数分别调用`clip_grad_norm_`",
    "$[0.3, 0.4]$ (unchanged)": "$[0.3, 0.4]$（不变）",
    "by value": "按值",

    # ---- Gated RNNs
    "Cell (all gate biases 0)": "单元（所有门偏置为0）",
    "Cell (at initialization)": "单元（初始化时）",
    "$\\lVert\\partial\\mathcal{L}/\\partial x_0\\rVert$ relative to the last step, "
    "PyTorch / Keras": "$\\lVert\\partial\\mathcal{L}/\\partial x_0\\rVert$相对于最后一步，PyTorch / Keras",
    "asserted in both": "两个框架中均断言",
    "vanilla RNN": "普通RNN",
    "LSTM, forget bias ≈ 0": "LSTM，遗忘门偏置≈0",
    "LSTM, forget bias 1": "LSTM，遗忘门偏置1",
    "between $10^{-11}$ and $10^{-6}$, and above $10^{10}$× the bias-0 LSTM":
        "介于$10^{-11}$和$10^{-6}$之间，且是偏置为0的LSTM的$10^{10}$倍以上",
    "steps back in time, k": "向前回溯的时间步数k",
    "time step t (the loss reads only the output at t = 99)": "时间步t（损失只读取t = 99处的输出）",
    "‖∂L/∂x_t‖ relative to t = 99": "‖∂L/∂x_t‖，相对于t = 99",
    "delay: steps between the marked input and the end of the sequence":
        "延迟：标记输入与序列末尾之间的步数",

    # ---- Mixed precision, bfloat16, FP8
    "Share of nonzero activation gradients lost": "丢失的非零激活梯度比例",
    "float16, no scaling: underflow to 0": "float16，不缩放：下溢为0",
    "float16, $S = 2^{16}$: underflow to 0": "float16，$S = 2^{16}$：下溢为0",
    "float16, $S = 2^{16}$ and up to $2^{24}$: overflow to inf":
        "float16，$S = 2^{16}$直至$2^{24}$：上溢为inf",
    "float16, $S = 2^{32}$: overflow to inf": "float16，$S = 2^{32}$：上溢为inf",
    "bfloat16, no scaling: underflow to 0": "bfloat16，不缩放：下溢为0",
    "less than a fifth of the unscaled share": "不到未缩放时比例的五分之一",
    "none (asserted exactly)": "无（精确断言）",
    "underflow to 0": "下溢为0",
    "overflow to inf": "上溢为inf",
    "step skipped (inf gradient)": "跳过的步（梯度为inf）",
    "loss scale": "损失缩放因子",
    "dynamic loss scale S": "动态损失缩放因子S",
    "k, for a loss scale S = 2^k": "k（损失缩放因子S = 2^k）",
    "% of nonzero gradients lost in float16": "float16中丢失的非零梯度比例（%）",
    "float32 max": "float32最大值",
    "logit gradients that become 0 in float16": "在float16中变为0的logit梯度",
    "logit gradients that become 0 in bfloat16": "在bfloat16中变为0的logit梯度",
    "updates of $10^{-3}\\lvert w\\rvert$ lost, bfloat16 weights":
        "丢失的$10^{-3}\\lvert w\\rvert$更新，bfloat16权重",
    "updates of $10^{-3}\\lvert w\\rvert$ lost, float16 weights":
        "丢失的$10^{-3}\\lvert w\\rvert$更新，float16权重",
    "updates of $10^{-3}\\lvert w\\rvert$ lost, float32 weights":
        "丢失的$10^{-3}\\lvert w\\rvert$更新，float32权重",
    "under 0.1 % (subnormal weights)": "低于0.1%（次正规数权重）",
    "SGD updates lost over 200 steps, bfloat16 weights": "200步中丢失的SGD更新，bfloat16权重",
    "SGD updates lost over 200 steps, float32 master weights": "200步中丢失的SGD更新，float32主权重",
    "loss after 200 steps, bfloat16 weights": "200步后的损失，bfloat16权重",
    "loss after 200 steps, float32 master weights": "200步后的损失，float32主权重",
    "more than 1.3 × the next row": "超过下一行的1.3倍",
    "Operation": "运算",
    "matrix product": "矩阵乘法",
    "layer normalization": "层规范化",
    "vector norm": "向量范数",
    "sum": "求和",
    "cross-entropy loss": "交叉熵损失",
    "mean squared error": "均方误差",
    "weights": "权重",
    "weight gradients": "权重梯度",
    "bfloat16 weights": "bfloat16权重",
    "float16 weights": "float16权重",
    "float32 (master) weights": "float32（主）权重",
    "% of weights that do not move": "保持不变的权重比例（%）",
    "log2 of the relative update |Δw| / |w|": "相对更新量|Δw| / |w|的log2",
    "|Δw| = 0.001 |w|": "|Δw| = 0.001 |w|",
    "Scaling": "缩放方式",
    "scale per": "每个缩放因子覆盖",
    "per tensor": "逐张量",
    "128x128 blocks": "128x128块",
    "1x128 tiles": "1x128分块",
    "MX, 1x32 blocks": "MX，1x32块",
    "e4m3: becomes 0": "e4m3：变为0",
    "e4m3: subnormal": "e4m3：次正规数",
    "e4m3: saturated": "e4m3：饱和",
    "e5m2: becomes 0": "e5m2：变为0",
    "e5m2: subnormal": "e5m2：次正规数",
    "e5m2: saturated": "e5m2：饱和",
    "becomes 0": "变为0",
    "subnormal (fewer bits)": "次正规数（位数更少）",
    "saturated (clamped)": "饱和（被截断）",
    "% of the gradient's values": "占梯度值的比例（%）",

    # ---- Training at scale
    "‖W_Q‖‖W_K‖ ÷ initial": "‖W_Q‖‖W_K‖ ÷ 初始值",
    "entropy, plain": "熵，普通",
    "entropy, QK-norm": "熵，QK-norm",
    "median query's ‖∂L/∂logits‖, plain": "中位查询的‖∂L/∂logits‖，普通",
    "…, QK-norm": "…，QK-norm",
    "queries carrying 90 % of it, plain": "承载其90%的查询，普通",
    "median query's ‖∂L/∂logits‖": "中位查询的‖∂L/∂logits‖",
    "% of queries carrying 90 % of it": "承载其90%的查询所占比例（%）",
    "attention entropy (nats)": "注意力熵（奈特）",
    "log Z at step 1": "第1步的log Z",
    "highest log Z": "最高log Z",
    "log Z at step 300": "第300步的log Z",
    "cross-entropy at step 300": "第300步的交叉熵",
    "mean log Z over the batch": "批量上log Z的平均值",
    "largest |attention logit| at the end": "结束时最大的|注意力logit|",
    "flagged steps (PyTorch / Keras)": "被标记的步（PyTorch / Keras）",
    "mean loss, last 20 steps (PyTorch / Keras)": "最后20步的平均损失（PyTorch / Keras）",
    "unguarded": "无防护",
    "skip": "跳过",
    "rollback": "回滚",
    "clip at 1": "裁剪阈值1",
    "clip at 10": "裁剪阈值10",
    "steps clipped (PyTorch / Keras)": "被裁剪的步数（PyTorch / Keras）",
    "training loss of the batch": "该批量的训练损失",
    "training loss (mean squared error)": "训练损失（均方误差）",
    "Measured (4 micro-batches, sorted by length)": "测量项（4个微批量，按长度排序）",
    "tokens per micro-batch": "每个微批量的词元数",
    "weight of a token in the mean of means ÷ in the full batch (shortest … longest "
    "micro-batch)": "单个词元在“均值的均值”中的权重 ÷ 在全批量中的权重（最短 … 最长的微批量）",
    "gradient error, mean of micro-batch means": "梯度误差，微批量均值的均值",
    "gradient error, summed loss ÷ total tokens": "梯度误差，损失总和 ÷ 词元总数",
    "`gradient_accumulation_steps` vs the plain mean of the 4 gradients":
        "`gradient_accumulation_steps`与4个梯度的简单平均相比",
    "clipped step (float16, loss scaling) vs clipped full-batch float32 step":
        "裁剪后的训练步（float16，损失缩放）与裁剪后的全批量float32训练步相比",
    "micro-batch (sorted by sequence length)": "微批量（按序列长度排序）",
    "weight of one token ÷ its\nweight in the full batch": "单个词元的权重 ÷\n其在全批量中的权重",
    "Mean of micro-batch means": "微批量均值的均值",
    "sum ÷ total tokens (exact)": "总和 ÷ 词元总数（精确）",
    "Accumulated gradient's error": "累积梯度的误差",
    "mean of means": "均值的均值",
    "sum ÷ total tokens": "总和 ÷ 词元总数",
    "Setup (2 ranks or replicas)": "设置（2个进程或副本）",
    "Clipped gradient vs one process": "裁剪后的梯度与单进程相比",
    "DDP, `clip_grad_norm_` after `backward()`": "DDP，在`backward()`之后调用`clip_grad_norm_`",
    "each rank clips its own gradient, then all-reduce": "每个进程先裁剪自己的梯度，再全归约",
    "FSDP2, norm of the rank's own shard": "FSDP2，进程自身分片的范数",
    "below the true norm": "低于真实范数",
    "FSDP2, `clip_grad_norm_` on the DTensor gradients": "FSDP2，对DTensor梯度调用`clip_grad_norm_`",
    "Keras `model.fit` under `MirroredStrategy`, `global_clipnorm`":
        "Keras，`MirroredStrategy`下的`model.fit`，`global_clipnorm`",
    "Keras custom step, `tf.clip_by_global_norm(..., use_norm=` all-reduced norm`)`":
        "Keras自定义训练步，`tf.clip_by_global_norm(..., use_norm=`全归约后的范数`)`",

    # ---- Versions
    "Package": "软件包",
    "Version": "版本",
}

# Strings with numbers a snippet computes: re.fullmatch, then match.expand(replacement).
# Replacements hold no backslash other than group references (\1): write math in TEXT.
PATTERNS = [
    (r"layer (\d+)", r"第\1层"),
    (r"delay (\d+)", r"延迟\1"),
    (r"delays (\S+)", r"延迟\1"),
    (r"weights × (\S+)", r"权重 × \1"),
    (r"linear, s = (\S+)", r"线性，s = \1"),
    (r"tanh, s = (\S+)", r"tanh，s = \1"),
    (r"more than (\S+) %", r"超过\1%"),
    (r"under (\S+) %", r"低于\1%"),
    (r"below (\$[^$]+\$)", r"低于\1"),
    (r"(\S+) → (\S+) at step (\d+)", r"\1 → \2（第\3步）"),
    # core concepts
    (r"less than (\$[^$]+\$) \(measured about (\$[^$]+\$)\)", r"小于\1（实测约\2）"),
    (r"more than (\$[^$]+\$) \(measured about (\$[^$]+\$)\)", r"大于\1（实测约\2）"),
    (r"between (\S+) and (\S+) \(measured (\S+)\)", r"介于\1和\2之间（实测\3）"),
    # initialization
    (r"×(\S+) per layer in both; (\S+ / \S+) at layer 35; first inf at layer (\S+ / \S+); "
     r"NaN at layer 50", r"两者均为每层×\1；第35层为\2；首个inf出现在第\3层；第50层为NaN"),
    (r"×(\S+) / ×(\S+) per layer; (\S+ / \S+) at layer 35; first inf at layer (\S+ / \S+); "
     r"NaN at layer 50", r"每层×\1 / ×\2；第35层为\3；首个inf出现在第\4层；第50层为NaN"),
    (r"×(\S+) / ×(\S+) per layer; layer 50 is (\S+) / (\S+) of layer 1",
     r"每层×\1 / ×\2；第50层是第1层的\3 / \4"),
    (r"between (\S+) and (\S+) / (\S+) and (\S+)", r"介于\1和\2之间 / 介于\3和\4之间"),
    (r"PyTorch: ×(\S+) per layer, then held at (\S+) by the bias; Keras: ×(\S+) per layer",
     r"PyTorch：每层×\1，随后被偏置维持在\2；Keras：每层×\3"),
    (r"Last layer's gradient at depth (.+)", r"深度为\1时最后一层的梯度"),
    # regularization
    (r"(.+) — more than (\$10\^\{4\})\\times\$ less \(asserted\), within 5× of "
     r"(\$0\.5\^\{19\}\$) \(the figure's test\)",
     r"\1 — 小\2$倍以上（断言），与\3相差在5倍以内（图的测试）"),
    # residual connections
    (r"(.+); ×(\S+) / ×(\S+) per block", r"\1；每块×\2 / ×\3"),
    (r"(.+); variance (\S+) / (\S+) per block", r"\1；方差每块\2 / \3"),
    (r"exactly constant \((\S+) in both\)", r"严格不变（两者均为\1）"),
    # loss spikes: steps flagged, or none
    (r"none / (.+)", r"无 / \1"),
    (r"(.+) / none", r"\1 / 无"),
    # FP8
    (r"([\d,]+) values", r"\1个值"),
    (r"([\d,]+) values, power of two", r"\1个值，2的幂"),
    # distributed
    (r"Norm it clipped with \(one process: PyTorch (\S+), Keras (\S+)\)",
     r"裁剪所用的范数（单进程：PyTorch \1，Keras \2）"),
    (r"(\S+), (\S+) \(same on both ranks\)", r"\1, \2（两个进程相同）"),
    (r"each replica its own: (.+)", r"每个副本各用自己的范数：\1"),
    (r"(\S+) % off", r"偏差\1%"),
    # a bare percentage: Chinese sets % without a space (52%), English with one (52 %)
    (r"([\d.,]+) %", r"\1%"),
    (r"([\d.,]+) % / ([\d.,]+) %", r"\1% / \2%"),
    (r"([<>]) ([\d.,]+) %", r"\1 \2%"),
]

# Latin words that stay in English: frameworks, packages, APIs, activations, optimizers,
# initializations, layers, number formats, and symbols the math uses.
ALLOWED = {
    "PyTorch", "Keras", "TensorFlow", "NumPy", "Matplotlib",
    "Adam", "SGD", "RMSprop",
    "ReLU", "SELU", "tanh", "sigmoid", "softmax",
    "He", "Xavier", "LeCun",
    "RNN", "GRU", "LSTM", "LayerNorm", "BatchNorm", "RMSNorm",
    "float16", "float32", "bfloat16", "e4m3", "e5m2", "MX", "inf", "NaN",
    "MSE", "RMS", "logit", "logits", "DDP", "FSDP2", "DTensor", "GPT",
}
