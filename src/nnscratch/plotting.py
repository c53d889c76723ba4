"""Plotting helpers for the book's figures (needs matplotlib: ``nnscratch[plot]``).

Colours are the Okabe-Ito palette, safe for colour-blind readers; every class
also has its own marker, so figures still read in grayscale print.
"""

from __future__ import annotations

from typing import Any

import numpy as np

try:
    from matplotlib.axes import Axes
    from matplotlib.colors import ListedColormap
except ImportError as error:  # pragma: no cover - tested in a subprocess
    raise ImportError(
        "nnscratch.plotting needs matplotlib: pip install 'nnscratch[plot]'"
    ) from error

from nnscratch import style as palette
from nnscratch._validation import (
    FloatArray,
    IntArray,
    check_array,
    check_int,
    check_labels,
    check_matrix,
    check_real,
)
from nnscratch.activations import get_activation
from nnscratch.model import NonLinearModel

__all__ = [
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "decision_grid",
    "plot_activation",
    "plot_data",
    "plot_decision_boundary",
]

#: One colour per class (Okabe-Ito: orange, sky blue, bluish green, ...).
CLASS_COLORS = palette.CLASS_COLORS
#: One marker per class, so classes differ in shape as well as colour.
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P")


def decision_grid(
    model: NonLinearModel,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    resolution: int = 200,
) -> tuple[FloatArray, FloatArray, IntArray]:
    """Predicted class at every point of a regular grid, in one call of ``predict``.

    Parameters
    ----------
    model : NonLinearModel
        A model with 2 input features.
    xlim, ylim : (float, float)
        Ranges of the two features.
    resolution : int, default=200
        Number of grid points along each axis.

    Returns
    -------
    xx, yy : ndarray of shape (resolution, resolution)
        Grid coordinates, as from ``numpy.meshgrid``.
    classes : ndarray of shape (resolution, resolution)
        ``model.predict`` at each grid point.
    """
    if not isinstance(model, NonLinearModel):
        raise TypeError(f"model must be a NonLinearModel, got {type(model).__name__}")
    if model.n_features != 2:
        raise ValueError(f"model must have 2 input features, got {model.n_features}")
    resolution = check_int(resolution, "resolution", low=2, high=4000)
    x_range, y_range = _check_limits(xlim, "xlim"), _check_limits(ylim, "ylim")
    xx, yy = np.meshgrid(np.linspace(*x_range, resolution), np.linspace(*y_range, resolution))
    grid = np.column_stack([xx.ravel(), yy.ravel()])  # (resolution**2, 2)
    return xx, yy, model.predict(grid).reshape(xx.shape)


def _check_limits(value: Any, name: str) -> tuple[float, float]:
    limits = check_array(value, name, (2,))
    if not limits[0] < limits[1]:
        raise ValueError(f"{name} must have low < high, got {tuple(limits.tolist())}")
    return float(limits[0]), float(limits[1])


def _check_ax(ax: Any) -> Axes:
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    return ax


def plot_data(ax: Axes, X: Any, labels: Any, **scatter_kwargs: Any) -> Axes:
    """Scatter 2-D points with one colour and marker per class."""
    ax = _check_ax(ax)
    X = check_matrix(X, "X", n_cols=2)
    labels = check_labels(labels, "labels", n_classes=len(CLASS_COLORS))
    if labels.shape[0] != X.shape[0]:
        raise ValueError(f"labels must have shape ({X.shape[0]},), got {labels.shape}")
    style: dict[str, Any] = {"s": 22, "edgecolors": "black", "linewidths": 0.6}
    style.update(scatter_kwargs)
    for c in np.unique(labels):
        points = X[labels == c]
        ax.scatter(
            points[:, 0],
            points[:, 1],
            c=CLASS_COLORS[c],
            marker=CLASS_MARKERS[c],
            label=f"class {c}",
            **style,
        )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def plot_decision_boundary(
    ax: Axes,
    model: NonLinearModel,
    X: Any,
    labels: Any,
    *,
    resolution: int = 200,
    padding: float = 0.5,
) -> Axes:
    """Draw the decision regions of `model` and the points `X` on top.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    model : NonLinearModel
        A model with 2 input features.
    X : array_like of shape (n, 2)
    labels : array_like of int, shape (n,)
    resolution : int, default=200
        Grid points per axis (see :func:`decision_grid`).
    padding : float, default=0.5
        Margin around the data, in data units.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _check_ax(ax)
    if not isinstance(model, NonLinearModel):
        raise TypeError(f"model must be a NonLinearModel, got {type(model).__name__}")
    X = check_matrix(X, "X", n_cols=2)
    labels = check_labels(labels, "labels", n_classes=len(CLASS_COLORS))
    if labels.shape[0] != X.shape[0]:
        raise ValueError(f"labels must have shape ({X.shape[0]},), got {labels.shape}")
    padding = check_real(padding, "padding", low=0.0)
    xlim = (X[:, 0].min() - padding, X[:, 0].max() + padding)
    ylim = (X[:, 1].min() - padding, X[:, 1].max() + padding)
    xx, yy, classes = decision_grid(model, xlim, ylim, resolution)
    cmap = ListedColormap(CLASS_COLORS[: model.n_classes])
    levels = np.arange(model.n_classes + 1) - 0.5
    ax.contourf(xx, yy, classes, levels=levels, cmap=cmap, alpha=0.3)
    ax.contour(xx, yy, classes, levels=levels, colors="black", linewidths=0.8)
    plot_data(ax, X, labels)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal")
    return ax


def plot_activation(ax: Axes, name: str, z: Any = None, **params: float) -> Axes:
    """Plot an activation and its derivative; mark the value used at the kink.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    name : str
        An activation name known to :func:`~nnscratch.activations.get_activation`.
    z : array_like, optional
        Points where to evaluate; by default 401 points in ``[-4, 4]``.
    **params
        Parameters of the activation (``slope`` for ``"leaky_relu"``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _check_ax(ax)
    activation = get_activation(name, **params)
    z = np.linspace(-4.0, 4.0, 401) if z is None else check_array(z, "z", (None,))
    ax.plot(z, activation.function(z), color=palette.BLUE, lw=2, label="$f(z)$")
    ax.plot(z, activation.derivative(z), color=palette.VERMILION, lw=2, ls="--", label="$f'(z)$")
    if activation.name in ("relu", "leaky_relu"):
        # the derivative jumps at 0: show the value the code returns there
        at_zero = float(activation.derivative(np.zeros(1))[0])
        ax.plot(
            0.0,
            at_zero,
            "o",
            color=palette.VERMILION,
            ms=6,
            zorder=3,
            label=f"$f'(0) = {at_zero:g}$ in code",
        )
    ax.axhline(0.0, color="gray", lw=0.5)
    ax.axvline(0.0, color="gray", lw=0.5)
    ax.set_xlabel("$z$")
    ax.set_title(activation.name)
    ax.legend(loc="upper left", fontsize="small")
    return ax
