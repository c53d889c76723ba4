r"""
The rings data in the hidden space
==================================

What the output layer of a trained network sees (:ref:`sec-boundaries`): not
the input points :math:`\mathbf{X}`, but their hidden activations
:math:`\mathbf{H} = f(\mathbf{Z}_h)` (:eq:`eq-forward-hidden`), one point of
:math:`\mathbb{R}^3` per sample for 3 hidden units. The output layer
(:eq:`eq-forward-output`) is a linear softmax classifier on :math:`\mathbf{H}`,
so it separates the classes with planes: the hidden layer must have moved
the nested rings to where planes suffice.
"""

# %%
# The hidden activations in 3-D
# -----------------------------
# The shared experiment (:ref:`sec-training`): rings data of
# ``make_rings(50, 0.2, seed=0)``, layer sizes ``[2, 3, 3]``, learning rate
# 1.5, 1000 steps, the ReLU and the logistic model from the same initial
# weights. This page uses **seed 1**, a seed on which the ReLU network trains
# well (seed 0 is one of the ReLU runs that stalls; see
# :ref:`sphx_glr_auto_examples_plot_cost_curves.py`). Each point is one
# training sample placed at its three hidden activations,
# ``model.feed_forward(X)[0]``, and seen from above the corner where all three
# activations are small. In the input plane the central blob (class 0) and
# the two rings (classes 1 and 2) are nested; in the hidden space they sit at
# increasing distances from that corner, along three arms, one per hidden
# unit: a plane cutting across the three arms separates them. The ReLU
# activations are 0 or positive and unbounded; each arm lies close to an
# axis, where the other two units are inactive. The logistic activations stay
# inside the unit cube.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

import nnscratch
from nnscratch import NonLinearModel
from nnscratch.plotting import CLASS_COLORS, CLASS_MARKERS, plot_data

SEED = 1
X, labels = nnscratch.make_rings(n_per_class=50, noise=0.2, seed=0)
T = nnscratch.one_hot(labels, 3)
relu_model = NonLinearModel.initialize([2, 3, 3], "relu", seed=SEED, init="standard")
logistic_model = NonLinearModel(relu_model.weights, relu_model.bias, "logistic")
models = {"ReLU": relu_model, "logistic": logistic_model}
accuracy = {
    name: nnscratch.train(model, X, T, learning_rate=1.5, n_iter=1000).accuracy[-1]
    for name, model in models.items()
}

fig = plt.figure(figsize=(10, 5.2), layout="constrained")
fig.suptitle(
    f"Rings data at the three hidden activations of the trained networks (seed {SEED}):"
    "\nthe blob and the two rings lie at increasing distances from one corner"
)
for i, (name, model) in enumerate(models.items()):
    ax = fig.add_subplot(1, 2, i + 1, projection="3d")
    H = model.feed_forward(X)[0]  # (n, 3) hidden activations
    for c in range(3):
        ax.scatter(
            *H[labels == c].T,
            c=CLASS_COLORS[c],
            marker=CLASS_MARKERS[c],
            s=22,
            edgecolors="black",
            linewidths=0.5,
            depthshade=False,
            label=f"class {c}",
        )
    ax.set_xlabel("$h_1$")
    ax.set_ylabel("$h_2$")
    ax.set_zlabel("$h_3$")
    ax.view_init(elev=30, azim=45)
    ax.set_box_aspect(None, zoom=0.85)  # leave room for the axis labels
    ax.set_title(f"{name} hidden layer (training accuracy {accuracy[name]:.1%})")
fig.axes[0].legend(loc="upper left", fontsize="small")

# %%
# What the output layer sees
# --------------------------
# The predicted class is the largest logit, and only the differences between
# logits matter (:eq:`eq-softmax-shift`). Plotting each sample at
# :math:`(z_{o,1} - z_{o,0},\; z_{o,2} - z_{o,0})`, computed from
# :math:`\mathbf{Z}_o = \mathbf{H}\mathbf{W}_o + \mathbf{b}_o`
# (:eq:`eq-forward-output`), is a linear projection of the hidden space to
# a plane: the one direction it drops is a direction along which the output
# layer's decision does not change. In this plane the output layer's three
# decision planes become three half-lines from the origin, and its decision
# regions are exact: class 0 where both differences are negative, class 1
# where the first is positive and larger than the second, class 2 otherwise.
# For both networks the points fall close to one line through the three
# regions: the trained hidden layer has in effect computed one number per
# sample, which grows with its distance from the centre of the rings, and the
# output layer cuts that line into three pieces. The few points in the wrong
# region are the training errors.
fig, axes = plt.subplots(1, 2, figsize=(9, 4.4), layout="constrained")
fig.suptitle(
    f"Hidden space projected to the logit differences (seed {SEED}): the output "
    "layer's\ndecision boundaries are three half-lines, the points lie near one line"
)
for ax, (name, model) in zip(axes, models.items(), strict=True):
    Z_o = model.logits(X)  # eq-forward-output, (n, 3)
    D = Z_o[:, 1:] - Z_o[:, :1]  # (n, 2) logit differences to class 0
    pad = 0.08 * np.ptp(D)
    low, high = np.minimum(D.min(axis=0), 0) - pad, np.maximum(D.max(axis=0), 0) + pad
    d1, d2 = np.meshgrid(
        np.linspace(low[0], high[0], 301),  # grid over the two logit differences
        np.linspace(low[1], high[1], 301),
    )
    # predicted class: the largest of the logit differences (0, d1, d2)
    regions = np.argmax(np.stack([np.zeros_like(d1), d1, d2]), axis=0)
    ax.contourf(
        d1,
        d2,
        regions,
        levels=[-0.5, 0.5, 1.5, 2.5],
        cmap=ListedColormap(CLASS_COLORS[:3]),
        alpha=0.3,
    )
    ax.contour(d1, d2, regions, levels=[0.5, 1.5], colors="black", linewidths=0.8)
    plot_data(ax, D, labels)  # one colour and marker per class
    ax.set_xlabel(r"$z_{o,1} - z_{o,0}$")
    ax.set_ylabel(r"$z_{o,2} - z_{o,0}$")
    ax.set_title(f"{name} network")
axes[0].legend(loc="upper left", fontsize="small", framealpha=0.9)
plt.show()
