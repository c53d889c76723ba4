r"""
The network as a computational graph
====================================

The one-hidden-layer network of :ref:`sec-forward` and :ref:`sec-backprop`
drawn as a graph of operations. Black arrows carry the forward values, from
the inputs :math:`\mathbf{X}` and the parameters to the cost :math:`L`
(:eq:`eq-forward-hidden`, :eq:`eq-forward-output`, :eq:`eq-xent`); orange
dashed arrows carry the gradients back from :math:`L` to every parameter
(:eq:`eq-xent-grad`, :eq:`eq-grad-w`, :eq:`eq-grad-b`,
:eq:`eq-delta-hidden`). Shapes follow :ref:`sec-notation`: :math:`n` samples,
:math:`d` inputs, :math:`m` hidden units, :math:`k` classes.
"""

# %%
# Forward values and backward gradients
# -------------------------------------
# Each box is one value with its shape. A value's gradient has the same
# shape as the value.
import itertools

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from nnscratch.style import PALE_BLUE, PALE_GREY, VERMILION

FORWARD = "black"
BACKWARD = VERMILION  # colour-blind safe (Okabe-Ito)
VALUE_FACE, PARAMETER_FACE = PALE_BLUE, PALE_GREY

# name -> (x, y, label); main chain on y = 0, parameters and targets above
NODES = {
    "X": (0.0, 0.0, "$\\mathbf{X}$\n$(n, d)$"),
    "Z_h": (2.6, 0.0, "$\\mathbf{Z}_h = \\mathbf{X}\\mathbf{W}_h + \\mathbf{b}_h$\n$(n, m)$"),
    "H": (5.2, 0.0, "$\\mathbf{H} = f(\\mathbf{Z}_h)$\n$(n, m)$"),
    "Z_o": (7.8, 0.0, "$\\mathbf{Z}_o = \\mathbf{H}\\mathbf{W}_o + \\mathbf{b}_o$\n$(n, k)$"),
    "Y": (10.4, 0.0, "$\\mathbf{Y} = \\mathrm{softmax}(\\mathbf{Z}_o)$\n$(n, k)$"),
    "L": (13.0, 0.0, "cost $L$\nscalar"),
    "W_h": (1.9, 2.3, "$\\mathbf{W}_h$\n$(d, m)$"),
    "b_h": (3.3, 2.3, "$\\mathbf{b}_h$\n$(1, m)$"),
    "W_o": (7.1, 2.3, "$\\mathbf{W}_o$\n$(m, k)$"),
    "b_o": (8.5, 2.3, "$\\mathbf{b}_o$\n$(1, k)$"),
    "T": (13.0, 2.3, "$\\mathbf{T}$ (targets)\n$(n, k)$"),
}
PARAMETERS = {"W_h", "b_h", "W_o", "b_o"}
INPUTS = {"X", "T"}
HALF_WIDTH, HALF_HEIGHT = 1.05, 0.42
PARAM_HALF_WIDTH = 0.55

fig, ax = plt.subplots(figsize=(10, 4.6), layout="constrained")
ax.set_xlim(-1.2, 14.3)
ax.set_ylim(-2.5, 3.4)
ax.set_axis_off()


def half_width(name: str) -> float:
    return PARAM_HALF_WIDTH if name in PARAMETERS else HALF_WIDTH


for name, (x, y, label) in NODES.items():
    w = half_width(name)
    face = PARAMETER_FACE if name in PARAMETERS | INPUTS else VALUE_FACE
    ax.add_patch(
        FancyBboxPatch(
            (x - w, y - HALF_HEIGHT),
            2 * w,
            2 * HALF_HEIGHT,
            boxstyle="round,pad=0.05",
            facecolor=face,
            edgecolor="black",
            linewidth=1.2 if name in PARAMETERS else 1.0,
        )
    )
    ax.text(x, y, label, ha="center", va="center", fontsize=11)


def arrow(start, end, color, style="-", rad=0.0):
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=16,
            color=color,
            linestyle=style,
            linewidth=1.6,
            connectionstyle=f"arc3,rad={rad}",
            shrinkA=0,
            shrinkB=0,
        )
    )


# forward: along the chain, and from each parameter down into its operation
chain = ["X", "Z_h", "H", "Z_o", "Y", "L"]
for a, b in itertools.pairwise(chain):
    (xa, ya, _), (xb, yb, _) = NODES[a], NODES[b]
    arrow((xa + half_width(a) + 0.05, ya + 0.15), (xb - half_width(b) - 0.05, yb + 0.15), FORWARD)
for parameter, target in (
    ("W_h", "Z_h"),
    ("b_h", "Z_h"),
    ("W_o", "Z_o"),
    ("b_o", "Z_o"),
    ("T", "L"),
):
    (xp, yp, _), (xt, yt, _) = NODES[parameter], NODES[target]
    arrow(
        (xp - 0.12, yp - HALF_HEIGHT - 0.05),
        (xt + 0.6 * (xp - xt) - 0.12, yt + HALF_HEIGHT + 0.05),
        FORWARD,
    )

# backward, below the chain: from L to Z_o (through the softmax and the cost
# together), then to H, then through f' to Z_h
BACKWARD_CHAIN = (
    ("L", "Z_o", "$\\Delta_o = \\partial L/\\partial\\mathbf{Z}_o = (\\mathbf{Y}-\\mathbf{T})/n$"),
    ("Z_o", "H", "$\\partial L/\\partial\\mathbf{H} = \\Delta_o\\mathbf{W}_o^{\\top}$"),
    ("H", "Z_h", "$\\Delta_h = \\partial L/\\partial\\mathbf{H} \\odot f'(\\mathbf{Z}_h)$"),
)
for a, b, label in BACKWARD_CHAIN:
    (xa, ya, _), (xb, yb, _) = NODES[a], NODES[b]
    arrow((xa, ya - HALF_HEIGHT - 0.08), (xb, yb - HALF_HEIGHT - 0.08), BACKWARD, "--", rad=-0.35)
    depth = -0.2 * abs(xa - xb) - HALF_HEIGHT - 0.35
    ax.text((xa + xb) / 2, depth, label, ha="center", va="top", fontsize=11, color=BACKWARD)

# backward into the parameters: from each operation up to its parameters
GRADIENTS = (
    ("Z_h", "W_h", "$\\partial L/\\partial\\mathbf{W}_h = \\mathbf{X}^{\\top}\\Delta_h$", "right"),
    ("Z_h", "b_h", "$\\partial L/\\partial\\mathbf{b}_h = \\mathbf{1}^{\\top}\\Delta_h$", "left"),
    ("Z_o", "W_o", "$\\partial L/\\partial\\mathbf{W}_o = \\mathbf{H}^{\\top}\\Delta_o$", "right"),
    ("Z_o", "b_o", "$\\partial L/\\partial\\mathbf{b}_o = \\mathbf{1}^{\\top}\\Delta_o$", "left"),
)
for source, parameter, label, side in GRADIENTS:
    (xs, ys, _), (xp, yp, _) = NODES[source], NODES[parameter]
    x_start = xs + 0.6 * (xp - xs) + 0.12
    arrow((x_start, ys + HALF_HEIGHT + 0.05), (xp + 0.12, yp - HALF_HEIGHT - 0.05), BACKWARD, "--")
    ax.text(
        xp + (-PARAM_HALF_WIDTH if side == "left" else PARAM_HALF_WIDTH),
        yp + HALF_HEIGHT + 0.15,
        label,
        ha="left" if side == "left" else "right",
        va="bottom",
        fontsize=11,
        color=BACKWARD,
    )

ax.text(-1.1, -1.9, "solid: forward values", color=FORWARD, fontsize=11)
ax.text(-1.1, -2.3, "dashed: gradients of the cost", color=BACKWARD, fontsize=11)
ax.set_title("One hidden layer as a computational graph", fontsize=13)
plt.show()
