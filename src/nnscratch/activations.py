"""Hidden-layer activation functions and their derivatives.

Each hidden activation comes as a pair: the function, applied element-wise,
and its derivative with respect to its input, also element-wise. The book
derives every pair in :ref:`sec-activations`; the docstrings below name the
equation each function implements instead of restating it.

At a kink (``z == 0`` for the ReLU family) the derivative does not exist; the
code uses the left-hand slope: ``relu_grad(0) == 0`` and
``leaky_relu_grad(0) == slope``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from nnscratch._validation import FloatArray, as_float_array, check_real

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "identity",
    "identity_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "logistic",
    "logistic_grad",
    "relu",
    "relu_grad",
    "softplus",
    "softplus_grad",
    "tanh",
    "tanh_grad",
]


def identity(z: Any) -> FloatArray:
    """Return the input unchanged (a linear layer): :math:`f(z) = z`.

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape.

    Returns
    -------
    ndarray of the same shape as `z`
    """
    result: FloatArray = as_float_array(z, "z").copy()
    return result


def identity_grad(z: Any) -> FloatArray:
    """Derivative of :func:`identity`: ones, the shape of `z`."""
    return np.ones_like(as_float_array(z, "z"))


def relu(z: Any) -> FloatArray:
    """Rectified linear unit, :eq:`eq-relu`.

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape.

    Returns
    -------
    ndarray of the same shape as `z`
        ``max(z, 0)`` element-wise.
    """
    return np.maximum(as_float_array(z, "z"), 0.0)


def relu_grad(z: Any) -> FloatArray:
    """Derivative of :func:`relu`, :eq:`eq-relu-grad`: 1 where ``z > 0``, else 0.

    At the kink ``z == 0`` the value is 0 (the left-hand slope).
    """
    return (as_float_array(z, "z") > 0.0).astype(np.float64)


def _check_slope(slope: float) -> float:
    return check_real(slope, "slope", low=0.0, high=1.0, high_open=True)


def leaky_relu(z: Any, slope: float = 0.01) -> FloatArray:
    """Leaky ReLU, :eq:`eq-leaky-relu`: ``z`` for ``z > 0``, ``slope * z`` otherwise.

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape.
    slope : float, default=0.01
        Slope for negative inputs, in ``[0, 1)``. The series' original post
        used 0.1.

    Returns
    -------
    ndarray of the same shape as `z`
    """
    slope = _check_slope(slope)
    z = as_float_array(z, "z")
    result: FloatArray = np.where(z > 0.0, z, slope * z)
    return result


def leaky_relu_grad(z: Any, slope: float = 0.01) -> FloatArray:
    """Derivative of :func:`leaky_relu`, :eq:`eq-leaky-relu-grad`.

    1 where ``z > 0``, ``slope`` elsewhere (``slope`` at the kink ``z == 0``).
    """
    slope = _check_slope(slope)
    return np.where(as_float_array(z, "z") > 0.0, 1.0, slope)


def logistic(z: Any) -> FloatArray:
    """Logistic sigmoid, :eq:`eq-logistic`, computed without overflow.

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape.

    Returns
    -------
    ndarray of the same shape as `z`
        Values in ``[0, 1]``.

    Notes
    -----
    ``1 / (1 + exp(-z))`` overflows in ``exp`` for ``z < -709.78``. Writing it
    with ``e = exp(-|z|) <= 1`` instead gives ``1 / (1 + e)`` for ``z >= 0``
    and ``e / (1 + e)`` for ``z < 0``, which never overflow.
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    result: FloatArray = np.where(z >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e))
    return result


def logistic_grad(z: Any) -> FloatArray:
    """Derivative of :func:`logistic`, :eq:`eq-logistic-grad`: ``s (1 - s)``."""
    s = logistic(z)
    return s * (1.0 - s)


def softplus(z: Any) -> FloatArray:
    """Softplus, :eq:`eq-softplus`: ``log(1 + exp(z))``, a smooth ReLU.

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape.

    Returns
    -------
    ndarray of the same shape as `z`

    Notes
    -----
    Computed as ``logaddexp(0, z)``, which equals ``z + log(1 + exp(-z))``
    for large ``z``: no overflow for ``z = 1e4``.
    """
    with np.errstate(invalid="ignore"):  # NaN in, NaN out, without a warning
        return np.logaddexp(0.0, as_float_array(z, "z"))


def softplus_grad(z: Any) -> FloatArray:
    """Derivative of :func:`softplus`, :eq:`eq-softplus-grad`: the logistic function."""
    return logistic(z)


def tanh(z: Any) -> FloatArray:
    """Hyperbolic tangent, :eq:`eq-tanh`."""
    return np.tanh(as_float_array(z, "z"))


def tanh_grad(z: Any) -> FloatArray:
    """Derivative of :func:`tanh`, :eq:`eq-tanh-grad`: ``1 - tanh(z)**2``."""
    t = np.tanh(as_float_array(z, "z"))
    return 1.0 - t * t


@dataclass(frozen=True)
class Activation:
    """An element-wise activation function paired with its derivative.

    Parameters
    ----------
    name : str
        Name shown in reprs, tables and plots.
    function : callable
        ``function(Z)`` returns the activation of each entry of ``Z``.
    derivative : callable
        ``derivative(Z)`` returns the derivative of ``function`` at each entry
        of ``Z`` (the diagonal of the Jacobian, not the Jacobian itself).

    Examples
    --------
    >>> act = get_activation("relu")
    >>> act.function(np.array([-1.0, 2.0]))
    array([0., 2.])
    >>> act.derivative(np.array([-1.0, 2.0]))
    array([0., 1.])
    """

    name: str
    function: Callable[[FloatArray], FloatArray]
    derivative: Callable[[FloatArray], FloatArray]


ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation("relu", relu, relu_grad),
        Activation("leaky_relu", leaky_relu, leaky_relu_grad),
        Activation("logistic", logistic, logistic_grad),
        Activation("softplus", softplus, softplus_grad),
        Activation("tanh", tanh, tanh_grad),
        Activation("identity", identity, identity_grad),
    )
}
"""The named activations known to :func:`get_activation`."""


def get_activation(name: str | Activation, **params: float) -> Activation:
    """Return the :class:`Activation` called `name`.

    Parameters
    ----------
    name : str or Activation
        One of ``"relu"``, ``"leaky_relu"``, ``"logistic"``, ``"softplus"``,
        ``"tanh"``, ``"identity"``; an :class:`Activation` is returned as is.
    **params
        Parameters of the activation; only ``slope`` for ``"leaky_relu"``.

    Returns
    -------
    Activation

    Raises
    ------
    ValueError
        If `name` is unknown (the message lists the known names).
    """
    if isinstance(name, Activation):
        if params:
            raise TypeError("params cannot be given with an Activation instance as name")
        return name
    if not isinstance(name, str):
        raise TypeError(f"name must be a str or an Activation, got {type(name).__name__}")
    if name not in ACTIVATIONS:
        known = ", ".join(repr(known) for known in ACTIVATIONS)
        raise ValueError(f"name must be one of {known}; got the unknown activation {name!r}")
    if not params:
        return ACTIVATIONS[name]
    if name != "leaky_relu" or set(params) != {"slope"}:
        raise TypeError(f"params: activation {name!r} takes no parameters {sorted(params)}")
    slope = _check_slope(params["slope"])
    return Activation(
        name,
        partial(leaky_relu, slope=slope),
        partial(leaky_relu_grad, slope=slope),
    )
