"""The order of the figure gallery: the order in which the book uses the scripts.

sphinx-gallery sorts the scripts of a gallery with a key object built from the
gallery's folder (``within_subsection_order``). :class:`BookOrder` puts each
script at the position of the chapter that embeds its figure; a script missing
from :data:`ORDER` stops the build, so a new script must be placed.
"""

from __future__ import annotations

from pathlib import Path

#: Gallery scripts in the order of the chapters that embed them.
ORDER = (
    "plot_activations.py",  # activations
    "plot_softmax_saturation.py",  # activations
    "plot_computational_graph.py",  # backprop
    "plot_cost_curves.py",  # training
    "plot_learning_rate_sweep.py",  # training
    "plot_training_animation.py",  # training
    "plot_decision_boundaries.py",  # decision-boundaries
    "plot_hidden_space.py",  # decision-boundaries
    "plot_gradient_depth.py",  # going-further
)


class BookOrder:
    """Sort key of sphinx-gallery: the position of a script in :data:`ORDER`."""

    def __init__(self, src_dir: str) -> None:
        self.src_dir = src_dir

    def __repr__(self) -> str:  # sphinx-gallery compares configs by repr
        return f"<{type(self).__name__}>"

    def __call__(self, filename: str) -> int:
        name = Path(filename).name
        if name not in ORDER:
            msg = f"gallery script {name} is not placed in ORDER of {__file__}"
            raise ValueError(msg)
        return ORDER.index(name)
