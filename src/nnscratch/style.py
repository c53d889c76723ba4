"""The colours of the book's figures, in one place.

The package's plotting helpers, the gallery scripts and the book's pages take
their colours from here. They are from the Okabe-Ito palette, chosen to stay
distinguishable for readers with the common forms of colour-vision deficiency
(M. Okabe and K. Ito, *Color Universal Design*). This module needs no
matplotlib: the values are colour strings matplotlib accepts.
"""

from __future__ import annotations

__all__ = [
    "BLUE",
    "BLUISH_GREEN",
    "CLASS_COLORS",
    "ORANGE",
    "PALE_BLUE",
    "PALE_GREY",
    "REDDISH_PURPLE",
    "SKY_BLUE",
    "VERMILION",
]

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
REDDISH_PURPLE = "#CC79A7"
BLUE = "#0072B2"
VERMILION = "#D55E00"

#: Light fills behind black text (boxes of a diagram), not data colours.
PALE_BLUE = "#E8F1FA"
PALE_GREY = "#F3F3F3"

#: One colour per class, in class order.
CLASS_COLORS = (ORANGE, SKY_BLUE, BLUISH_GREEN, REDDISH_PURPLE, BLUE, VERMILION)
