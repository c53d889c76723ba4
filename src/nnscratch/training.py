"""Full-batch gradient descent on the mean cross-entropy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch._fast import GradientDescentStep
from nnscratch._validation import check_positive
from nnscratch.model import NonLinearModel, _cost_from_logits

__all__ = ["TrainingHistory", "train"]


@dataclass(frozen=True)
class TrainingHistory:
    """Cost and accuracy recorded by :func:`train`.

    Entry ``i`` of each array is measured after ``i`` gradient steps, so
    each array has ``n_iter + 1`` entries; entry 0 is the initial model.

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
        Number of gradient steps, > 0.
    X_val, T_val : array_like, optional
        Validation data, given together; its cost and accuracy are recorded
        at every step.

    Returns
    -------
    TrainingHistory

    Raises
    ------
    FloatingPointError
        If the cost becomes infinite or NaN (the learning rate is too large);
        the model's parameters are then restored to those it was given.

    Notes
    -----
    The inputs are checked once per call, not once per step. The loop runs
    the equations of :meth:`~nnscratch.model.NonLinearModel.back_propagation`
    in a faster memory layout with reused buffers (``nnscratch._fast``); the
    test suite checks that both give the same parameters.
    """
    if not isinstance(model, NonLinearModel):
        raise TypeError(f"model must be a NonLinearModel, got {type(model).__name__}")
    X, T = model._check_XT(X, T)
    learning_rate = check_positive(learning_rate, "learning_rate")
    n_iter = check_positive(n_iter, "n_iter", integer=True)
    if (X_val is None) != (T_val is None):
        raise ValueError("X_val and T_val must be given together")
    validate = X_val is not None
    if validate:
        X_val, T_val = model._check_XT(X_val, T_val)
    val_labels = np.argmax(T_val, axis=1) if validate else None

    cost = np.empty(n_iter + 1)
    accuracy = np.empty(n_iter + 1)
    val_cost = np.empty(n_iter + 1) if validate else None
    val_accuracy = np.empty(n_iter + 1) if validate else None

    def record_validation(i: int) -> None:
        if val_cost is not None and val_accuracy is not None:
            Z_val = model._forward(X_val)[-1]
            val_cost[i] = _cost_from_logits(Z_val, T_val)
            val_accuracy[i] = np.mean(np.argmax(Z_val, axis=1) == val_labels)

    start = ([W.copy() for W in model.weights], [b.copy() for b in model.bias])
    stepper = GradientDescentStep(model, X, T)
    # overflow is detected below through a non-finite cost, not through warnings
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(n_iter + 1):
            record_validation(i)  # entry i: after i steps, like cost[i]
            if i < n_iter:
                cost[i], accuracy[i] = stepper.step(learning_rate)  # measured before step i
            else:
                cost[i], accuracy[i] = stepper.evaluate()
            if not np.isfinite(cost[i]):
                model.weights, model.bias = start  # leave the model as it was given
                raise FloatingPointError(
                    f"training diverged at step {i} (cost {cost[i]}); "
                    f"learning_rate={learning_rate} is too large"
                )
    return TrainingHistory(cost, accuracy, val_cost, val_accuracy)
