r"""
Activation functions and their derivatives
==========================================

The hidden activations of :ref:`sec-activations`, each drawn with its
derivative: the ReLU :eq:`eq-relu` with :eq:`eq-relu-grad`, the leaky ReLU
:eq:`eq-leaky-relu`, the softplus :eq:`eq-softplus`, the logistic function
:eq:`eq-logistic` and tanh :eq:`eq-tanh`. The dot at :math:`z = 0` marks
the value the code returns at the kink, where the derivative does not exist.
"""

# %%
# The ReLU family
# ---------------
# The derivative jumps from the negative-side slope to 1 at :math:`z = 0`.
# ``nnscratch`` returns the left-hand slope there.
import matplotlib.pyplot as plt

from nnscratch.plotting import plot_activation

fig, axes = plt.subplots(1, 2, figsize=(8, 3.4), sharey=True, layout="constrained")
fig.suptitle(
    "ReLU and leaky ReLU (solid) with their derivatives (dashed),\n"
    "which jump from the negative-side slope to 1 at z = 0"
)
plot_activation(axes[0], "relu")
plot_activation(axes[1], "leaky_relu", slope=0.1)
axes[1].set_title("leaky_relu (slope 0.1)")
for ax in axes:
    ax.set_ylim(-1, 4)

# %%
# Smooth activations
# ------------------
# Softplus is a smooth ReLU whose derivative is the logistic function; the
# logistic and tanh derivatives vanish for large :math:`|z|` (saturation).
fig, axes = plt.subplots(1, 3, figsize=(11, 3.4), layout="constrained")
fig.suptitle(
    "Softplus, logistic and tanh (solid) with their derivatives (dashed):\n"
    "the logistic and tanh derivatives vanish for large |z|"
)
for ax, name in zip(axes, ["softplus", "logistic", "tanh"], strict=True):
    plot_activation(ax, name)
    ax.set_ylim(-1.2, 4)
plt.show()
