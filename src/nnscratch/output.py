"""The output layer: softmax, log-softmax and the softmax's Jacobian.

The book derives these in :ref:`sec-activations`. Each function takes logits
``Z`` of shape ``(n, k)`` (one row per sample) or ``(k,)`` (one sample) and
works along the last axis.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnscratch._rows import per_row, row_max, row_sum
from nnscratch._validation import FloatArray, as_float_array, check_finite

__all__ = ["log_softmax", "softmax", "softmax_jacobian"]


def _check_logits(value: Any, name: str) -> FloatArray:
    Z = as_float_array(value, name)
    if Z.ndim not in (1, 2) or Z.shape[-1] == 0 or Z.size == 0:
        raise ValueError(
            f"{name} must have shape (k,) or (n, k) with n, k >= 1, got shape {Z.shape}"
        )
    check_finite(Z, name)
    return Z


def _shifted(Z: FloatArray) -> FloatArray:
    """A copy of ``Z`` minus each row's maximum, :eq:`eq-softmax-shift`: entries ``<= 0``."""
    with np.errstate(over="ignore"):  # a gap beyond the largest float rounds to -inf
        return per_row(np.subtract, Z.copy(), row_max(Z))


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
    E = np.exp(_shifted(_check_logits(Z, "Z")))  # eq-softmax-shift: exponents <= 0
    return per_row(np.divide, E, row_sum(E))  # eq-softmax


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
    shifted = _shifted(_check_logits(Z, "Z"))  # eq-softmax-shift
    # the sum holds exp(0) = 1, so it lies in [1, k] and its log is finite
    return per_row(np.subtract, shifted, np.log(row_sum(np.exp(shifted))))


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
