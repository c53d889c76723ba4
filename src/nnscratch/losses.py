"""The cost (mean cross-entropy) and the accuracy of a classifier's outputs."""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from nnscratch._rows import row_argmax
from nnscratch._validation import FloatArray, IntArray, check_matrix, check_one_hot, trusted_memo
from nnscratch.output import log_softmax

__all__ = ["accuracy", "cross_entropy", "cross_entropy_from_log_proba", "cross_entropy_from_logits"]

#: Smallest positive float64. Probabilities are clipped to it before the log,
#: so ``-log`` is at most about 708 instead of infinite.
_TINY = np.finfo(np.float64).tiny


def cross_entropy(Y: Any, T: Any) -> float:
    """Mean cross-entropy between predicted probabilities and one-hot targets, :eq:`eq-xent`.

    Parameters
    ----------
    Y : array_like of shape (n, k)
        Predicted class probabilities, each in ``[0, 1]``.
    T : array_like of shape (n, k)
        One-hot targets.

    Returns
    -------
    float
        The **mean** over the ``n`` samples, so that the size of a gradient
        step does not grow with ``n`` (see :ref:`sec-training`). Finite: a
        probability that underflowed to exactly 0 is clipped to the smallest
        positive float before the logarithm. When the logits are at hand,
        :func:`cross_entropy_from_logits` needs no clipping.
    """
    Y = check_matrix(Y, "Y")
    if np.any(Y < 0.0) or np.any(Y > 1.0):
        raise ValueError("Y must hold probabilities in [0, 1], got values outside")
    return cross_entropy_from_log_proba(np.log(np.maximum(Y, _TINY)), T)


def cross_entropy_from_logits(Z_o: Any, T: Any) -> float:
    """Mean cross-entropy of ``softmax(Z_o)`` against one-hot targets, :eq:`eq-xent`.

    Computed through :func:`~nnscratch.output.log_softmax`, with no
    clipping: finite for any finite logits whose gaps within a row stay
    below the largest float, about ``1.8e308``.

    Parameters
    ----------
    Z_o : array_like of shape (n, k)
        Logits (output-layer pre-activations).
    T : array_like of shape (n, k)
        One-hot targets.

    Returns
    -------
    float
    """
    return cross_entropy_from_log_proba(log_softmax(check_matrix(Z_o, "Z_o")), T)


def cross_entropy_from_log_proba(log_Y: Any, T: Any) -> float:
    """Mean cross-entropy from log-probabilities, :eq:`eq-xent`: ``-sum(T * log_Y) / n``.

    The other two cross-entropy functions compute ``log_Y`` and call this one.

    Parameters
    ----------
    log_Y : array_like of shape (n, k)
        Log-probabilities, finite and ``<= 0`` (e.g. from
        :func:`~nnscratch.output.log_softmax`).
    T : array_like of shape (n, k)
        One-hot targets.

    Returns
    -------
    float
    """
    log_Y = check_matrix(log_Y, "log_Y")
    if np.any(log_Y > 0.0):
        raise ValueError("log_Y must hold log-probabilities <= 0, got positive values")
    T = check_one_hot(T, "T", n_rows=log_Y.shape[0], n_classes=log_Y.shape[1])
    return _mean_cross_entropy(log_Y, T)


def _mean_cross_entropy(log_Y: FloatArray, T: FloatArray) -> float:
    """:eq:`eq-xent` for arrays already checked: the one place the formula is written."""
    n = int(T.shape[0])
    # vdot sums T * log Y without building the product: only the true class counts
    mean = -float(np.vdot(T, log_Y)) / n
    if math.isinf(mean):  # a sum of huge terms overflowed: divide before adding
        mean = -float(np.vdot(T, log_Y / n))
    return mean


def accuracy(scores: Any, T: Any) -> float:
    """Fraction of samples whose highest score is in their true class.

    Parameters
    ----------
    scores : array_like of shape (n, k)
        Finite logits or probabilities (the softmax keeps the order of each row).
        A tie goes to the first of the tied classes, as in ``numpy.argmax``.
    T : array_like of shape (n, k)
        One-hot targets.

    Returns
    -------
    float
        In ``[0, 1]``.
    """
    scores = check_matrix(scores, "scores")
    n, k = scores.shape
    return _fraction_correct(scores, check_one_hot(T, "T", n_rows=n, n_classes=k))


def _fraction_correct(scores: FloatArray, T: FloatArray) -> float:
    """:func:`accuracy` for arrays already checked."""
    return np.count_nonzero(row_argmax(scores) == _labels(T)) / float(T.shape[0])


def _labels(T: FloatArray) -> IntArray:
    """The true class of each one-hot row of `T`, as integers like ``argmax``'s indices.

    Computed once per array that ``train`` checked once and steps on (see
    :class:`~nnscratch._validation.trusted`), at every call otherwise.
    """
    memo = trusted_memo(T)
    if memo is not None and "labels" in memo:
        kept: IntArray = memo["labels"]
        return kept
    labels: IntArray = (T @ _class_indices(T.shape[1])).astype(np.intp)  # exact: 0.0, 1.0, ...
    if memo is not None:
        memo["labels"] = labels
    return labels


@functools.cache
def _class_indices(k: int) -> FloatArray:
    """The read-only vector ``[0, 1, ..., k - 1]`` as floats, made once per ``k``."""
    indices = np.arange(k, dtype=np.float64)
    indices.flags.writeable = False
    return indices
