r"""
Decision regions: a linear model, a ReLU and a logistic network
===============================================================

The regions where each model predicts each class (:ref:`sec-boundaries`),
drawn by :func:`nnscratch.plotting.plot_decision_boundary`, which evaluates
the model on a whole grid in one call of ``predict``. The shaded colour is the
predicted class, the black lines are the boundaries between classes, and the
training points are drawn on top with one colour and marker per class.
"""

# %%
# The rings data
# --------------
# The book's shared experiment (:ref:`sec-training`): the rings data of
# ``make_rings(50, 0.2, seed=0)``, learning rate 1.5, 1000 full-batch steps.
# The linear model has no hidden layer (layer sizes ``[2, 3]``). The two
# networks have 3 hidden units and start from the same weights, drawn with
# seed 0 (``init="standard"``). On this seed the ReLU network is one of the
# runs that stalls (see the cost curves of
# :ref:`sphx_glr_auto_examples_plot_cost_curves.py`): its boundary is made of
# straight pieces and it misses part of the rings. The logistic network
# encloses the central blob in a smooth closed curve.
import matplotlib.pyplot as plt

import nnscratch
from nnscratch import NonLinearModel
from nnscratch.plotting import plot_decision_boundary

X, labels = nnscratch.make_rings(n_per_class=50, noise=0.2, seed=0)
T = nnscratch.one_hot(labels, 3)

linear_model = NonLinearModel.initialize([2, 3], seed=0)
relu_model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0, init="standard")
logistic_model = NonLinearModel(relu_model.weights, relu_model.bias, "logistic")
models = {
    "linear (no hidden layer)": linear_model,
    "ReLU, 3 hidden units": relu_model,
    "logistic, 3 hidden units": logistic_model,
}

fig, axes = plt.subplots(1, 3, figsize=(11, 4), sharey=True, layout="constrained")
fig.suptitle(
    "Decision regions on the rings data: a linear model cannot enclose the "
    "central blob, the two networks can"
)
for ax, (name, model) in zip(axes, models.items(), strict=True):
    history = nnscratch.train(model, X, T, learning_rate=1.5, n_iter=1000)
    plot_decision_boundary(ax, model, X, labels)
    ax.set_title(f"{name}\ntraining accuracy {history.accuracy[-1]:.1%}")
for ax in axes[1:]:
    ax.set_ylabel("")
axes[0].legend(loc="upper left", fontsize="small", framealpha=0.9)

# %%
# The spiral data
# ---------------
# Three interleaved spiral arms, ``make_spiral(100, 3, 0.2, seed=0)``, need
# many bends. Three hidden units are not enough, so both networks here have
# one hidden layer of 64 units (layer sizes ``[2, 64, 3]``), initialised with
# ``init="auto"`` (He scaling for ReLU, :eq:`eq-init-he`; Glorot for the
# logistic units, :eq:`eq-init-glorot`) from seed 0, and all three models
# are trained with learning rate 2.0 for 2000 steps.
# Both networks' boundaries follow the arms. At this scale they look equally
# smooth; close up, the ReLU boundary is still a polygonal line, made of many
# short straight pieces (one bend per hidden unit it crosses), while the
# logistic boundary is a smooth curve.
X, labels = nnscratch.make_spiral(n_per_class=100, n_classes=3, noise=0.2, seed=0)
T = nnscratch.one_hot(labels, 3)

wide = [2, 64, 3]  # layer sizes of the two networks
models = {
    "linear (no hidden layer)": NonLinearModel.initialize([2, 3], seed=0),
    "ReLU, 64 hidden units": NonLinearModel.initialize(wide, "relu", seed=0),
    "logistic, 64 hidden units": NonLinearModel.initialize(wide, "logistic", seed=0),
}

fig, axes = plt.subplots(1, 3, figsize=(11, 4.6), sharey=True, layout="constrained")
fig.suptitle(
    "Decision regions on the spiral data: the linear model cuts three wedges, "
    "the wider networks follow the arms"
)
for ax, (name, model) in zip(axes, models.items(), strict=True):
    history = nnscratch.train(model, X, T, learning_rate=2.0, n_iter=2000)
    plot_decision_boundary(ax, model, X, labels, padding=0.2)
    ax.set_title(f"{name}\ntraining accuracy {history.accuracy[-1]:.1%}")
for ax in axes[1:]:
    ax.set_ylabel("")
axes[0].legend(loc="upper left", fontsize="small", framealpha=0.9)
plt.show()
