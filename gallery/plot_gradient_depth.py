r"""
Gradients through depth: vanishing and exploding
================================================

The norm of the weight gradient :math:`\partial L / \partial \mathbf{W}_l`
of every layer of a deep, narrow network (:ref:`sec-vanishing-gradients`),
for logistic, tanh and ReLU hidden layers, with the post's
:math:`\mathcal{N}(0, 1)` weights (``init="standard"``) and with the
He/Glorot scales of :eq:`eq-init-he` and :eq:`eq-init-glorot`
(``init="auto"``). Each line is the median over three seeds, the band spans
the smallest to the largest of them.
"""

# %%
# At initialisation and after training
# ------------------------------------
# Ten layers of weights (nine hidden layers of 16 units) on the spiral data
# (``make_spiral(50, 3, 0.2, seed=0)``, 150 points). The top row is the
# untrained network; the bottom row is the same network after 200 steps of
# gradient descent with learning rate 0.1, a rate small enough that no
# He/Glorot run diverges (this is a picture of gradient sizes, not a
# comparison of accuracies). A run that diverges is counted in the legend and
# drawn at its initial gradient norms (``train`` restores the weights it was
# given): no run is dropped. Exact zeros (a dead network) are drawn at the
# bottom of the axis.
import matplotlib.pyplot as plt
import numpy as np

import nnscratch
from nnscratch import NonLinearModel

X, labels = nnscratch.make_spiral(n_per_class=50, n_classes=3, noise=0.2, seed=0)
T = nnscratch.one_hot(labels, 3)
SIZES = [2] + [16] * 9 + [3]  # 10 layers of weights
SEEDS = (0, 1, 2)
ACTIVATIONS = {"logistic": "tab:orange", "tanh": "tab:green", "relu": "tab:blue"}
LEARNING_RATE, N_ITER = 0.1, 200


def gradient_norms(model):
    """Frobenius norm of dL/dW_l for every layer l = 1, ..., D."""
    grads_w, _ = model.back_propagation(X, T)
    return np.array([np.linalg.norm(g) for g in grads_w])


norms = {}  # (activation, init, stage) -> array (n_seeds, n_layers)
diverged = {}
with np.errstate(over="ignore", invalid="ignore"):
    for activation in ACTIVATIONS:
        for init in ("standard", "auto"):
            start, end, n_diverged = [], [], 0
            for seed in SEEDS:
                model = NonLinearModel.initialize(SIZES, activation, seed=seed, init=init)
                start.append(gradient_norms(model))
                try:
                    nnscratch.train(model, X, T, LEARNING_RATE, N_ITER)
                except FloatingPointError:  # train restores the initial weights
                    n_diverged += 1
                end.append(gradient_norms(model))
            norms[activation, init, "start"] = np.array(start)
            norms[activation, init, "end"] = np.array(end)
            diverged[activation, init] = n_diverged

layers = np.arange(1, len(SIZES))
fig, axes = plt.subplots(2, 2, figsize=(10, 7.5), sharex=True, layout="constrained")
fig.suptitle("Weight-gradient norm per layer of a 10-layer network (median and range of 3 seeds)")
for col, init in enumerate(("standard", "auto")):
    for row, stage in enumerate(("start", "end")):
        ax = axes[row, col]
        for activation, colour in ACTIVATIONS.items():
            values = norms[activation, init, stage]
            label = activation
            if stage == "end" and diverged[activation, init]:
                label += f" ({diverged[activation, init]} of {len(SEEDS)} diverged)"
            # a dead ReLU network has exact zeros: show them at the floor of the axis
            shown = np.maximum(values, 1e-12)
            ax.plot(layers, np.median(shown, axis=0), "o-", color=colour, label=label)
            ax.fill_between(layers, shown.min(axis=0), shown.max(axis=0), color=colour, alpha=0.2)
        ax.set_yscale("log")
        scale = "N(0, 1)" if init == "standard" else "He / Glorot"
        when = "at initialisation" if stage == "start" else f"after {N_ITER} steps"
        ax.set_title(f'{scale} (init="{init}"), {when}')
        ax.set_ylabel(r"$\|\partial L / \partial \mathbf{W}_l\|$")
        ax.legend(fontsize="small", loc="best")
for ax in axes[1]:
    ax.set_xlabel("layer $l$ (1 = next to the input)")
    ax.set_xticks(layers)

# %%
# The claims the book makes about this figure, checked on the runs drawn
# ----------------------------------------------------------------------
# Ratio of the first layer's gradient norm to the last one's, per seed.
with np.errstate(invalid="ignore", divide="ignore"):  # a dead network has 0 / 0
    ratio = {key: values[:, 0] / values[:, -1] for key, values in norms.items()}
# logistic: the gradient vanishes towards the input with either scale
assert np.all(ratio["logistic", "standard", "start"] < 1e-2)
assert np.all(ratio["logistic", "auto", "start"] < 1e-4)
# ... and the Glorot-scaled logistic network is stalled after training
assert np.all(norms["logistic", "auto", "end"] < 1e-4)
# tanh with N(0, 1): the gradient grows towards the input
assert np.all(ratio["tanh", "standard", "start"] > 3)
# ReLU with N(0, 1): every layer's gradient is over 100 times the He-scaled one
assert norms["relu", "standard", "start"].min() > 100 * norms["relu", "auto", "start"].max()
# ... and training from it diverges or ends with every gradient exactly zero
dead = np.all(norms["relu", "standard", "end"] == 0, axis=1).sum()
assert dead + diverged["relu", "standard"] == len(SEEDS)
# tanh and ReLU with He/Glorot: first and last layer within a factor 10, no divergence
for activation in ("tanh", "relu"):
    for stage in ("start", "end"):
        assert np.all(
            (ratio[activation, "auto", stage] > 0.1) & (ratio[activation, "auto", stage] < 10)
        )
    assert diverged[activation, "auto"] == 0
plt.show()
