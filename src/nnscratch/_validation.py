"""Input checks shared by the public functions.

Every check raises a ``TypeError`` (wrong kind of value) or ``ValueError``
(right kind, wrong shape or value) whose message names the argument, what it
got and what was expected, so that a wrong call never turns into a silent
numpy broadcast or a wrong answer. Arrays of numbers are accepted as lists,
tuples or ndarrays of booleans (read as 0 and 1), integers or floats; strings,
bytes, ``None``, complex numbers, dates and other objects are refused.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

#: numpy dtype kinds that hold real numbers: bool, signed and unsigned int, float
_REAL_KINDS = "biuf"
_FLOAT64 = np.dtype(np.float64)
#: Largest array (number of entries) that a check lets a function allocate.
MAX_ENTRIES = 2**31


#: Arrays checked once by a caller that runs many steps on them (``train``),
#: by id, each with a dict of values derived from it, computed once per block.
_TRUSTED: ContextVar[Mapping[int, dict[str, Any]]] = ContextVar(
    "trusted", default=MappingProxyType({})
)


class trusted:
    """Within the block, checks return these very arrays (already checked) at once.

    ``train`` checks its data once and then runs thousands of steps on the same
    arrays, which no other code can change meanwhile; re-checking them at
    every step would cost more than the step itself when ``n`` is small. For
    the same reason a value derived from such an array (the class of each
    one-hot row) can be kept for the whole block: see :func:`trusted_memo`.
    ``train`` also trusts its model: within the block, the model's gradient
    steps take only the gradients its own backward pass has just made.
    """

    __slots__ = ("_ids", "_token")

    def __init__(self, *arrays: Any) -> None:
        # ids are unique while the caller holds the arrays, which it does in the block
        self._ids = [id(a) for a in arrays if a is not None]

    def __enter__(self) -> None:
        inner = dict(_TRUSTED.get())
        for key in self._ids:
            inner.setdefault(key, {})  # an array trusted outside keeps its derived values
        self._token = _TRUSTED.set(inner)

    def __exit__(self, *exc_info: object) -> None:
        _TRUSTED.reset(self._token)


def _is_trusted(value: Any) -> bool:
    return id(value) in _TRUSTED.get()


def trusted_memo(value: Any) -> dict[str, Any] | None:
    """The dict in which to keep values derived from a trusted array, or None if not trusted."""
    return _TRUSTED.get().get(id(value))


def as_float_array(value: Any, name: str) -> FloatArray:
    """Return ``value`` as a float64 array, or raise ``TypeError`` naming ``name``."""
    if type(value) is np.ndarray and value.dtype is _FLOAT64:  # the usual case, first
        return value
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # e.g. ragged nested lists
        raise TypeError(
            f"{name} must be an array of numbers, got {type(value).__name__}"
        ) from error
    if array.dtype == np.float64:
        return array
    if array.dtype.kind not in _REAL_KINDS:
        raise TypeError(
            f"{name} must hold real numbers, got {type(value).__name__} of dtype {array.dtype}"
        )
    with np.errstate(over="ignore"):  # float128 beyond float64's range: caught as inf below
        result: FloatArray = array.astype(np.float64, copy=False)
    return result


def check_finite(array: FloatArray, name: str) -> None:
    """Raise ``ValueError`` if ``array`` holds NaN or infinity."""
    if array.size > 4096:
        # for a large array one sum is cheaper than a mask: it is finite when
        # every entry is, unless it overflows, and only then look entry by entry
        with np.errstate(over="ignore", invalid="ignore"):
            if np.isfinite(np.sum(array)):
                return
    elif array.size <= 16:  # a few entries: Python floats are checked faster than an array
        if all(map(math.isfinite, array.ravel().tolist())):
            return
    elif np.count_nonzero(np.isfinite(array)) == array.size:
        return
    n_bad = int(array.size - np.count_nonzero(np.isfinite(array)))
    if n_bad:
        raise ValueError(f"{name} contains {n_bad} NaN or infinite value(s)")


def _want(shape: tuple[int | None, ...]) -> str:
    """``(n, 3)``-style text for an expected shape; ``None`` is any size."""
    names = iter("nmpq")
    dims = [next(names) if size is None else str(size) for size in shape]
    return f"({dims[0]},)" if len(dims) == 1 else f"({', '.join(dims)})"


def check_array(
    value: Any, name: str, shape: tuple[int | None, ...], *, finite: bool = True
) -> FloatArray:
    """Return ``value`` as a float64 array of the expected shape.

    ``shape`` gives the size of each axis, ``None`` for any size >= 1.
    """
    if _is_trusted(value):
        return value  # type: ignore[no-any-return]
    array = as_float_array(value, name)
    if array.ndim != len(shape) or any(
        got != want for got, want in zip(array.shape, shape, strict=True) if want is not None
    ):
        raise ValueError(f"{name} must have shape {_want(shape)}, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if finite:
        check_finite(array, name)
    return array


def check_matrix(
    value: Any, name: str, *, n_rows: int | None = None, n_cols: int | None = None
) -> FloatArray:
    """Return ``value`` as a finite ``(n_rows, n_cols)`` float64 matrix."""
    if _is_trusted(value):  # as in check_array, one call sooner: forward's check at every step
        return value  # type: ignore[no-any-return]
    return check_array(value, name, (n_rows, n_cols))


def check_one_hot(value: Any, name: str, *, n_rows: int, n_classes: int) -> FloatArray:
    """Return ``value`` as a one-hot ``(n_rows, n_classes)`` float64 matrix."""
    if _is_trusted(value):
        return value  # type: ignore[no-any-return]
    T = check_array(value, name, (n_rows, n_classes), finite=False)
    # Exactly n_rows non-zero entries, all of them equal to 1, and every row
    # summing to 1: then each row holds a single 1. (NaN is non-zero and not
    # 1; the sums only ever add zeros and ones, so they cannot overflow.)
    if not (
        np.count_nonzero(T) == n_rows
        and np.count_nonzero(T == 1.0) == n_rows
        and (T @ ones(n_classes) == 1.0).all()
    ):
        raise ValueError(
            f"{name} must be one-hot: each row holds a single 1 and zeros elsewhere "
            "(use nnscratch.one_hot(labels, n_classes))"
        )
    return T


@functools.cache
def ones(k: int) -> FloatArray:
    """A read-only vector of ``k`` ones, made once per length."""
    vector = np.ones(k)
    vector.flags.writeable = False
    return vector


@functools.lru_cache(maxsize=8)
def ones_row(n: int) -> FloatArray:
    """A read-only ``(1, n)`` row of ones, made once per length (for the last few lengths)."""
    row = np.ones((1, n))
    row.flags.writeable = False
    return row


def check_labels(value: Any, name: str, *, n_classes: int | None = None) -> IntArray:
    """Return ``value`` as a 1-D array of class indices in ``[0, n_classes)``.

    Integer arrays are accepted, and float arrays whose entries are whole
    numbers; booleans are refused (a mask is not a list of classes).
    """
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{name} must be an array of class indices, got {type(value).__name__}"
        ) from error
    whole = array.dtype.kind == "f" and array.size and np.all(np.isfinite(array))
    if whole and np.all(array == np.round(array)) and np.all(np.abs(array) < 2**62):
        array = array.astype(np.int64)
    if array.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integer class indices, got dtype {array.dtype}")
    if array.ndim != 1:
        raise ValueError(f"{name} must have shape (n,), got shape {array.shape}")
    # compare in the array's own dtype before any cast, so that huge unsigned
    # values cannot wrap around
    if array.size and array.min() < 0:
        raise ValueError(f"{name} must be >= 0, got minimum {array.min()}")
    if n_classes is not None and array.size and array.max() >= n_classes:
        raise ValueError(f"{name} must be < n_classes={n_classes}, got maximum {array.max()}")
    if array.size and array.max() > MAX_ENTRIES:
        raise ValueError(f"{name} must be <= {MAX_ENTRIES}, got maximum {array.max()}")
    return array.astype(np.intp, copy=False)


def check_real(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a float if it is a finite real number in the given range.

    ``low`` and ``high`` are bounds (``None``: none); ``low_open`` and
    ``high_open`` exclude them. Booleans are refused.
    """
    if type(value) is float:  # the usual case, first: no conversion needed
        number = value
    elif isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    else:
        try:
            number = float(value)
        except OverflowError:  # a Python int beyond float64's range
            number = float("inf") if value > 0 else float("-inf")  # type: ignore[operator, unused-ignore]
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        interval = (
            f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
        )
        raise ValueError(f"{name} must be in {interval}, got {value!r}")
    return number


def check_int(value: Any, name: str, *, low: int = 0, high: int = MAX_ENTRIES) -> int:
    """Return ``value`` as an int if it is an integer in ``[low, high]`` (not a bool)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    number = int(value)
    if not low <= number <= high:
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    return number


def check_choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of the strings ``choices``, else raise naming ``name``."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}, got {value!r}")
    return value


def check_positive(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is a finite number > 0."""
    if type(value) is float and 0.0 < value < math.inf:  # the usual case (NaN fails it)
        return value
    return check_real(value, name, low=0.0, low_open=True)


def check_seed(value: Any, name: str = "seed") -> int:
    """Return ``value`` if it is a valid seed for ``numpy.random.default_rng``."""
    return check_int(value, name, low=0, high=2**63 - 1)


def check_parameters(
    weights: Sequence[Any], bias: Sequence[Any], prefix: str = ""
) -> tuple[list[FloatArray], list[FloatArray]]:
    """Validate one weight matrix and one bias row per layer; return float64 copies.

    ``prefix`` goes in front of the argument names in messages (``"gradients."``).
    """
    for name, value in ((f"{prefix}weights", weights), (f"{prefix}bias", bias)):
        if isinstance(value, (str, bytes, np.ndarray)) or not isinstance(value, Sequence):
            raise TypeError(
                f"{name} must be a list with one array per layer, got {type(value).__name__}"
            )
    if len(weights) == 0:
        raise ValueError(f"{prefix}weights must hold at least one layer, got an empty list")
    if len(weights) != len(bias):
        raise ValueError(
            f"{prefix}weights and {prefix}bias must have one entry per layer, got "
            f"{len(weights)} weight matrices and {len(bias)} bias rows"
        )
    new_w: list[FloatArray] = []
    new_b: list[FloatArray] = []
    for layer, (W_given, b_given) in enumerate(zip(weights, bias, strict=True)):
        n_in = None if layer == 0 else new_w[-1].shape[1]
        W = check_matrix(W_given, f"{prefix}weights[{layer}]", n_rows=n_in)
        b = check_matrix(b_given, f"{prefix}bias[{layer}]", n_rows=1, n_cols=W.shape[1])
        new_w.append(W.copy())
        new_b.append(b.copy())
    return new_w, new_b
