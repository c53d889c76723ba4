"""nnscratch: a non-linear neural network classifier from scratch, in numpy.

The package behind the book *A non-linear neural network from scratch*. Each
module implements one idea of the book:

- :mod:`nnscratch.activations`: hidden activation functions and their derivatives;
- :mod:`nnscratch.output`: the softmax, log-softmax and the softmax's Jacobian;
- :mod:`nnscratch.losses`: the mean cross-entropy and the accuracy;
- :mod:`nnscratch.initialization`: He and Glorot initial weights;
- :mod:`nnscratch.model`: :class:`~nnscratch.model.NonLinearModel`, its forward and backward pass;
- :mod:`nnscratch.gradcheck`: central-difference gradient checking;
- :mod:`nnscratch.training`: full-batch gradient descent;
- :mod:`nnscratch.datasets`: the rings, blobs and spiral data sets;
- :mod:`nnscratch.bayes`: the Bayes-optimal classifier of the rings and its accuracy;
- :mod:`nnscratch.plotting`: decision regions and activation plots (needs matplotlib).
"""

from nnscratch import activations, bayes, datasets
from nnscratch.activations import Activation, get_activation
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
    per_sample_gradients,
    relative_error,
)
from nnscratch.initialization import initial_parameters
from nnscratch.losses import (
    accuracy,
    cross_entropy,
    cross_entropy_from_log_proba,
    cross_entropy_from_logits,
)
from nnscratch.model import ForwardPass, Gradients, NonLinearModel
from nnscratch.output import log_softmax, softmax, softmax_jacobian
from nnscratch.training import TrainingHistory, train

__version__ = "0.1.0"

__all__ = [
    "Activation",
    "ForwardPass",
    "GradientCheckResult",
    "Gradients",
    "NonLinearModel",
    "TrainingHistory",
    "accuracy",
    "activations",
    "bayes",
    "cross_entropy",
    "cross_entropy_from_log_proba",
    "cross_entropy_from_logits",
    "datasets",
    "get_activation",
    "gradient_check",
    "initial_parameters",
    "log_softmax",
    "make_blobs_line",
    "make_rings",
    "make_spiral",
    "numerical_gradient",
    "one_hot",
    "per_sample_gradients",
    "relative_error",
    "softmax",
    "softmax_jacobian",
    "train",
    "train_test_split",
]
