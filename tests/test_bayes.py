"""The Bayes-optimal classifier of the rings data (the data page)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import nnscratch
from nnscratch.bayes import (
    RING_RADII,
    rings_bayes_accuracy,
    rings_log_likelihood,
    rings_posterior,
)


def brute_force_likelihood(x: np.ndarray, n_per_class: int, noise: float) -> list[float]:
    """p(x | c) for one point, written out with a Python loop over the components."""
    densities = []
    for radius in RING_RADII:
        total = 0.0
        for i in range(n_per_class):
            angle = 2.0 * math.pi * i / n_per_class
            centre = (radius * math.cos(angle), radius * math.sin(angle))
            sq = (x[0] - centre[0]) ** 2 + (x[1] - centre[1]) ** 2
            total += math.exp(-sq / (2 * noise**2)) / (2 * math.pi * noise**2)
        densities.append(total / n_per_class)
    return densities


POINTS = np.array([[0.0, 0.0], [0.5, -0.2], [0.0, 1.0], [-1.3, 0.4], [2.0, 2.0]])


def test_radii_are_those_of_the_generator() -> None:
    X, labels = nnscratch.make_rings(n_per_class=12, noise=0.0, seed=0)
    for c, radius in enumerate(RING_RADII):
        np.testing.assert_allclose(np.hypot(*X[labels == c].T), radius, atol=1e-12)


@pytest.mark.parametrize(("n_per_class", "noise"), [(50, 0.2), (7, 0.35)])
def test_likelihood_matches_brute_force(n_per_class: int, noise: float) -> None:
    expected = np.array([brute_force_likelihood(x, n_per_class, noise) for x in POINTS])
    got = np.exp(rings_log_likelihood(POINTS, n_per_class, noise))
    np.testing.assert_allclose(got, expected, rtol=1e-10)


def test_posterior_is_bayes_rule_and_sums_to_one() -> None:
    X, _ = nnscratch.make_rings(n_per_class=20, noise=0.3, seed=3)
    posterior = rings_posterior(X, n_per_class=20, noise=0.3)
    assert posterior.shape == (60, 3)
    assert np.all(posterior >= 0)
    np.testing.assert_allclose(posterior.sum(axis=1), 1.0, rtol=1e-12)
    likelihood = np.array([brute_force_likelihood(x, 20, 0.3) for x in X[:5]])
    np.testing.assert_allclose(
        posterior[:5], likelihood / likelihood.sum(axis=1, keepdims=True), rtol=1e-10
    )


def test_posterior_is_finite_far_away() -> None:
    # every density underflows to 0 there; the log-domain computation does not
    posterior = rings_posterior([[40.0, -30.0]])
    assert np.all(np.isfinite(posterior))
    np.testing.assert_allclose(posterior.sum(), 1.0)
    assert posterior.argmax() == 2  # the outer ring is the closest class


def test_posterior_picks_the_obvious_class() -> None:
    posterior = rings_posterior([[0.0, 0.0], [0.75, 0.0], [0.0, -1.25]], noise=0.05)
    np.testing.assert_array_equal(posterior.argmax(axis=1), [0, 1, 2])


def grid_bayes_accuracy(n_per_class: int, noise: float, step: float = 0.01) -> float:
    """(1/3) * integral of max_c p(x | c), by a midpoint rule on a square grid."""
    half = max(RING_RADII) + 8 * noise  # the densities are negligible outside
    ticks = np.arange(-half + step / 2, half, step)
    xx, yy = np.meshgrid(ticks, ticks)
    X = np.column_stack([xx.ravel(), yy.ravel()])
    total = np.exp(rings_log_likelihood(X, n_per_class, noise).max(axis=1)).sum()
    return float(total * step**2 / 3)


def test_accuracy_agrees_with_an_independent_integral() -> None:
    accuracy, standard_error = rings_bayes_accuracy(n_per_class=20, noise=0.2, n_samples=40_000)
    reference = grid_bayes_accuracy(20, 0.2, step=0.02)
    assert 0 < standard_error < 0.005
    assert abs(accuracy - reference) < 4 * standard_error


def test_accuracy_agrees_with_counting_on_generated_data() -> None:
    # the Bayes classifier's hit rate on fresh make_rings draws estimates the same number
    accuracy, standard_error = rings_bayes_accuracy(n_samples=20_000, seed=1)
    draws = [nnscratch.make_rings(n_per_class=50, noise=0.2, seed=s) for s in range(100, 140)]
    hits = np.concatenate([rings_posterior(X).argmax(axis=1) == labels for X, labels in draws])
    counting_error = hits.std() / np.sqrt(hits.size)
    assert abs(hits.mean() - accuracy) < 4 * math.hypot(standard_error, counting_error)


def test_accuracy_is_reproducible_and_between_chance_and_one() -> None:
    first = rings_bayes_accuracy(n_samples=5_000, seed=4)
    assert first == rings_bayes_accuracy(n_samples=5_000, seed=4)
    assert 1 / 3 < first[0] < 1


def test_less_noise_is_easier() -> None:
    noisy, _ = rings_bayes_accuracy(noise=0.3, n_samples=5_000)
    clean, _ = rings_bayes_accuracy(noise=0.1, n_samples=5_000)
    assert clean > noisy


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"noise": 0.0}, ValueError),
        ({"noise": -0.1}, ValueError),
        ({"noise": "0.2"}, TypeError),
        ({"n_per_class": 0}, ValueError),
        ({"n_per_class": 2.5}, TypeError),
        ({"seed": -1}, ValueError),
        ({"n_samples": 1}, ValueError),
        ({"n_samples": 0}, ValueError),
    ],
)
def test_bad_arguments_raise(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        rings_bayes_accuracy(**kwargs)  # type: ignore[arg-type]


def test_bad_points_raise() -> None:
    with pytest.raises(ValueError, match="shape"):
        rings_posterior(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="NaN"):
        rings_posterior([[np.nan, 0.0]])
    with pytest.raises(ValueError, match="noise"):
        rings_log_likelihood([[0.0, 0.0]], noise=0)
