r"""
Decision regions during training
================================

How the decision regions of the logistic network of the shared experiment
(:ref:`sec-training`) take shape during gradient descent
(:eq:`eq-gd-update`): rings data of ``make_rings(50, 0.2, seed=0)``, layer
sizes ``[2, 3, 3]``, initial weights from seed 0 (``init="standard"``),
learning rate 1.5, 1000 full-batch steps. The model is trained in chunks
with :func:`~nnscratch.training.train` (50 steps each up to step 500, where
the regions change most, then 100 steps each), and a copy of it is kept after
each chunk: the figures below only draw these saved snapshots.
"""

# %%
# Snapshots
# ---------
# Six of the saved snapshots. At step 0 the random initial weights give one
# class to the whole plotted plane. From step 10 to step 100 the cost stays
# close to that of a uniform guess, :math:`\log 3`; by step 300 the class-0
# region has closed around the central blob and the class-1 region has become
# a band around it. After that the regions change little, while the cost
# keeps falling. (The checks of these statements run with the animation
# below.)
from itertools import pairwise

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation

import nnscratch
from nnscratch import NonLinearModel
from nnscratch.plotting import plot_decision_boundary
from nnscratch.style import VERMILION

X, labels = nnscratch.make_rings(n_per_class=50, noise=0.2, seed=0)
T = nnscratch.one_hot(labels, 3)
relu_init = NonLinearModel.initialize([2, 3, 3], "relu", seed=0, init="standard")
model = NonLinearModel(relu_init.weights, relu_init.bias, "logistic")

steps = [*range(0, 500, 50), *range(500, 1001, 100)]  # 0, 50, ..., 450, 500, 600, ...
snapshots = [model.copy()]
cost = [model.cost(X, T)]  # cost[i] is the cost after i steps
accuracy = [float(np.mean(model.predict(X) == labels))]
for start, stop in pairwise(steps):
    history = nnscratch.train(model, X, T, learning_rate=1.5, n_iter=stop - start)
    cost.extend(history.cost[1:])  # train updated the model in place
    accuracy.extend(history.accuracy[1:])
    snapshots.append(model.copy())


def draw_snapshot(ax, i):
    """Decision regions of snapshot `i`, with its step, cost and accuracy as title."""
    plot_decision_boundary(ax, snapshots[i], X, labels, resolution=100)
    step = steps[i]
    ax.set_title(
        f"step {step}: cost {cost[step]:.2f}, accuracy {accuracy[step]:.0%}",
        fontsize="medium",
    )


share_axes = {"sharex": True, "sharey": True}
fig, axes = plt.subplots(2, 3, figsize=(9, 6.4), layout="constrained", **share_axes)
fig.suptitle(
    "Decision regions of the logistic network during training: the class-0 region\n"
    "closes around the central blob between steps 100 and 300, then hardly changes"
)
for ax, step in zip(axes.flat, [0, 100, 200, 300, 400, 1000], strict=True):
    draw_snapshot(ax, steps.index(step))
for ax in axes[0]:
    ax.set_xlabel("")
for ax in axes[:, 1:].flat:
    ax.set_ylabel("")
axes[0, 0].legend(loc="upper left", fontsize="small", framealpha=0.9)

# %%
# Animation
# ---------
# All 16 snapshots in turn, from step 0 to step 1000, next to the training
# cost; the dot marks the current step. Use the buttons to pause or step
# through the frames. To keep the frames cheap, the regions of every snapshot
# are computed once with :func:`nnscratch.plotting.decision_grid` and each
# frame only swaps the image and the boundary lines.
from matplotlib.colors import ListedColormap

from nnscratch.plotting import CLASS_COLORS, decision_grid, plot_data

# the limits plot_decision_boundary uses
xlim = (X[:, 0].min() - 0.5, X[:, 0].max() + 0.5)
ylim = (X[:, 1].min() - 0.5, X[:, 1].max() + 0.5)
grids = [decision_grid(snapshot, xlim, ylim, resolution=120) for snapshot in snapshots]
xx, yy = grids[0][0], grids[0][1]

# What the text above says, checked: one class everywhere at step 0; the cost
# near log 3 from step 10 to step 100; the class-0 region open (it reaches the
# edge of the plot) at step 100 and closed around the blob from step 300 on;
# after step 300 the cost keeps falling and the regions change on few points.
classes_at = {step: grid[2] for step, grid in zip(steps, grids, strict=True)}


def touches_edge(classes, c):
    """True if class `c` is predicted somewhere on the border of the grid."""
    border = np.concatenate([classes[0], classes[-1], classes[:, 0], classes[:, -1]])
    return bool(np.any(border == c))


assert len(np.unique(classes_at[0])) == 1
assert np.all(np.abs(np.array(cost[10:101]) - np.log(3)) < 0.02)
assert touches_edge(classes_at[100], 0)
assert all(not touches_edge(classes_at[step], 0) for step in steps if step >= 300)
assert np.all(np.diff(cost[300:]) < 0)
assert np.mean(classes_at[300] != classes_at[1000]) < 0.1

fig_anim, (ax_regions, ax_cost) = plt.subplots(
    1, 2, figsize=(7, 3.1), dpi=72, width_ratios=[1, 1.2], layout="constrained"
)
region_cmap = ListedColormap(CLASS_COLORS[:3])
regions = ax_regions.imshow(
    grids[0][2],
    cmap=region_cmap,
    vmin=-0.5,
    vmax=2.5,
    alpha=0.3,
    origin="lower",
    extent=(*xlim, *ylim),
    interpolation="nearest",
)
plot_data(ax_regions, X, labels, s=14)
ax_regions.set_aspect("equal")
line_style = {"colors": "black", "linewidths": 0.8}


def draw_boundaries(classes):
    """Black lines between the predicted classes of a decision grid."""
    return ax_regions.contour(xx, yy, classes, levels=[0.5, 1.5], **line_style)


boundaries = [draw_boundaries(grids[0][2])]  # the current lines, replaced in each frame

ax_cost.plot(cost, color=VERMILION, ls="--", lw=1.5, label="training cost")
ax_cost.axhline(np.log(3), color="gray", lw=1, ls=":", label="uniform guess, log 3")
(marker,) = ax_cost.plot([], [], "o", color="black", ms=6, label="current step")
ax_cost.set_xlabel("gradient step")
ax_cost.set_ylabel("mean cross-entropy")
ax_cost.set_title("training cost", fontsize="medium")
ax_cost.legend(loc="upper right", fontsize="small")
fig_anim.canvas.draw()
fig_anim.set_layout_engine("none")  # every frame has the same layout: compute it once


def update(i):
    """Show the regions of snapshot `i` and move the dot on the cost curve."""
    step = steps[i]
    regions.set_data(grids[i][2])
    boundaries[0].remove()
    boundaries[0] = draw_boundaries(grids[i][2])
    marker.set_data([step], [cost[step]])
    title = f"step {step}: accuracy {accuracy[step]:.0%}"
    ax_regions.set_title(title, fontsize="medium")
    return [regions, boundaries[0], marker]


anim = FuncAnimation(fig_anim, update, frames=len(snapshots), interval=250, repeat=True)
plt.show()
