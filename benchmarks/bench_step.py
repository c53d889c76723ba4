"""Benchmark: one full-batch gradient step (forward + backward + update), float64.

Compared, interleaved in the same process on one thread:

- ``nnscratch``: :func:`nnscratch.train` (cost and accuracy recorded at every
  step, inputs validated once per call), timed over a block of steps;
- ``per-sample``: the original post's approach, reconstructed here: a Python
  loop over samples building each sample's Jacobian matrices (small n only);
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

import nnscratch
from nnscratch import NonLinearModel, make_rings, one_hot, softmax_jacobian, train

try:
    import torch
except ImportError:  # torch is optional: never a dependency of the package
    torch = None

LEARNING_RATE = 0.5


def nnscratch_runner(model: NonLinearModel, X, T) -> Callable[[int], None]:
    def run(n_steps: int) -> None:
        train(model, X, T, LEARNING_RATE, n_steps)

    return run


def per_sample_runner(model: NonLinearModel, X, T) -> Callable[[int], None]:
    """The post's method: per-sample Jacobian products, gradients summed."""
    f, f_prime = model.hidden_activation.function, model.hidden_activation.derivative
    W_h, b_h, W_o, b_o = model.weights[0], model.bias[0], model.weights[1], model.bias[1]

    def step() -> None:
        gW_h, gb_h = np.zeros_like(W_h), np.zeros_like(b_h)
        gW_o, gb_o = np.zeros_like(W_o), np.zeros_like(b_o)
        for x_row, t_row in zip(X, T, strict=True):
            x, t = x_row[None, :], t_row[None, :]  # one sample as a (1, d) row
            z_h = x @ W_h + b_h
            h = f(z_h)
            z_o = h @ W_o + b_o
            J_y = softmax_jacobian(z_o[0])  # (k, k)
            y = nnscratch.softmax(z_o)
            d_y = -t / y  # dL_i/dy, (1, k)
            d_zo = d_y @ J_y  # (1, k)
            J_h = np.diag(f_prime(z_h)[0])  # (m, m)
            d_zh = d_zo @ W_o.T @ J_h  # (1, m)
            gW_o += h.T @ d_zo
            gb_o += d_zo
            gW_h += x.T @ d_zh
            gb_h += d_zh
        n = X.shape[0]
        for param, g in ((W_h, gW_h), (b_h, gb_h), (W_o, gW_o), (b_o, gb_o)):
            param -= LEARNING_RATE * g / n

    def run(n_steps: int) -> None:
        for _ in range(n_steps):
            step()

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
    """Peak memory allocated by one call of train (2 steps), from numpy's tracemalloc hooks."""
    tracemalloc.start()
    train(model.copy(), X, T, LEARNING_RATE, 2)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


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
    sizes = [150, 3000, 30000] if args.quick else [150, 3000, 30000, 300000]
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
    header = f"{'n':>7} {'width':>5} {'nnscratch':>12} {'per-sample':>12} {'ratio':>8} {'torch':>12} {'torch/nnscratch':>16} {'peak MiB':>9}"
    print(header)
    with threadpool_limits(limits=1):
        for width in (3, 64):
            for n in sizes:
                X, labels = make_rings(n_per_class=n // 3, seed=0)
                T = one_hot(labels, 3)
                model = NonLinearModel.initialize([2, width, 3], "relu", seed=0)
                # about 0.2 s of work per block, and at least 10 steps so that what
                # train() does once per call (checks, buffers) is amortised as in use
                steps = max(10, int(2e6 / (n * (width + 8))))
                runners = {"nnscratch": nnscratch_runner(model.copy(), X, T)}
                n_steps = {"nnscratch": steps}
                if n <= 3000:
                    runners["per-sample"] = per_sample_runner(model.copy(), X, T)
                    n_steps["per-sample"] = 1
                if torch is not None:
                    runners["torch"] = torch_runner(model.copy(), X, T)
                    n_steps["torch"] = steps
                t = time_blocks(runners, n_steps, repeats)
                mine = t["nnscratch"]
                ps, tt = t.get("per-sample"), t.get("torch")
                cells = [
                    f"{n:>7}",
                    f"{width:>5}",
                    f"{mine * 1e3:10.3f}ms",
                    f"{ps * 1e3:10.2f}ms" if ps is not None else " " * 12,
                    f"{ps / mine:7.0f}x" if ps is not None else " " * 8,
                    f"{tt * 1e3:10.3f}ms" if tt is not None else " " * 12,
                    f"{tt / mine:15.2f}x" if tt is not None else " " * 16,
                    f"{peak_memory_mib(model, X, T):9.1f}",
                ]
                print(" ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
