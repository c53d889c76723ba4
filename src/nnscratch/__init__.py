"""nnscratch: a non-linear neural network classifier from scratch, in numpy.

The package behind the book *A non-linear neural network from scratch*. Each
module implements one chapter:

- :mod:`nnscratch.activations`: activation functions, their derivatives, the softmax;
- :mod:`nnscratch.losses`: the mean cross-entropy;
- :mod:`nnscratch.model`: :class:`~nnscratch.model.NonLinearModel`, forward pass and backpropagation;
- :mod:`nnscratch.gradcheck`: central-difference gradient checking;
- :mod:`nnscratch.training`: full-batch gradient descent;
- :mod:`nnscratch.datasets`: the rings, blobs and spiral data sets;
- :mod:`nnscratch.plotting`: decision regions and activation plots (needs matplotlib).
"""

from nnscratch import activations, datasets
from nnscratch.activations import (
    Activation,
    get_activation,
    log_softmax,
    softmax,
    softmax_jacobian,
)
from nnscratch.datasets import (
    make_blobs_line,
    make_rings,
    make_spiral,
    one_hot,
    train_test_split,
)
from nnscratch.gradcheck import (
    GradientCheckResult,
    gradient_check,
    numerical_gradient,
    relative_error,
)
from nnscratch.losses import cross_entropy
from nnscratch.model import NonLinearModel
from nnscratch.training import TrainingHistory, train

__version__ = "0.1.0"

__all__ = [
    "Activation",
    "GradientCheckResult",
    "NonLinearModel",
    "TrainingHistory",
    "activations",
    "cross_entropy",
    "datasets",
    "get_activation",
    "gradient_check",
    "log_softmax",
    "make_blobs_line",
    "make_rings",
    "make_spiral",
    "numerical_gradient",
    "one_hot",
    "relative_error",
    "softmax",
    "softmax_jacobian",
    "train",
    "train_test_split",
]
