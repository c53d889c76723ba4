"""Random initial weights scaled to keep the activations' variance, :ref:`sec-forward`."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnscratch._validation import MAX_ENTRIES, FloatArray, check_choice, check_int, check_seed
from nnscratch.activations import Activation, get_activation

__all__ = ["INIT_RULES", "init_scale", "initial_parameters"]

#: The initialisation rules that :func:`initial_parameters` knows.
INIT_RULES = ("auto", "he", "glorot", "standard")

#: Activations whose variance-preserving scale is He's (:eq:`eq-init-he`);
#: every other activation gets Glorot's (:eq:`eq-init-glorot`) under ``"auto"``.
_HE_FAMILY = frozenset({"relu", "leaky_relu", "softplus"})


def init_scale(rule: str, n_in: int, n_out: int) -> float:
    """Standard deviation of the Gaussian initial weights of one layer.

    ``"he"``: ``sqrt(2 / n_in)`` (:eq:`eq-init-he`); ``"glorot"``:
    ``sqrt(2 / (n_in + n_out))`` (:eq:`eq-init-glorot`); ``"standard"``: 1,
    the unit variance of the series' original post.
    """
    rule = check_choice(rule, "rule", ("he", "glorot", "standard"))
    n_in, n_out = check_int(n_in, "n_in", low=1), check_int(n_out, "n_out", low=1)
    if rule == "he":
        return float(np.sqrt(2.0 / n_in))
    if rule == "glorot":
        return float(np.sqrt(2.0 / (n_in + n_out)))
    return 1.0  # "standard"


def initial_parameters(
    layer_sizes: Sequence[int] | NDArray[np.integer[Any]],
    activation: str | Activation,
    *,
    seed: int = 0,
    init: str = "auto",
) -> tuple[list[FloatArray], list[FloatArray]]:
    """Gaussian weights with a variance-preserving scale, and zero biases.

    Parameters
    ----------
    layer_sizes : sequence of int
        ``[n_features, n_hidden_1, ..., n_classes]``: at least two sizes, each
        >= 1 (``n_classes`` >= 2).
    activation : str or Activation
        The hidden activation, or its name; it picks the rule under ``"auto"``.
    seed : int, default=0
        Seed of ``numpy.random.default_rng``; the weights are drawn layer by
        layer from one generator.
    init : {"auto", "he", "glorot", "standard"}, default="auto"
        Rule for the standard deviation of each layer (:func:`init_scale`).
        ``"auto"`` is He for the ReLU family (``relu``, ``leaky_relu``,
        ``softplus``) and Glorot otherwise; the output layer, which feeds a
        softmax, always gets Glorot under ``"auto"``.

    Returns
    -------
    weights, bias : list of ndarray
        ``weights[l]`` of shape ``(n_in_l, n_out_l)``, ``bias[l]`` of shape ``(1, n_out_l)``.
    """
    if isinstance(layer_sizes, np.ndarray):
        layer_sizes = layer_sizes.tolist()
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence):
        raise TypeError(f"layer_sizes must be a sequence of int, got {type(layer_sizes).__name__}")
    if len(layer_sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least 2 sizes [n_features, n_classes], got {list(layer_sizes)}"
        )
    sizes = [
        check_int(size, f"layer_sizes[{i}]", low=2 if i == len(layer_sizes) - 1 else 1)
        for i, size in enumerate(layer_sizes)
    ]
    if sum(a * b for a, b in itertools.pairwise(sizes)) > MAX_ENTRIES:
        raise ValueError(f"layer_sizes {sizes} would need more than {MAX_ENTRIES} weights")
    try:
        name = get_activation(activation).name
    except (TypeError, ValueError) as error:
        raise type(error)(f"activation: {error}") from None
    init = check_choice(init, "init", INIT_RULES)
    rng = np.random.default_rng(check_seed(seed))
    weights, bias = [], []
    last = len(sizes) - 2
    for layer, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        rule = init
        if init == "auto":
            rule = "he" if layer < last and name in _HE_FAMILY else "glorot"
        weights.append(init_scale(rule, n_in, n_out) * rng.standard_normal((n_in, n_out)))
        bias.append(np.zeros((1, n_out)))
    return weights, bias
