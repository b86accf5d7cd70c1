import keras
import tensorflow as tf

keras.utils.set_random_seed(0)
WIDTH, STEPS = 32, 100


def gradient_ratio_through_time(tape, loss, hiddens):
    """|dL/dh_{T-k}| / |dL/dh_T| for k = 0..T."""
    grads = tape.gradient(loss, hiddens)
    grad_norms = [float(keras.ops.norm(grad)) for grad in reversed(grads)]  # k = 0, 1, ..., T
    return [norm / grad_norms[0] for norm in grad_norms]


# Linear recurrence h_t = W h_{t-1} with W = s Q, Q orthogonal: every singular value is s,
# so the gradient that travels k steps back is multiplied by exactly s^k.
grad_ratio_per_step = {}
for spectral_norm in (0.9, 1.0, 1.1):
    recurrent_weight = keras.initializers.Orthogonal(gain=spectral_norm)((WIDTH, WIDTH))
    with tf.GradientTape() as tape:
        hiddens = [keras.random.normal((WIDTH, 1))]
        tape.watch(hiddens[0])
        for _ in range(STEPS):
            hiddens.append(recurrent_weight @ hiddens[-1])
        loss = keras.ops.sum(hiddens[-1])
    ratio = gradient_ratio_through_time(tape, loss, hiddens)
    grad_ratio_per_step[f"linear, s = {spectral_norm}"] = ratio
    print(f"linear, s = {spectral_norm}: 100 steps back {ratio[-1]:.4e} "
          f"(s^100 = {spectral_norm**STEPS:.4e})")
    for k, measured in enumerate(ratio):
        assert abs(measured - spectral_norm**k) <= 1e-3 * spectral_norm**k

# A tanh RNN, h_t = tanh(W h_{t-1} + U x_t), with the same kind of W at s = 1.1. Each step
# multiplies by diag(tanh'(z_t)) W and tanh' <= 1: the gradient never grows faster than 1.1^k.
recurrent_weight = keras.initializers.Orthogonal(gain=1.1)((WIDTH, WIDTH))
input_weight = keras.initializers.RandomNormal(stddev=WIDTH**-0.5)((WIDTH, WIDTH))
sequence = keras.random.normal((STEPS, WIDTH, 1))
with tf.GradientTape() as tape:
    hiddens = [keras.ops.zeros((WIDTH, 1))]
    tape.watch(hiddens[0])
    for inputs in sequence:
        hiddens.append(keras.ops.tanh(recurrent_weight @ hiddens[-1] + input_weight @ inputs))
    loss = keras.ops.sum(hiddens[-1])
ratio = gradient_ratio_through_time(tape, loss, hiddens)
grad_ratio_per_step["tanh, s = 1.1"] = ratio
print(f"tanh,   s = 1.1: 100 steps back {ratio[-1]:.2e} (bound 1.1^100 = {1.1**STEPS:.2e})")
assert all(measured <= 1.1**k * (1 + 1e-4) for k, measured in enumerate(ratio))
assert ratio[-1] < 1e-6  # saturated units (tanh' near 0) make it vanish instead
