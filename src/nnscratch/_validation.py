"""Input checks shared by the public functions.

Every check raises a ``TypeError`` or ``ValueError`` whose message names the
argument, what it got and what it expected, so that a wrong call never turns
into a silent numpy broadcast.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


def as_float_array(value: Any, name: str) -> FloatArray:
    """Convert ``value`` to a float64 array, or raise ``TypeError`` naming ``name``."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a numeric array, got {type(value).__name__}")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a numeric array, got {type(value).__name__}") from error
    return array


def check_finite(array: FloatArray, name: str) -> None:
    """Raise ``ValueError`` if ``array`` holds NaN or infinity."""
    if not np.isfinite(array).all():
        n_bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(f"{name} contains {n_bad} NaN or infinite value(s)")


def check_matrix(
    value: Any,
    name: str,
    *,
    n_cols: int | None = None,
    n_rows: int | None = None,
    finite: bool = True,
) -> FloatArray:
    """Return ``value`` as a finite 2-D float64 array with the expected shape.

    ``n_cols`` and ``n_rows`` are the expected sizes, ``None`` for any size.
    """
    array = as_float_array(value, name)
    want = f"({'n' if n_rows is None else n_rows}, {'m' if n_cols is None else n_cols})"
    if array.ndim != 2:
        raise ValueError(f"{name} must be 2-D with shape {want}, got shape {array.shape}")
    if (n_cols is not None and array.shape[1] != n_cols) or (
        n_rows is not None and array.shape[0] != n_rows
    ):
        raise ValueError(f"{name} must have shape {want}, got shape {array.shape}")
    if array.shape[0] == 0:
        raise ValueError(f"{name} must have at least one row, got shape {array.shape}")
    if finite:
        check_finite(array, name)
    return array


def check_one_hot(value: Any, name: str, *, n_rows: int, n_classes: int) -> FloatArray:
    """Return ``value`` as a one-hot (n_rows, n_classes) float64 matrix."""
    T = check_matrix(value, name, n_rows=n_rows, n_cols=n_classes)
    is_binary = np.all((T == 0.0) | (T == 1.0))
    if not is_binary or not np.all(T.sum(axis=1) == 1.0):
        raise ValueError(
            f"{name} must be one-hot: each row holds a single 1 and zeros elsewhere "
            "(use nnscratch.one_hot(labels, n_classes))"
        )
    return T


def check_labels(value: Any, name: str, *, n_classes: int | None = None) -> IntArray:
    """Return ``value`` as a 1-D array of class indices in ``[0, n_classes)``."""
    array = np.asarray(value)
    if array.dtype == bool or not np.issubdtype(array.dtype, np.integer):
        if (
            np.issubdtype(array.dtype, np.floating)
            and np.all(np.isfinite(array))
            and np.all(array == np.round(array))
        ):
            array = array.astype(np.intp)
        else:
            raise TypeError(f"{name} must hold integer class indices, got dtype {array.dtype}")
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D with shape (n,), got shape {array.shape}")
    if array.size and array.min() < 0:
        raise ValueError(f"{name} must be >= 0, got minimum {array.min()}")
    if n_classes is not None and array.size and array.max() >= n_classes:
        raise ValueError(f"{name} must be < n_classes={n_classes}, got maximum {array.max()}")
    return array.astype(np.intp, copy=False)


def check_real(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is a finite real number (not a bool), else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not np.isfinite(float(value)):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return float(value)


def check_positive(value: Any, name: str, *, integer: bool = False) -> Any:
    """Return ``value`` if it is a positive (integer) number, else raise."""
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        what = "an integer" if integer else "a number"
        raise TypeError(f"{name} must be {what}, got {type(value).__name__}")
    if not np.isfinite(float(value)) or value <= 0:
        raise ValueError(f"{name} must be positive (and finite), got {value!r}")
    return value
