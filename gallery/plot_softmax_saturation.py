r"""
Saturation of the softmax
=========================

How the softmax :eq:`eq-softmax` and the size of its Jacobian
:eq:`eq-softmax-jacobian` change over a plane of logits, as discussed in
:ref:`sec-activations`. With three classes, the softmax does not change when
the same constant is added to every logit, by :eq:`eq-softmax-shift`, so fixing
:math:`z_3 = 0` and varying :math:`z_1` and :math:`z_2` loses nothing.
"""

# %%
# Probability and Jacobian over a plane of logits
# -----------------------------------------------
# Left: the probability :math:`y_1` of class 1. Right: the Frobenius norm of
# the Jacobian :math:`\partial \mathbf{y} / \partial \mathbf{z}`, on a
# logarithmic colour scale. The norm never exceeds 1/2, by
# :eq:`eq-softmax-jacobian-bound`, and comes close to it along the three
# half-lines where the two largest logits tie (the class boundaries), the more
# so the further the third logit falls below them. At the origin, where all
# three logits are equal, it is :math:`\sqrt{2}/3`, a little less. As soon as
# one logit exceeds both others by a few units, the probability of its class
# is close to 1 and the norm falls by orders of magnitude, as
# :eq:`eq-softmax-saturation` predicts: the softmax saturates and passes almost no
# gradient back. ``softmax_jacobian`` takes a whole batch of logit rows, so
# the grid is evaluated in one call.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

import nnscratch

z = np.linspace(-10.0, 10.0, 201)
z1, z2 = np.meshgrid(z, z)  # (201, 201) each
Z = np.column_stack([z1.ravel(), z2.ravel(), np.zeros(z1.size)])  # (n, 3), z3 = 0
y1 = nnscratch.softmax(Z)[:, 0].reshape(z1.shape)
J = nnscratch.softmax_jacobian(Z)  # (n, 3, 3)
jac_norm = np.linalg.norm(J, axis=(1, 2)).reshape(z1.shape)
assert jac_norm.max() <= 0.5  # eq-softmax-jacobian-bound

fig, (ax_p, ax_j) = plt.subplots(1, 2, figsize=(10, 4.8), layout="constrained")
fig.suptitle(
    "Softmax of the logits (z1, z2, 0): the probability of class 1 (left) and the\n"
    "size of the Jacobian (right), which vanishes wherever one logit dominates"
)

mesh = ax_p.pcolormesh(z1, z2, y1, cmap="cividis", vmin=0, vmax=1, shading="auto", rasterized=True)
line_style = {"colors": "black", "linewidths": 0.8}
contours = ax_p.contour(z1, z2, y1, levels=[0.1, 0.5, 0.9], **line_style)
label_at = [(-2.2, -6.0), (0.0, -6.0), (2.2, -6.0)]  # one label per line, low down
ax_p.clabel(contours, fmt="%.1f", fontsize="small", manual=label_at)
fig.colorbar(mesh, ax=ax_p, label="$y_1$")
ax_p.set_title("probability of class 1")

mesh = ax_j.pcolormesh(
    z1,
    z2,
    jac_norm,
    cmap="cividis",
    norm=LogNorm(vmin=1e-4, vmax=1),
    shading="auto",
    rasterized=True,
)
contours = ax_j.contour(z1, z2, jac_norm, levels=[1e-3, 1e-2, 1e-1], **line_style)
ax_j.clabel(contours, fmt=lambda v: f"$10^{{{np.log10(v):.0f}}}$", fontsize="small")
fig.colorbar(mesh, ax=ax_j, label=r"$\|\partial \mathbf{y} / \partial \mathbf{z}\|_F$")
ax_j.set_title("Frobenius norm of the Jacobian")

for ax in (ax_p, ax_j):
    ax.set_xlabel("logit $z_1$")
    ax.set_ylabel("logit $z_2$")
    ax.set_aspect("equal")
plt.show()
