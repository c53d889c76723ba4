"""Full-batch gradient descent, :func:`nnscratch.train`, on the book's shared experiment."""

from __future__ import annotations

import numpy as np
import pytest

import nnscratch
from nnscratch import NonLinearModel, train

LEARNING_RATE = 1.5  # the book's rate on the mean cost (the post's 0.01 on its summed cost)
N_ITER = 1000


def posts_model(activation: str, seed: int = 0) -> NonLinearModel:
    """The post's [2, 3, 3] network; relu and logistic share the same N(0, 1) draw."""
    start = NonLinearModel.initialize([2, 3, 3], "relu", seed=seed, init="standard")
    return NonLinearModel(start.weights, start.bias, activation)


def accuracy(model: NonLinearModel, X: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(model.predict(X) == labels))


# -------------------------------------------------------------- it learns
def test_logistic_posts_network_reaches_85_percent(rings) -> None:
    # measured: 0.88 on seed 0 (0.87-0.89 on seeds 0..9)
    X, labels, T = rings
    model = posts_model("logistic")
    train(model, X, T, LEARNING_RATE, N_ITER)
    assert accuracy(model, X, labels) >= 0.85


def test_logistic_posts_network_generalises_to_held_out_rings(rings, rings_val) -> None:
    # measured: 0.887 on the seed-1 rings
    X, _, T = rings
    X_val, labels_val, _ = rings_val
    model = posts_model("logistic")
    train(model, X, T, LEARNING_RATE, N_ITER)
    assert accuracy(model, X_val, labels_val) >= 0.85


def test_wider_hidden_layer_fits_better(rings) -> None:
    # measured: 0.92 with 16 logistic hidden units against 0.88 with 3
    X, labels, T = rings
    narrow = posts_model("logistic")
    wide = NonLinearModel.initialize([2, 16, 3], "logistic", seed=0, init="standard")
    train(narrow, X, T, LEARNING_RATE, N_ITER)
    train(wide, X, T, LEARNING_RATE, N_ITER)
    assert accuracy(wide, X, labels) >= 0.90
    assert accuracy(wide, X, labels) > accuracy(narrow, X, labels)


def test_linear_model_cannot_separate_the_rings(rings) -> None:
    # the reason for the hidden layer: the classes are nested, no line separates them
    X, labels, T = rings
    linear = NonLinearModel.initialize([2, 3], seed=0)
    train(linear, X, T, LEARNING_RATE, N_ITER)
    assert accuracy(linear, X, labels) < 0.6


def test_cost_decreases(rings) -> None:
    X, _, T = rings
    history = train(posts_model("relu"), X, T, LEARNING_RATE, N_ITER)
    assert history.cost[-1] < history.cost[0]


def test_small_steps_lower_the_cost_at_every_step(rings) -> None:
    # smooth activation, small learning rate: gradient descent is monotone
    X, _, T = rings
    history = train(posts_model("logistic"), X, T, learning_rate=0.1, n_iter=300)
    assert np.all(np.diff(history.cost) < 0.0)


def test_mean_cost_step_does_not_grow_with_n() -> None:
    # the post's summed cost with its rate blew up to NaN from about 3000 points;
    # the mean cost with the equivalent rate trains on 3000 points as on 150
    X, labels = nnscratch.make_rings(n_per_class=1000, noise=0.2, seed=0)
    T = nnscratch.one_hot(labels, 3)
    history = train(posts_model("logistic"), X, T, LEARNING_RATE, n_iter=200)
    assert np.all(np.isfinite(history.cost))
    assert history.cost[-1] < history.cost[0]


# ------------------------------------------------------------ the history
def test_history_has_n_iter_plus_one_entries(rings) -> None:
    X, _, T = rings
    history = train(posts_model("relu"), X, T, LEARNING_RATE, n_iter=17)
    assert history.cost.shape == (18,)
    assert history.accuracy.shape == (18,)
    assert history.val_cost is None
    assert history.val_accuracy is None


def test_history_first_entry_is_the_initial_model(rings) -> None:
    X, labels, T = rings
    model = posts_model("relu")
    cost_before, accuracy_before = model.cost(X, T), accuracy(model, X, labels)
    history = train(model, X, T, LEARNING_RATE, n_iter=20)
    assert history.cost[0] == pytest.approx(cost_before, rel=1e-15)
    assert history.accuracy[0] == accuracy_before


def test_history_last_entry_is_the_trained_model(rings) -> None:
    X, labels, T = rings
    model = posts_model("relu")
    history = train(model, X, T, LEARNING_RATE, n_iter=20)
    assert history.cost[-1] == pytest.approx(model.cost(X, T), rel=1e-15)
    assert history.accuracy[-1] == accuracy(model, X, labels)


def test_history_entry_i_is_the_cost_after_i_steps(rings) -> None:
    X, _, T = rings
    model = posts_model("tanh")
    history = train(model.copy(), X, T, LEARNING_RATE, n_iter=5)
    train(model, X, T, LEARNING_RATE, n_iter=3)
    assert history.cost[3] == pytest.approx(model.cost(X, T), rel=1e-14)


def test_validation_history(rings, rings_val) -> None:
    X, _, T = rings
    X_val, labels_val, T_val = rings_val
    model = posts_model("logistic")
    val_cost_before = model.cost(X_val, T_val)
    history = train(model, X, T, LEARNING_RATE, n_iter=50, X_val=X_val, T_val=T_val)
    assert history.val_cost is not None
    assert history.val_accuracy is not None
    assert history.val_cost.shape == history.val_accuracy.shape == (51,)
    assert history.val_cost[0] == pytest.approx(val_cost_before, rel=1e-15)
    assert history.val_cost[-1] == pytest.approx(model.cost(X_val, T_val), rel=1e-15)
    assert history.val_accuracy[-1] == accuracy(model, X_val, labels_val)


def test_validation_on_the_training_data_repeats_the_training_history(rings) -> None:
    # measured at the same parameters, the two curves must agree entry by entry
    X, _, T = rings
    history = train(posts_model("relu"), X, T, LEARNING_RATE, n_iter=20, X_val=X, T_val=T)
    assert history.val_cost is not None
    assert history.val_accuracy is not None
    np.testing.assert_allclose(history.val_cost, history.cost, rtol=1e-12)
    np.testing.assert_array_equal(history.val_accuracy, history.accuracy)


def test_validation_does_not_change_training(rings, rings_val) -> None:
    X, _, T = rings
    X_val, _, T_val = rings_val
    a, b = posts_model("relu"), posts_model("relu")
    plain = train(a, X, T, LEARNING_RATE, n_iter=30)
    with_val = train(b, X, T, LEARNING_RATE, n_iter=30, X_val=X_val, T_val=T_val)
    np.testing.assert_array_equal(plain.cost, with_val.cost)
    for Wa, Wb in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(Wa, Wb)


# -------------------------------------------------------- the update itself
def test_one_step_is_the_gradient_descent_update(rings) -> None:
    # eq-gd-update: W <- W - learning_rate * dL/dW, for every parameter
    X, _, T = rings
    model = posts_model("relu")
    start = model.copy()
    grads_w, grads_b = start.back_propagation(X, T)
    train(model, X, T, learning_rate=0.7, n_iter=1)
    for W, W0, g in zip(model.weights, start.weights, grads_w, strict=True):
        np.testing.assert_allclose(W, W0 - 0.7 * g, rtol=1e-15, atol=1e-15)
    for b, b0, g in zip(model.bias, start.bias, grads_b, strict=True):
        np.testing.assert_allclose(b, b0 - 0.7 * g, rtol=1e-15, atol=1e-15)


def reference_descent(model: NonLinearModel, X, T, learning_rate: float, n_iter: int) -> list:
    """Gradient descent written here with the public back_propagation; returns the costs."""
    costs = []
    for _ in range(n_iter):
        costs.append(model.cost(X, T))
        grads_w, grads_b = model.back_propagation(X, T)
        model.update_model(
            [W - learning_rate * g for W, g in zip(model.weights, grads_w, strict=True)],
            [b - learning_rate * g for b, g in zip(model.bias, grads_b, strict=True)],
        )
    costs.append(model.cost(X, T))
    return costs


TRAINED_ACTIVATIONS = {
    "relu": "relu",
    "logistic": "logistic",
    "tanh": "tanh",
    "softplus": "softplus",
    "identity": "identity",
    "leaky_relu 0.1": nnscratch.get_activation("leaky_relu", slope=0.1),
    "custom relu": nnscratch.Activation(
        "relu", nnscratch.activations.relu, nnscratch.activations.relu_grad
    ),
}


@pytest.mark.parametrize("activation", TRAINED_ACTIVATIONS.values(), ids=TRAINED_ACTIVATIONS.keys())
@pytest.mark.parametrize("sizes", [[2, 3], [2, 3, 3], [2, 5, 4, 3]], ids=str)
def test_train_equals_reference_gradient_descent(activation, sizes: list[int], rings) -> None:
    # train runs a faster re-implementation of the step; it must follow the same path
    X, labels, T = rings
    start = NonLinearModel.initialize(sizes, activation, seed=1)
    model, reference = start.copy(), start.copy()
    history = train(model, X, T, learning_rate=0.5, n_iter=50)
    costs = reference_descent(reference, X, T, learning_rate=0.5, n_iter=50)
    np.testing.assert_allclose(history.cost, costs, rtol=1e-12)
    for got, want in zip(
        model.weights + model.bias, reference.weights + reference.bias, strict=True
    ):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    assert history.accuracy[-1] == accuracy(reference, X, labels)


def test_train_accuracy_history_matches_predict(rings) -> None:
    # accuracy[i] is the fraction of predict(X) == labels after i steps
    X, labels, T = rings
    model = posts_model("relu", seed=4)
    start = model.copy()
    history = train(model, X, T, LEARNING_RATE, n_iter=10)
    expected = []
    for _ in range(10):
        expected.append(accuracy(start, X, labels))
        train(start, X, T, LEARNING_RATE, n_iter=1)
    expected.append(accuracy(start, X, labels))
    np.testing.assert_array_equal(history.accuracy, expected)


def test_train_accuracy_breaks_ties_as_predict_does(rings) -> None:
    # All three hidden ReLUs look along +x1: every sample with x1 < 0 has H = 0,
    # hence logits Z_o = b_o = 0, a three-way tie that predict gives to class 0.
    X, labels, T = rings
    W_o = np.random.default_rng(0).normal(size=(3, 3))
    model = NonLinearModel([[[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]], W_o], [np.zeros((1, 3))] * 2)
    tied = X[:, 0] < 0
    assert tied.sum() > 50
    # a tie: the three probabilities are equal bit for bit (each is about 1/3; how
    # close depends on the exp and log of the numpy build and the processor)
    P = model.predict_proba(X[tied])
    np.testing.assert_array_equal(P, P[:, :1] * np.ones((1, 3)))
    np.testing.assert_allclose(P, 1.0 / 3.0, rtol=1e-15)
    history = train(model.copy(), X, T, LEARNING_RATE, n_iter=1)
    assert history.accuracy[0] == accuracy(model, X, labels)


def test_train_updates_the_model_in_place(rings) -> None:
    X, _, T = rings
    model = posts_model("relu")
    arrays_before = list(model.weights)
    start = model.copy()
    train(model, X, T, LEARNING_RATE, n_iter=5)
    assert all(W is W_before for W, W_before in zip(model.weights, arrays_before, strict=True))
    assert not np.array_equal(model.weights[0], start.weights[0])


def test_copy_keeps_the_starting_point(rings) -> None:
    X, _, T = rings
    model = posts_model("relu")
    start = model.copy()
    snapshot = [W.copy() for W in start.weights]
    train(model, X, T, LEARNING_RATE, n_iter=5)
    for W, W0 in zip(start.weights, snapshot, strict=True):
        np.testing.assert_array_equal(W, W0)


def test_train_does_not_modify_the_data(rings) -> None:
    X, _, T = rings
    X_before, T_before = X.copy(), T.copy()
    train(posts_model("relu"), X, T, LEARNING_RATE, n_iter=5)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(T, T_before)


def test_training_in_two_calls_equals_one_call(rings) -> None:
    """All the state of training is in the model: 60 + 40 steps are 100 steps."""
    X, _, T = rings
    once, twice = posts_model("relu", seed=3), posts_model("relu", seed=3)
    whole = train(once, X, T, LEARNING_RATE, n_iter=100)
    train(twice, X, T, LEARNING_RATE, n_iter=60)
    second = train(twice, X, T, LEARNING_RATE, n_iter=40)
    np.testing.assert_array_equal(second.cost, whole.cost[60:])
    for a, b in zip(once.weights + once.bias, twice.weights + twice.bias, strict=True):
        np.testing.assert_array_equal(a, b)


# -------------------------------------------------------------- divergence
def test_divergence_raises_floating_point_error(rings) -> None:
    # A ReLU network with a huge step: the weights overflow to inf, the cost to NaN
    # within a few dozen steps. The documented outcome is FloatingPointError; with
    # filterwarnings = error, a numpy RuntimeWarning escaping first fails this test.
    X, _, T = rings
    model = posts_model("relu")
    before = model.copy()
    with pytest.raises(FloatingPointError, match="learning_rate"):
        train(model, X, T, learning_rate=1e6, n_iter=200)
    # the failed call leaves the model with the parameters it was given
    for got, want in zip(model.weights + model.bias, before.weights + before.bias, strict=True):
        np.testing.assert_array_equal(got, want)
