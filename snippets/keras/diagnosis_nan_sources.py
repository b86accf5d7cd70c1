import keras
import numpy as np
import tensorflow as tf
from keras import ops

EPS = 1e-12


def gradient(function, value):
    variable = tf.Variable(value)
    with tf.GradientTape() as tape:
        result = function(variable)
    return result, tape.gradient(result, variable)


# 1. sqrt at 0: d√x/dx = 1/(2√x) is inf at x = 0, and inf * 0 in the chain rule is NaN.
_, sqrt_grad = gradient(ops.sqrt, np.zeros(1, dtype="float32"))
assert np.isinf(sqrt_grad).all()
offset = np.zeros(3, dtype="float32")  # e.g. a point minus itself
_, by_hand = gradient(lambda x: ops.sqrt(ops.sum(x**2)), offset)
_, with_eps = gradient(lambda x: ops.sqrt(ops.sum(x**2) + EPS), offset)  # fix: eps inside the sqrt
_, with_norm = gradient(ops.norm, offset)  # unlike PyTorch's, this norm's gradient at 0 is NaN
print(f"distance at 0, gradient: by hand {by_hand.numpy().tolist()}, +eps {with_eps.numpy().tolist()}, "
      f"ops.norm {with_norm.numpy().tolist()}")
assert np.isnan(by_hand).all() and (with_eps.numpy() == 0).all() and np.isnan(with_norm).all()

# 2. log of 0: softmax underflows to exactly 0 for a logit 200 below the largest one.
logits, label = np.array([[0.0, 200.0]], dtype="float32"), np.array([0])
loss_by_hand, grad_by_hand = gradient(lambda z: -ops.log(ops.softmax(z))[0, 0], logits)
loss_fixed, grad_fixed = gradient(  # fix: let the loss take logits and use log-softmax inside
    lambda z: keras.losses.sparse_categorical_crossentropy(label, z, from_logits=True)[0], logits)
print(f"cross-entropy: by hand {float(loss_by_hand)} (gradient {grad_by_hand.numpy().tolist()}), "
      f"from_logits {float(loss_fixed):.1f} (gradient {grad_fixed.numpy().tolist()})")
assert np.isinf(loss_by_hand) and np.isnan(grad_by_hand).all()
assert float(loss_fixed) == 200 and np.isfinite(grad_fixed).all()

# 3. Dividing by a zero std: a constant feature standardized by hand is 0/0 = NaN.
features = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]], dtype="float32")  # column 2 is constant
standardized = (features - ops.mean(features, axis=0)) / ops.std(features, axis=0)
fixed = (features - ops.mean(features, axis=0)) / (ops.std(features, axis=0) + 1e-6)  # fix: eps
normalization = keras.layers.Normalization()  # Keras's layer guards the std with an epsilon
normalization.adapt(features)
with_layer = normalization(features)
print(f"standardized constant column: by hand {standardized[:, 1].numpy().tolist()}, "
      f"+eps {fixed[:, 1].numpy().tolist()}, Normalization {with_layer[:, 1].numpy().tolist()}")
assert np.isnan(standardized[:, 1]).all() and (fixed[:, 1].numpy() == 0).all()
assert (with_layer[:, 1].numpy() == 0).all()
