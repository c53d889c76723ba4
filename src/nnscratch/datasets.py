"""Small 2-D classification data sets, one-hot encoding and a seeded split.

Every random draw goes through ``numpy.random.default_rng`` with the
given seed: the same seed gives the same data on every machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from nnscratch._validation import (
    MAX_ENTRIES,
    FloatArray,
    IntArray,
    check_int,
    check_labels,
    check_matrix,
    check_real,
    check_seed,
)

__all__ = ["make_blobs_line", "make_rings", "make_spiral", "one_hot", "train_test_split"]


def _shuffled(
    rng: np.random.Generator, X: FloatArray, labels: IntArray
) -> tuple[FloatArray, IntArray]:
    order = rng.permutation(len(labels))
    return X[order], labels[order]


def make_rings(
    n_per_class: int = 50, noise: float = 0.2, seed: int = 0
) -> tuple[FloatArray, IntArray]:
    """A blob at the origin inside two rings: three classes no line can separate.

    Class 0 is Gaussian noise around ``(0, 0)``; classes 1 and 2 are rings of
    radius 0.75 and 1.25 with `n_per_class` evenly spaced angles each, plus
    Gaussian noise on both coordinates. This is the data set of the series'
    post (which drew it with the legacy ``np.random.seed(0)``; the values
    here differ, the distribution is the same).

    Parameters
    ----------
    n_per_class : int, default=50
        Samples per class.
    noise : float, default=0.2
        Standard deviation of the Gaussian noise.
    seed : int, default=0
        Seed of the random generator.

    Returns
    -------
    X : ndarray of shape (3 * n_per_class, 2)
        Points, shuffled.
    labels : ndarray of shape (3 * n_per_class,)
        Class index of each point, in ``{0, 1, 2}``.
    """
    n_per_class = check_int(n_per_class, "n_per_class", low=1, high=MAX_ENTRIES // 6)
    noise = check_real(noise, "noise", low=0.0)
    rng = np.random.default_rng(check_seed(seed))
    angles = np.linspace(0.0, 2.0 * np.pi, n_per_class, endpoint=False)
    circle = np.column_stack([np.cos(angles), np.sin(angles)])  # (n_per_class, 2)
    centres = [np.zeros((n_per_class, 2)), 0.75 * circle, 1.25 * circle]
    X = np.concatenate([c + noise * rng.standard_normal((n_per_class, 2)) for c in centres])
    labels = np.repeat(np.arange(3), n_per_class)
    return _shuffled(rng, X, labels)


def make_blobs_line(
    n_per_class: int = 50,
    centers: Sequence[Sequence[float]] = ((-3.0, 0.0), (0.0, 0.0), (2.0, 0.0)),
    std: float = 0.5,
    seed: int = 0,
) -> tuple[FloatArray, IntArray]:
    """Gaussian blobs with centres on a line: data a linear model separates.

    The default centres are those of part 1 of the series.

    Parameters
    ----------
    n_per_class : int, default=50
        Samples per class.
    centers : sequence of (x, y), default=((-3, 0), (0, 0), (2, 0))
        One centre per class.
    std : float, default=0.5
        Standard deviation of each blob.
    seed : int, default=0
        Seed of the random generator.

    Returns
    -------
    X : ndarray of shape (len(centers) * n_per_class, 2)
    labels : ndarray of shape (len(centers) * n_per_class,)
    """
    std = check_real(std, "std", low=0.0)
    C = check_matrix(centers, "centers", n_cols=2)
    n_per_class = check_int(n_per_class, "n_per_class", low=1, high=MAX_ENTRIES // (2 * len(C)))
    rng = np.random.default_rng(check_seed(seed))
    X = np.concatenate([c + std * rng.standard_normal((n_per_class, 2)) for c in C])
    labels = np.repeat(np.arange(len(C)), n_per_class)
    return _shuffled(rng, X, labels)


def make_spiral(
    n_per_class: int = 100, n_classes: int = 3, noise: float = 0.2, seed: int = 0
) -> tuple[FloatArray, IntArray]:
    """Interleaved spiral arms, one per class: a harder non-linear data set.

    Arm ``j`` has radii evenly spaced in ``[0, 1]`` and angles evenly spaced
    over ``[4j, 4(j + 1)]`` radians plus Gaussian noise of standard deviation
    `noise` on the angle (the data set of CS231n's neural network case study).

    Parameters
    ----------
    n_per_class : int, default=100
    n_classes : int, default=3
    noise : float, default=0.2
        Standard deviation of the angular noise, in radians.
    seed : int, default=0

    Returns
    -------
    X : ndarray of shape (n_classes * n_per_class, 2)
    labels : ndarray of shape (n_classes * n_per_class,)
    """
    n_classes = check_int(n_classes, "n_classes", low=2, high=1000)
    n_per_class = check_int(n_per_class, "n_per_class", low=1, high=MAX_ENTRIES // (2 * n_classes))
    noise = check_real(noise, "noise", low=0.0)
    rng = np.random.default_rng(check_seed(seed))
    radius = np.tile(np.linspace(0.0, 1.0, n_per_class), n_classes)
    labels = np.repeat(np.arange(n_classes), n_per_class)
    base = np.linspace(0.0, 4.0, n_per_class)
    angle = np.concatenate([4.0 * j + base for j in range(n_classes)])
    angle += noise * rng.standard_normal(angle.shape)
    X = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    return _shuffled(rng, X, labels)


def one_hot(labels: Any, n_classes: int | None = None) -> FloatArray:
    """One-hot encode class indices.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        Class indices in ``[0, n_classes)``.
    n_classes : int, optional
        Number of classes; by default ``labels.max() + 1``.

    Returns
    -------
    ndarray of shape (n, n_classes)
        ``T[i, labels[i]] == 1``, zeros elsewhere.
    """
    if n_classes is not None:
        n_classes = check_int(n_classes, "n_classes", low=1, high=MAX_ENTRIES)
    labels = check_labels(labels, "labels", n_classes=n_classes)
    if n_classes is None:
        if labels.size == 0:
            raise ValueError("n_classes must be given when labels is empty")
        n_classes = int(labels.max()) + 1
    if labels.size * n_classes > MAX_ENTRIES:
        raise ValueError(
            f"labels ({labels.size}) x n_classes ({n_classes}) is over {MAX_ENTRIES} entries"
        )
    T = np.zeros((labels.size, n_classes))
    T[np.arange(labels.size), labels] = 1.0
    return T


def train_test_split(
    X: Any, labels: Any, test_fraction: float = 0.3, seed: int = 0
) -> tuple[FloatArray, FloatArray, IntArray, IntArray]:
    """Split samples into a training and a test set, stratified by class.

    Each class contributes ``round(test_fraction * n_c)`` of its ``n_c``
    samples to the test set, so both sets keep the class proportions.

    Parameters
    ----------
    X : array_like of shape (n, d)
    labels : array_like of int, shape (n,)
    test_fraction : float, default=0.3
        In ``(0, 1)``.
    seed : int, default=0

    Returns
    -------
    X_train, X_test : ndarray
    labels_train, labels_test : ndarray
    """
    X = check_matrix(X, "X")
    labels = check_labels(labels, "labels")
    if labels.shape[0] != X.shape[0]:
        raise ValueError(f"labels must have shape ({X.shape[0]},) to match X, got {labels.shape}")
    fraction = check_real(
        test_fraction, "test_fraction", low=0.0, high=1.0, low_open=True, high_open=True
    )
    rng = np.random.default_rng(check_seed(seed))
    test = np.zeros(len(labels), dtype=bool)
    for c in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == c))
        test[members[: round(fraction * len(members))]] = True
    if test.all() or not test.any():
        raise ValueError(
            f"test_fraction={test_fraction!r} leaves one of the two sets empty "
            f"for {len(labels)} samples"
        )
    return X[~test], X[test], labels[~test], labels[test]
