"""Benchmark: one full-batch gradient step (forward + backward + update), float64.

Compared, interleaved in the same process on one thread:

- ``train``: :func:`nnscratch.train` (cost and accuracy recorded at every
  step), timed over a block of steps;
- ``by hand``: the loop a reader writes from the book,
  ``model.gradient_step(model.back_propagation(X, T), learning_rate)``
  (inputs validated at every step, no cost or accuracy recorded);
- ``per-sample``: the original post's approach, :func:`nnscratch.per_sample_gradients`:
  a Python loop over samples building each sample's Jacobian matrices (small n only);
- ``torch``: PyTorch eager mode on CPU, the same network in float64, the
  usual ``loss.backward()`` + in-place update loop (only when torch is installed).

BLAS and torch are pinned to one thread (threadpoolctl, ``torch.set_num_threads``):
these machines are shared and two-thread timings swing widely. Each timing is
the median over repeats of a block of steps; blocks of the contenders alternate.

Usage: ``nox -s bench`` or ``python benchmarks/bench_step.py [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from nnscratch import NonLinearModel, make_rings, one_hot, per_sample_gradients, train

try:
    import torch
except ImportError:  # torch is optional: never a dependency of the package
    torch = None

LEARNING_RATE = 0.5


def train_runner(model: NonLinearModel, X, T) -> Callable[[int], None]:
    def run(n_steps: int) -> None:
        train(model, X, T, LEARNING_RATE, n_steps)

    return run


def by_hand_runner(model: NonLinearModel, X, T) -> Callable[[int], None]:
    def run(n_steps: int) -> None:
        for _ in range(n_steps):
            model.gradient_step(model.back_propagation(X, T), LEARNING_RATE)

    return run


def per_sample_runner(model: NonLinearModel, X, T) -> Callable[[int], None]:
    """The post's method: per-sample Jacobian products (nnscratch.per_sample_gradients)."""

    def run(n_steps: int) -> None:
        for _ in range(n_steps):
            model.gradient_step(per_sample_gradients(model, X, T), LEARNING_RATE)

    return run


def torch_runner(model: NonLinearModel, X, T) -> Callable[[int], None]:
    params = [torch.tensor(a, requires_grad=True) for a in (*model.weights, *model.bias)]
    W_h, W_o, b_h, b_o = params
    Xt = torch.from_numpy(X)
    labels = torch.from_numpy(np.argmax(T, axis=1))

    def run(n_steps: int) -> None:
        for _ in range(n_steps):
            Z_o = torch.relu(Xt @ W_h + b_h) @ W_o + b_o
            loss = torch.nn.functional.cross_entropy(Z_o, labels)
            for p in params:
                p.grad = None
            loss.backward()
            with torch.no_grad():
                for param in params:
                    param -= LEARNING_RATE * param.grad
            # record what train() records, for a like-for-like comparison
            _ = loss.item(), (Z_o.argmax(dim=1) == labels).double().mean().item()

    return run


def peak_memory_mib(model: NonLinearModel, X, T) -> float:
    """Peak memory allocated by one hand-written step (numpy reports to tracemalloc)."""
    probe = model.copy()
    tracemalloc.start()
    probe.gradient_step(probe.back_propagation(X, T), LEARNING_RATE)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def must_hold_mib(model: NonLinearModel, n: int) -> float:
    """Memory of the arrays a step cannot do without, beyond the data X and T.

    For each hidden layer its Z and H (kept from the forward pass for the
    backward pass), the logits Z_o and Y - T, and one delta of the widest
    hidden layer (the backward pass needs the current one while it makes the
    next). Parameters and gradients are negligible here.
    """
    hidden = model.layer_sizes[1:-1]
    k = model.n_classes
    floats = n * (2 * sum(hidden) + 2 * k + max(hidden, default=0))
    return 8 * floats / 2**20


def time_blocks(
    runners: dict[str, Callable[[int], None]], n_steps: dict[str, int], repeats: int
) -> dict[str, float]:
    """Median seconds per step of each runner, blocks interleaved."""
    samples: dict[str, list[float]] = {name: [] for name in runners}
    for run in runners.values():  # warm-up
        run(1)
    for _ in range(repeats):
        for name, run in runners.items():
            start = time.perf_counter()
            run(n_steps[name])
            samples[name].append((time.perf_counter() - start) / n_steps[name])
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and sizes")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    sizes = [300, 3000, 30000] if args.quick else [300, 3000, 30000, 300000]
    repeats = 3 if args.quick else args.repeats

    if torch is not None:
        torch.set_num_threads(1)
    blas = [
        f"{i['internal_api']} {i['version']} ({i.get('architecture', '?')})"
        for i in threadpool_info()
    ]
    print(
        f"# one full-batch gradient step, float64, 1 thread; median of {repeats} interleaved blocks"
    )
    print(
        f"# python {platform.python_version()}, numpy {np.__version__}, BLAS {', '.join(blas)}, "
        f"torch {torch.__version__ if torch is not None else 'not installed'}"
    )
    print(f"# {platform.machine()}, {os.cpu_count()} cores")
    print(
        f"{'n':>7} {'width':>5} {'train':>10} {'by hand':>10} {'torch':>10} "
        f"{'torch/train':>11} {'torch/hand':>10} {'per-sample':>11} {'ratio':>6} "
        f"{'peak MiB':>8} {'needs MiB':>9}"
    )
    with threadpool_limits(limits=1):
        for width in (3, 64):
            for n in sizes:
                X, labels = make_rings(n_per_class=n // 3, seed=0)
                T = one_hot(labels, 3)
                model = NonLinearModel.initialize([2, width, 3], "relu", seed=0)
                # about 0.2 s of work per block, and at least 10 steps so that what
                # train() does once per call (checks) is amortised as in use
                steps = max(10, int(2e6 / (n * (width + 8))))
                runners = {
                    "train": train_runner(model.copy(), X, T),
                    "by hand": by_hand_runner(model.copy(), X, T),
                }
                n_steps = {"train": steps, "by hand": steps}
                if n <= 3000:
                    runners["per-sample"] = per_sample_runner(model.copy(), X, T)
                    n_steps["per-sample"] = 1
                if torch is not None:
                    runners["torch"] = torch_runner(model.copy(), X, T)
                    n_steps["torch"] = steps
                t = time_blocks(runners, n_steps, repeats)
                tr, hand = t["train"], t["by hand"]
                ps, tt = t.get("per-sample"), t.get("torch")
                blank = ""
                cells = [
                    f"{n:>7}",
                    f"{width:>5}",
                    f"{tr * 1e3:8.3f}ms",
                    f"{hand * 1e3:8.3f}ms",
                    f"{tt * 1e3:8.3f}ms" if tt is not None else f"{blank:>10}",
                    f"{tt / tr:10.2f}x" if tt is not None else f"{blank:>11}",
                    f"{tt / hand:9.2f}x" if tt is not None else f"{blank:>10}",
                    f"{ps * 1e3:9.2f}ms" if ps is not None else f"{blank:>11}",
                    f"{ps / hand:5.0f}x" if ps is not None else f"{blank:>6}",
                    f"{peak_memory_mib(model, X, T):8.1f}",
                    f"{must_hold_mib(model, n):9.1f}",
                ]
                print(" ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
