"""The mean cross-entropy, :func:`nnscratch.cross_entropy` (eq-xent)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnscratch
from nnscratch import cross_entropy


def test_perfect_prediction_costs_zero() -> None:
    T = nnscratch.one_hot([0, 2, 1, 2], 3)
    assert cross_entropy(T, T) == 0.0


@pytest.mark.parametrize("k", [2, 3, 10])
def test_uniform_prediction_costs_log_k(k: int) -> None:
    T = nnscratch.one_hot(np.arange(k), k)
    assert cross_entropy(np.full((k, k), 1.0 / k), T) == pytest.approx(math.log(k), rel=1e-14)


def test_one_sample_is_minus_log_of_true_class_probability() -> None:
    Y = np.array([[0.2, 0.7, 0.1]])
    T = np.array([[0.0, 1.0, 0.0]])
    assert cross_entropy(Y, T) == pytest.approx(-math.log(0.7), rel=1e-15)


def test_is_the_mean_over_samples() -> None:
    Y = np.array([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]])
    T = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    expected = -(math.log(0.7) + math.log(0.5)) / 2
    assert cross_entropy(Y, T) == pytest.approx(expected, rel=1e-15)


def test_doubling_the_data_leaves_the_cost_unchanged() -> None:
    # a summed cost would double here; the mean does not
    rng = np.random.default_rng(0)
    Y = nnscratch.softmax(rng.normal(size=(6, 3)))
    T = nnscratch.one_hot(rng.integers(0, 3, 6), 3)
    doubled = cross_entropy(np.vstack([Y, Y]), np.vstack([T, T]))
    assert doubled == pytest.approx(cross_entropy(Y, T), rel=1e-14)


def test_finite_when_true_class_probability_underflows_to_zero() -> None:
    Y = nnscratch.softmax(np.array([[0.0, -1e4, 0.0]]))
    assert Y[0, 1] == 0.0
    cost = cross_entropy(Y, np.array([[0.0, 1.0, 0.0]]))
    assert np.isfinite(cost)
    assert cost > 700.0  # -log of the smallest positive float is about 708


def test_matches_model_cost_for_moderate_logits(rings) -> None:
    X, _, T = rings
    model = nnscratch.NonLinearModel.initialize([2, 4, 3], "tanh", seed=0)
    assert cross_entropy(model.predict_proba(X), T) == pytest.approx(model.cost(X, T), rel=1e-12)


def test_returns_python_float() -> None:
    assert type(cross_entropy([[0.5, 0.5]], [[1.0, 0.0]])) is float


@st.composite
def predictions_and_targets(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.integers(1, 6))
    k = draw(st.integers(1, 5))
    Z = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(-800.0, 800.0)))
    labels = draw(hnp.arrays(np.intp, n, elements=st.integers(0, k - 1)))
    return nnscratch.softmax(Z), nnscratch.one_hot(labels, k)


@given(predictions_and_targets())
def test_is_non_negative_and_finite(pair: tuple[np.ndarray, np.ndarray]) -> None:
    Y, T = pair
    cost = cross_entropy(Y, T)
    assert np.isfinite(cost)
    assert cost >= 0.0
