"""The cross-entropy cost, averaged over samples."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnscratch._validation import check_matrix, check_one_hot

__all__ = ["cross_entropy"]

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
        ``-sum(T * log(Y)) / n``: the **mean** over the ``n`` samples, so that
        the size of a gradient step does not grow with ``n``
        (see :ref:`sec-training`).

    Notes
    -----
    A probability that underflowed to exactly 0 is clipped to the smallest
    positive float before the logarithm, so the cost stays finite. When the
    logits are at hand, :meth:`~nnscratch.model.NonLinearModel.cost` avoids the clipping
    altogether through :func:`~nnscratch.activations.log_softmax`.
    """
    Y = check_matrix(Y, "Y")
    if np.any(Y < 0.0) or np.any(Y > 1.0):
        raise ValueError("Y must hold probabilities in [0, 1]")
    T = check_one_hot(T, "T", n_rows=Y.shape[0], n_classes=Y.shape[1])
    log_y = np.log(np.maximum(Y, _TINY))
    return float(-np.sum(T * log_y) / Y.shape[0])
