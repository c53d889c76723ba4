"""The Bayes-optimal classifier of the rings data and its accuracy.

:func:`~nnscratch.datasets.make_rings` draws every point from a known
distribution, so the best accuracy any classifier can reach on it is
computable: the Bayes classifier picks the class of largest posterior
probability, :eq:`eq-bayes-posterior`, and its accuracy is
:eq:`eq-bayes-accuracy`. This module evaluates both for the rings.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnscratch._validation import (
    MAX_ENTRIES,
    FloatArray,
    check_int,
    check_matrix,
    check_real,
    check_seed,
)

__all__ = ["RING_RADII", "rings_bayes_accuracy", "rings_log_likelihood", "rings_posterior"]

#: Radius of the circle each class of ``make_rings`` is drawn around (0: the blob).
RING_RADII = (0.0, 0.75, 1.25)

_BLOCK = 2**20  # entries of the largest temporary array: bounds the memory use


def _check_noise(noise: Any) -> float:
    # noise 0 would make the densities point masses
    return check_real(noise, "noise", low=0.0, low_open=True)


def _check_n_per_class(n_per_class: Any) -> int:
    return check_int(n_per_class, "n_per_class", low=1, high=10_000)


def _ring_centres(n_per_class: int) -> FloatArray:
    """Centres of the Gaussian components, shape (3, n_per_class, 2)."""
    angles = np.linspace(0.0, 2.0 * np.pi, n_per_class, endpoint=False)  # as in make_rings
    circle = np.column_stack([np.cos(angles), np.sin(angles)])  # (n_per_class, 2)
    return np.stack([radius * circle for radius in RING_RADII])


def rings_log_likelihood(X: Any, n_per_class: int = 50, noise: float = 0.2) -> FloatArray:
    """Log class-conditional densities of the rings data, :eq:`eq-rings-density`.

    Class ``c`` of ``make_rings(n_per_class, noise)`` is an equally weighted
    mixture of ``n_per_class`` isotropic Gaussians with standard deviation
    `noise`, centred at radius ``RING_RADII[c]`` at the generator's evenly
    spaced angles (for class 0 all centres are the origin).

    Parameters
    ----------
    X : array_like of shape (n, 2)
        Points of the plane.
    n_per_class : int, default=50
        Number of angles per ring, as given to ``make_rings``.
    noise : float, default=0.2
        Standard deviation of the Gaussian noise, > 0.

    Returns
    -------
    ndarray of shape (n, 3)
        ``log p(x_i | c)`` in column ``c``.
    """
    X = check_matrix(X, "X", n_cols=2)
    n_per_class = _check_n_per_class(n_per_class)
    noise = _check_noise(noise)
    centres = _ring_centres(n_per_class)  # (3, N, 2)
    log_like = np.empty((X.shape[0], 3))
    rows = max(1, _BLOCK // (6 * n_per_class))  # rows per block of (rows, 3, N, 2)
    for start in range(0, X.shape[0], rows):
        block = X[start : start + rows]
        # squared distance of every point to every centre: (rows, 3, N)
        sq_dist = ((block[:, None, None, :] - centres[None]) ** 2).sum(axis=-1)
        log_gauss = -sq_dist / (2.0 * noise**2) - np.log(2.0 * np.pi * noise**2)
        # log of the mean over the N components, shifted by the max for stability
        top = log_gauss.max(axis=-1, keepdims=True)
        log_mean = np.log(np.mean(np.exp(log_gauss - top), axis=-1)) + top[..., 0]
        log_like[start : start + rows] = log_mean
    return log_like


def rings_posterior(X: Any, n_per_class: int = 50, noise: float = 0.2) -> FloatArray:
    """Posterior class probabilities of the rings data, :eq:`eq-bayes-posterior`.

    With equal class priors, Bayes' rule gives
    ``P(c | x) = p(x | c) / sum_j p(x | j)``; its argmax over ``c`` is the
    Bayes-optimal classifier.

    Parameters
    ----------
    X : array_like of shape (n, 2)
        Points of the plane.
    n_per_class : int, default=50
        Number of angles per ring, as given to ``make_rings``.
    noise : float, default=0.2
        Standard deviation of the Gaussian noise, > 0.

    Returns
    -------
    ndarray of shape (n, 3)
        Rows are probability vectors (non-negative, summing to 1).
    """
    log_like = rings_log_likelihood(X, n_per_class, noise)
    shifted = np.exp(log_like - log_like.max(axis=1, keepdims=True))  # max-shift: no overflow
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True), dtype=np.float64)


def rings_bayes_accuracy(
    n_per_class: int = 50, noise: float = 0.2, n_samples: int = 100_000, seed: int = 0
) -> tuple[float, float]:
    """Monte Carlo estimate of the Bayes-optimal accuracy on the rings, :eq:`eq-bayes-accuracy`.

    Draws `n_samples` independent points from the distribution of
    ``make_rings(n_per_class, noise)`` (class and angle uniform, then the
    Gaussian noise) and averages ``max_c P(c | x)``, the probability that
    the Bayes classifier is right at ``x``. This has the same expectation as
    counting its correct predictions and a smaller variance.

    Parameters
    ----------
    n_per_class : int, default=50
        Number of angles per ring, as given to ``make_rings``.
    noise : float, default=0.2
        Standard deviation of the Gaussian noise, > 0.
    n_samples : int, default=100_000
        Number of Monte Carlo points.
    seed : int, default=0
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    accuracy : float
        The estimate.
    standard_error : float
        Its standard error, ``std(max_c P(c | x)) / sqrt(n_samples)``.
    """
    n_per_class = _check_n_per_class(n_per_class)
    noise = _check_noise(noise)
    # at least 2 points for a standard error
    n_samples = check_int(n_samples, "n_samples", low=2, high=MAX_ENTRIES)
    rng = np.random.default_rng(check_seed(seed))
    centres = _ring_centres(n_per_class)
    classes = rng.integers(0, 3, size=n_samples)
    angle_index = rng.integers(0, n_per_class, size=n_samples)
    X = centres[classes, angle_index] + noise * rng.standard_normal((n_samples, 2))
    p_right = rings_posterior(X, n_per_class, noise).max(axis=1)
    return float(p_right.mean()), float(p_right.std(ddof=1) / np.sqrt(n_samples))
