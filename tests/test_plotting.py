"""Plotting helpers: the decision grid, and that each plot draws something (Agg backend)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba

import nnscratch
from nnscratch import NonLinearModel
from nnscratch.plotting import (
    CLASS_COLORS,
    decision_grid,
    plot_activation,
    plot_data,
    plot_decision_boundary,
)


@pytest.fixture
def ax() -> Iterator[plt.Axes]:
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


@pytest.fixture
def trained_model(rings) -> NonLinearModel:
    X, _, T = rings
    model = NonLinearModel.initialize([2, 8, 3], "tanh", seed=0)
    nnscratch.train(model, X, T, learning_rate=1.5, n_iter=200)
    return model


# ------------------------------------------------------------------ palette
ROOT = Path(__file__).resolve().parents[1]
HEX_COLOUR = re.compile(r"[\"']#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?[\"']")


@pytest.mark.parametrize("folder", ["src", "gallery"])
def test_colours_come_from_the_style_module(folder: str) -> None:
    # one palette: a colour written as a hex code outside nnscratch.style is a defect
    # (docs/*.md to be added here once the pages use nnscratch.style)
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files
        if path.name != "style.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HEX_COLOUR.search(line)
    ]
    assert not found, f"hex colours outside nnscratch.style: {found}"


def test_the_scanner_sees_hex_colours() -> None:
    assert HEX_COLOUR.search('ax.plot(x, color="#D55E00")')
    assert not HEX_COLOUR.search("color=style.VERMILION  # eq-xent")


# ---------------------------------------------------------------- decision_grid
def test_decision_grid_calls_predict_once(trained_model, monkeypatch) -> None:
    calls = []
    predict = trained_model.predict

    def counting_predict(X):
        calls.append(np.shape(X))
        return predict(X)

    monkeypatch.setattr(trained_model, "predict", counting_predict)
    decision_grid(trained_model, (-2.0, 2.0), (-1.0, 1.0), resolution=50)
    assert calls == [(2500, 2)]


def test_decision_grid_equals_a_per_point_loop(trained_model) -> None:
    xx, yy, classes = decision_grid(trained_model, (-2.0, 2.0), (-1.5, 1.0), resolution=12)
    assert xx.shape == yy.shape == classes.shape == (12, 12)
    expected = np.empty((12, 12), dtype=int)
    for i in range(12):
        for j in range(12):
            point = np.array([[xx[i, j], yy[i, j]]])
            expected[i, j] = trained_model.predict(point)[0]
    np.testing.assert_array_equal(classes, expected)


def test_decision_grid_spans_the_limits() -> None:
    model = NonLinearModel.initialize([2, 3], seed=0)
    xx, yy, _ = decision_grid(model, (-2.0, 3.0), (-1.0, 4.0), resolution=6)
    np.testing.assert_allclose(xx[0], np.linspace(-2.0, 3.0, 6))
    np.testing.assert_allclose(yy[:, 0], np.linspace(-1.0, 4.0, 6))
    np.testing.assert_array_equal(xx[0], xx[-1])  # x varies along columns
    np.testing.assert_array_equal(yy[:, 0], yy[:, -1])  # y varies along rows


def test_decision_grid_of_a_linear_model_is_a_half_plane() -> None:
    # two classes, logits (0, x1): class 1 exactly where x1 > 0
    model = NonLinearModel([[[0.0, 1.0], [0.0, 0.0]]], [[[0.0, 0.0]]])
    xx, _, classes = decision_grid(model, (-1.0, 1.0), (-1.0, 1.0), resolution=9)
    np.testing.assert_array_equal(classes, (xx > 0).astype(int))


# ----------------------------------------------------------------- plot_data
def test_plot_data_one_scatter_per_class(ax, rings) -> None:
    X, labels, _ = rings
    plot_data(ax, X, labels)
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatters) == 3
    for c, scatter in enumerate(scatters):
        np.testing.assert_array_equal(scatter.get_offsets(), X[labels == c])
        np.testing.assert_allclose(scatter.get_facecolor()[0], to_rgba(CLASS_COLORS[c]))
        assert scatter.get_label() == f"class {c}"
    # the classes differ in colour and in marker shape (grayscale print)
    colours = {tuple(scatter.get_facecolor()[0]) for scatter in scatters}
    shapes = {scatter.get_paths()[0].vertices.tobytes() for scatter in scatters}
    assert len(colours) == len(shapes) == 3


def test_plot_data_returns_the_axes(ax, rings) -> None:
    X, labels, _ = rings
    assert plot_data(ax, X, labels) is ax


# --------------------------------------------------------- plot_decision_boundary
def test_plot_decision_boundary_draws_regions_and_points(ax, rings, trained_model) -> None:
    X, labels, _ = rings
    assert plot_decision_boundary(ax, trained_model, X, labels, resolution=40) is ax
    # (before matplotlib 3.8 each filled contour level is a PathCollection too)
    scatters = [c for c in ax.collections if c.get_label().startswith("class ")]
    assert len(scatters) == 3  # the data, one per class
    assert len(ax.collections) > 3  # plus the filled regions and their boundary
    x_lo, x_hi = ax.get_xlim()
    assert x_lo < X[:, 0].min()
    assert x_hi > X[:, 0].max()


def test_plot_decision_boundary_padding(ax, rings, trained_model) -> None:
    X, labels, _ = rings
    plot_decision_boundary(ax, trained_model, X, labels, resolution=20, padding=1.0)
    np.testing.assert_allclose(ax.get_xlim(), (X[:, 0].min() - 1.0, X[:, 0].max() + 1.0))
    np.testing.assert_allclose(ax.get_ylim(), (X[:, 1].min() - 1.0, X[:, 1].max() + 1.0))


# ------------------------------------------------------------ plot_activation
@pytest.mark.parametrize("name", ["relu", "leaky_relu", "logistic", "softplus", "tanh"])
def test_plot_activation_draws_function_and_derivative(ax, name: str) -> None:
    assert plot_activation(ax, name) is ax
    z, f = ax.lines[0].get_data()
    _, f_prime = ax.lines[1].get_data()
    activation = nnscratch.get_activation(name)
    np.testing.assert_allclose(f, activation.function(z))
    np.testing.assert_allclose(f_prime, activation.derivative(z))
    assert ax.get_title() == name


@pytest.mark.parametrize(
    ("name", "params", "at_zero"),
    [
        ("relu", {}, 0.0),
        ("leaky_relu", {"slope": 0.1}, 0.1),
    ],
)
def test_plot_activation_marks_the_value_at_the_kink(ax, name, params, at_zero) -> None:
    plot_activation(ax, name, **params)
    markers = [line for line in ax.lines if len(line.get_xdata()) == 1]
    assert len(markers) == 1
    assert markers[0].get_xdata()[0] == 0.0
    assert markers[0].get_ydata()[0] == at_zero


def test_plot_activation_on_given_points(ax) -> None:
    z = np.array([-1.0, 0.5, 2.0])
    plot_activation(ax, "softplus", z)
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), z)


def test_figures_are_rendered_without_warnings(rings, trained_model) -> None:
    # drawing the canvas runs the whole pipeline (filterwarnings = error)
    X, labels, _ = rings
    fig, (left, right) = plt.subplots(1, 2)
    try:
        plot_decision_boundary(left, trained_model, X, labels, resolution=30)
        plot_activation(right, "leaky_relu", slope=0.1)
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3]
        # the regions' colours, not just a white canvas, were drawn
        assert (pixels < 250).any(axis=-1).mean() > 0.2
    finally:
        plt.close(fig)
