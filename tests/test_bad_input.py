"""Every public function refuses bad input clearly, and changes nothing when it does.

One table, ``API``, lists each public callable with a valid value and a kind
for each argument. From it the tests generate, for every argument in turn,
the bad values of its kind (strings, None, complex numbers, dates, wrong
shapes, NaN, out-of-range numbers, ...), and property tests (hypothesis) draw
many more. Each call must either succeed or raise ``TypeError``/``ValueError``
whose message names the argument; no warning may escape (pytest turns
warnings into errors); inputs are never modified; a model is exactly as before
(same arrays, same values) after a failed call. ``test_harness_catches_*``
plant defects and check that the harness reports each one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import nnscratch
from nnscratch import NonLinearModel, activations
from nnscratch import plotting as nnplot

X_OK, LABELS_OK = nnscratch.make_rings(n_per_class=4, seed=0)  # (12, 2)
T_OK = nnscratch.one_hot(LABELS_OK, 3)


def model() -> NonLinearModel:
    return NonLinearModel.initialize([2, 3, 3], "tanh", seed=0)


def axes() -> Any:
    return plt.subplots()[1]


@dataclass(frozen=True)
class Arg:
    """One argument: its name, a factory of a valid value, and its kind."""

    name: str
    valid: Callable[[], Any]
    kind: str


def X(name: str = "X", n_cols: int = 2) -> Arg:
    return Arg(name, X_OK[:, :n_cols].copy, "matrix")


def T(name: str = "T") -> Arg:
    return Arg(name, T_OK.copy, "one_hot")


MODEL = Arg("model", model, "model")
SELF = Arg("model", model, "self")  # the object whose method is called
AX = Arg("ax", axes, "ax")

# (id, callable, arguments passed by keyword)
API: list[tuple[str, Callable[..., Any], list[Arg]]] = [
    *[
        (name, getattr(activations, name), [Arg("z", lambda: np.linspace(-2, 2, 5), "array")])
        for name in [
            "relu",
            "relu_grad",
            "logistic",
            "logistic_grad",
            "softplus",
            "softplus_grad",
            "tanh",
            "tanh_grad",
            "identity",
            "identity_grad",
        ]
    ],
    *[
        (
            name,
            getattr(activations, name),
            [Arg("z", np.ones(3).copy, "array"), Arg("slope", lambda: 0.1, "unit")],
        )
        for name in ("leaky_relu", "leaky_relu_grad")
    ],
    ("get_activation", nnscratch.get_activation, [Arg("name", lambda: "relu", "str")]),
    ("softmax", nnscratch.softmax, [Arg("Z", X_OK.copy, "logits")]),
    ("log_softmax", nnscratch.log_softmax, [Arg("Z", X_OK.copy, "logits")]),
    ("softmax_jacobian", nnscratch.softmax_jacobian, [Arg("z", lambda: np.ones(3), "logits")]),
    (
        "cross_entropy",
        nnscratch.cross_entropy,
        [Arg("Y", lambda: T_OK * 0.8 + 0.2 / 3, "proba"), T()],
    ),
    (
        "cross_entropy_from_logits",
        nnscratch.cross_entropy_from_logits,
        [Arg("Z_o", lambda: np.arange(36.0).reshape(12, 3), "matrix_any"), T()],
    ),
    (
        "cross_entropy_from_log_proba",
        nnscratch.cross_entropy_from_log_proba,
        [Arg("log_Y", lambda: -np.ones((12, 3)), "matrix_any"), T()],
    ),
    ("accuracy", nnscratch.accuracy, [Arg("scores", T_OK.copy, "matrix_any"), T()]),
    (
        "NonLinearModel",
        NonLinearModel,
        [
            Arg("weights", lambda: [np.ones((2, 3)), np.ones((3, 3))], "param_list"),
            Arg("bias", lambda: [np.zeros((1, 3)), np.zeros((1, 3))], "param_list"),
            Arg("hidden_activation", lambda: "relu", "str"),
        ],
    ),
    (
        "initialize",
        NonLinearModel.initialize,
        [
            Arg("layer_sizes", lambda: [2, 3, 3], "sizes"),
            Arg("hidden_activation", lambda: "relu", "str"),
            Arg("seed", lambda: 0, "seed"),
            Arg("init", lambda: "auto", "str"),
        ],
    ),
    (
        "init_scale",
        nnscratch.initialization.init_scale,
        [
            Arg("rule", lambda: "he", "str"),
            Arg("n_in", lambda: 3, "count"),
            Arg("n_out", lambda: 2, "count"),
        ],
    ),
    (
        "initial_parameters",
        nnscratch.initial_parameters,
        [
            Arg("layer_sizes", lambda: [2, 3, 3], "sizes"),
            Arg("activation", lambda: "relu", "str"),
            Arg("seed", lambda: 0, "seed"),
            Arg("init", lambda: "auto", "str"),
        ],
    ),
    ("forward", lambda model, X: model.forward(X), [SELF, X()]),
    ("back_propagation", lambda model, X, T: model.back_propagation(X, T), [SELF, X(), T()]),
    (
        "backward",
        lambda model, forward, T: model.backward(forward, T),
        [SELF, Arg("forward", lambda: model().forward(X_OK), "object"), T()],
    ),
    (
        "gradient_step",
        lambda model, gradients, learning_rate: model.gradient_step(gradients, learning_rate),
        [
            SELF,
            Arg("gradients", lambda: model().back_propagation(X_OK, T_OK), "object"),
            Arg("learning_rate", lambda: 0.1, "positive"),
        ],
    ),
    (
        "update_model",
        lambda model, weights, bias: model.update_model(weights, bias),
        [
            SELF,
            Arg("weights", lambda: [np.ones((2, 3)), np.ones((3, 3))], "param_list"),
            Arg("bias", lambda: [np.zeros((1, 3)), np.zeros((1, 3))], "param_list"),
        ],
    ),
    ("feed_forward", lambda model, X: model.feed_forward(X), [SELF, X()]),
    ("logits", lambda model, X: model.logits(X), [SELF, X()]),
    ("predict_proba", lambda model, X: model.predict_proba(X), [SELF, X()]),
    ("predict", lambda model, X: model.predict(X), [SELF, X()]),
    ("cost", lambda model, X, T: model.cost(X, T), [SELF, X(), T()]),
    (
        "ForwardPass.cost",
        lambda forward, T: forward.cost(T),
        [Arg("forward", lambda: model().forward(X_OK), "self"), T()],
    ),
    (
        "gradient_check",
        nnscratch.gradient_check,
        [MODEL, X(), T(), Arg("eps", lambda: 1e-6, "positive")],
    ),
    ("per_sample_gradients", nnscratch.per_sample_gradients, [MODEL, X(), T()]),
    (
        "relative_error",
        nnscratch.relative_error,
        [
            Arg("analytical", lambda: np.ones(3), "array_finite"),
            Arg("numerical", lambda: np.ones(3), "array_finite"),
        ],
    ),
    (
        "numerical_gradient",
        nnscratch.numerical_gradient,
        [
            Arg("f", lambda: lambda v: float(v.sum()), "callable"),
            Arg("array", lambda: np.ones(3), "float64_array"),
            Arg("eps", lambda: 1e-6, "positive"),
        ],
    ),
    (
        "train",
        nnscratch.train,
        [
            MODEL,
            X(),
            T(),
            Arg("learning_rate", lambda: 0.1, "positive"),
            Arg("n_iter", lambda: 2, "count"),
            X("X_val"),
            T("T_val"),
        ],
    ),
    (
        "make_rings",
        nnscratch.make_rings,
        [
            Arg("n_per_class", lambda: 3, "count"),
            Arg("noise", lambda: 0.2, "nonnegative"),
            Arg("seed", lambda: 0, "seed"),
        ],
    ),
    (
        "make_blobs_line",
        nnscratch.make_blobs_line,
        [
            Arg("n_per_class", lambda: 3, "count"),
            Arg("centers", lambda: [[0.0, 0.0], [1.0, 0.0]], "matrix"),
            Arg("std", lambda: 0.5, "nonnegative"),
            Arg("seed", lambda: 0, "seed"),
        ],
    ),
    (
        "make_spiral",
        nnscratch.make_spiral,
        [
            Arg("n_per_class", lambda: 3, "count"),
            Arg("n_classes", lambda: 3, "count"),
            Arg("noise", lambda: 0.2, "nonnegative"),
            Arg("seed", lambda: 0, "seed"),
        ],
    ),
    (
        "one_hot",
        nnscratch.one_hot,
        [Arg("labels", LABELS_OK.copy, "labels"), Arg("n_classes", lambda: 3, "count_optional")],
    ),
    (
        "train_test_split",
        nnscratch.train_test_split,
        [
            Arg("X", X_OK.copy, "matrix_any"),
            Arg("labels", LABELS_OK.copy, "labels"),
            Arg("test_fraction", lambda: 0.3, "unit_open"),
            Arg("seed", lambda: 0, "seed"),
        ],
    ),
    (
        "rings_log_likelihood",
        nnscratch.bayes.rings_log_likelihood,
        [X(), Arg("n_per_class", lambda: 5, "count"), Arg("noise", lambda: 0.2, "positive")],
    ),
    (
        "rings_posterior",
        nnscratch.bayes.rings_posterior,
        [X(), Arg("n_per_class", lambda: 5, "count"), Arg("noise", lambda: 0.2, "positive")],
    ),
    (
        "rings_bayes_accuracy",
        nnscratch.bayes.rings_bayes_accuracy,
        [
            Arg("n_per_class", lambda: 5, "count"),
            Arg("noise", lambda: 0.2, "positive"),
            Arg("n_samples", lambda: 100, "count"),
            Arg("seed", lambda: 0, "seed"),
        ],
    ),
    (
        "decision_grid",
        nnplot.decision_grid,
        [
            MODEL,
            Arg("xlim", lambda: (-1.0, 1.0), "limits"),
            Arg("ylim", lambda: (-1.0, 1.0), "limits"),
            Arg("resolution", lambda: 5, "count"),
        ],
    ),
    ("plot_data", nnplot.plot_data, [AX, X(), Arg("labels", LABELS_OK.copy, "labels")]),
    (
        "plot_decision_boundary",
        nnplot.plot_decision_boundary,
        [
            AX,
            MODEL,
            X(),
            Arg("labels", LABELS_OK.copy, "labels"),
            Arg("resolution", lambda: 5, "count"),
            Arg("padding", lambda: 0.5, "nonnegative"),
        ],
    ),
    (
        "plot_activation",
        nnplot.plot_activation,
        [
            AX,
            Arg("name", lambda: "relu", "str"),
            Arg("z", lambda: np.linspace(-1, 1, 5), "vector_optional"),
        ],
    ),
]

# Bad values shared by every kind of numeric array, then those of each kind.
NOT_NUMBERS = {
    "string": "abc",
    "None": None,
    "bytes": b"12",
    "dict": {"a": 1},
    "complex array": np.ones((12, 2)) * (1 + 1j),
    "datetime array": np.array(["2024-01-01"] * 4, dtype="datetime64[D]").reshape(2, 2),
    "string array": np.full((12, 2), "1"),
    "object array with None": np.array([[1.0, None]] * 12, dtype=object),
    "ragged list": [[1.0, 2.0], [3.0]],
    "huge Python int": [[10**400, 1]] * 12,
}
NOT_FINITE = {"NaN": np.full((12, 2), np.nan), "inf": np.full((12, 2), np.inf)}
WRONG_SHAPE = {
    "1-D": np.ones(2),
    "3-D": np.ones((2, 2, 2)),
    "empty": np.ones((0, 2)),
    "scalar": 1.0,
}
NOT_REAL = {
    "string": "1",
    "None": None,
    "bool": True,
    "complex": 1 + 1j,
    "list": [1.0],
    "NaN": float("nan"),
    "inf": float("inf"),
    "huge Python int": 10**400,
}
BAD_VALUES: dict[str, dict[str, Any]] = {
    "array": NOT_NUMBERS,
    "array_finite": NOT_NUMBERS | {"NaN": np.array([np.nan, 1.0, 2.0])},
    "float64_array": NOT_NUMBERS | {"list": [1.0, 2.0], "int array": np.ones(3, dtype=int)},
    "matrix_any": NOT_NUMBERS | NOT_FINITE | WRONG_SHAPE,
    "matrix": NOT_NUMBERS | NOT_FINITE | WRONG_SHAPE | {"wrong columns": np.ones((12, 5))},
    "vector_optional": {k: v for k, v in NOT_NUMBERS.items() if k != "None"}
    | {"NaN": np.array([np.nan, 1.0]), "2-D": np.ones((2, 2))},
    "logits": NOT_NUMBERS | NOT_FINITE | {"3-D": np.ones((2, 2, 2)), "empty": np.ones((0, 3))},
    "proba": NOT_NUMBERS | NOT_FINITE | {"negative": -T_OK, "above 1": T_OK * 2},
    "one_hot": NOT_NUMBERS
    | NOT_FINITE
    | WRONG_SHAPE
    | {
        "halves": T_OK * 0.5,
        "two ones": np.ones((12, 3)),
        "4 classes": nnscratch.one_hot(LABELS_OK, 4),
        "11 rows": T_OK[:11],
        "2 and -1": np.hstack([T_OK[:, :1] * 2, -T_OK[:, :1], T_OK[:, 2:]]),
    },
    "labels": NOT_NUMBERS
    | {
        "bool": np.ones(12, dtype=bool),
        "fractions": LABELS_OK + 0.5,
        "negative": LABELS_OK - 1,
        "2-D": LABELS_OK[:, None],
        "huge unsigned": np.full(12, 2**64 - 1, dtype=np.uint64),
        "NaN": np.full(12, np.nan),
    },
    "limits": NOT_NUMBERS
    | {"reversed": (1.0, -1.0), "three": (0.0, 1.0, 2.0), "NaN": (np.nan, 1.0)},
    "real": NOT_REAL,
    "positive": NOT_REAL | {"zero": 0.0, "negative": -1.0},
    "nonnegative": NOT_REAL | {"negative": -0.1},
    "unit": NOT_REAL | {"negative": -0.1, "one": 1.0},
    "unit_open": NOT_REAL | {"zero": 0.0, "one": 1.0},
    "count_optional": {"string": "3", "bool": True, "float": 2.0, "zero": 0, "huge": 10**30},
    "count": {
        "string": "3",
        "None": None,
        "bool": True,
        "float": 2.0,
        "zero": 0,
        "negative": -1,
        "huge": 10**30,
        "huge numpy": np.uint64(2**63),
    },
    "seed": {
        "string": "0",
        "None": None,
        "bool": True,
        "float": 1.5,
        "negative": -1,
        "huge": 2**70,
    },
    "sizes": {
        "string": "233",
        "int": 3,
        "one size": [2],
        "zero width": [2, 0, 3],
        "float": [2, 3.0, 3],
        "one class": [2, 3, 1],
        "bool": [2, True, 3],
        "absurd": [2, 10**6, 10**6, 3],
        "None": None,
    },
    "param_list": {
        "array": np.ones((2, 3)),
        "string": "w",
        "None": None,
        "empty": [],
        "one layer": [np.ones((2, 3))],
        "mismatched": [np.ones((2, 3)), np.ones((4, 3))],
        "NaN": [np.full((2, 3), np.nan), np.ones((3, 3))],
        "strings": [np.full((2, 3), "a"), np.ones((3, 3))],
    },
    "str": {"None": None, "int": 3, "unknown": "relux", "bytes": b"relu"},
    "model": {"None": None, "string": "model", "weights": [np.ones((2, 3))]},
    "self": {},
    "ax": {"None": None, "int": 3},
    "object": {"None": None, "tuple": (1, 2), "string": "x"},
    "callable": {"None": None, "int": 3},
}


def snapshot(value: Any) -> Any:
    """A deep copy of what a call must not change: arrays, lists, models."""
    if isinstance(value, NonLinearModel):
        return (
            "model",
            [id(a) for a in value.weights + value.bias],
            [a.copy() for a in value.weights + value.bias],
        )
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)) and not isinstance(value, str):
        return [snapshot(v) for v in value]
    return value


def unchanged(before: Any, value: Any) -> bool:
    if isinstance(value, NonLinearModel):
        ids = [id(a) for a in value.weights + value.bias]
        arrays = value.weights + value.bias
        return ids == before[1] and all(
            np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
            for a, b in zip(arrays, before[2], strict=True)
        )
    if isinstance(value, np.ndarray):  # bytes: NaN and NaT equal themselves
        return (before.dtype, before.shape, before.tobytes()) == (
            value.dtype,
            value.shape,
            value.tobytes(),
        )
    if isinstance(value, (list, tuple)) and not isinstance(value, str):
        return len(before) == len(value) and all(
            unchanged(b, v) for b, v in zip(before, value, strict=True)
        )
    return True


def defects_of_call(
    function: Callable[..., Any], arguments: dict[str, Any], bad_name: str
) -> list[str]:
    """Call with one bad argument; list what went wrong (empty when all is well)."""
    before = {name: snapshot(value) for name, value in arguments.items()}
    defects = []
    try:
        function(**arguments)
        defects.append(f"accepted bad {bad_name}")
        # a call that succeeds may update a model in place (train, gradient_step)
        before = {k: v for k, v in before.items() if not isinstance(arguments[k], NonLinearModel)}
    except (TypeError, ValueError) as error:
        if not re.search(rf"(?<![\w.]){re.escape(bad_name)}(?![\w])", str(error)):
            defects.append(f"message does not name {bad_name}: {error}")
    except Exception as error:  # noqa: BLE001 - any other exception is a defect
        defects.append(f"{type(error).__name__} instead of TypeError/ValueError: {error}")
    for name, value in arguments.items():
        if name in before and not unchanged(before[name], value):
            defects.append(f"changed {name}")
    return defects


CASES = [
    (f"{api_id}-{arg.name}-{bad_id}", function, args, arg.name, bad)
    for api_id, function, args in API
    for arg in args
    for bad_id, bad in BAD_VALUES[arg.kind].items()
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize(
    ("function", "args"), [(f, a) for _, f, a in API], ids=[i for i, _, _ in API]
)
def test_valid_arguments_work(function: Callable[..., Any], args: list[Arg]) -> None:
    function(**{arg.name: arg.valid() for arg in args})


@pytest.mark.parametrize(
    ("function", "args", "bad_name", "bad"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_argument_is_refused_by_name_and_nothing_changes(function, args, bad_name, bad) -> None:
    arguments = {arg.name: arg.valid() for arg in args}
    arguments[bad_name] = bad
    assert defects_of_call(function, arguments, bad_name) == []


def test_every_public_callable_is_in_the_table() -> None:
    listed = {api_id for api_id, _, _ in API}
    public = {name for name in nnscratch.__all__ if callable(getattr(nnscratch, name))}
    for module in (
        activations,
        nnscratch.output,
        nnscratch.losses,
        nnscratch.initialization,
        nnscratch.gradcheck,
        nnscratch.training,
        nnscratch.datasets,
        nnplot,
    ):
        public |= {name for name in module.__all__ if callable(getattr(module, name))}
    public -= {"Activation", "ForwardPass", "Gradients", "GradientCheckResult", "TrainingHistory"}
    public -= {"NonLinearModel"} - listed
    assert public <= listed, sorted(public - listed)


# ------------------------------------------------------------ planted defects
def test_harness_catches_a_silent_broadcast() -> None:
    """A function that broadcasts a wrong shape instead of refusing it is reported."""

    def planted(X):
        return np.asarray(X, dtype=float) + np.ones(2)

    assert defects_of_call(planted, {"X": np.ones((3, 1))}, "X") == ["accepted bad X"]


def test_harness_catches_a_message_naming_the_wrong_argument() -> None:
    def planted(X_val):
        raise ValueError(f"X must be 2-D, got {np.shape(X_val)}")

    (defect,) = defects_of_call(planted, {"X_val": None}, "X_val")
    assert defect.startswith("message does not name X_val")


def test_harness_catches_the_wrong_exception_type() -> None:
    def planted(ax):
        return ax.plot()

    (defect,) = defects_of_call(planted, {"ax": None}, "ax")
    assert defect.startswith("AttributeError instead of TypeError/ValueError")


def test_harness_catches_a_modified_input() -> None:
    def planted(X):
        X[0, 0] = 99.0
        raise ValueError("X is bad")

    assert defects_of_call(planted, {"X": np.ones((2, 2))}, "X") == ["changed X"]


def test_harness_catches_a_model_given_new_arrays() -> None:
    def planted(model):
        model.weights = [W.copy() for W in model.weights]
        raise ValueError("model diverged")

    assert defects_of_call(planted, {"model": model()}, "model") == ["changed model"]


# ------------------------------------------------------------ property tests
garbage = st.one_of(
    st.none(),
    st.text(max_size=3),
    st.binary(max_size=3),
    st.booleans(),
    st.complex_numbers(allow_nan=False, max_magnitude=10),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.lists(st.floats(), max_size=4),
    hnp.arrays(
        st.sampled_from(
            [np.float64, np.float32, np.int64, np.uint8, np.bool_, np.complex128, "U1", "M8[D]"]
        ),
        hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
    ),
)


@settings(max_examples=600)  # about ten per public callable
@given(index=st.integers(0, len(API) - 1), position=st.integers(0, 20), value=garbage)
def test_any_value_is_accepted_or_refused_by_name(index: int, position: int, value: Any) -> None:
    """Hypothesis puts an arbitrary value in one argument of one public callable."""
    api_id, function, args = API[index]
    candidates = [a for a in args if a.kind != "self"]
    arg = candidates[position % len(candidates)]
    arguments = {a.name: a.valid() for a in args}
    arguments[arg.name] = value
    defects = defects_of_call(function, arguments, arg.name)
    # a value that happens to be valid is accepted: that is not a defect
    assert [d for d in defects if not d.startswith("accepted bad")] == [], api_id
    plt.close("all")


# within +-8e307 every gap between two logits is below the largest float
finite_logits = hnp.arrays(
    np.float64,
    st.tuples(st.integers(1, 5), st.integers(1, 5)),
    elements=st.floats(-8e307, 8e307, allow_nan=False),
)


@example(Z=np.array([[0.0, 8e307], [0.0, 8e307]]))  # the mean cost overflowed as a sum
@given(Z=finite_logits)
def test_softmax_family_is_finite_for_any_finite_logits(Z: np.ndarray) -> None:
    """Documented finiteness: no NaN, no inf, no warning, for logits whose gaps are floats."""
    assert np.all(np.isfinite(nnscratch.softmax(Z)))
    log_y = nnscratch.log_softmax(Z)
    assert np.all(np.isfinite(log_y))
    assert np.all(log_y <= 0.0)
    T = nnscratch.one_hot(np.zeros(Z.shape[0], dtype=int), Z.shape[1])
    assert np.isfinite(nnscratch.cross_entropy_from_logits(Z, T))


@given(
    a=hnp.arrays(np.float64, 3, elements=st.floats(-1e308, 1e308, allow_nan=False)),
    b=hnp.arrays(np.float64, 3, elements=st.floats(-1e308, 1e308, allow_nan=False)),
)
def test_relative_error_is_in_zero_one_for_any_finite_arrays(a: np.ndarray, b: np.ndarray) -> None:
    error = nnscratch.relative_error(a, b)
    assert 0.0 <= error <= 1.0


# ------------------------------------------------------- divergence, in place
def test_diverged_train_restores_the_callers_arrays_in_place(rings) -> None:
    X, _, T = rings
    m = NonLinearModel.initialize([2, 8, 3], "relu", seed=0, init="standard")
    held = m.weights + m.bias  # the arrays the caller holds
    before = [a.copy() for a in held]
    with pytest.raises(FloatingPointError, match="diverged"):
        nnscratch.train(m, X * 1e150, T, learning_rate=1e150, n_iter=50)
    assert all(a is b for a, b in zip(held, m.weights + m.bias, strict=True))
    for array, saved in zip(held, before, strict=True):
        np.testing.assert_array_equal(array, saved)


def test_a_gap_beyond_the_largest_float_gives_zero_probability_without_warning() -> None:
    Z = np.array([[-1e308, 8e307]])  # the gap 1.8e308 is not a float
    np.testing.assert_array_equal(nnscratch.softmax(Z), [[0.0, 1.0]])
    np.testing.assert_array_equal(nnscratch.log_softmax(Z), [[-np.inf, 0.0]])
