import keras
import tensorflow as tf

keras.utils.set_random_seed(0)

# 1. Backpropagation multiplies one Jacobian per layer.
# A small tanh network: h_l = tanh(W_l h_{l-1} + b_l), five layers of width 8.
DEPTH, WIDTH = 5, 8
denses = [keras.layers.Dense(WIDTH, bias_initializer="random_normal") for _ in range(DEPTH)]
inputs = keras.random.normal((1, WIDTH))  # a row vector, as Keras layers expect
upstream = keras.random.normal((1, WIDTH))  # dL/dh_L, the gradient arriving from the loss

with tf.GradientTape() as tape:
    tape.watch(inputs)
    hidden, pre_activations = inputs, []
    for dense in denses:
        pre_activations.append(dense(hidden))
        hidden = keras.ops.tanh(pre_activations[-1])
    loss = keras.ops.sum(hidden * upstream)  # L = <upstream, h_L>
input_grad = tape.gradient(loss, inputs)

# dh_l/dh_{l-1} = diag(tanh'(z_l)) W_l, where W_l is the transposed Keras kernel.
jacobians = [
    keras.ops.diag(1 - keras.ops.tanh(pre_activation[0]) ** 2) @ keras.ops.transpose(dense.kernel)
    for dense, pre_activation in zip(denses, pre_activations)
]
jacobian_product = keras.ops.eye(WIDTH)
for jacobian in jacobians:
    jacobian_product = jacobian @ jacobian_product  # J_L ... J_2 J_1
by_hand = upstream @ jacobian_product  # the row vector (J^T u)^T = u^T J
print("autograd        :", keras.ops.convert_to_numpy(input_grad[0, :4]).round(6))
print("Jacobian product:", keras.ops.convert_to_numpy(by_hand[0, :4]).round(6))
assert keras.ops.all(keras.ops.isclose(input_grad, by_hand, rtol=1e-4, atol=1e-6))

# The norm of a product is at most the product of the norms, and |J_l| <= |W_l| max tanh'.
jacobian_norms = [float(keras.ops.norm(j, ord=2)) for j in jacobians]
weight_norms = [float(keras.ops.norm(dense.kernel, ord=2)) for dense in denses]
assert all(j <= w * (1 + 1e-5) for j, w in zip(jacobian_norms, weight_norms))
bound = float(keras.ops.prod(jacobian_norms)) * float(keras.ops.norm(upstream))
input_grad_norm = float(keras.ops.norm(input_grad))
print(f"|dL/dh_0| = {input_grad_norm:.3f} <= product of Jacobian norms = {bound:.3f}")
assert input_grad_norm <= bound * (1 + 1e-5)

# 2. The deep linear chain: 30 layers, each multiplying its input by the same weight w.
# y = w^30 x, so dy/dx = w^30: about 1.9e5 for w = 1.5 and 9.3e-10 for w = 0.5.
LAYERS = 30
for weight in (1.5, 0.5):
    constant = keras.initializers.Constant(weight)
    chain = keras.Sequential([keras.layers.Dense(1, use_bias=False, kernel_initializer=constant)
                              for _ in range(LAYERS)])
    x = keras.ops.ones((1, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = keras.ops.sum(chain(x))
    gradient = float(tape.gradient(y, x)[0, 0])
    print(f"w = {weight}: autograd dy/dx = {gradient:.6e}, w^30 = {weight**LAYERS:.6e}")
    assert abs(gradient - weight**LAYERS) <= 1e-5 * weight**LAYERS
