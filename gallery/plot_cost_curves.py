r"""
Cost curves: ReLU and logistic hidden layers over ten seeds
===========================================================

The cross-entropy cost (:eq:`eq-xent`) of one sample, then the training of
the book's shared experiment (:ref:`sec-training`): the network of the
original post, layer sizes ``[2, 3, 3]``, trained by full-batch gradient
descent (:eq:`eq-gd-update`) with learning rate 1.5 for 1000 steps on the
rings data, once with a ReLU and once with a logistic hidden layer. Both
models start from the same initial weights, drawn with seeds 0 to 9.
"""

# %%
# The cost of one sample
# ----------------------
# For one sample, the cross-entropy is :math:`-\log p`, where :math:`p` is the
# probability the model gives to the true class. A uniform guess over the
# three classes, :math:`p = 1/3`, costs :math:`\log 3 \approx 1.10`; a
# confident mistake costs without bound.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba

import nnscratch
from nnscratch import NonLinearModel
from nnscratch.style import BLUE, VERMILION

p = np.linspace(0.005, 1.0, 400)
fig, ax = plt.subplots(figsize=(5.5, 3.8), layout="constrained")
ax.plot(p, -np.log(p), color=BLUE, lw=2, label=r"$-\log p$")
ax.plot(
    1 / 3,
    np.log(3),
    "o",
    color=VERMILION,
    ms=7,
    zorder=3,
    label=r"uniform guess: $p = 1/3$, cost $\log 3$",
)
ax.axhline(np.log(3), color=VERMILION, lw=1, ls=":")
ax.axvline(1 / 3, color=VERMILION, lw=1, ls=":")
ax.set_xlim(0, 1.02)
ax.set_ylim(0, 5.5)
ax.set_xlabel("predicted probability of the true class, $p$")
ax.set_ylabel("cost of the sample")
ax.set_title("Cost of one sample, -log p, against the probability p of the true class")
ax.title.set_fontsize("medium")
ax.legend()

# %%
# Training and held-out cost
# --------------------------
# The training data is ``make_rings(50, 0.2, seed=0)`` and the held-out data
# the same call with ``seed=1``. For each seed, the ReLU model is drawn with
# ``NonLinearModel.initialize([2, 3, 3], "relu", seed=s, init="standard")`` and
# the logistic model copies its weights. The line is the median over the ten
# seeds and the band spans the minimum to the maximum. The logistic runs stay
# close together. The ReLU band is wide, for two reasons the table below
# tells apart. On some seeds a hidden unit died: its input is negative on
# every sample, so it outputs 0 and receives no gradient ("dead units"). On
# others the cost jumps up and down from one step to the next ("jitter", the
# mean absolute change of the cost over the last 500 steps): for those ReLU
# runs the learning rate 1.5 is too large and each step overshoots (re-run
# with a smaller ``learning_rate`` to see the jitter shrink). The jitter also
# makes the ReLU median line ragged. The held-out curves (right) follow the
# training curves (left): the small network does not overfit.
X, labels = nnscratch.make_rings(n_per_class=50, noise=0.2, seed=0)
T = nnscratch.one_hot(labels, 3)
X_val, labels_val = nnscratch.make_rings(n_per_class=50, noise=0.2, seed=1)
T_val = nnscratch.one_hot(labels_val, 3)

seeds = range(10)
learning_rate, n_iter = 1.5, 1000
validation = {"X_val": X_val, "T_val": T_val}  # recorded at every step
histories: dict[str, list[nnscratch.TrainingHistory]] = {"relu": [], "logistic": []}
dead_units = []  # ReLU units that output 0 on every training sample, per seed
for s in seeds:
    relu_model = NonLinearModel.initialize([2, 3, 3], "relu", seed=s, init="standard")
    logistic_model = NonLinearModel(relu_model.weights, relu_model.bias, "logistic")
    for name, model in (("relu", relu_model), ("logistic", logistic_model)):
        history = nnscratch.train(model, X, T, learning_rate, n_iter, **validation)
        histories[name].append(history)
    H = relu_model.feed_forward(X)[0]  # (n, 3) hidden activations after training
    dead_units.append(int(np.all(H == 0.0, axis=0).sum()))

print(f"{'':6}{'ReLU':39}logistic")
print("seed  train acc  held-out acc  dead  jitter  train acc  held-out acc")
for seed, h_r, h_l, dead in zip(
    seeds, histories["relu"], histories["logistic"], dead_units, strict=True
):
    jitter = np.abs(np.diff(h_r.cost[-501:])).mean()
    print(
        f"{seed:4d}  {h_r.accuracy[-1]:9.3f}  {h_r.val_accuracy[-1]:12.3f}  {dead:4d}"
        f"  {jitter:6.3f}  {h_l.accuracy[-1]:9.3f}  {h_l.val_accuracy[-1]:12.3f}"
    )

STYLE = {
    "relu": {"color": BLUE, "ls": "-", "hatch": None, "label": "ReLU"},
    "logistic": {"color": VERMILION, "ls": "--", "hatch": "////", "label": "logistic"},
}
steps = np.arange(n_iter + 1)


def plot_band(ax, curves, style):
    """Median line and min-max band of an (n_seeds, n_iter + 1) array."""
    ax.fill_between(
        steps,
        curves.min(axis=0),
        curves.max(axis=0),
        facecolor=to_rgba(style["color"], 0.2),
        edgecolor=to_rgba(style["color"], 0.5),  # colour of the hatching
        hatch=style["hatch"],  # tells the bands apart in grayscale too
        lw=0,
    )
    ax.plot(
        steps,
        np.median(curves, axis=0),
        color=style["color"],
        ls=style["ls"],
        lw=2,
        label=f"{style['label']}: median, min-max band",
    )


def plot_histories(metric, ylabel, ylim, suptitle, legend_loc="best"):
    """Training (left) and held-out (right) bands of one TrainingHistory metric."""
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), sharey=True, layout="constrained")
    fig.suptitle(suptitle)
    for ax, which, attr in zip(
        axes, ("training", "held-out"), (metric, f"val_{metric}"), strict=True
    ):
        for name, style in STYLE.items():
            plot_band(ax, np.array([getattr(h, attr) for h in histories[name]]), style)
        ax.set_ylim(*ylim)
        ax.set_xlabel("gradient step")
        ax.set_title(f"{which} data")
        ax.grid(True, color="0.9")
    axes[0].set_ylabel(ylabel)
    axes[0].legend(loc=legend_loc)


plot_histories(
    "cost",
    "mean cross-entropy",
    (0, 1.6),
    "Mean cross-entropy during training, seeds 0-9: the logistic runs agree,\n"
    "several ReLU runs stall at a high cost or oscillate",
)

# %%
# Training and held-out accuracy
# ------------------------------
# The same runs, scored by the fraction of correctly classified points (the
# final values are printed above). The logistic runs all end at about the
# same accuracy; the final ReLU accuracy depends strongly on the seed.
plot_histories(
    "accuracy",
    "accuracy",
    (0, 1),
    "Accuracy during training, seeds 0-9: the logistic runs end close together,\n"
    "the ReLU runs spread widely",
    legend_loc="lower right",
)
plt.show()
