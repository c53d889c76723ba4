"""The output layer: softmax, log-softmax and the softmax's Jacobian.

The book derives these in :ref:`sec-activations`. Each function takes logits
``Z`` of shape ``(n, k)`` (one row per sample) or ``(k,)`` (one sample) and
works along the last axis.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch._validation import FloatArray, as_float_array, check_finite

__all__ = ["log_softmax", "row_argmax", "softmax", "softmax_jacobian"]


def _check_logits(value: Any, name: str) -> FloatArray:
    Z = as_float_array(value, name)
    if Z.ndim not in (1, 2) or Z.shape[-1] == 0 or Z.size == 0:
        raise ValueError(
            f"{name} must have shape (k,) or (n, k) with n, k >= 1, got shape {Z.shape}"
        )
    check_finite(Z, name)
    return Z


def _columns(Z: FloatArray) -> FloatArray:
    """The columns of ``Z`` (or the entries of one row) as rows: shape ``(k, n)``."""
    columns: FloatArray = Z.reshape(-1, Z.shape[-1]).T
    return columns


def _row_max(Z: FloatArray) -> FloatArray:
    """Maximum of each row of ``Z``, kept as a column: shape ``(..., 1)``."""
    if Z.shape[-1] > 8:
        maxima: FloatArray = Z.max(axis=-1, keepdims=True)
        return maxima
    # With few classes, a reduction along the short last axis is slow in numpy
    # (it loops once per row); comparing whole columns is about 5x faster.
    columns = _columns(Z)
    result = columns[0].copy()
    for column in columns[1:]:
        np.maximum(result, column, out=result)
    column_maxima: FloatArray = result.reshape(*Z.shape[:-1], 1)
    return column_maxima


def row_argmax(Z: FloatArray) -> NDArray[np.intp]:
    """Index of the first maximal entry of each row, as ``np.argmax(Z, axis=-1)``.

    For few columns it walks the columns, keeping the best so far (a later
    column wins only if strictly larger, so ties go to the first): about 4x
    faster than numpy's reduction along a short axis.
    """
    if Z.shape[-1] > 8:
        indices: NDArray[np.intp] = np.argmax(Z, axis=-1)
        return indices
    columns = _columns(Z)
    best = columns[0].copy()
    index = np.zeros(best.shape, dtype=np.intp)
    for j, column in enumerate(columns[1:], start=1):
        np.copyto(index, j, where=column > best)
        np.maximum(best, column, out=best)
    row_indices: NDArray[np.intp] = index.reshape(Z.shape[:-1])
    return row_indices


def _row_sum(E: FloatArray) -> FloatArray:
    """Sum of each row of ``E``, kept as a column: ``E @ 1``, shape ``(..., 1)``.

    A product with a vector of ones runs in BLAS; ``E.sum(axis=-1)`` loops once
    per row, which is about 20x slower for ``k = 3``.
    """
    sums: FloatArray = (E @ np.ones(E.shape[-1]))[..., None]
    return sums


def softmax(Z: Any) -> FloatArray:
    """Row-wise softmax, :eq:`eq-softmax`, shifted by each row's maximum.

    Parameters
    ----------
    Z : array_like of shape (n, k) or (k,)
        Logits, one row per sample; finite.

    Returns
    -------
    ndarray of the same shape as `Z`
        Probabilities; each row sums to 1.

    Notes
    -----
    The softmax does not change when a constant is subtracted from a row
    (:eq:`eq-softmax-shift`). Subtracting the row maximum makes every
    exponent ``<= 0``, so ``exp`` cannot overflow, and the largest term is
    exactly 1, so the denominator is at least 1.
    """
    Z = _check_logits(Z, "Z")
    with np.errstate(over="ignore"):  # a gap beyond 1.8e308 rounds to -inf; exp gives 0
        E: FloatArray = np.exp(Z - _row_max(Z))  # eq-softmax-shift: every exponent <= 0
    E /= _row_sum(E)  # eq-softmax
    return E


def log_softmax(Z: Any) -> FloatArray:
    """Logarithm of :func:`softmax`, without ever taking ``log(0)``.

    Parameters
    ----------
    Z : array_like of shape (n, k) or (k,)
        Logits; finite.

    Returns
    -------
    ndarray of the same shape as `Z`
        ``Z - max - log(sum(exp(Z - max)))`` row by row, ``<= 0``: finite
        even where the probability itself underflows to 0, unless a logit
        lies more than about ``1.8e308`` (the largest float) below its
        row's maximum; its log-probability is then ``-inf``.
    """
    Z = _check_logits(Z, "Z")
    with np.errstate(over="ignore"):  # a gap beyond the largest float rounds to -inf
        shifted: FloatArray = Z - _row_max(Z)  # eq-softmax-shift
    # the sum holds exp(0) = 1, so it lies in [1, k] and its log is finite
    shifted -= np.log(_row_sum(np.exp(shifted)))
    return shifted


def softmax_jacobian(z: Any) -> FloatArray:
    """Jacobian of the softmax of one row of logits, :eq:`eq-softmax-jacobian`.

    Parameters
    ----------
    z : array_like of shape (k,) or (n, k)
        Logits of one sample, or of a batch.

    Returns
    -------
    ndarray of shape (k, k), or (n, k, k) for a batch
        ``J[i, j] = dy_i / dz_j = y_i (delta_ij - y_j)``.
    """
    y = softmax(_check_logits(z, "z"))
    diagonal: FloatArray = y[..., :, None] * np.eye(y.shape[-1])
    return diagonal - y[..., :, None] * y[..., None, :]
