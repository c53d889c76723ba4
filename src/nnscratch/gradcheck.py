"""Numerical gradients by central differences, to check backpropagation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from nnscratch._validation import (
    FloatArray,
    as_float_array,
    check_finite,
    check_matrix,
    check_one_hot,
    check_positive,
)
from nnscratch.model import Gradients, NonLinearModel
from nnscratch.output import softmax, softmax_jacobian

__all__ = [
    "GradientCheckResult",
    "gradient_check",
    "numerical_gradient",
    "per_sample_gradients",
    "relative_error",
]


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
        is ``O(eps**2)`` from truncation plus ``O(u / eps)`` from rounding
        (``u = 2**-53``, float64's unit roundoff); the two balance at ``eps``
        of order ``u ** (1/3)``, about ``5e-6`` for costs of order 1, and
        ``1e-6`` is of that order.

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

    ``||a - b|| / (||a|| + ||b||)`` with Euclidean norms over all entries:
    always in ``[0, 1]``, 0 when both arrays are exactly zero (they agree),
    and 1 when exactly one of them is zero, however small the other is.
    It is scale-free. The book's correct gradients give at most a few
    ``1e-8``, and the wrong derivatives planted there ``1e-3`` and up
    (:ref:`sec-gradcheck`).

    Parameters
    ----------
    analytical, numerical : array_like of the same shape
        Finite gradients.

    Returns
    -------
    float
    """
    a = as_float_array(analytical, "analytical")
    b = as_float_array(numerical, "numerical")
    check_finite(a, "analytical")
    check_finite(b, "numerical")
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


@dataclass(frozen=True, eq=False)
class GradientCheckResult:
    """What :func:`gradient_check` measured (compared by identity).

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
    X = check_matrix(X, "X", n_cols=model.n_features)
    T = check_one_hot(T, "T", n_rows=X.shape[0], n_classes=model.n_classes)
    eps = check_positive(eps, "eps")
    probe = model.copy()
    analytical_w, analytical_b = probe.back_propagation(X, T)

    def cost(_: FloatArray) -> float:  # the probe's parameters are perturbed in place
        return probe.cost(X, T)

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


def per_sample_gradients(model: NonLinearModel, X: Any, T: Any) -> Gradients:
    """The same gradients as :meth:`~nnscratch.model.NonLinearModel.back_propagation`, the slow way.

    The method of the series' original post, for any depth: a Python loop
    over the samples, each one pushed back through explicit Jacobian
    matrices (the softmax's :eq:`eq-softmax-jacobian`, ``diag(f'(z))`` for a
    hidden activation, and the Kronecker-product Jacobian of ``z = a W`` with
    respect to ``W``), its terms summed and divided by ``n``. It is a
    reference to test the vectorised backward pass against, and shows what
    vectorising saves; it is not for training.

    Parameters
    ----------
    model : NonLinearModel
    X : array_like of shape (n, n_features)
    T : array_like of shape (n, n_classes)
        One-hot targets.

    Returns
    -------
    Gradients
        Shaped like the model's parameters.
    """
    if not isinstance(model, NonLinearModel):
        raise TypeError(f"model must be a NonLinearModel, got {type(model).__name__}")
    X = check_matrix(X, "X", n_cols=model.n_features)
    T = check_one_hot(T, "T", n_rows=X.shape[0], n_classes=model.n_classes)
    n = X.shape[0]
    f, f_prime = model.hidden_activation.function, model.hidden_activation.derivative
    grads_w = [np.zeros_like(W) for W in model.weights]
    grads_b = [np.zeros_like(b) for b in model.bias]
    for x, t in zip(X, T, strict=True):
        a, inputs, pre_activations = x[None, :], [], []  # one sample as a (1, d) row
        for W, b in zip(model.weights, model.bias, strict=True):
            inputs.append(a)
            z = a @ W + b
            pre_activations.append(z)
            a = f(z)
        z_o = pre_activations[-1][0]  # (k,)
        y = softmax(z_o)
        delta = (-t / y / n) @ softmax_jacobian(z_o)  # dL_i/dy times dy/dz_o, (k,)
        for layer in reversed(range(model.n_layers)):
            n_in, n_out = model.weights[layer].shape
            # dz/dW for z = a W, W flattened row by row: kron(a, I), (n_out, n_in * n_out)
            grads_w[layer] += (delta @ np.kron(inputs[layer], np.eye(n_out))).reshape(n_in, n_out)
            grads_b[layer] += delta  # dz/db is the identity
            if layer > 0:  # dz_l/da_{l-1} = W_l^T, then da/dz = diag(f'(z))
                J_f = np.diag(f_prime(pre_activations[layer - 1][0]))
                delta = delta @ model.weights[layer].T @ J_f
    return Gradients(grads_w, grads_b)
