"""Full-batch gradient descent on the mean cross-entropy, :ref:`sec-training`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch._validation import check_int, check_matrix, check_one_hot, check_positive, trusted
from nnscratch.model import NonLinearModel

__all__ = ["TrainingHistory", "train"]


@dataclass(frozen=True, eq=False)
class TrainingHistory:
    """Cost and accuracy recorded by :func:`train`.

    Entry ``i`` of each array is measured after ``i`` gradient steps, so
    each array has ``n_iter + 1`` entries; entry 0 is the initial model.
    Two histories compare equal only if they are the same object.

    Attributes
    ----------
    cost, accuracy : ndarray of shape (n_iter + 1,)
        Mean cross-entropy and fraction of correctly classified samples on
        the training data.
    val_cost, val_accuracy : ndarray of shape (n_iter + 1,) or None
        The same on the validation data, when it was given.
    """

    cost: NDArray[np.float64]
    accuracy: NDArray[np.float64]
    val_cost: NDArray[np.float64] | None = None
    val_accuracy: NDArray[np.float64] | None = None


def train(
    model: NonLinearModel,
    X: Any,
    T: Any,
    learning_rate: float,
    n_iter: int,
    *,
    X_val: Any = None,
    T_val: Any = None,
) -> TrainingHistory:
    """Train `model` **in place** by full-batch gradient descent, :eq:`eq-gd-update`.

    Each step is :meth:`~nnscratch.model.NonLinearModel.forward`, then the
    cost and accuracy of that forward pass, then
    :meth:`~nnscratch.model.NonLinearModel.backward` and
    :meth:`~nnscratch.model.NonLinearModel.gradient_step`: the loop a reader
    would write by hand, with nothing computed twice.

    Parameters
    ----------
    model : NonLinearModel
        Updated in place. Call ``model.copy()`` first to keep the starting
        point, e.g. to train two models from the same initial weights.
    X : array_like of shape (n, n_features)
        Training inputs.
    T : array_like of shape (n, n_classes)
        One-hot training targets.
    learning_rate : float
        Step size, > 0. The cost is a mean over samples, so the step does not
        grow with ``n``.
    n_iter : int
        Number of gradient steps, >= 1.
    X_val, T_val : array_like, optional
        Validation data, given together; its cost and accuracy are recorded
        at every step.

    Returns
    -------
    TrainingHistory

    Raises
    ------
    FloatingPointError
        If a value overflows or the cost stops being finite (the learning
        rate is too large). The model's parameter arrays then hold again,
        in place, the values they had when `train` was called.

    Notes
    -----
    `X`, `T` (and the validation data) are checked once, here; the steps
    then skip re-checking those same arrays, and the gradients each step has
    just computed, which would otherwise cost more than the step itself when
    ``n`` is small.
    """
    if not isinstance(model, NonLinearModel):
        raise TypeError(f"model must be a NonLinearModel, got {type(model).__name__}")
    X = check_matrix(X, "X", n_cols=model.n_features)
    T = check_one_hot(T, "T", n_rows=X.shape[0], n_classes=model.n_classes)
    learning_rate = check_positive(learning_rate, "learning_rate")
    n_iter = check_int(n_iter, "n_iter", low=1)
    if (X_val is None) != (T_val is None):
        raise ValueError("X_val and T_val must be given together")
    validate = X_val is not None
    if validate:
        X_val = check_matrix(X_val, "X_val", n_cols=model.n_features)
        T_val = check_one_hot(T_val, "T_val", n_rows=X_val.shape[0], n_classes=model.n_classes)

    history = TrainingHistory(
        *(np.empty(n_iter + 1) for _ in range(2)),
        *((np.empty(n_iter + 1) for _ in range(2)) if validate else (None, None)),
    )
    start = [param.copy() for param in model.weights + model.bias]
    try:
        # divergence: stop at once; the data were checked above: not at every step, nor
        # the gradients that the model's own backward makes (trusting the model)
        with np.errstate(over="raise", invalid="raise"), trusted(X, T, X_val, T_val, model):
            for i in range(n_iter + 1):  # entry i is measured after i steps
                forward = model.forward(X)
                history.cost[i] = forward.cost(T)
                history.accuracy[i] = forward.accuracy(T)
                if history.val_cost is not None and history.val_accuracy is not None:
                    val = model.forward(X_val)
                    history.val_cost[i] = val.cost(T_val)
                    history.val_accuracy[i] = val.accuracy(T_val)
                if i < n_iter:
                    gradients = model.backward(forward, T)
                    model.gradient_step(gradients, learning_rate)
    except (FloatingPointError, ValueError) as error:
        # inputs were checked above: a failure here comes from diverged values
        for param, saved in zip(model.weights + model.bias, start, strict=True):
            param[...] = saved
        raise FloatingPointError(
            f"training diverged at step {i} ({error}); learning_rate={learning_rate} is too large"
        ) from error
    return history
