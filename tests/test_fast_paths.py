"""The shortcuts that keep a training step cheap give the answers of the plain code.

``train`` skips re-checking the arrays it checked once (``trusted``), and the
checks and row helpers take short paths for the usual inputs. Each test pins
one shortcut to what the general path (or plain numpy) returns or raises.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnscratch import NonLinearModel, accuracy, one_hot, train
from nnscratch._rows import row_max, row_sum
from nnscratch._validation import (
    _is_trusted,
    as_float_array,
    check_array,
    check_finite,
    check_one_hot,
    check_positive,
    ones,
    ones_row,
    trusted,
    trusted_memo,
)
from nnscratch.model import Gradients


# ------------------------------------------------------------------ trusted
def test_trusted_covers_its_block_only_and_nests() -> None:
    a, b = np.zeros((2, 2)), np.ones((2, 2))
    assert not _is_trusted(a)
    with trusted(a, None):
        assert _is_trusted(a)
        assert not _is_trusted(b)
        with trusted(b):
            assert _is_trusted(a)
            assert _is_trusted(b)
        assert _is_trusted(a)
        assert not _is_trusted(b)
    assert not _is_trusted(a)


def test_trusted_block_is_left_on_error() -> None:
    a = np.zeros(3)
    with pytest.raises(RuntimeError), trusted(a):
        raise RuntimeError
    assert not _is_trusted(a)


def test_derived_values_are_kept_for_the_block_only() -> None:
    T, scores = one_hot([2, 0, 1], 3), np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
    assert trusted_memo(T) is None
    assert accuracy(scores, T) == 2 / 3
    with trusted(T):
        assert trusted_memo(T) == {}
        assert accuracy(scores, T) == 2 / 3
        assert trusted_memo(T)["labels"].tolist() == [2, 0, 1]  # type: ignore[index]
        with trusted(scores):  # an inner block sees, and keeps, the outer block's values
            assert "labels" in trusted_memo(T)  # type: ignore[operator]
        assert "labels" in trusted_memo(T)  # type: ignore[operator]
    assert trusted_memo(T) is None
    with trusted(T):
        assert trusted_memo(T) == {}


@pytest.mark.parametrize("seed", range(5))
def test_trusted_accuracy_with_integer_labels_equals_the_plain_one(seed) -> None:
    rng = np.random.default_rng(seed)
    T = one_hot(rng.integers(0, 4, size=50), 4)
    scores = np.round(rng.normal(size=(50, 4)))  # many ties
    plain = accuracy(scores, T)
    with trusted(T):
        assert accuracy(scores, T) == plain
        assert accuracy(scores, T) == plain  # from the kept labels
        assert trusted_memo(T)["labels"].dtype == np.intp  # type: ignore[index]


def test_a_trusted_array_skips_its_check_an_untrusted_one_does_not() -> None:
    bad = np.array([[np.nan, 1.0]])
    with trusted(bad):
        assert check_array(bad, "x", (1, 2)) is bad
    with pytest.raises(ValueError, match="x contains 1 NaN"):
        check_array(bad, "x", (1, 2))


def test_gradient_step_checks_gradients_unless_train_trusts_the_model() -> None:
    model = NonLinearModel.initialize([2, 3, 3], seed=0)
    X, T = np.ones((4, 2)), one_hot([0, 1, 2, 0], 3)
    grads = model.back_propagation(X, T)
    bad = Gradients([g.copy() for g in grads.weights], [g.copy() for g in grads.bias])
    bad.weights[0][0, 0] = np.inf
    before = [p.copy() for p in model.weights + model.bias]
    with pytest.raises(ValueError, match=r"gradients.weights\[0\] contains 1 NaN"):
        model.gradient_step(bad, 0.1)
    assert all(
        np.array_equal(p, q) for p, q in zip(model.weights + model.bias, before, strict=True)
    )
    with pytest.raises(TypeError, match="gradients must be a Gradients"):
        model.gradient_step((grads.weights, grads.bias), 0.1)
    # a trusted model (train's block) updates exactly as a checked one, and
    # only while trusted does it skip the check
    checked = model.copy()
    checked.gradient_step(grads, 0.1)
    by_model = model.copy()
    with trusted(by_model):
        by_model.gradient_step(grads, 0.1)
    for p, q in zip(checked.weights + checked.bias, by_model.weights + by_model.bias, strict=True):
        assert p.tobytes() == q.tobytes()
    with pytest.raises(ValueError, match=r"gradients.weights\[0\] contains 1 NaN"):
        by_model.gradient_step(bad, 0.1)


def test_backward_ones_row_is_cached_read_only_and_sums_columns() -> None:
    assert ones_row(4) is ones_row(4)
    assert ones_row(4).shape == (1, 4)
    with pytest.raises(ValueError, match="read-only"):
        ones_row(4)[0, 0] = 2.0
    M = np.random.default_rng(0).normal(size=(4, 3))
    assert (ones_row(4) @ M).tobytes() == (np.ones((1, 4)) @ M).tobytes()


def test_train_equals_the_loop_written_out(rings, rings_val) -> None:
    X, _, T = rings
    X_val, _, T_val = rings_val
    for activation in ("relu", "logistic"):
        model = NonLinearModel.initialize([2, 8, 8, 3], activation, seed=1)
        by_hand = model.copy()
        history = train(model, X, T, 0.5, 20, X_val=X_val, T_val=T_val)
        for i in range(21):
            forward = by_hand.forward(X)
            assert forward.cost(T) == history.cost[i]
            assert forward.accuracy(T) == history.accuracy[i]
            assert by_hand.forward(X_val).cost(T_val) == history.val_cost[i]  # type: ignore[index]
            if i < 20:
                by_hand.gradient_step(by_hand.backward(forward, T), 0.5)
        for p, q in zip(model.weights + model.bias, by_hand.weights + by_hand.bias, strict=True):
            assert p.tobytes() == q.tobytes()


# ------------------------------------------------------------ short checks
@pytest.mark.parametrize("shape", [(), (1,), (2, 3), (4, 4), (5, 4), (70, 70)])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_check_finite_counts_bad_entries_at_every_size(shape, bad) -> None:
    array = np.ones(shape)
    check_finite(array, "a")
    if array.size:
        array.reshape(-1)[-1] = bad
        with pytest.raises(ValueError, match="a contains 1 NaN or infinite"):
            check_finite(array, "a")


@pytest.mark.parametrize("value", [0.5, 2, np.float64(0.5), np.float32(0.5), np.int8(3)])
def test_check_positive_accepts_real_numbers_of_any_type(value) -> None:
    result = check_positive(value, "r")
    assert type(result) is float
    assert result == float(value)


class _Float(float):
    pass


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (0.0, ValueError),
        (-1.0, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (10**400, ValueError),
        (True, TypeError),
        ("1", TypeError),
    ],
)
def test_check_positive_refuses_as_before(value, error) -> None:
    with pytest.raises(error, match="r must"):
        check_positive(value, "r")


def test_check_positive_converts_a_float_subclass() -> None:
    assert type(check_positive(_Float(0.5), "r")) is float


def test_as_float_array_returns_a_float_matrix_itself_and_converts_the_rest() -> None:
    Z = np.ones((2, 2))
    assert as_float_array(Z, "Z") is Z
    swapped = Z.astype(">f8")
    assert as_float_array(swapped, "Z").dtype == np.float64
    assert as_float_array([[1, 2]], "Z").dtype == np.float64


def test_one_hot_check_still_refuses_rows_summing_to_two() -> None:
    with pytest.raises(ValueError, match="must be one-hot"):
        check_one_hot(np.array([[1.0, 1.0], [0.0, 0.0]]), "T", n_rows=2, n_classes=2)


# ------------------------------------------------------------- row helpers
def test_the_cached_ones_cannot_be_changed() -> None:
    assert ones(3).tolist() == [1.0, 1.0, 1.0]
    with pytest.raises(ValueError, match="read-only"):
        ones(3)[0] = 2.0


@pytest.mark.parametrize(
    "shape", [(3,), (1,), (5, 1), (5, 2), (150, 3), (4, 2, 3), (6000, 3), (5, 9)]
)
def test_row_max_and_row_sum_equal_numpy(shape) -> None:
    Z = np.random.default_rng(0).normal(size=shape)
    assert row_max(Z).shape == shape[:-1]
    assert np.array_equal(row_max(Z), Z.max(axis=-1))
    assert np.allclose(row_sum(Z), Z.sum(axis=-1))


def test_row_max_keeps_the_sign_of_zero_ties_of_np_maximum() -> None:
    Z = np.array([[0.0, -0.0, -1.0], [-0.0, 0.0, -1.0], [-0.0, -0.0, -0.0]])
    expected = np.maximum(np.maximum(Z[:, 0], Z[:, 1]), Z[:, 2])
    assert np.signbit(row_max(Z)).tolist() == np.signbit(expected).tolist()
