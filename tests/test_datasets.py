"""Data sets, one-hot encoding and the stratified split (the data page)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnscratch

MAKERS = {
    "rings": lambda seed: nnscratch.make_rings(n_per_class=40, noise=0.2, seed=seed),
    "blobs": lambda seed: nnscratch.make_blobs_line(n_per_class=40, seed=seed),
    "spiral": lambda seed: nnscratch.make_spiral(n_per_class=40, n_classes=3, seed=seed),
}


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
def test_shapes_and_dtypes(make) -> None:
    X, labels = make(0)
    assert X.shape == (120, 2)
    assert X.dtype == np.float64
    assert labels.shape == (120,)
    assert np.issubdtype(labels.dtype, np.integer)


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
def test_classes_are_balanced_and_labels_in_range(make) -> None:
    _, labels = make(0)
    np.testing.assert_array_equal(np.bincount(labels), [40, 40, 40])


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
def test_same_seed_same_data(make) -> None:
    X1, labels1 = make(7)
    X2, labels2 = make(7)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(labels1, labels2)


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
def test_different_seeds_different_data(make) -> None:
    X1, _ = make(0)
    X2, _ = make(1)
    assert not np.allclose(X1, X2)


@pytest.mark.parametrize("make", MAKERS.values(), ids=MAKERS.keys())
def test_samples_are_shuffled(make) -> None:
    _, labels = make(0)
    assert np.any(np.diff(labels) < 0)


def test_data_is_finite() -> None:
    for make in MAKERS.values():
        assert np.all(np.isfinite(make(3)[0]))


# ------------------------------------------------------------------ rings
def test_rings_without_noise_lie_on_their_circles() -> None:
    X, labels = nnscratch.make_rings(n_per_class=30, noise=0.0, seed=0)
    radius = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(radius[labels == 0], 0.0, atol=0)
    np.testing.assert_allclose(radius[labels == 1], 0.75, rtol=1e-15)
    np.testing.assert_allclose(radius[labels == 2], 1.25, rtol=1e-15)


def test_rings_without_noise_have_evenly_spaced_angles() -> None:
    X, labels = nnscratch.make_rings(n_per_class=8, noise=0.0, seed=0)
    angles = np.sort(np.mod(np.arctan2(X[labels == 2, 1], X[labels == 2, 0]), 2 * np.pi))
    np.testing.assert_allclose(angles, np.arange(8) * 2 * np.pi / 8, atol=1e-12)


def test_rings_with_noise_keep_their_mean_radius() -> None:
    X, labels = nnscratch.make_rings(n_per_class=50, noise=0.2, seed=0)
    radius = np.linalg.norm(X, axis=1)
    assert radius[labels == 1].mean() == pytest.approx(0.75, abs=0.1)
    assert radius[labels == 2].mean() == pytest.approx(1.25, abs=0.1)
    # the centre blob: the distance of a 2-D N(0, s^2 I) point has mean s sqrt(pi/2)
    assert radius[labels == 0].mean() == pytest.approx(0.2 * np.sqrt(np.pi / 2), rel=0.25)


def test_rings_noise_is_the_standard_deviation() -> None:
    X, labels = nnscratch.make_rings(n_per_class=4000, noise=0.3, seed=0)
    assert X[labels == 0].std(axis=0) == pytest.approx([0.3, 0.3], rel=0.05)


# ------------------------------------------------------------------ blobs
def test_blobs_are_centred_on_the_given_centres() -> None:
    centers = [(-3.0, 0.0), (0.0, 1.0), (2.0, -1.0), (5.0, 5.0)]
    X, labels = nnscratch.make_blobs_line(n_per_class=2000, centers=centers, std=0.5, seed=0)
    assert X.shape == (8000, 2)
    for c, centre in enumerate(centers):
        np.testing.assert_allclose(X[labels == c].mean(axis=0), centre, atol=0.05)
        np.testing.assert_allclose(X[labels == c].std(axis=0), 0.5, rtol=0.05)


# ----------------------------------------------------------------- spiral
def test_spiral_without_noise_follows_its_arms() -> None:
    # arm j: radius r evenly spaced in [0, 1], angle 4j + 4r; x = r sin, y = r cos
    n, k = 25, 3
    X, labels = nnscratch.make_spiral(n_per_class=n, n_classes=k, noise=0.0, seed=0)
    r = np.linspace(0.0, 1.0, n)
    for j in range(k):
        arm = X[labels == j]
        arm = arm[np.argsort(np.linalg.norm(arm, axis=1))]
        theta = 4.0 * j + 4.0 * r
        np.testing.assert_allclose(
            arm, np.column_stack([r * np.sin(theta), r * np.cos(theta)]), atol=1e-15
        )


def test_spiral_radii_ignore_the_noise() -> None:
    # the noise is angular: every arm keeps radii evenly spaced in [0, 1]
    X, labels = nnscratch.make_spiral(n_per_class=20, n_classes=4, noise=0.5, seed=3)
    for j in range(4):
        np.testing.assert_allclose(
            np.sort(np.linalg.norm(X[labels == j], axis=1)), np.linspace(0, 1, 20), atol=1e-15
        )


@pytest.mark.parametrize("n_classes", [2, 5])
def test_spiral_number_of_classes(n_classes: int) -> None:
    X, labels = nnscratch.make_spiral(n_per_class=10, n_classes=n_classes, seed=0)
    assert X.shape == (10 * n_classes, 2)
    np.testing.assert_array_equal(np.bincount(labels), [10] * n_classes)


# ---------------------------------------------------------------- one_hot
def test_one_hot_closed_form() -> None:
    np.testing.assert_array_equal(
        nnscratch.one_hot([2, 0, 1], 4), [[0, 0, 1, 0], [1, 0, 0, 0], [0, 1, 0, 0]]
    )


def test_one_hot_infers_number_of_classes() -> None:
    assert nnscratch.one_hot([0, 3, 1]).shape == (3, 4)


def test_one_hot_accepts_integer_valued_floats() -> None:
    np.testing.assert_array_equal(nnscratch.one_hot([1.0, 0.0], 2), [[0, 1], [1, 0]])


@given(
    hnp.arrays(np.intp, st.integers(1, 30), elements=st.integers(0, 5)),
    st.integers(0, 3),
)
def test_one_hot_round_trip(labels: np.ndarray, extra_classes: int) -> None:
    n_classes = int(labels.max()) + 1 + extra_classes
    T = nnscratch.one_hot(labels, n_classes)
    assert T.shape == (labels.size, n_classes)
    np.testing.assert_array_equal(T.sum(axis=1), 1.0)
    np.testing.assert_array_equal(np.argmax(T, axis=1), labels)


def test_one_hot_of_empty_labels_with_n_classes() -> None:
    assert nnscratch.one_hot(np.array([], dtype=int), 3).shape == (0, 3)


# ------------------------------------------------------- train_test_split
def split_rings(test_fraction: float = 0.3, seed: int = 0):
    X, labels = nnscratch.make_rings(n_per_class=50, noise=0.2, seed=0)
    return X, labels, nnscratch.train_test_split(X, labels, test_fraction, seed=seed)


def test_split_is_stratified() -> None:
    _, _, (X_train, X_test, labels_train, labels_test) = split_rings(0.3)
    # round(0.3 * 50) = 15 of each class in the test set
    np.testing.assert_array_equal(np.bincount(labels_test), [15, 15, 15])
    np.testing.assert_array_equal(np.bincount(labels_train), [35, 35, 35])
    assert X_train.shape == (105, 2)
    assert X_test.shape == (45, 2)


def test_split_is_a_disjoint_partition_with_labels_kept() -> None:
    X, labels, (X_train, X_test, labels_train, labels_test) = split_rings()
    owner = {tuple(x): c for x, c in zip(X, labels, strict=True)}
    train_rows = {tuple(x) for x in X_train}
    test_rows = {tuple(x) for x in X_test}
    assert not train_rows & test_rows
    assert train_rows | test_rows == set(owner)
    assert all(owner[tuple(x)] == c for x, c in zip(X_train, labels_train, strict=True))
    assert all(owner[tuple(x)] == c for x, c in zip(X_test, labels_test, strict=True))


def test_split_is_deterministic() -> None:
    _, _, first = split_rings(seed=5)
    _, _, second = split_rings(seed=5)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_split_depends_on_the_seed() -> None:
    _, _, first = split_rings(seed=0)
    _, _, second = split_rings(seed=1)
    assert not np.array_equal(first[1], second[1])


def test_split_does_not_modify_inputs() -> None:
    X, labels = nnscratch.make_rings(n_per_class=10, seed=0)
    X_before, labels_before = X.copy(), labels.copy()
    nnscratch.train_test_split(X, labels, 0.5, seed=0)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(labels, labels_before)
