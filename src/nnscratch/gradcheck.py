"""Numerical gradients by central differences, to check backpropagation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from nnscratch._validation import FloatArray, as_float_array, check_positive
from nnscratch.model import NonLinearModel, _cost_from_logits

__all__ = ["GradientCheckResult", "gradient_check", "numerical_gradient", "relative_error"]


def numerical_gradient(
    f: Callable[[FloatArray], float], array: FloatArray, eps: float = 1e-6
) -> FloatArray:
    """Gradient of a scalar function of one array by central differences, :eq:`eq-central-difference`.

    Parameters
    ----------
    f : callable
        ``f(array)`` returns a float. It is called ``2 * array.size`` times,
        each time with one entry of `array` moved by ``+eps`` or ``-eps``.
    array : ndarray of float64
        The point at which to differentiate. It is perturbed in place during
        the call and restored exactly afterwards, even if `f` raises.
    eps : float, default=1e-6
        Half the width of the difference. The error of a central difference
        is ``O(eps**2)`` from truncation plus ``O(machine_eps / eps)`` from
        rounding; ``1e-6`` balances the two for float64 costs of order 1.

    Returns
    -------
    ndarray of the shape of `array`
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    # runtime check for callers without a type checker
    if not (isinstance(array, np.ndarray) and array.dtype == np.float64):  # type: ignore[redundant-expr]
        raise TypeError(
            "array must be a float64 ndarray (it is perturbed in place), got "
            f"{type(array).__name__} of dtype {getattr(array, 'dtype', None)}"
        )
    eps = check_positive(eps, "eps")
    grad = np.empty_like(array)
    for index in np.ndindex(array.shape):
        original = array[index]
        try:
            array[index] = original + eps
            f_plus = f(array)
            array[index] = original - eps
            f_minus = f(array)
        finally:
            array[index] = original
        grad[index] = (f_plus - f_minus) / (2.0 * eps)  # eq-central-difference
    return grad


def relative_error(analytical: Any, numerical: Any) -> float:
    """Relative error between two gradients, :eq:`eq-relative-error`.

    ``||a - b|| / (||a|| + ||b||)`` with Euclidean norms, and 0 when both
    are zero. It is scale-free: about ``1e-9`` or less for a correct float64
    gradient, ``1e-2`` and up for a wrong one.
    """
    a = as_float_array(analytical, "analytical")
    b = as_float_array(numerical, "numerical")
    if a.shape != b.shape:
        raise ValueError(
            f"analytical and numerical must have the same shape, got {a.shape} and {b.shape}"
        )
    # rescale first: squares of tiny entries (1e-170) would underflow in the norms
    scale = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)))
    if scale == 0.0:
        return 0.0
    a, b = a / scale, b / scale
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


@dataclass(frozen=True)
class GradientCheckResult:
    """What :func:`gradient_check` measured.

    Attributes
    ----------
    errors_w, errors_b : list of float
        Relative error (:eq:`eq-relative-error`) of each layer's weight and
        bias gradient.
    max_error : float
        The largest of all of them.
    analytical_w, analytical_b, numerical_w, numerical_b : list of ndarray
        The gradients that were compared, shaped like the parameters.
    """

    errors_w: list[float]
    errors_b: list[float]
    max_error: float
    analytical_w: list[FloatArray]
    analytical_b: list[FloatArray]
    numerical_w: list[FloatArray]
    numerical_b: list[FloatArray]


def gradient_check(model: NonLinearModel, X: Any, T: Any, eps: float = 1e-6) -> GradientCheckResult:
    """Compare :meth:`~nnscratch.model.NonLinearModel.back_propagation` with central differences.

    Parameters
    ----------
    model : NonLinearModel
        The model to check; it is not modified (a copy is perturbed).
    X : array_like of shape (n, n_features)
    T : array_like of shape (n, n_classes)
        One-hot targets.
    eps : float, default=1e-6
        Step of :func:`numerical_gradient`.

    Returns
    -------
    GradientCheckResult
        The relative error of every parameter array and their maximum.

    Notes
    -----
    Points within `eps` of a kink of the activation (``Z == 0`` for the ReLU
    family) give a wrong numerical gradient. This is not rare: with zero
    biases, a sample whose ReLU outputs are all 0 in one layer puts every
    pre-activation of the next layer exactly at the kink. Random non-zero
    biases avoid it.
    """
    if not isinstance(model, NonLinearModel):
        raise TypeError(f"model must be a NonLinearModel, got {type(model).__name__}")
    X, T = model._check_XT(X, T)
    probe = model.copy()
    analytical_w, analytical_b = probe.back_propagation(X, T)

    def cost(_: FloatArray) -> float:
        return _cost_from_logits(probe._forward(X)[-1], T)

    numerical_w = [numerical_gradient(cost, W, eps) for W in probe.weights]
    numerical_b = [numerical_gradient(cost, b, eps) for b in probe.bias]
    errors_w = [relative_error(a, n) for a, n in zip(analytical_w, numerical_w, strict=True)]
    errors_b = [relative_error(a, n) for a, n in zip(analytical_b, numerical_b, strict=True)]
    return GradientCheckResult(
        errors_w=errors_w,
        errors_b=errors_b,
        max_error=max(errors_w + errors_b),
        analytical_w=analytical_w,
        analytical_b=analytical_b,
        numerical_w=numerical_w,
        numerical_b=numerical_b,
    )
