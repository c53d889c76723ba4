"""Activations, their derivatives, and the softmax (the activations page).

Values are compared with closed forms, derivatives with central differences
(:func:`nnscratch.numerical_gradient`), and algebraic identities are checked
as hypothesis properties.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnscratch
from nnscratch import activations as act
from nnscratch import numerical_gradient, relative_error

HIDDEN = ["relu", "leaky_relu", "logistic", "softplus", "tanh", "identity"]

moderate = st.floats(-50.0, 50.0, allow_nan=False)
huge = st.floats(-1e4, 1e4, allow_nan=False)
slopes = st.floats(0.0, 0.99, allow_nan=False)


def float_arrays(elements: st.SearchStrategy[float] = moderate, max_side: int = 6):
    """1-D or 2-D float64 arrays of small shape."""
    return hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=max_side),
        elements=elements,
    )


def logit_rows(elements: st.SearchStrategy[float] = moderate):
    """Logit matrices (n, k) with n in 1..5 and k in 1..6."""
    return hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=6),
        elements=elements,
    )


def points_away_from_zero(seed: int = 0, size: int = 40) -> np.ndarray:
    """Points in [-5, 5] with |z| > 0.01: far from the ReLU kink at eps = 1e-6."""
    z = np.random.default_rng(seed).uniform(-5.0, 5.0, size)
    return z[np.abs(z) > 0.01]


# ----------------------------------------------------------------- closed forms
def test_relu_closed_form() -> None:
    np.testing.assert_array_equal(act.relu([-1.0, 0.0, 2.0]), [0.0, 0.0, 2.0])


def test_relu_grad_closed_form() -> None:
    np.testing.assert_array_equal(act.relu_grad([-1.0, 2.0]), [0.0, 1.0])


def test_leaky_relu_closed_form() -> None:
    np.testing.assert_allclose(act.leaky_relu([-2.0, 0.0, 3.0], slope=0.1), [-0.2, 0.0, 3.0])


def test_leaky_relu_grad_closed_form() -> None:
    np.testing.assert_array_equal(act.leaky_relu_grad([-2.0, 3.0], slope=0.1), [0.1, 1.0])


def test_logistic_closed_form() -> None:
    # 1 / (1 + e^0) = 1/2 and 1 / (1 + 1/3) = 3/4
    np.testing.assert_allclose(act.logistic([0.0, math.log(3.0)]), [0.5, 0.75], rtol=1e-15)


def test_logistic_grad_closed_form() -> None:
    # s (1 - s) with s = 1/2 and s = 3/4
    np.testing.assert_allclose(act.logistic_grad([0.0, math.log(3.0)]), [0.25, 0.1875], rtol=1e-15)


def test_softplus_closed_form() -> None:
    # log(1 + e^0) = log 2 and log(1 + e^{log 3}) = log 4
    np.testing.assert_allclose(
        act.softplus([0.0, math.log(3.0)]), [math.log(2.0), math.log(4.0)], rtol=1e-15
    )


def test_softplus_grad_at_zero_is_one_half() -> None:
    np.testing.assert_allclose(act.softplus_grad([0.0]), [0.5], rtol=1e-15)


def test_tanh_closed_form() -> None:
    # tanh(log 2) = (4 - 1) / (4 + 1)
    np.testing.assert_allclose(act.tanh([0.0, math.log(2.0)]), [0.0, 0.6], rtol=1e-15, atol=0)


def test_tanh_grad_closed_form() -> None:
    np.testing.assert_allclose(act.tanh_grad([0.0, math.log(2.0)]), [1.0, 0.64], rtol=1e-14)


def test_identity_closed_form() -> None:
    np.testing.assert_array_equal(act.identity([-3.0, 0.5]), [-3.0, 0.5])
    np.testing.assert_array_equal(act.identity_grad([-3.0, 0.5]), [1.0, 1.0])


def test_identity_returns_a_copy() -> None:
    z = np.array([1.0, 2.0])
    act.identity(z)[0] = 99.0
    np.testing.assert_array_equal(z, [1.0, 2.0])


# --------------------------------------------------------------- kink convention
def test_relu_grad_at_kink_is_zero() -> None:
    assert act.relu_grad(np.array([0.0]))[0] == 0.0


@pytest.mark.parametrize("slope", [0.0, 0.1, 0.3])
def test_leaky_relu_grad_at_kink_is_slope(slope: float) -> None:
    assert act.leaky_relu_grad(np.array([0.0]), slope=slope)[0] == slope


# ----------------------------------------------------------------- properties
@given(float_arrays())
def test_relu_is_non_negative(z: np.ndarray) -> None:
    assert np.all(act.relu(z) >= 0.0)


@given(float_arrays())
def test_relu_odd_part_is_identity(z: np.ndarray) -> None:
    # relu(z) - relu(-z) == z exactly: one term is 0, the other is |z|
    np.testing.assert_array_equal(act.relu(z) - act.relu(-z), z)


@given(float_arrays(), slopes)
def test_leaky_relu_is_relu_minus_slope_times_negative_part(z: np.ndarray, slope: float) -> None:
    np.testing.assert_array_equal(
        act.leaky_relu(z, slope=slope), act.relu(z) - slope * act.relu(-z)
    )


@given(float_arrays(), slopes)
def test_leaky_relu_grad_takes_only_two_values(z: np.ndarray, slope: float) -> None:
    grad = act.leaky_relu_grad(z, slope=slope)
    np.testing.assert_array_equal(grad, np.where(z > 0, 1.0, slope))


@given(float_arrays(huge))
def test_logistic_is_in_unit_interval(z: np.ndarray) -> None:
    s = act.logistic(z)
    assert np.all((s >= 0.0) & (s <= 1.0))


@given(float_arrays())
def test_logistic_symmetry(z: np.ndarray) -> None:
    np.testing.assert_allclose(act.logistic(-z), 1.0 - act.logistic(z), rtol=0, atol=2e-16)


@given(float_arrays())
def test_softplus_odd_part_is_identity(z: np.ndarray) -> None:
    # log(1 + e^z) - log(1 + e^-z) = log(e^z) = z
    np.testing.assert_allclose(act.softplus(z) - act.softplus(-z), z, rtol=1e-13, atol=1e-13)


@given(float_arrays(st.floats(-30.0, 30.0)))
def test_softplus_strictly_above_relu(z: np.ndarray) -> None:
    # softplus - relu = log(1 + e^-|z|) > 0; beyond |z| ~ 36 it rounds to 0
    assert np.all(act.softplus(z) > act.relu(z))


@given(float_arrays(huge))
def test_softplus_never_below_relu(z: np.ndarray) -> None:
    assert np.all(act.softplus(z) >= act.relu(z))


@given(float_arrays())
def test_tanh_is_rescaled_logistic(z: np.ndarray) -> None:
    np.testing.assert_allclose(act.tanh(z), 2.0 * act.logistic(2.0 * z) - 1.0, atol=1e-15)


@pytest.mark.parametrize("name", HIDDEN)
@given(z=float_arrays(huge))
def test_no_overflow_for_large_inputs(name: str, z: np.ndarray) -> None:
    # filterwarnings = error: an overflow warning would fail this test
    activation = nnscratch.get_activation(name)
    assert np.all(np.isfinite(activation.function(z)))
    assert np.all(np.isfinite(activation.derivative(z)))


def test_limits_at_plus_minus_1e4() -> None:
    z = np.array([-1e4, 1e4])
    np.testing.assert_array_equal(act.logistic(z), [0.0, 1.0])
    np.testing.assert_array_equal(act.softplus(z), [0.0, 1e4])
    np.testing.assert_array_equal(act.tanh(z), [-1.0, 1.0])
    np.testing.assert_array_equal(act.logistic_grad(z), [0.0, 0.0])


# ------------------------------------------------- derivatives vs central differences
DERIVATIVE_PAIRS = [
    ("relu", act.relu, act.relu_grad),
    ("leaky_relu 0.01", act.leaky_relu, act.leaky_relu_grad),
    (
        "leaky_relu 0.1",
        lambda z: act.leaky_relu(z, slope=0.1),
        lambda z: act.leaky_relu_grad(z, slope=0.1),
    ),
    ("logistic", act.logistic, act.logistic_grad),
    ("softplus", act.softplus, act.softplus_grad),
    ("tanh", act.tanh, act.tanh_grad),
    ("identity", act.identity, act.identity_grad),
]


@pytest.mark.parametrize(
    ("function", "derivative"),
    [pair[1:] for pair in DERIVATIVE_PAIRS],
    ids=[pair[0] for pair in DERIVATIVE_PAIRS],
)
@pytest.mark.parametrize("seed", [0, 1])
def test_derivative_matches_central_difference(function, derivative, seed: int) -> None:
    # The function is element-wise, so the gradient of sum(f(z)) is f'(z).
    z = points_away_from_zero(seed)
    numerical = numerical_gradient(lambda v: float(np.sum(function(v))), z.copy())
    assert relative_error(derivative(z), numerical) < 1e-7


@pytest.mark.parametrize("name", HIDDEN)
def test_registered_derivative_matches_central_difference(name: str) -> None:
    activation = nnscratch.get_activation(name)
    z = points_away_from_zero(2)
    numerical = numerical_gradient(lambda v: float(np.sum(activation.function(v))), z.copy())
    assert relative_error(activation.derivative(z), numerical) < 1e-7


def test_central_difference_at_relu_kink_is_mean_of_slopes() -> None:
    # Why gradient checks avoid the kink: the centred difference sees half of each side.
    numerical = numerical_gradient(lambda v: float(np.sum(act.relu(v))), np.zeros(1))
    np.testing.assert_allclose(numerical, [0.5])
    assert act.relu_grad(np.zeros(1))[0] == 0.0


# ------------------------------------------------------------- get_activation
def test_get_activation_unknown_name_lists_known_names() -> None:
    with pytest.raises(ValueError, match="unknown activation 'relu6'") as info:
        nnscratch.get_activation("relu6")
    for name in act.ACTIVATIONS:
        assert repr(name) in str(info.value)


@pytest.mark.parametrize("name", HIDDEN)
def test_get_activation_returns_named_pair(name: str) -> None:
    activation = nnscratch.get_activation(name)
    z = np.array([-2.0, -0.5, 0.5, 2.0])
    assert activation.name == name
    np.testing.assert_array_equal(activation.function(z), getattr(act, name)(z))
    np.testing.assert_array_equal(activation.derivative(z), getattr(act, f"{name}_grad")(z))


def test_get_activation_leaky_relu_with_slope() -> None:
    activation = nnscratch.get_activation("leaky_relu", slope=0.2)
    np.testing.assert_allclose(activation.function(np.array([-1.0, 2.0])), [-0.2, 2.0])
    np.testing.assert_allclose(activation.derivative(np.array([-1.0, 2.0])), [0.2, 1.0])


def test_get_activation_passes_an_activation_through() -> None:
    custom = nnscratch.Activation("square", np.square, lambda z: 2.0 * z)
    assert nnscratch.get_activation(custom) is custom


def test_activation_is_immutable() -> None:
    activation = nnscratch.get_activation("relu")
    with pytest.raises(AttributeError):
        activation.name = "other"  # type: ignore[misc]


# ------------------------------------------------------------------- softmax
@given(logit_rows())
def test_softmax_rows_sum_to_one(Z: np.ndarray) -> None:
    Y = nnscratch.softmax(Z)
    np.testing.assert_allclose(Y.sum(axis=1), 1.0, rtol=1e-14)
    assert np.all(Y >= 0.0)


@pytest.mark.parametrize("k", [1, 2, 3, 7])
def test_softmax_of_equal_logits_is_uniform(k: int) -> None:
    np.testing.assert_allclose(nnscratch.softmax(np.full((2, k), 4.2)), 1.0 / k, rtol=1e-15)


def test_softmax_closed_form() -> None:
    # logits (0, log 2, log 5) -> (1, 2, 5) / 8
    Z = np.log([[1.0, 2.0, 5.0]])
    np.testing.assert_allclose(nnscratch.softmax(Z), [[1 / 8, 2 / 8, 5 / 8]], rtol=1e-15)


@given(logit_rows(), st.floats(-100.0, 100.0))
def test_softmax_shift_invariance(Z: np.ndarray, c: float) -> None:
    np.testing.assert_allclose(nnscratch.softmax(Z + c), nnscratch.softmax(Z), rtol=0, atol=1e-12)


@pytest.mark.parametrize("big", [1e4, -1e4])
def test_softmax_no_overflow_for_huge_logits(big: float) -> None:
    Y = nnscratch.softmax(np.array([[big, 0.0, 0.0], [big, big, big]]))
    assert np.all(np.isfinite(Y))
    expected_first = [1.0, 0.0, 0.0] if big > 0 else [0.0, 0.5, 0.5]
    np.testing.assert_allclose(Y[0], expected_first)
    np.testing.assert_allclose(Y[1], 1.0 / 3.0, rtol=1e-15)


def test_softmax_of_1d_input_is_one_sample() -> None:
    z = np.array([0.5, -1.0, 2.0])
    Y1 = nnscratch.softmax(z)
    assert Y1.shape == (3,)
    np.testing.assert_array_equal(Y1, nnscratch.softmax(z[None, :])[0])


@given(logit_rows())
def test_log_softmax_is_log_of_softmax(Z: np.ndarray) -> None:
    # with |Z| <= 50 every probability is a normal float, so log is accurate
    np.testing.assert_allclose(
        nnscratch.log_softmax(Z), np.log(nnscratch.softmax(Z)), rtol=1e-12, atol=1e-12
    )


def test_log_softmax_finite_where_softmax_underflows() -> None:
    Z = np.array([[0.0, -1e4, -2e4]])
    assert nnscratch.softmax(Z)[0, 1] == 0.0  # the probability underflowed
    log_y = nnscratch.log_softmax(Z)
    assert np.all(np.isfinite(log_y))
    np.testing.assert_allclose(log_y, [[0.0, -1e4, -2e4]], rtol=1e-15, atol=0)


def test_log_softmax_of_equal_logits_is_minus_log_k() -> None:
    np.testing.assert_allclose(nnscratch.log_softmax(np.zeros(4)), -math.log(4.0), rtol=1e-15)


# ---------------------------------------------------------- softmax Jacobian
def numerical_softmax_jacobian(z: np.ndarray) -> np.ndarray:
    """Row i is the central-difference gradient of softmax(z)[i]."""
    return np.stack(
        [
            numerical_gradient(lambda v, i=i: float(nnscratch.softmax(v)[i]), z.copy())
            for i in range(z.size)
        ]
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_jacobian_matches_central_difference(seed: int) -> None:
    z = np.random.default_rng(seed).normal(0.0, 2.0, size=4)
    J = nnscratch.softmax_jacobian(z)
    assert J.shape == (4, 4)
    assert relative_error(J, numerical_softmax_jacobian(z)) < 1e-7


def test_softmax_jacobian_batch_shape_and_rows() -> None:
    Z = np.random.default_rng(3).normal(size=(5, 3))
    J = nnscratch.softmax_jacobian(Z)
    assert J.shape == (5, 3, 3)
    for i in range(5):
        np.testing.assert_allclose(J[i], nnscratch.softmax_jacobian(Z[i]), rtol=1e-15)


@given(logit_rows())
def test_softmax_jacobian_rows_sum_to_zero(Z: np.ndarray) -> None:
    # the probabilities always sum to 1, so moving any logit changes the sum by 0
    J = nnscratch.softmax_jacobian(Z)
    np.testing.assert_allclose(J.sum(axis=-1), 0.0, atol=1e-15)


@given(logit_rows())
def test_softmax_jacobian_is_symmetric(Z: np.ndarray) -> None:
    J = nnscratch.softmax_jacobian(Z)
    np.testing.assert_array_equal(J, np.swapaxes(J, -1, -2))


def test_softmax_jacobian_closed_form_for_equal_logits() -> None:
    # y = 1/k: J = I/k - 1/k^2
    k = 3
    np.testing.assert_allclose(
        nnscratch.softmax_jacobian(np.zeros(k)), np.eye(k) / k - 1.0 / k**2, atol=1e-16
    )
