"""NonLinearModel: construction, initialisation, forward pass (forward and linear-stacking pages)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

import nnscratch
from nnscratch import NonLinearModel

SIZES = [[2, 3], [2, 3, 3], [2, 5, 4, 3], [2, 16, 3], [4, 1, 7, 2]]


def random_model(sizes: list[int], activation: str = "tanh", seed: int = 0) -> NonLinearModel:
    """A model with N(0, 1) weights and N(0, 0.5^2) biases (non-zero biases on purpose)."""
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(a, b)) for a, b in pairwise(sizes)]
    bias = [rng.normal(scale=0.5, size=(1, b)) for b in sizes[1:]]
    return NonLinearModel(weights, bias, activation)


def reference_forward(model: NonLinearModel, X: np.ndarray, f) -> np.ndarray:
    """Class probabilities computed here, without the model's forward pass."""
    A = X
    for W, b in zip(model.weights[:-1], model.bias[:-1], strict=True):
        A = f(A @ W + b)
    Z = A @ model.weights[-1] + model.bias[-1]
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


# --------------------------------------------------------------- forward pass
@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_feed_forward_shapes(sizes: list[int]) -> None:
    model = random_model(sizes)
    X = np.random.default_rng(1).normal(size=(7, sizes[0]))
    outputs = model.feed_forward(X)
    assert [out.shape for out in outputs] == [(7, width) for width in sizes[1:]]


@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_predict_proba_equals_reference_forward(sizes: list[int]) -> None:
    model = random_model(sizes, "tanh")
    X = np.random.default_rng(1).normal(size=(7, sizes[0]))
    np.testing.assert_allclose(
        model.predict_proba(X), reference_forward(model, X, np.tanh), rtol=1e-13
    )


def test_feed_forward_hidden_output_is_activation_of_pre_activation() -> None:
    model = random_model([2, 3, 3], "relu")
    X = np.random.default_rng(2).normal(size=(5, 2))
    H, Y = model.feed_forward(X)
    np.testing.assert_allclose(H, np.maximum(X @ model.weights[0] + model.bias[0], 0.0))
    np.testing.assert_allclose(Y, model.predict_proba(X), rtol=1e-15)


@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_predict_proba_rows_sum_to_one(sizes: list[int]) -> None:
    model = random_model(sizes, "relu")
    X = np.random.default_rng(3).normal(scale=3.0, size=(20, sizes[0]))
    Y = model.predict_proba(X)
    np.testing.assert_allclose(Y.sum(axis=1), 1.0, rtol=1e-14)
    assert np.all(Y >= 0.0)


@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_predict_is_argmax_of_probabilities(sizes: list[int]) -> None:
    model = random_model(sizes, "logistic", seed=4)
    X = np.random.default_rng(4).normal(size=(30, sizes[0]))
    predicted = model.predict(X)
    assert predicted.shape == (30,)
    assert np.issubdtype(predicted.dtype, np.integer)
    np.testing.assert_array_equal(predicted, np.argmax(model.predict_proba(X), axis=1))


def test_the_posts_network() -> None:
    model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0, init="standard")
    assert model.n_layers == 2
    assert model.layer_sizes == [2, 3, 3]
    assert (model.n_features, model.n_classes) == (2, 3)
    assert [W.shape for W in model.weights] == [(2, 3), (3, 3)]
    assert [b.shape for b in model.bias] == [(1, 3), (1, 3)]


def test_zero_input_with_zero_biases_predicts_uniform() -> None:
    # X = 0 and b = 0 give Z_h = 0, relu(0) = 0, Z_o = 0, softmax = 1/3
    model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0)
    np.testing.assert_allclose(model.predict_proba(np.zeros((2, 2))), 1.0 / 3.0, rtol=1e-15)


def test_cost_is_cross_entropy_of_predictions(rings) -> None:
    X, _, T = rings
    model = random_model([2, 3, 3], "relu")
    Y = reference_forward(model, X, lambda z: np.maximum(z, 0.0))
    expected = -np.mean(np.log(Y[T == 1.0]))
    assert model.cost(X, T) == pytest.approx(expected, rel=1e-12)


def test_cost_finite_and_exact_for_huge_logits() -> None:
    # logits (1e4, 0, 0) for a sample of class 1: -log softmax = 1e4 + log(1 + 2e^-1e4) = 1e4
    model = NonLinearModel([[[1e4, 0.0, 0.0], [0.0, 0.0, 0.0]]], [[[0.0, 0.0, 0.0]]])
    cost = model.cost([[1.0, 0.0]], [[0.0, 1.0, 0.0]])
    assert cost == pytest.approx(1e4, rel=1e-15)


def test_repr_names_sizes_and_activation() -> None:
    model = NonLinearModel.initialize([2, 3, 3], "logistic")
    assert repr(model) == "NonLinearModel(layer_sizes=[2, 3, 3], hidden_activation='logistic')"


# ----------------------------------------------------- stacking linear layers
def test_identity_activation_deep_model_collapses_to_one_layer() -> None:
    # eq-stacked-linear: X W1 W2 W3 + ((b1 W2 + b2) W3 + b3) is one affine map
    deep = random_model([2, 5, 4, 3], "identity", seed=5)
    (W1, W2, W3), (b1, b2, b3) = deep.weights, deep.bias
    single = NonLinearModel([W1 @ W2 @ W3], [(b1 @ W2 + b2) @ W3 + b3])
    X = np.random.default_rng(5).normal(size=(25, 2))
    np.testing.assert_allclose(deep.predict_proba(X), single.predict_proba(X), rtol=1e-12)


def test_non_linear_activation_does_not_collapse() -> None:
    deep = random_model([2, 5, 4, 3], "relu", seed=5)
    (W1, W2, W3), (b1, b2, b3) = deep.weights, deep.bias
    single = NonLinearModel([W1 @ W2 @ W3], [(b1 @ W2 + b2) @ W3 + b3])
    X = np.random.default_rng(5).normal(size=(25, 2))
    assert not np.allclose(deep.predict_proba(X), single.predict_proba(X), rtol=1e-3)


def test_one_layer_model_is_softmax_regression() -> None:
    model = random_model([2, 3], "relu", seed=6)
    X = np.random.default_rng(6).normal(size=(9, 2))
    expected = nnscratch.softmax(X @ model.weights[0] + model.bias[0])
    np.testing.assert_allclose(model.predict_proba(X), expected, rtol=1e-14)


def test_one_layer_model_ignores_hidden_activation() -> None:
    relu_model = random_model([2, 3], "relu", seed=7)
    logistic_model = NonLinearModel(relu_model.weights, relu_model.bias, "logistic")
    X = np.random.default_rng(7).normal(size=(9, 2))
    np.testing.assert_array_equal(relu_model.predict_proba(X), logistic_model.predict_proba(X))


# --------------------------------------------------------------- initialize
@pytest.mark.parametrize("sizes", SIZES, ids=str)
@pytest.mark.parametrize("init", ["auto", "he", "glorot", "standard"])
def test_initialize_shapes_and_zero_biases(sizes: list[int], init: str) -> None:
    model = NonLinearModel.initialize(sizes, "relu", seed=0, init=init)
    assert model.layer_sizes == sizes
    assert [W.shape for W in model.weights] == list(pairwise(sizes))
    assert [b.shape for b in model.bias] == [(1, width) for width in sizes[1:]]
    for b in model.bias:
        np.testing.assert_array_equal(b, 0.0)
    for W in model.weights:
        assert W.dtype == np.float64


def test_initialize_same_seed_same_weights() -> None:
    a = NonLinearModel.initialize([2, 5, 4, 3], "relu", seed=3)
    b = NonLinearModel.initialize([2, 5, 4, 3], "relu", seed=3)
    for Wa, Wb in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(Wa, Wb)


def test_initialize_different_seed_different_weights() -> None:
    a = NonLinearModel.initialize([2, 5, 4, 3], "relu", seed=3)
    b = NonLinearModel.initialize([2, 5, 4, 3], "relu", seed=4)
    for Wa, Wb in zip(a.weights, b.weights, strict=True):
        assert not np.array_equal(Wa, Wb)


@pytest.mark.parametrize(
    ("init", "expected_std"),
    [
        ("standard", 1.0),
        ("he", np.sqrt(2.0 / 400)),  # eq-init-he
        ("glorot", np.sqrt(2.0 / (400 + 400))),  # eq-init-glorot
    ],
)
def test_initialize_scale_of_a_big_layer(init: str, expected_std: float) -> None:
    model = NonLinearModel.initialize([400, 400, 400], "relu", seed=0, init=init)
    for W in model.weights:
        assert abs(W.mean()) < 0.05 * expected_std
        assert W.std() == pytest.approx(expected_std, rel=0.05)


def test_initialize_auto_is_he_for_relu_hidden_and_glorot_for_output() -> None:
    model = NonLinearModel.initialize([400, 400, 200], "relu", seed=0, init="auto")
    assert model.weights[0].std() == pytest.approx(np.sqrt(2.0 / 400), rel=0.05)
    assert model.weights[1].std() == pytest.approx(np.sqrt(2.0 / 600), rel=0.05)


@pytest.mark.parametrize("activation", ["logistic", "tanh", "identity"])
def test_initialize_auto_is_glorot_for_smooth_activations(activation: str) -> None:
    model = NonLinearModel.initialize([400, 200, 400], activation, seed=0, init="auto")
    for W in model.weights:
        assert W.std() == pytest.approx(np.sqrt(2.0 / 600), rel=0.05)


@pytest.mark.parametrize("init", ["standard", "he", "glorot"])
def test_relu_and_logistic_models_start_from_identical_weights(init: str) -> None:
    relu_model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0, init=init)
    logistic_model = NonLinearModel.initialize([2, 3, 3], "logistic", seed=0, init=init)
    for Wr, Wl in zip(relu_model.weights, logistic_model.weights, strict=True):
        np.testing.assert_array_equal(Wr, Wl)


def test_logistic_model_built_from_relu_models_weights() -> None:
    relu_model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0, init="standard")
    logistic_model = NonLinearModel(relu_model.weights, relu_model.bias, "logistic")
    assert logistic_model.hidden_activation.name == "logistic"
    for a, b in zip(
        relu_model.weights + relu_model.bias,
        logistic_model.weights + logistic_model.bias,
        strict=True,
    ):
        np.testing.assert_array_equal(a, b)
        assert a is not b


# ------------------------------------------------------------ ownership
def test_constructor_copies_the_given_arrays() -> None:
    W = [np.ones((2, 3)), np.ones((3, 3))]
    b = [np.zeros((1, 3)), np.zeros((1, 3))]
    model = NonLinearModel(W, b, "relu")
    W[0][0, 0] = 99.0
    b[1][0, 0] = 99.0
    W.append(np.ones((3, 3)))
    assert model.weights[0][0, 0] == 1.0
    assert model.bias[1][0, 0] == 0.0
    assert model.n_layers == 2


def test_constructor_accepts_nested_lists_as_float64() -> None:
    model = NonLinearModel([[[1, 2], [3, 4]]], [[[0, 1]]], "relu")
    assert model.weights[0].dtype == np.float64
    np.testing.assert_array_equal(model.weights[0], [[1.0, 2.0], [3.0, 4.0]])


def test_copy_is_independent() -> None:
    model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0)
    clone = model.copy()
    clone.weights[0][0, 0] += 1.0
    clone.bias[1][0, 0] += 1.0
    assert model.weights[0][0, 0] != clone.weights[0][0, 0]
    assert model.bias[1][0, 0] == 0.0
    assert clone.hidden_activation is model.hidden_activation


def test_copy_has_equal_parameters() -> None:
    model = random_model([2, 5, 3], "softplus")
    clone = model.copy()
    for a, b in zip(model.weights + model.bias, clone.weights + clone.bias, strict=True):
        np.testing.assert_array_equal(a, b)


def test_update_model_replaces_with_copies() -> None:
    model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0)
    new_w = [np.full((2, 3), 2.0), np.full((3, 3), 3.0)]
    new_b = [np.full((1, 3), 4.0), np.full((1, 3), 5.0)]
    model.update_model(new_w, new_b)
    new_w[0][0, 0] = -1.0
    np.testing.assert_array_equal(model.weights[0], 2.0)
    np.testing.assert_array_equal(model.bias[1], 5.0)


@pytest.mark.parametrize(
    ("weights", "bias", "match"),
    [
        ([np.ones((2, 4)), np.ones((4, 3))], [np.zeros((1, 4)), np.zeros((1, 3))], "shapes"),
        ([np.ones((2, 3))], [np.zeros((1, 3))], "shapes"),
        ([np.ones((2, 3)), np.ones((3, 3))], [np.zeros((1, 3))], "one entry per layer"),
        ([np.ones((2, 3)), np.ones((3, 3))], [np.zeros((1, 3)), np.zeros((3,))], r"bias\[1\]"),
        ([np.ones((2, 3)), np.full((3, 3), np.nan)], [np.zeros((1, 3))] * 2, r"weights\[1\]"),
    ],
)
def test_update_model_rejects_and_leaves_model_unchanged(weights, bias, match: str) -> None:
    model = NonLinearModel.initialize([2, 3, 3], "relu", seed=0)
    before = [a.copy() for a in model.weights + model.bias]
    with pytest.raises(ValueError, match=match):
        model.update_model(weights, bias)
    for a, b in zip(before, model.weights + model.bias, strict=True):
        np.testing.assert_array_equal(a, b)


def test_forward_does_not_modify_inputs() -> None:
    model = random_model([2, 5, 3], "relu")
    X = np.random.default_rng(0).normal(size=(6, 2))
    X_before = X.copy()
    model.feed_forward(X)
    model.predict_proba(X)
    model.predict(X)
    np.testing.assert_array_equal(X, X_before)
