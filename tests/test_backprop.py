"""Backpropagation: the vectorised gradients against two trusted references.

1. Central differences of the cost (float64, relative error < 1e-7), through
   :func:`nnscratch.gradient_check` and through a finite difference written here.
2. A slow per-sample reference written here the way the original post did it:
   a loop over samples with explicit Jacobians (softmax Jacobian,
   ``diag(f'(z))``) and outer products.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

import nnscratch
from nnscratch import NonLinearModel, gradient_check, relative_error

ACTIVATIONS = ["relu", "leaky_relu", "logistic", "softplus", "tanh", "identity"]
SIZES = [[2, 3], [2, 3, 3], [2, 8, 3], [2, 5, 4, 3], [2, 4, 7, 2]]

#: Step of the central differences. The costs here are O(1) and some gradient
#: entries O(1e-4); at eps = 1e-6 the rounding error (~1e-16 / eps) alone
#: reaches a relative error near 1e-7 for deep logistic models, 1e-5 keeps
#: both truncation and rounding error near 1e-9.
EPS = 1e-5


def random_model(sizes: list[int], activation: str, seed: int = 0) -> NonLinearModel:
    """N(0, 1) weights and N(0, 0.5^2) biases.

    Non-zero biases matter for the ReLU family: with zero biases, a sample
    whose ReLU outputs are all 0 gives a next-layer pre-activation of exactly
    0, the kink, where central differences disagree with any derivative.
    """
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(a, b)) for a, b in pairwise(sizes)]
    bias = [rng.normal(scale=0.5, size=(1, b)) for b in sizes[1:]]
    return NonLinearModel(weights, bias, activation)


def data(n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """The book's rings (k = 3), or the rings with labels folded to `n_classes`."""
    X, labels = nnscratch.make_rings(n_per_class=20, noise=0.2, seed=0)
    return X, nnscratch.one_hot(labels % n_classes, n_classes)


# ------------------------------------------------------- per-sample reference
def per_sample_gradients(
    model: NonLinearModel, X: np.ndarray, T: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Gradients of the mean cross-entropy, one sample at a time, with Jacobians."""
    f, f_prime = model.hidden_activation.function, model.hidden_activation.derivative
    n = X.shape[0]
    grads_w = [np.zeros_like(W) for W in model.weights]
    grads_b = [np.zeros_like(b) for b in model.bias]
    for i in range(n):
        x, t = X[i : i + 1], T[i]  # (1, d), (k,)
        # forward, keeping every layer's input a and pre-activation z
        inputs, pre_activations = [x], []
        for W, b in zip(model.weights[:-1], model.bias[:-1], strict=True):
            z = inputs[-1] @ W + b
            pre_activations.append(z)
            inputs.append(f(z))
        z_o = (inputs[-1] @ model.weights[-1] + model.bias[-1])[0]
        y = np.exp(z_o - z_o.max()) / np.exp(z_o - z_o.max()).sum()
        # dL_i/dy = -t / y (L_i = -sum t log y, scaled by 1/n for the mean)
        dL_dy = -(t / y) / n  # (k,)
        J_softmax = np.diag(y) - np.outer(y, y)  # dy/dz_o, (k, k)
        delta = (dL_dy @ J_softmax)[None, :]  # dL/dz_o, (1, k)
        for layer in range(model.n_layers - 1, -1, -1):
            grads_w[layer] += np.outer(inputs[layer][0], delta[0])
            grads_b[layer] += delta
            if layer > 0:
                # dz_l/da_{l-1} = W_l^T; da/dz = diag(f'(z))
                J_act = np.diag(f_prime(pre_activations[layer - 1])[0])
                delta = delta @ model.weights[layer].T @ J_act
    return grads_w, grads_b


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_vectorised_equals_per_sample_reference(activation: str, sizes: list[int]) -> None:
    model = random_model(sizes, activation, seed=1)
    X, T = data(sizes[-1])
    grads_w, grads_b = model.back_propagation(X, T)
    ref_w, ref_b = per_sample_gradients(model, X, T)
    for got, want in zip(grads_w + grads_b, ref_w + ref_b, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_package_per_sample_gradients_equal_the_reference_here(activation: str, sizes) -> None:
    """nnscratch.per_sample_gradients (Kronecker Jacobians) against the outer-product loop here."""
    model = random_model(sizes, activation, seed=2)
    X, T = data(sizes[-1])
    got_w, got_b = nnscratch.per_sample_gradients(model, X, T)
    ref_w, ref_b = per_sample_gradients(model, X, T)
    for got, want in zip(got_w + got_b, ref_w + ref_b, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


def test_backward_reuses_the_forward_pass_it_is_given() -> None:
    """backward uses the ForwardPass it gets: a tampered one changes the gradients."""
    model = random_model([2, 4, 3], "tanh", seed=3)
    X, T = data(3)
    forward = model.forward(X)
    honest = model.backward(forward, T)
    forward.A_hidden[0][:] = 0.0  # the output layer's input, as if every unit were off
    tampered = model.backward(forward, T)
    np.testing.assert_array_equal(tampered.weights[1], 0.0)
    assert not np.allclose(honest.weights[1], 0.0)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_gradient_shapes_equal_parameter_shapes(activation: str, sizes: list[int]) -> None:
    model = random_model(sizes, activation)
    X, T = data(sizes[-1])
    grads_w, grads_b = model.back_propagation(X, T)
    assert [g.shape for g in grads_w] == [W.shape for W in model.weights]
    assert [g.shape for g in grads_b] == [b.shape for b in model.bias]


# ------------------------------------------------------ central differences
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_gradient_check_random_parameters(activation: str, sizes: list[int]) -> None:
    model = random_model(sizes, activation, seed=2)
    X, T = data(sizes[-1])
    result = gradient_check(model, X, T, eps=EPS)
    assert result.max_error < 1e-7


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("init", ["auto", "standard"])
def test_gradient_check_posts_network_on_the_rings(activation: str, init: str, rings) -> None:
    X, _, T = rings
    model = NonLinearModel.initialize([2, 3, 3], activation, seed=0, init=init)
    assert gradient_check(model, X, T, eps=EPS).max_error < 1e-7


def test_gradient_check_after_training(rings) -> None:
    # away from the initial point, where the hidden units are no longer symmetric
    X, _, T = rings
    model = NonLinearModel.initialize([2, 3, 3], "logistic", seed=0, init="standard")
    nnscratch.train(model, X, T, learning_rate=1.5, n_iter=200)
    assert gradient_check(model, X, T, eps=EPS).max_error < 1e-7


def test_independent_finite_difference_on_model_cost(rings) -> None:
    """Central differences written here, through the public cost only."""
    X, _, T = rings
    model = random_model([2, 4, 3], "softplus", seed=3)
    grads_w, grads_b = model.back_propagation(X, T)
    h = 1e-5

    def cost_with(layer: int, which: str, index: tuple[int, int], step: float) -> float:
        probe = model.copy()
        params = probe.weights if which == "w" else probe.bias
        params[layer][index] += step
        return probe.cost(X, T)

    for layer in range(model.n_layers):
        for which, params, grads in (("w", model.weights, grads_w), ("b", model.bias, grads_b)):
            numerical = np.empty_like(params[layer])
            for index in np.ndindex(params[layer].shape):
                numerical[index] = (
                    cost_with(layer, which, index, h) - cost_with(layer, which, index, -h)
                ) / (2 * h)
            assert relative_error(grads[layer], numerical) < 1e-7, (layer, which)


def test_output_gradient_closed_form_for_one_layer() -> None:
    # one layer: dL/dW = X^T (Y - T) / n and dL/db = column sums of (Y - T) / n
    model = random_model([2, 3], "relu", seed=4)
    X, T = data(3)
    Y = model.predict_proba(X)
    grads_w, grads_b = model.back_propagation(X, T)
    np.testing.assert_allclose(grads_w[0], X.T @ (Y - T) / len(X), rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(grads_b[0], (Y - T).mean(axis=0, keepdims=True), atol=1e-16)


def test_perfect_fit_gradient_is_tiny() -> None:
    # logits 100 apart in favour of the true class: |Y - T| <= e^-200 entry-wise,
    # so no gradient entry exceeds e^-200 either (X holds 0s and 1s, n = 2)
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    T = np.array([[1.0, 0.0], [0.0, 1.0]])
    model = NonLinearModel([[[100.0, -100.0], [-100.0, 100.0]]], [[[0.0, 0.0]]])
    grads_w, grads_b = model.back_propagation(X, T)
    assert np.abs(grads_w[0]).max() <= np.exp(-200.0)
    assert np.abs(grads_b[0]).max() <= np.exp(-200.0)


# ---------------------------------------------------------------- purity
def test_back_propagation_does_not_modify_model_or_data() -> None:
    model = random_model([2, 5, 4, 3], "relu")
    X, T = data(3)
    before = [a.copy() for a in model.weights + model.bias]
    X_before, T_before = X.copy(), T.copy()
    model.back_propagation(X, T)
    for a, b in zip(before, model.weights + model.bias, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(T, T_before)


def test_back_propagation_returns_fresh_arrays() -> None:
    model = random_model([2, 3, 3], "tanh")
    X, T = data(3)
    grads_w, _ = model.back_propagation(X, T)
    for g, W in zip(grads_w, model.weights, strict=True):
        assert not np.shares_memory(g, W)


def test_mean_cost_gradient_does_not_grow_with_n() -> None:
    # duplicating every sample leaves the mean cost, hence its gradient, unchanged
    model = random_model([2, 3, 3], "relu", seed=5)
    X, T = data(3)
    once = model.back_propagation(X, T)
    twice = model.back_propagation(np.vstack([X, X]), np.vstack([T, T]))
    for a, b in zip(once[0] + once[1], twice[0] + twice[1], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-16)
