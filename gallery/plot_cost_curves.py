r"""
The cost of one sample
======================

The cross-entropy cost (:eq:`eq-xent`) of one sample as a function of the
probability the model gives to the sample's true class. The training chapter
(:ref:`sec-training`) draws the cost curves of whole training runs.
"""

# %%
# The cost of one sample
# ----------------------
# For one sample, the cross-entropy is :math:`-\log p`, where :math:`p` is the
# probability the model gives to the true class. A uniform guess over the
# three classes, :math:`p = 1/3`, costs :math:`\log 3 \approx 1.10`; a
# confident mistake costs without bound.
import matplotlib.pyplot as plt
import numpy as np

from nnscratch.style import BLUE, VERMILION

p = np.linspace(0.005, 1.0, 400)
fig, ax = plt.subplots(figsize=(5.5, 3.8), layout="constrained")
ax.plot(p, -np.log(p), color=BLUE, lw=2, label=r"$-\log p$")
ax.plot(
    1 / 3,
    np.log(3),
    "o",
    color=VERMILION,
    ms=7,
    zorder=3,
    label=r"uniform guess: $p = 1/3$, cost $\log 3$",
)
ax.axhline(np.log(3), color=VERMILION, lw=1, ls=":")
ax.axvline(1 / 3, color=VERMILION, lw=1, ls=":")
ax.set_xlim(0, 1.02)
ax.set_ylim(0, 5.5)
ax.set_xlabel("predicted probability of the true class, $p$")
ax.set_ylabel("cost of the sample")
ax.set_title("Cost of one sample, -log p, against the probability p of the true class")
ax.title.set_fontsize("medium")
ax.legend()
plt.show()
