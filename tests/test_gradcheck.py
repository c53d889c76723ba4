"""Gradient checking: the tools themselves, and that they catch planted bugs."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnscratch
from nnscratch import Activation, NonLinearModel, gradient_check, numerical_gradient, relative_error
from nnscratch import activations as act


# ------------------------------------------------------------ numerical_gradient
def test_numerical_gradient_of_sum_of_squares_is_2x() -> None:
    x = np.array([[0.3, -1.7, 2.0], [0.0, 5.5, -0.25]])
    grad = numerical_gradient(lambda a: float(np.sum(a**2)), x)
    assert grad.shape == x.shape
    np.testing.assert_allclose(grad, 2.0 * x, rtol=1e-8, atol=1e-9)


def test_numerical_gradient_error_is_eps_squared_for_a_cubic() -> None:
    # (x + e)^3 - (x - e)^3 = 6 x^2 e + 2 e^3: the centred difference is 3x^2 + e^2.
    # A one-sided difference would be off by 3 x e instead.
    x = np.array([0.5, 1.0, 2.0])
    eps = 1e-3
    grad = numerical_gradient(lambda a: float(np.sum(a**3)), x, eps=eps)
    np.testing.assert_allclose(grad - 3.0 * x**2, eps**2, rtol=1e-4)


def test_numerical_gradient_restores_the_array_exactly() -> None:
    x = np.array([0.1, 1.0 / 3.0, -2.0 / 7.0, 1e-300])
    before = x.copy()
    numerical_gradient(lambda a: float(np.sum(np.sin(a))), x)
    assert x.tobytes() == before.tobytes()


def test_numerical_gradient_restores_the_array_when_f_raises() -> None:
    x = np.array([0.1, 1.0 / 3.0, -2.0 / 7.0])
    before = x.copy()
    calls = []

    def f(a: np.ndarray) -> float:
        calls.append(1)
        if len(calls) == 4:  # while the second entry is moved by -eps
            raise RuntimeError("boom")
        return float(np.sum(a))

    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(f, x)
    assert x.tobytes() == before.tobytes()


def test_numerical_gradient_calls_f_twice_per_entry() -> None:
    calls = []

    def f(a: np.ndarray) -> float:
        calls.append(1)
        return float(a.sum())

    numerical_gradient(f, np.zeros((2, 3)))
    assert len(calls) == 12


def test_numerical_gradient_moves_one_entry_at_a_time() -> None:
    x = np.zeros(3)
    seen = []
    numerical_gradient(lambda a: seen.append(a.copy()) or 0.0, x, eps=0.5)
    for a in seen:
        assert np.count_nonzero(a) == 1
        assert np.abs(a).max() == 0.5


# ------------------------------------------------------------ relative_error
def test_relative_error_of_equal_arrays_is_zero() -> None:
    a = np.array([1.0, -2.0, 3.0])
    assert relative_error(a, a.copy()) == 0.0


def test_relative_error_of_two_zero_arrays_is_zero() -> None:
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0


def test_relative_error_against_zero_or_opposite_is_one() -> None:
    a = np.array([1.0, -2.0, 3.0])
    assert relative_error(a, np.zeros(3)) == pytest.approx(1.0)
    assert relative_error(a, -a) == pytest.approx(1.0)


def test_relative_error_of_a_scaled_gradient() -> None:
    # ||c g - g|| / (||c g|| + ||g||) = (c - 1) / (c + 1) for c > 1
    g = np.array([[0.3, -0.1], [2.0, 0.7]])
    assert relative_error(5.0 * g, g) == pytest.approx(4.0 / 6.0, rel=1e-14)


# entries 0 or of magnitude > 1e-100, so that squares stay normal floats;
# the tiny-vector case has its own test below
vectors = hnp.arrays(
    np.float64, 5, elements=st.floats(-1e3, 1e3).filter(lambda x: x == 0 or abs(x) > 1e-100)
)


@given(vectors, vectors)
def test_relative_error_is_symmetric_and_in_unit_interval(a: np.ndarray, b: np.ndarray) -> None:
    e = relative_error(a, b)
    assert e == relative_error(b, a)
    assert 0.0 <= e <= 1.0 + 1e-15


@given(vectors, vectors, st.floats(1e-3, 1e3))
def test_relative_error_is_scale_free(a: np.ndarray, b: np.ndarray, c: float) -> None:
    assert relative_error(c * a, c * b) == pytest.approx(relative_error(a, b), rel=1e-9, abs=1e-15)


def test_relative_error_of_tiny_gradient_against_zero_is_one() -> None:
    # a non-zero gradient never agrees with a zero one, however small it is;
    # the squares of 1e-170 underflow to 0, so a plain norm would call them equal
    assert relative_error(np.zeros(3), np.full(3, 1e-170)) == pytest.approx(1.0)


def test_relative_error_rejects_different_shapes() -> None:
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.zeros(3), np.zeros((3, 1)))


# ------------------------------------------------------------ gradient_check
def test_gradient_check_reports_every_layer(rings) -> None:
    X, _, T = rings
    model = NonLinearModel.initialize([2, 5, 4, 3], "tanh", seed=0)
    result = gradient_check(model, X, T)
    assert len(result.errors_w) == len(result.errors_b) == 3
    assert result.max_error == max(result.errors_w + result.errors_b)
    assert [a.shape for a in result.numerical_w] == [W.shape for W in model.weights]
    assert [a.shape for a in result.numerical_b] == [b.shape for b in model.bias]
    grads_w, grads_b = model.back_propagation(X, T)
    for a, b in zip(result.analytical_w + result.analytical_b, grads_w + grads_b, strict=True):
        np.testing.assert_array_equal(a, b)


def test_gradient_check_does_not_modify_the_model(rings) -> None:
    X, _, T = rings
    model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0, init="standard")
    before = [a.copy() for a in model.weights + model.bias]
    gradient_check(model, X, T)
    for a, b in zip(before, model.weights + model.bias, strict=True):
        assert a.tobytes() == b.tobytes()


# ------------------------------------------------- planted bugs: hidden layer
def posts_network(activation: Activation | str, seed: int = 0) -> NonLinearModel:
    """The post's [2, 3, 3] network with its N(0, 1) initial weights, any activation."""
    start = NonLinearModel.initialize([2, 3, 3], "relu", seed=seed, init="standard")
    return NonLinearModel(start.weights, start.bias, activation)


#: The original post's pair: its forward pass was a leaky ReLU of slope 0.1,
#: but its derivative, called once per sample, reduced to the plain ReLU mask
#: (z > 0): slope 0 where the forward pass has slope 0.1.
POSTS_RELU = Activation("posts_relu", partial(act.leaky_relu, slope=0.1), act.relu_grad)
LEAKY_RELU_01 = nnscratch.get_activation("leaky_relu", slope=0.1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_checker_catches_the_posts_relu_derivative(seed: int, rings) -> None:
    X, _, T = rings
    assert gradient_check(posts_network(POSTS_RELU, seed), X, T).max_error > 1e-3


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_correct_leaky_relu_derivative_passes_on_same_data_and_weights(seed: int, rings) -> None:
    X, _, T = rings
    assert gradient_check(posts_network(LEAKY_RELU_01, seed), X, T).max_error < 1e-7


WRONG_HIDDEN_DERIVATIVES = {
    "posts relu mask": POSTS_RELU,
    "logistic without (1 - s)": Activation("logistic", act.logistic, act.logistic),
    "tanh as 1 - z^2": Activation("tanh", act.tanh, lambda z: 1.0 - np.asarray(z) ** 2),
    "softplus grad as relu grad": Activation("softplus", act.softplus, act.relu_grad),
}


@pytest.mark.parametrize(
    "activation", WRONG_HIDDEN_DERIVATIVES.values(), ids=WRONG_HIDDEN_DERIVATIVES.keys()
)
def test_wrong_hidden_derivative_is_located_in_the_hidden_layer(activation, rings) -> None:
    # f' only enters Delta_h, so the output layer's gradients stay right
    X, _, T = rings
    result = gradient_check(posts_network(activation), X, T)
    assert result.errors_w[0] > 1e-3
    assert result.errors_w[1] < 1e-7
    assert result.errors_b[1] < 1e-7


# ------------------------------------------------- planted bugs: output layer
class SummedCostGradients(NonLinearModel):
    """Backpropagation of the post's summed cost, checked against the mean cost.

    Its output delta forgets the factor 1/n: every gradient is n times too big.
    """

    def back_propagation(self, X, T):
        grads_w, grads_b = super().back_propagation(X, T)
        n = np.asarray(X).shape[0]
        return [n * g for g in grads_w], [n * g for g in grads_b]


def test_checker_catches_a_forgotten_one_over_n(rings) -> None:
    X, _, T = rings
    start = posts_network("logistic")
    model = SummedCostGradients(start.weights, start.bias, "logistic")
    result = gradient_check(model, X, T)
    # relative error of n g against g is (n - 1) / (n + 1), about 0.987 for n = 150
    n = X.shape[0]
    assert result.max_error == pytest.approx((n - 1) / (n + 1), rel=1e-6)
    assert min(result.errors_w + result.errors_b) > 0.9


class UntransposedOutputWeights(NonLinearModel):
    """The post's dz_o/dh = W_o instead of W_o^T (silent when W_o is square, m = k = 3)."""

    def back_propagation(self, X, T):
        X = np.asarray(X, dtype=np.float64)
        (W_h, W_o), (b_h, _) = self.weights, self.bias
        Z_h = X @ W_h + b_h
        H, Y = self.feed_forward(X)
        delta_o = (Y - T) / X.shape[0]
        delta_h = (delta_o @ W_o) * self.hidden_activation.derivative(Z_h)  # bug: W_o.T
        grads_w = [X.T @ delta_h, H.T @ delta_o]
        grads_b = [delta_h.sum(axis=0, keepdims=True), delta_o.sum(axis=0, keepdims=True)]
        return grads_w, grads_b


def test_untransposed_reference_is_right_once_transposed(rings) -> None:
    # guard for the test below: with a symmetric W_o the bug is invisible
    X, _, T = rings
    start = posts_network("logistic")
    W_o = start.weights[1]
    symmetric = UntransposedOutputWeights(
        [start.weights[0], (W_o + W_o.T) / 2], start.bias, "logistic"
    )
    assert gradient_check(symmetric, X, T).max_error < 1e-7


def test_checker_catches_untransposed_output_weights(rings) -> None:
    X, _, T = rings
    start = posts_network("logistic")
    model = UntransposedOutputWeights(start.weights, start.bias, "logistic")
    result = gradient_check(model, X, T)
    assert result.errors_w[0] > 1e-2
    assert result.errors_w[1] < 1e-7  # the output layer's own gradient is right
