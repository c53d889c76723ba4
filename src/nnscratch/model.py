"""A fully connected classifier: hidden layers, softmax output, cross-entropy cost.

Rows are samples. With ``D`` layers (``L`` is the cost in the book), layer ``l`` computes
``Z_l = A_{l-1} W_l + b_l`` (:eq:`eq-forward-hidden`) and
``A_l = f(Z_l)``, with ``A_0 = X``; the last layer applies the softmax
instead of ``f`` (:eq:`eq-forward-output`). One layer is the linear softmax
model of part 1 of the series; two layers are the one-hidden-layer network
of :ref:`sec-forward`; any depth works.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch._validation import (
    FloatArray,
    IntArray,
    check_matrix,
    check_one_hot,
    check_positive,
)
from nnscratch.activations import Activation, _log_softmax, _softmax, get_activation

__all__ = ["NonLinearModel"]

#: Activations whose variance-preserving initial scale is He's (:eq:`eq-init-he`);
#: every other activation gets Glorot's (:eq:`eq-init-glorot`).
_HE_FAMILY = frozenset({"relu", "leaky_relu", "softplus"})


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
        Activation of every hidden layer; see
        :func:`~nnscratch.activations.get_activation` for the names. The
        output layer always uses the softmax.

    Attributes
    ----------
    weights : list of ndarray
        The weight matrices (copies of those given).
    bias : list of ndarray
        The bias rows (copies of those given).
    n_layers : int
        Number of layers with parameters (hidden layers + 1).
    hidden_activation : Activation
        The hidden activation (its ``.name``, ``.function`` and ``.derivative``).

    Notes
    -----
    The model owns copies of `weights` and `bias`, so two models built from
    the same lists train independently. :func:`~nnscratch.training.train` updates a
    model in place; use :meth:`copy` to keep the starting point.

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
        self.hidden_activation = get_activation(hidden_activation)
        self.weights, self.bias = self._checked_parameters(weights, bias)

    @classmethod
    def initialize(
        cls,
        layer_sizes: Sequence[int] | NDArray[np.integer[Any]],
        hidden_activation: str | Activation = "relu",
        seed: int = 0,
        init: str = "auto",
    ) -> NonLinearModel:
        """Build a model with random weights and zero biases.

        Parameters
        ----------
        layer_sizes : sequence of int
            ``[n_features, n_hidden_1, ..., n_classes]``; at least two sizes.
        hidden_activation : str or Activation, default="relu"
            As in the constructor.
        seed : int, default=0
            Seed of ``numpy.random.default_rng``; the weights are drawn
            layer by layer from one generator.
        init : {"auto", "he", "glorot", "standard"}, default="auto"
            Scale of the standard-normal draw: ``"he"`` multiplies layer
            ``l`` by ``sqrt(2 / n_in)`` (:eq:`eq-init-he`), ``"glorot"`` by
            ``sqrt(2 / (n_in + n_out))`` (:eq:`eq-init-glorot`),
            ``"standard"`` keeps the unit variance used by the series' post.
            ``"auto"`` is He for the ReLU family (``relu``, ``leaky_relu``,
            ``softplus``) and Glorot otherwise; the output layer, which
            feeds a softmax, always gets Glorot under ``"auto"``.

        Returns
        -------
        NonLinearModel
        """
        if isinstance(layer_sizes, np.ndarray):
            layer_sizes = layer_sizes.tolist()
        if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence):
            raise TypeError(
                f"layer_sizes must be a sequence of int, got {type(layer_sizes).__name__}"
            )
        if len(layer_sizes) < 2:
            raise ValueError(
                f"layer_sizes needs at least 2 sizes [n_features, n_classes], got {list(layer_sizes)}"
            )
        sizes = [check_positive(size, "layer_sizes[i]", integer=True) for size in layer_sizes]
        activation = get_activation(hidden_activation)
        if init not in ("auto", "he", "glorot", "standard"):
            raise ValueError(f"init must be 'auto', 'he', 'glorot' or 'standard', got {init!r}")
        rng = np.random.default_rng(seed)
        n_layers = len(sizes) - 1
        weights, bias = [], []
        for layer, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
            rule = init
            if init == "auto":
                is_hidden = layer < n_layers - 1
                rule = "he" if is_hidden and activation.name in _HE_FAMILY else "glorot"
            scale = {
                "he": np.sqrt(2.0 / n_in),  # eq-init-he
                "glorot": np.sqrt(2.0 / (n_in + n_out)),  # eq-init-glorot
                "standard": 1.0,
            }[rule]
            weights.append(scale * rng.standard_normal((n_in, n_out)))
            bias.append(np.zeros((1, n_out)))
        return cls(weights, bias, activation)

    # ------------------------------------------------------------------ checks
    def _checked_parameters(
        self, weights: Sequence[Any], bias: Sequence[Any]
    ) -> tuple[list[FloatArray], list[FloatArray]]:
        """Validate `weights` and `bias` and return float64 copies of them."""
        for name, value in (("weights", weights), ("bias", bias)):
            if isinstance(value, (str, bytes, np.ndarray)) or not isinstance(value, Sequence):
                raise TypeError(
                    f"{name} must be a list with one array per layer, got {type(value).__name__}"
                )
        if len(weights) == 0:
            raise ValueError("weights must hold at least one layer, got an empty list")
        if len(weights) != len(bias):
            raise ValueError(
                f"weights and bias must have one entry per layer, got {len(weights)} "
                f"weight matrices and {len(bias)} bias rows"
            )
        new_w: list[FloatArray] = []
        new_b: list[FloatArray] = []
        for layer, (W_given, b_given) in enumerate(zip(weights, bias, strict=True)):
            n_in = None if layer == 0 else new_w[-1].shape[1]
            W = check_matrix(W_given, f"weights[{layer}]", n_rows=n_in)
            b = check_matrix(b_given, f"bias[{layer}]", n_rows=1, n_cols=W.shape[1])
            new_w.append(W.copy())
            new_b.append(b.copy())
        return new_w, new_b

    def _check_X(self, X: Any) -> FloatArray:
        return check_matrix(X, "X", n_cols=self.n_features)

    def _check_XT(self, X: Any, T: Any) -> tuple[FloatArray, FloatArray]:
        X = self._check_X(X)
        return X, check_one_hot(T, "T", n_rows=X.shape[0], n_classes=self.n_classes)

    # ------------------------------------------------------------- properties
    @property
    def n_layers(self) -> int:
        """Number of layers with parameters."""
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
        return (
            f"NonLinearModel(layer_sizes={self.layer_sizes}, "
            f"hidden_activation={self.hidden_activation.name!r})"
        )

    def copy(self) -> NonLinearModel:
        """Return an independent model with copies of the parameters."""
        return type(self)(self.weights, self.bias, self.hidden_activation)

    def update_model(self, weights: Sequence[Any], bias: Sequence[Any]) -> None:
        """Replace the parameters with copies of `weights` and `bias`.

        The new arrays must have the shapes of the current ones; on any error
        the model is left unchanged.
        """
        new_w, new_b = self._checked_parameters(weights, bias)
        if [W.shape for W in new_w] != [W.shape for W in self.weights]:
            raise ValueError(
                f"weights must have shapes {[W.shape for W in self.weights]}, "
                f"got {[W.shape for W in new_w]}"
            )
        self.weights, self.bias = new_w, new_b

    # ---------------------------------------------------------- forward pass
    def _forward(self, X: FloatArray) -> tuple[list[FloatArray], list[FloatArray], FloatArray]:
        """Every hidden layer's ``Z_l`` and ``A_l = f(Z_l)``, and the logits, unchecked.

        Returns ``(Z_hidden, A_hidden, Z_o)``: ``Z_hidden[l]`` and
        ``A_hidden[l]`` have shape ``(n, n_out_l)`` for each hidden layer, and
        ``Z_o`` is ``(n, k)``.
        """
        f = self.hidden_activation.function
        A = X
        Z_hidden, A_hidden = [], []
        for W, b in zip(self.weights[:-1], self.bias[:-1], strict=True):
            Z = A @ W + b  # eq-forward-hidden, (n, n_out)
            A = f(Z)
            Z_hidden.append(Z)
            A_hidden.append(A)
        Z_o = A @ self.weights[-1] + self.bias[-1]  # eq-forward-output, (n, k)
        return Z_hidden, A_hidden, Z_o

    def feed_forward(self, X: Any) -> list[FloatArray]:
        """Output of every layer for the inputs `X`, :eq:`eq-forward-hidden` and :eq:`eq-forward-output`.

        Parameters
        ----------
        X : array_like of shape (n, n_features)

        Returns
        -------
        list of ndarray
            ``n_layers`` arrays: each hidden layer's activations ``H_l`` of
            shape ``(n, n_hidden_l)``, then the class probabilities ``Y`` of
            shape ``(n, n_classes)``.
        """
        _, A_hidden, Z_o = self._forward(self._check_X(X))
        return [*A_hidden, _softmax(Z_o)]

    def logits(self, X: Any) -> FloatArray:
        """Output-layer pre-activations ``Z_o`` (the logits), shape ``(n, n_classes)``."""
        return self._forward(self._check_X(X))[-1]

    def predict_proba(self, X: Any) -> FloatArray:
        """Class probabilities ``Y``, shape ``(n, n_classes)``; each row sums to 1."""
        return _softmax(self._forward(self._check_X(X))[-1])

    def predict(self, X: Any) -> IntArray:
        """Most probable class of each sample, shape ``(n,)``, values in ``[0, n_classes)``."""
        # argmax of the logits equals argmax of the softmax, which is monotone
        classes: IntArray = np.argmax(self._forward(self._check_X(X))[-1], axis=1)
        return classes

    def cost(self, X: Any, T: Any) -> float:
        """Mean cross-entropy of the model on `X` with one-hot targets `T`, :eq:`eq-xent`.

        Computed from the logits through the log-softmax, so it is finite
        even where a predicted probability underflows to 0.
        """
        X, T = self._check_XT(X, T)
        return _cost_from_logits(self._forward(X)[-1], T)

    # --------------------------------------------------------- backward pass
    def _backward(
        self, X: FloatArray, T: FloatArray
    ) -> tuple[list[FloatArray], list[FloatArray], FloatArray]:
        """Gradients of the mean cross-entropy, and the logits, unchecked."""
        f_prime = self.hidden_activation.derivative
        Z_hidden, A_hidden, Z_o = self._forward(X)
        inputs = [X, *A_hidden]  # A_{l-1}, the input of each layer l
        delta = (_softmax(Z_o) - T) / X.shape[0]  # eq-xent-grad, (n, k)
        grads_w: list[FloatArray] = [np.empty(0)] * self.n_layers
        grads_b: list[FloatArray] = [np.empty(0)] * self.n_layers
        for layer in range(self.n_layers - 1, -1, -1):
            grads_w[layer] = inputs[layer].T @ delta  # eq-grad-w, (n_in, n_out)
            grads_b[layer] = delta.sum(axis=0, keepdims=True)  # eq-grad-b, (1, n_out)
            if layer > 0:
                # eq-delta-hidden: back through W^T, then through f' element-wise
                delta = (delta @ self.weights[layer].T) * f_prime(Z_hidden[layer - 1])
        return grads_w, grads_b, Z_o

    def back_propagation(self, X: Any, T: Any) -> tuple[list[FloatArray], list[FloatArray]]:
        """Gradients of the mean cross-entropy with respect to every parameter.

        Implements :eq:`eq-xent-grad`, :eq:`eq-grad-w`, :eq:`eq-grad-b` and
        :eq:`eq-delta-hidden`, vectorised over the batch: memory is
        ``O(n * width)``, with no per-sample loop and no Jacobian matrix.

        Parameters
        ----------
        X : array_like of shape (n, n_features)
            Inputs.
        T : array_like of shape (n, n_classes)
            One-hot targets.

        Returns
        -------
        grads_w : list of ndarray
            ``grads_w[l]`` has the shape of ``weights[l]``.
        grads_b : list of ndarray
            ``grads_b[l]`` has the shape of ``bias[l]``, ``(1, n_out_l)``.
        """
        X, T = self._check_XT(X, T)
        grads_w, grads_b, _ = self._backward(X, T)
        return grads_w, grads_b


def _cost_from_logits(Z_o: FloatArray, T: FloatArray) -> float:
    """Mean cross-entropy (eq-xent) from logits through the log-softmax."""
    return float(-np.sum(T * _log_softmax(Z_o)) / Z_o.shape[0])
