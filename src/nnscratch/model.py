"""A fully connected classifier: hidden layers, softmax output, cross-entropy cost.

Rows are samples. Layer ``l`` computes ``Z_l = A_{l-1} W_l + b_l``
(:eq:`eq-forward-hidden`) and ``A_l = f(Z_l)``, with ``A_0 = X``; the last
layer's ``Z_o`` goes through the softmax instead (:eq:`eq-forward-output`).
One layer is the linear softmax model of part 1 of the series; two layers are
the one-hidden-layer network of :ref:`sec-forward`; any depth works.

:meth:`NonLinearModel.forward` and :meth:`NonLinearModel.backward` are the
only forward and backward pass in the package: :func:`~nnscratch.training.train`, the
gradient check and every method below call them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from nnscratch._rows import add_row, row_argmax
from nnscratch._validation import (
    FloatArray,
    IntArray,
    _is_trusted,
    check_array,
    check_matrix,
    check_one_hot,
    check_parameters,
    check_positive,
    ones_row,
)
from nnscratch.activations import Activation, get_activation
from nnscratch.initialization import initial_parameters
from nnscratch.losses import _fraction_correct, _mean_cross_entropy
from nnscratch.output import log_softmax

__all__ = ["ForwardPass", "Gradients", "NonLinearModel"]


class ForwardPass(NamedTuple):
    """Every intermediate value of one forward pass, kept for the backward pass.

    Attributes
    ----------
    X : ndarray of shape (n, n_features)
        The inputs.
    Z_hidden, A_hidden : list of ndarray
        Each hidden layer's pre-activations ``Z_l`` and activations
        ``A_l = f(Z_l)``, of shape ``(n, n_out_l)``; with one hidden layer,
        ``Z_hidden[0]`` is ``Z_h`` and ``A_hidden[0]`` is ``H``.
    Z_o : ndarray of shape (n, n_classes)
        The logits.
    log_Y : ndarray of shape (n, n_classes)
        ``log_softmax(Z_o)``, the log-probabilities; the property ``Y`` is
        their exponential, the probabilities.
    """

    X: FloatArray
    Z_hidden: list[FloatArray]
    A_hidden: list[FloatArray]
    Z_o: FloatArray
    log_Y: FloatArray

    @property
    def Y(self) -> FloatArray:
        """Class probabilities ``softmax(Z_o)``, shape ``(n, n_classes)``."""
        return np.exp(self.log_Y)

    def cost(self, T: Any) -> float:
        """Mean cross-entropy of these outputs against one-hot targets `T`, :eq:`eq-xent`."""
        return _mean_cross_entropy(self.log_Y, self._targets(T))

    def accuracy(self, T: Any) -> float:
        """Fraction of samples whose largest logit is in their class (ties: the first)."""
        return _fraction_correct(self.Z_o, self._targets(T))

    def _targets(self, T: Any) -> FloatArray:
        if _is_trusted(T):  # checked once by train: skip building the expected shape
            return T  # type: ignore[no-any-return]
        return check_one_hot(T, "T", n_rows=self.X.shape[0], n_classes=self.Z_o.shape[1])


class Gradients(NamedTuple):
    """Gradients of the mean cross-entropy, shaped like the parameters.

    Unpacks as ``grads_w, grads_b = model.back_propagation(X, T)``.
    """

    weights: list[FloatArray]
    bias: list[FloatArray]


class NonLinearModel:
    """A multi-layer perceptron with a softmax output, trained on the mean cross-entropy.

    Parameters
    ----------
    weights : sequence of array_like
        One weight matrix per layer, ``weights[l]`` of shape
        ``(n_in_l, n_out_l)``, with ``n_in_{l+1} == n_out_l``.
    bias : sequence of array_like
        One bias row per layer, ``bias[l]`` of shape ``(1, n_out_l)``.
    hidden_activation : str or Activation, default="relu"
        Activation of every hidden layer (see
        :func:`~nnscratch.activations.get_activation`); the output layer
        always uses the softmax.

    Attributes
    ----------
    weights, bias : list of ndarray
        The parameters: float64 copies of those given, updated in place by
        :meth:`gradient_step`.
    hidden_activation : Activation
        The hidden activation (its ``.name``, ``.function``, ``.derivative``).

    Examples
    --------
    >>> import numpy as np
    >>> from nnscratch import NonLinearModel
    >>> model = NonLinearModel.initialize([2, 3, 3], hidden_activation="relu", seed=0)
    >>> model.predict_proba(np.zeros((1, 2))).round(3)
    array([[0.333, 0.333, 0.333]])
    """

    def __init__(
        self,
        weights: Sequence[Any],
        bias: Sequence[Any],
        hidden_activation: str | Activation = "relu",
    ) -> None:
        self.hidden_activation = _checked_activation(hidden_activation)
        self.weights, self.bias = check_parameters(weights, bias)

    @classmethod
    def initialize(
        cls,
        layer_sizes: Sequence[int] | NDArray[np.integer[Any]],
        hidden_activation: str | Activation = "relu",
        seed: int = 0,
        init: str = "auto",
    ) -> NonLinearModel:
        """Build a model with random weights and zero biases.

        See :func:`~nnscratch.initialization.initial_parameters` for
        `layer_sizes`, `seed` and `init`; `hidden_activation` is as in the
        constructor.
        """
        activation = _checked_activation(hidden_activation)
        weights, bias = initial_parameters(layer_sizes, activation, seed=seed, init=init)
        return cls(weights, bias, activation)

    @property
    def n_layers(self) -> int:
        """Number of layers with parameters (hidden layers + 1)."""
        return len(self.weights)

    @property
    def n_features(self) -> int:
        """Number of input features (columns of ``X``)."""
        return int(self.weights[0].shape[0])

    @property
    def n_classes(self) -> int:
        """Number of classes (columns of the output)."""
        return int(self.weights[-1].shape[1])

    @property
    def layer_sizes(self) -> list[int]:
        """``[n_features, n_hidden_1, ..., n_classes]``."""
        return [self.n_features] + [int(W.shape[1]) for W in self.weights]

    def __repr__(self) -> str:
        if self.n_layers == 1:  # no hidden layer: the activation is unused
            return f"NonLinearModel(layer_sizes={self.layer_sizes})"
        name = self.hidden_activation.name
        return f"NonLinearModel(layer_sizes={self.layer_sizes}, hidden_activation={name!r})"

    def copy(self) -> NonLinearModel:
        """Return an independent model with copies of the parameters."""
        return type(self)(self.weights, self.bias, self.hidden_activation)

    def forward(self, X: Any) -> ForwardPass:
        """The forward pass, :eq:`eq-forward-hidden` and :eq:`eq-forward-output`.

        Parameters
        ----------
        X : array_like of shape (n, n_features)

        Returns
        -------
        ForwardPass
            ``X``, every hidden layer's ``Z_l`` and ``A_l``, the logits ``Z_o``
            and the log-probabilities ``log_Y``.
        """
        X = check_matrix(X, "X", n_cols=self.n_features)
        f = self.hidden_activation.function
        A = X
        Z_hidden, A_hidden = [], []
        for W, b in zip(self.weights[:-1], self.bias[:-1], strict=True):
            Z = add_row(A @ W, b)  # eq-forward-hidden, (n, n_out)
            A = f(Z)
            Z_hidden.append(Z)
            A_hidden.append(A)
        Z_o = add_row(A @ self.weights[-1], self.bias[-1])  # eq-forward-output, (n, k)
        return ForwardPass(X, Z_hidden, A_hidden, Z_o, log_softmax(Z_o))

    def backward(self, forward: ForwardPass, T: Any) -> Gradients:
        """The backward pass: gradients of the mean cross-entropy from a forward pass.

        Implements :eq:`eq-xent-grad`, :eq:`eq-grad-w`, :eq:`eq-grad-b` and
        :eq:`eq-delta-hidden`, vectorised over the batch: memory is
        ``O(n * width)``, with no per-sample loop and no Jacobian matrix.

        Parameters
        ----------
        forward : ForwardPass
            What :meth:`forward` returned for the inputs.
        T : array_like of shape (n, n_classes)
            One-hot targets of those inputs.

        Returns
        -------
        Gradients
            ``(weights, bias)``: lists shaped like the model's parameters.
        """
        if not isinstance(forward, ForwardPass):
            raise TypeError(f"forward must be a ForwardPass, got {type(forward).__name__}")
        n = forward.X.shape[0]
        T = check_one_hot(T, "T", n_rows=n, n_classes=self.n_classes)
        f_prime = self.hidden_activation.derivative
        inputs = [forward.X, *forward.A_hidden]  # the input A_{l-1} of each layer l
        delta = forward.Y  # (n, k)
        delta -= T
        delta /= n  # eq-xent-grad: (Y - T) / n
        ones = ones_row(n)  # ones @ M: the (1, m) row of the column sums of M
        grads_w: list[FloatArray] = [np.empty(0)] * self.n_layers
        grads_b: list[FloatArray] = [np.empty(0)] * self.n_layers
        for layer in reversed(range(self.n_layers)):
            grads_w[layer] = inputs[layer].T @ delta  # eq-grad-w, (n_in, n_out)
            grads_b[layer] = ones @ delta  # eq-grad-b: column sums, (1, n_out)
            if layer > 0:  # eq-delta-hidden: back through W^T, then through f'
                delta = delta @ self.weights[layer].T
                delta *= f_prime(forward.Z_hidden[layer - 1])
        return Gradients(grads_w, grads_b)

    def back_propagation(self, X: Any, T: Any) -> Gradients:
        """Gradients of the mean cross-entropy on `X`, `T`: :meth:`forward`, then :meth:`backward`.

        Parameters
        ----------
        X : array_like of shape (n, n_features)
        T : array_like of shape (n, n_classes)
            One-hot targets.

        Returns
        -------
        Gradients
            ``grads_w, grads_b``, shaped like ``weights`` and ``bias``.
        """
        return self.backward(self.forward(X), T)

    def gradient_step(self, gradients: Gradients, learning_rate: float) -> None:
        """One step of gradient descent, :eq:`eq-gd-update`, in place.

        Every parameter array is updated in place (``W -= learning_rate * dW``),
        so references to ``model.weights[l]`` see the new values. On a bad
        argument nothing is changed.
        """
        learning_rate = check_positive(learning_rate, "learning_rate")
        grads = self._checked_gradients(gradients)
        for param, grad in zip(self.weights + self.bias, grads, strict=True):
            param -= learning_rate * grad  # eq-gd-update

    def _checked_gradients(self, gradients: Any) -> list[FloatArray]:
        """The arrays of `gradients`, ordered as ``weights + bias`` and checked against them."""
        # a trusted model is in train's checked loop, where its own backward makes them
        if _is_trusted(self):
            return [*gradients.weights, *gradients.bias]
        if not isinstance(gradients, Gradients):
            raise TypeError(f"gradients must be a Gradients, got {type(gradients).__name__}")
        if len(gradients.weights) != self.n_layers or len(gradients.bias) != self.n_layers:
            raise ValueError(f"gradients must hold {self.n_layers} weight and bias arrays")
        return [
            check_array(grad, name, param.shape)
            for grad, name, param in zip(
                [*gradients.weights, *gradients.bias],
                _gradient_names(self.n_layers),
                self.weights + self.bias,
                strict=True,
            )
        ]

    def update_model(self, weights: Sequence[Any], bias: Sequence[Any]) -> None:
        """Replace the parameters with copies of `weights` and `bias` (same shapes).

        On any error the model is left unchanged.
        """
        new_w, new_b = check_parameters(weights, bias)
        shapes = [W.shape for W in self.weights]
        if [W.shape for W in new_w] != shapes:
            raise ValueError(f"weights must have shapes {shapes}, got {[W.shape for W in new_w]}")
        self.weights, self.bias = new_w, new_b

    def feed_forward(self, X: Any) -> list[FloatArray]:
        """Each hidden layer's activations ``A_l``, then the probabilities ``Y``.

        A short form of :meth:`forward`: ``n_layers`` arrays, of shapes
        ``(n, n_hidden_l)`` and finally ``(n, n_classes)``.
        """
        forward = self.forward(X)
        return [*forward.A_hidden, forward.Y]

    def logits(self, X: Any) -> FloatArray:
        """Output-layer pre-activations ``Z_o`` (the logits), shape ``(n, n_classes)``."""
        return self.forward(X).Z_o

    def predict_proba(self, X: Any) -> FloatArray:
        """Class probabilities ``Y = softmax(Z_o)``, shape ``(n, n_classes)``."""
        return self.forward(X).Y

    def predict(self, X: Any) -> IntArray:
        """Most probable class of each sample, shape ``(n,)``, values in ``[0, n_classes)``."""
        # argmax of the logits equals argmax of the softmax, which is monotone
        return row_argmax(self.forward(X).Z_o)

    def cost(self, X: Any, T: Any) -> float:
        """Mean cross-entropy of the model on `X` with one-hot targets `T`, :eq:`eq-xent`."""
        return self.forward(X).cost(T)


@functools.cache
def _gradient_names(n_layers: int) -> tuple[str, ...]:
    """Argument names for messages about the arrays of a ``Gradients``."""
    return tuple(
        f"gradients.{kind}[{layer}]" for kind in ("weights", "bias") for layer in range(n_layers)
    )


def _checked_activation(value: Any) -> Activation:
    try:
        return get_activation(value)
    except (TypeError, ValueError) as error:
        raise type(error)(f"hidden_activation: {error}") from None
