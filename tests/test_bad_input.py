"""Wrong calls raise TypeError/ValueError naming the argument, and change nothing."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnscratch
from nnscratch import NonLinearModel, activations
from nnscratch import plotting as nnplot

X_OK, LABELS_OK = nnscratch.make_rings(n_per_class=5, noise=0.2, seed=0)  # (15, 2)
T_OK = nnscratch.one_hot(LABELS_OK, 3)
W_OK = [np.ones((2, 3)), np.ones((3, 3))]
B_OK = [np.zeros((1, 3)), np.zeros((1, 3))]


def model() -> NonLinearModel:
    return NonLinearModel.initialize([2, 3, 3], "relu", seed=0)


def with_nan(array: np.ndarray, value: float = np.nan) -> np.ndarray:
    bad = np.array(array, dtype=float)
    bad.flat[1] = value
    return bad


NOT_ONE_HOT = T_OK * 0.5
TWO_ONES = T_OK + np.eye(15, 3)[:, ::-1]
FOUR_CLASSES = nnscratch.one_hot(LABELS_OK, 4)

# (id, call, exception, regex the message must match)
CASES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    # ------------------------------------------------------- model inputs X
    (
        "predict 3 features",
        lambda: model().predict(np.ones((4, 3))),
        ValueError,
        r"X must have shape \(n, 2\)",
    ),
    ("predict 1-D X", lambda: model().predict(np.ones(2)), ValueError, r"X must be 2-D"),
    ("predict 3-D X", lambda: model().predict(np.ones((2, 2, 2))), ValueError, r"X must be 2-D"),
    (
        "predict empty X",
        lambda: model().predict(np.ones((0, 2))),
        ValueError,
        "X must have at least one row",
    ),
    ("predict string X", lambda: model().predict("abc"), TypeError, "X must be a numeric array"),
    (
        "predict object X",
        lambda: model().predict([["a", "b"]]),
        TypeError,
        "X must be a numeric array",
    ),
    ("predict NaN X", lambda: model().predict(with_nan(X_OK)), ValueError, "X contains 1 NaN"),
    (
        "predict inf X",
        lambda: model().predict(with_nan(X_OK, np.inf)),
        ValueError,
        "X contains 1 NaN or infinite",
    ),
    (
        "predict_proba 1 feature",
        lambda: model().predict_proba(np.ones((4, 1))),
        ValueError,
        r"X must have shape",
    ),
    ("feed_forward 1-D X", lambda: model().feed_forward([1.0, 2.0]), ValueError, r"X must be 2-D"),
    (
        "cost 3 features",
        lambda: model().cost(np.ones((15, 3)), T_OK),
        ValueError,
        r"X must have shape",
    ),
    (
        "back_propagation 1-D X",
        lambda: model().back_propagation(X_OK[0], T_OK[0]),
        ValueError,
        r"X must be 2-D",
    ),
    (
        "back_propagation NaN X",
        lambda: model().back_propagation(with_nan(X_OK), T_OK),
        ValueError,
        "X contains",
    ),
    # ------------------------------------------------------- targets T
    (
        "cost T not one-hot",
        lambda: model().cost(X_OK, NOT_ONE_HOT),
        ValueError,
        "T must be one-hot",
    ),
    ("cost T two ones", lambda: model().cost(X_OK, TWO_ONES), ValueError, "T must be one-hot"),
    (
        "cost T labels not one-hot",
        lambda: model().cost(X_OK, LABELS_OK),
        ValueError,
        r"T must be 2-D",
    ),
    (
        "cost T 4 classes",
        lambda: model().cost(X_OK, FOUR_CLASSES),
        ValueError,
        r"T must have shape \(15, 3\)",
    ),
    (
        "cost T too few rows",
        lambda: model().cost(X_OK, T_OK[:10]),
        ValueError,
        r"T must have shape \(15, 3\)",
    ),
    ("cost T NaN", lambda: model().cost(X_OK, with_nan(T_OK)), ValueError, "T contains 1 NaN"),
    (
        "back_propagation T 4 classes",
        lambda: model().back_propagation(X_OK, FOUR_CLASSES),
        ValueError,
        r"T must have shape",
    ),
    (
        "back_propagation T not one-hot",
        lambda: model().back_propagation(X_OK, NOT_ONE_HOT),
        ValueError,
        "T must be one-hot",
    ),
    # ------------------------------------------------------- model parameters
    (
        "init weights/bias lengths",
        lambda: NonLinearModel(W_OK, B_OK[:1]),
        ValueError,
        "weights and bias must have one entry per layer",
    ),
    (
        "init no layer",
        lambda: NonLinearModel([], []),
        ValueError,
        "weights must hold at least one layer",
    ),
    (
        "init weights array",
        lambda: NonLinearModel(np.ones((2, 2, 2)), B_OK),
        TypeError,
        "weights must be a list",
    ),
    (
        "init bias array",
        lambda: NonLinearModel(W_OK, np.zeros((2, 1, 3))),
        TypeError,
        "bias must be a list",
    ),
    (
        "init layers mismatch",
        lambda: NonLinearModel([np.ones((2, 3)), np.ones((4, 3))], B_OK),
        ValueError,
        r"weights\[1\] must have shape \(3, m\)",
    ),
    (
        "init 1-D weights",
        lambda: NonLinearModel([np.ones(3)], [np.zeros((1, 3))]),
        ValueError,
        r"weights\[0\] must be 2-D",
    ),
    (
        "init 1-D bias",
        lambda: NonLinearModel(W_OK, [np.zeros(3), np.zeros((1, 3))]),
        ValueError,
        r"bias\[0\] must be 2-D",
    ),
    (
        "init bias wrong width",
        lambda: NonLinearModel(W_OK, [np.zeros((1, 3)), np.zeros((1, 2))]),
        ValueError,
        r"bias\[1\] must have shape \(1, 3\)",
    ),
    (
        "init bias column",
        lambda: NonLinearModel(W_OK, [np.zeros((3, 1)), np.zeros((1, 3))]),
        ValueError,
        r"bias\[0\] must have shape \(1, 3\)",
    ),
    (
        "init NaN weights",
        lambda: NonLinearModel([with_nan(W_OK[0]), W_OK[1]], B_OK),
        ValueError,
        r"weights\[0\] contains",
    ),
    (
        "init inf bias",
        lambda: NonLinearModel(W_OK, [B_OK[0], with_nan(B_OK[1], np.inf)]),
        ValueError,
        r"bias\[1\] contains",
    ),
    (
        "init unknown activation",
        lambda: NonLinearModel(W_OK, B_OK, "sigmoid"),
        ValueError,
        "unknown activation 'sigmoid'.*'logistic'",
    ),
    (
        "init activation not str",
        lambda: NonLinearModel(W_OK, B_OK, 3),
        TypeError,
        "name must be a str or an Activation",
    ),
    (
        "update_model layers mismatch",
        lambda: model().update_model([np.ones((2, 3)), np.ones((4, 3))], B_OK),
        ValueError,
        r"weights\[1\]",
    ),
    (
        "update_model new shapes",
        lambda: model().update_model(
            [np.ones((2, 4)), np.ones((4, 3))], [np.zeros((1, 4)), B_OK[1]]
        ),
        ValueError,
        "weights must have shapes",
    ),
    # ------------------------------------------------------- initialize
    (
        "initialize one size",
        lambda: NonLinearModel.initialize([2]),
        ValueError,
        "layer_sizes needs at least 2 sizes",
    ),
    (
        "initialize zero width",
        lambda: NonLinearModel.initialize([2, 0, 3]),
        ValueError,
        r"layer_sizes\[i\] must be positive",
    ),
    (
        "initialize float width",
        lambda: NonLinearModel.initialize([2, 3.0, 3]),
        TypeError,
        r"layer_sizes\[i\] must be an integer",
    ),
    (
        "initialize str sizes",
        lambda: NonLinearModel.initialize("233"),
        TypeError,
        "layer_sizes must be a sequence",
    ),
    (
        "initialize unknown init",
        lambda: NonLinearModel.initialize([2, 3], init="xavier"),
        ValueError,
        "init must be",
    ),
    (
        "initialize unknown activation",
        lambda: NonLinearModel.initialize([2, 3, 3], "swish"),
        ValueError,
        "unknown activation 'swish'",
    ),
    # ------------------------------------------------------- activations
    (
        "get_activation unknown",
        lambda: nnscratch.get_activation("relu6"),
        ValueError,
        "known activations: 'relu'",
    ),
    (
        "get_activation params for relu",
        lambda: nnscratch.get_activation("relu", slope=0.1),
        TypeError,
        "takes no parameters",
    ),
    (
        "get_activation unknown param",
        lambda: nnscratch.get_activation("leaky_relu", alpha=0.1),
        TypeError,
        "alpha",
    ),
    (
        "get_activation params with instance",
        lambda: nnscratch.get_activation(nnscratch.get_activation("relu"), slope=0.1),
        TypeError,
        "params",
    ),
    (
        "get_activation slope 1",
        lambda: nnscratch.get_activation("leaky_relu", slope=1.0),
        ValueError,
        r"slope must be in \[0, 1\)",
    ),
    (
        "leaky_relu negative slope",
        lambda: activations.leaky_relu([1.0], slope=-0.1),
        ValueError,
        "slope",
    ),
    (
        "leaky_relu_grad bool slope",
        lambda: activations.leaky_relu_grad([1.0], slope=True),
        TypeError,
        "slope must be a number",
    ),
    ("relu string", lambda: activations.relu("abc"), TypeError, "z must be a numeric array"),
    (
        "logistic object",
        lambda: activations.logistic([None, "a"]),
        TypeError,
        "z must be a numeric array",
    ),
    (
        "softmax 3-D",
        lambda: nnscratch.softmax(np.zeros((2, 2, 2))),
        ValueError,
        r"Z must have shape \(k,\) or \(n, k\)",
    ),
    ("softmax scalar", lambda: nnscratch.softmax(1.0), ValueError, "Z must have shape"),
    ("softmax no class", lambda: nnscratch.softmax(np.zeros((2, 0))), ValueError, "k >= 1"),
    ("softmax NaN", lambda: nnscratch.softmax([0.0, np.nan]), ValueError, "Z contains 1 NaN"),
    (
        "softmax inf",
        lambda: nnscratch.softmax([[np.inf, 0.0]]),
        ValueError,
        "Z contains 1 NaN or infinite",
    ),
    ("log_softmax NaN", lambda: nnscratch.log_softmax([np.nan, 0.0]), ValueError, "Z contains"),
    (
        "softmax_jacobian 3-D",
        lambda: nnscratch.softmax_jacobian(np.zeros((1, 2, 2))),
        ValueError,
        "shape",
    ),
    # ------------------------------------------------------- cross_entropy
    (
        "cross_entropy Y 1-D",
        lambda: nnscratch.cross_entropy([0.5, 0.5], [[1.0, 0.0]]),
        ValueError,
        "Y must be 2-D",
    ),
    (
        "cross_entropy Y > 1",
        lambda: nnscratch.cross_entropy([[1.5, -0.5]], [[1.0, 0.0]]),
        ValueError,
        r"Y must hold probabilities in \[0, 1\]",
    ),
    (
        "cross_entropy Y NaN",
        lambda: nnscratch.cross_entropy([[np.nan, 0.5]], [[1.0, 0.0]]),
        ValueError,
        "Y contains",
    ),
    (
        "cross_entropy T not one-hot",
        lambda: nnscratch.cross_entropy([[0.5, 0.5]], [[0.5, 0.5]]),
        ValueError,
        "T must be one-hot",
    ),
    (
        "cross_entropy T wrong classes",
        lambda: nnscratch.cross_entropy([[0.5, 0.5]], [[1.0, 0.0, 0.0]]),
        ValueError,
        r"T must have shape \(1, 2\)",
    ),
    (
        "cross_entropy T wrong rows",
        lambda: nnscratch.cross_entropy([[0.5, 0.5]] * 2, [[1.0, 0.0]]),
        ValueError,
        r"T must have shape \(2, 2\)",
    ),
    # ------------------------------------------------------- train
    (
        "train not a model",
        lambda: nnscratch.train("model", X_OK, T_OK, 0.1, 10),
        TypeError,
        "model must be a NonLinearModel",
    ),
    (
        "train zero learning_rate",
        lambda: nnscratch.train(model(), X_OK, T_OK, 0.0, 10),
        ValueError,
        "learning_rate must be positive",
    ),
    (
        "train negative learning_rate",
        lambda: nnscratch.train(model(), X_OK, T_OK, -0.1, 10),
        ValueError,
        "learning_rate must be positive",
    ),
    (
        "train NaN learning_rate",
        lambda: nnscratch.train(model(), X_OK, T_OK, np.nan, 10),
        ValueError,
        "learning_rate must be positive",
    ),
    (
        "train inf learning_rate",
        lambda: nnscratch.train(model(), X_OK, T_OK, np.inf, 10),
        ValueError,
        "learning_rate",
    ),
    (
        "train string learning_rate",
        lambda: nnscratch.train(model(), X_OK, T_OK, "0.1", 10),
        TypeError,
        "learning_rate must be a number",
    ),
    (
        "train zero n_iter",
        lambda: nnscratch.train(model(), X_OK, T_OK, 0.1, 0),
        ValueError,
        "n_iter must be positive",
    ),
    (
        "train negative n_iter",
        lambda: nnscratch.train(model(), X_OK, T_OK, 0.1, -5),
        ValueError,
        "n_iter must be positive",
    ),
    (
        "train float n_iter",
        lambda: nnscratch.train(model(), X_OK, T_OK, 0.1, 10.0),
        TypeError,
        "n_iter must be an integer",
    ),
    (
        "train bool n_iter",
        lambda: nnscratch.train(model(), X_OK, T_OK, 0.1, True),
        TypeError,
        "n_iter must be an integer",
    ),
    (
        "train X_val alone",
        lambda: nnscratch.train(model(), X_OK, T_OK, 0.1, 10, X_val=X_OK),
        ValueError,
        "X_val and T_val must be given together",
    ),
    (
        "train T_val alone",
        lambda: nnscratch.train(model(), X_OK, T_OK, 0.1, 10, T_val=T_OK),
        ValueError,
        "X_val and T_val must be given together",
    ),
    (
        "train X_val 3 features",
        lambda: nnscratch.train(model(), X_OK, T_OK, 0.1, 10, X_val=np.ones((15, 3)), T_val=T_OK),
        ValueError,
        "X must have shape",
    ),
    (
        "train T_val not one-hot",
        lambda: nnscratch.train(model(), X_OK, T_OK, 0.1, 10, X_val=X_OK, T_val=NOT_ONE_HOT),
        ValueError,
        "T must be one-hot",
    ),
    (
        "train T 4 classes",
        lambda: nnscratch.train(model(), X_OK, FOUR_CLASSES, 0.1, 10),
        ValueError,
        "T must have shape",
    ),
    (
        "train NaN X",
        lambda: nnscratch.train(model(), with_nan(X_OK), T_OK, 0.1, 10),
        ValueError,
        "X contains",
    ),
    # ------------------------------------------------------- gradcheck
    (
        "numerical_gradient zero eps",
        lambda: nnscratch.numerical_gradient(np.sum, np.ones(3), eps=0.0),
        ValueError,
        "eps must be positive",
    ),
    (
        "numerical_gradient negative eps",
        lambda: nnscratch.numerical_gradient(np.sum, np.ones(3), eps=-1e-6),
        ValueError,
        "eps must be positive",
    ),
    (
        "numerical_gradient NaN eps",
        lambda: nnscratch.numerical_gradient(np.sum, np.ones(3), eps=np.nan),
        ValueError,
        "eps",
    ),
    (
        "numerical_gradient string eps",
        lambda: nnscratch.numerical_gradient(np.sum, np.ones(3), eps="1e-6"),
        TypeError,
        "eps must be a number",
    ),
    (
        "numerical_gradient list array",
        lambda: nnscratch.numerical_gradient(np.sum, [1.0, 2.0]),
        TypeError,
        "array must be a float64 ndarray",
    ),
    (
        "numerical_gradient int array",
        lambda: nnscratch.numerical_gradient(np.sum, np.ones(3, dtype=int)),
        TypeError,
        "array must be a float64 ndarray",
    ),
    (
        "numerical_gradient float32 array",
        lambda: nnscratch.numerical_gradient(np.sum, np.ones(3, dtype=np.float32)),
        TypeError,
        "float64",
    ),
    (
        "numerical_gradient f not callable",
        lambda: nnscratch.numerical_gradient(3.0, np.ones(3)),
        TypeError,
        "f must be callable",
    ),
    (
        "gradient_check zero eps",
        lambda: nnscratch.gradient_check(model(), X_OK, T_OK, eps=0.0),
        ValueError,
        "eps must be positive",
    ),
    (
        "gradient_check string eps",
        lambda: nnscratch.gradient_check(model(), X_OK, T_OK, eps="small"),
        TypeError,
        "eps must be a number",
    ),
    (
        "gradient_check not a model",
        lambda: nnscratch.gradient_check(None, X_OK, T_OK),
        TypeError,
        "model must be a NonLinearModel",
    ),
    (
        "gradient_check T not one-hot",
        lambda: nnscratch.gradient_check(model(), X_OK, NOT_ONE_HOT),
        ValueError,
        "T must be one-hot",
    ),
    (
        "relative_error shapes",
        lambda: nnscratch.relative_error(np.zeros(3), np.zeros(4)),
        ValueError,
        "analytical and numerical must have the same shape",
    ),
    (
        "relative_error string",
        lambda: nnscratch.relative_error("a", np.zeros(1)),
        TypeError,
        "analytical must be a numeric array",
    ),
    # ------------------------------------------------------- datasets
    (
        "make_rings zero n_per_class",
        lambda: nnscratch.make_rings(n_per_class=0),
        ValueError,
        "n_per_class must be positive",
    ),
    (
        "make_rings float n_per_class",
        lambda: nnscratch.make_rings(n_per_class=10.0),
        TypeError,
        "n_per_class must be an integer",
    ),
    (
        "make_rings negative noise",
        lambda: nnscratch.make_rings(noise=-0.1),
        ValueError,
        "noise must be >= 0",
    ),
    ("make_rings NaN noise", lambda: nnscratch.make_rings(noise=np.nan), ValueError, "noise"),
    (
        "make_rings string noise",
        lambda: nnscratch.make_rings(noise="0.2"),
        TypeError,
        "noise must be a number",
    ),
    (
        "make_spiral zero classes",
        lambda: nnscratch.make_spiral(n_classes=0),
        ValueError,
        "n_classes must be positive",
    ),
    (
        "make_spiral float classes",
        lambda: nnscratch.make_spiral(n_classes=2.5),
        TypeError,
        "n_classes must be an integer",
    ),
    (
        "make_blobs_line 3-D centres",
        lambda: nnscratch.make_blobs_line(centers=[(0.0, 0.0, 0.0)]),
        ValueError,
        "centers must have shape",
    ),
    (
        "make_blobs_line NaN centre",
        lambda: nnscratch.make_blobs_line(centers=[(0.0, np.nan)]),
        ValueError,
        "centers contains",
    ),
    (
        "make_blobs_line negative std",
        lambda: nnscratch.make_blobs_line(std=-1.0),
        ValueError,
        ">= 0",
    ),
    (
        "one_hot label out of range",
        lambda: nnscratch.one_hot([0, 3], 3),
        ValueError,
        "labels must be < n_classes=3",
    ),
    (
        "one_hot negative label",
        lambda: nnscratch.one_hot([0, -1], 3),
        ValueError,
        "labels must be >= 0",
    ),
    (
        "one_hot non-integer labels",
        lambda: nnscratch.one_hot([0.0, 1.5], 3),
        TypeError,
        "labels must hold integer class indices",
    ),
    (
        "one_hot NaN label",
        lambda: nnscratch.one_hot([0.0, np.nan], 3),
        TypeError,
        "labels must hold integer",
    ),
    (
        "one_hot bool labels",
        lambda: nnscratch.one_hot([True, False], 2),
        TypeError,
        "labels must hold integer",
    ),
    ("one_hot string labels", lambda: nnscratch.one_hot(["a", "b"], 2), TypeError, "labels"),
    (
        "one_hot 2-D labels",
        lambda: nnscratch.one_hot([[0, 1]], 2),
        ValueError,
        r"labels must be 1-D",
    ),
    (
        "one_hot zero classes",
        lambda: nnscratch.one_hot([0], 0),
        ValueError,
        "n_classes must be positive",
    ),
    (
        "one_hot float classes",
        lambda: nnscratch.one_hot([0], 2.0),
        TypeError,
        "n_classes must be an integer",
    ),
    (
        "one_hot empty without classes",
        lambda: nnscratch.one_hot([]),
        ValueError,
        "n_classes must be given",
    ),
    (
        "split labels length",
        lambda: nnscratch.train_test_split(X_OK, LABELS_OK[:-1]),
        ValueError,
        r"labels must have shape \(15,\)",
    ),
    (
        "split 1-D X",
        lambda: nnscratch.train_test_split(X_OK[:, 0], LABELS_OK),
        ValueError,
        "X must be 2-D",
    ),
    (
        "split NaN X",
        lambda: nnscratch.train_test_split(with_nan(X_OK), LABELS_OK),
        ValueError,
        "X contains",
    ),
    (
        "split float labels",
        lambda: nnscratch.train_test_split(X_OK, LABELS_OK + 0.5),
        TypeError,
        "labels must hold integer",
    ),
    (
        "split fraction 0",
        lambda: nnscratch.train_test_split(X_OK, LABELS_OK, 0.0),
        ValueError,
        r"test_fraction must be a number in \(0, 1\)",
    ),
    (
        "split fraction 1",
        lambda: nnscratch.train_test_split(X_OK, LABELS_OK, 1.0),
        ValueError,
        "test_fraction",
    ),
    (
        "split fraction list",
        lambda: nnscratch.train_test_split(X_OK, LABELS_OK, [0.3]),
        TypeError,
        "test_fraction",
    ),
    (
        "split empty test set",
        lambda: nnscratch.train_test_split(X_OK, LABELS_OK, 0.01),
        ValueError,
        "test_fraction=0.01 leaves one of the two sets empty",
    ),
    # ------------------------------------------------------- plotting
    (
        "decision_grid not a model",
        lambda: nnplot.decision_grid("m", (0, 1), (0, 1)),
        TypeError,
        "model must be a NonLinearModel",
    ),
    (
        "decision_grid 3 features",
        lambda: nnplot.decision_grid(NonLinearModel.initialize([3, 2]), (0, 1), (0, 1)),
        ValueError,
        "model must have 2 input features",
    ),
    (
        "decision_grid resolution 1",
        lambda: nnplot.decision_grid(model(), (0, 1), (0, 1), resolution=1),
        ValueError,
        "resolution must be an integer >= 2",
    ),
    (
        "decision_grid float resolution",
        lambda: nnplot.decision_grid(model(), (0, 1), (0, 1), resolution=10.0),
        ValueError,
        "resolution",
    ),
    (
        "decision_grid xlim one value",
        lambda: nnplot.decision_grid(model(), (0.0,), (0, 1), resolution=5),
        ValueError,
        "xlim",
    ),
    (
        "decision_grid ylim NaN",
        lambda: nnplot.decision_grid(model(), (0, 1), (0, np.nan), resolution=5),
        ValueError,
        "ylim",
    ),
    (
        "plot_activation unknown",
        lambda: nnplot.plot_activation(plt.figure().add_subplot(), "gelu"),
        ValueError,
        "unknown activation 'gelu'",
    ),
    (
        "plot_data 3 features",
        lambda: nnplot.plot_data(plt.figure().add_subplot(), np.ones((15, 3)), LABELS_OK),
        ValueError,
        r"X must have shape \(n, 2\)",
    ),
    (
        "plot_data labels length",
        lambda: nnplot.plot_data(plt.figure().add_subplot(), X_OK, LABELS_OK[:3]),
        ValueError,
        r"labels must have shape \(15,\)",
    ),
    (
        "plot_data too many classes",
        lambda: nnplot.plot_data(plt.figure().add_subplot(), X_OK, LABELS_OK + 5),
        ValueError,
        "labels must be < n_classes=6",
    ),
    (
        "plot_decision_boundary labels",
        lambda: nnplot.plot_decision_boundary(
            plt.figure().add_subplot(), model(), X_OK, LABELS_OK + 0.5, resolution=5
        ),
        TypeError,
        "labels must hold integer",
    ),
]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize(
    ("call", "error", "match"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_bad_input_raises_with_a_message_naming_the_argument(call, error, match) -> None:
    with pytest.raises(error, match=match):
        call()


def test_case_ids_are_unique() -> None:
    ids = [case[0] for case in CASES]
    assert len(ids) == len(set(ids))


# --------------------------------------------------------- nothing is modified
def snapshot(m: NonLinearModel) -> list[bytes]:
    return [a.tobytes() for a in m.weights + m.bias]


BAD_TRAIN_CALLS = {
    "learning_rate 0": {"learning_rate": 0.0},
    "learning_rate -1": {"learning_rate": -1.0},
    "n_iter 0": {"n_iter": 0},
    "n_iter 2.0": {"n_iter": 2.0},
    "T 4 classes": {"T": FOUR_CLASSES},
    "T_val not one-hot": {"X_val": X_OK, "T_val": NOT_ONE_HOT},
    "X_val alone": {"X_val": X_OK},
}


@pytest.mark.parametrize("bad", BAD_TRAIN_CALLS.values(), ids=BAD_TRAIN_CALLS.keys())
def test_failed_train_leaves_the_model_unchanged(bad: dict) -> None:
    m = model()
    before = snapshot(m)
    arguments = {"X": X_OK, "T": T_OK, "learning_rate": 0.5, "n_iter": 5} | bad
    with pytest.raises((TypeError, ValueError)):
        nnscratch.train(m, **arguments)
    assert snapshot(m) == before


def test_failed_update_model_leaves_the_model_unchanged() -> None:
    m = model()
    before = snapshot(m)
    with pytest.raises(ValueError, match=r"bias\[1\]"):
        m.update_model([np.zeros((2, 3)), np.zeros((3, 3))], [np.ones((1, 3)), np.ones((1, 2))])
    assert snapshot(m) == before


def test_failed_calls_leave_the_data_unchanged() -> None:
    X, T = X_OK.copy(), NOT_ONE_HOT.copy()
    with pytest.raises(ValueError, match="T must be one-hot"):
        nnscratch.train(model(), X, T, 0.5, 5)
    np.testing.assert_array_equal(X, X_OK)
    np.testing.assert_array_equal(T, NOT_ONE_HOT)


def test_failed_plot_decision_boundary_draws_nothing() -> None:
    _, ax = plt.subplots()
    with pytest.raises(TypeError, match="labels"):
        nnplot.plot_decision_boundary(ax, model(), X_OK, LABELS_OK + 0.5, resolution=5)
    assert not ax.collections
    assert not ax.lines
