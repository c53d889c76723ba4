"""Row-wise operations on arrays with short rows, for the row-major layout of the book.

Rows are samples, so the softmax works along rows of ``k`` entries (``k = 3``
classes in the book) and a bias is added along rows of ``m`` entries. numpy
runs an element-wise operation or a reduction with the last axis as its
inner loop; when that axis is this short, the per-loop overhead dominates and
such operations run several times slower than their size suggests. Each
helper below does the same work one whole column at a time instead (or as a
product with a vector of ones, which BLAS runs). On long rows, and (except
for the row maximum) on arrays too small for the extra calls to pay off, it
uses plain numpy broadcasting. They are private: the functions that use them state the
mathematics.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from nnscratch._validation import FloatArray, ones

#: Rows at most this long are handled column by column, in arrays of at least
#: ``MANY`` entries (on small arrays, numpy's own loop is cheaper than several calls).
SHORT = 8
MANY = 4096


def _by_columns(Z: FloatArray) -> bool:
    # the helpers below test ``Z.size < MANY`` first, inline: the usual small case, at no call
    return Z.shape[-1] <= SHORT and Z.size >= MANY


def columns(Z: FloatArray) -> FloatArray:
    """The columns of ``Z`` (or the entries of one row) as rows: a ``(k, n)`` view."""
    view: FloatArray = (Z if Z.ndim == 2 else Z.reshape(-1, Z.shape[-1])).T
    return view


def row_max(Z: FloatArray) -> FloatArray:
    """Maximum of each row of ``Z``, shape ``Z.shape[:-1]``."""
    if Z.shape[-1] > SHORT:  # columns win at any size: numpy's short-axis max is slow
        maxima: FloatArray = Z.max(axis=-1)
        return maxima
    cols = columns(Z)
    k = len(cols)
    result: FloatArray = cols[0].copy() if k == 1 else np.maximum(cols[0], cols[1])
    for j in range(2, k):
        np.maximum(result, cols[j], out=result)
    return result if Z.ndim == 2 else result.reshape(Z.shape[:-1])


def row_sum(Z: FloatArray) -> FloatArray:
    """Sum of each row of ``Z``, shape ``Z.shape[:-1]``: the product ``Z @ 1``."""
    sums: FloatArray = Z @ ones(Z.shape[-1])
    return sums


def row_argmax(Z: FloatArray) -> NDArray[np.intp]:
    """Index of the first maximal entry of each row, as ``np.argmax(Z, axis=-1)``.

    A later column wins only if strictly larger, so ties go to the first.
    """
    if Z.size < MANY or not _by_columns(Z):
        indices: NDArray[np.intp] = Z.argmax(axis=-1)
        return indices
    cols = columns(Z)
    best = cols[0].copy()
    index = np.zeros(best.shape, dtype=np.intp)
    for j, column in enumerate(cols[1:], start=1):
        np.copyto(index, j, where=column > best)
        np.maximum(best, column, out=best)
    row_indices: NDArray[np.intp] = index.reshape(Z.shape[:-1])
    return row_indices


def per_row(
    op: Callable[..., FloatArray],
    Z: FloatArray,
    values: FloatArray,
    out: FloatArray | None = None,
) -> FloatArray:
    """``op(Z[i, :], values[i])`` for every row ``i``, into `out` (a new array by default)."""
    if Z.size < MANY or not _by_columns(Z):
        result: FloatArray = op(Z, values[..., None], out=out)
        return result
    out = np.empty_like(Z) if out is None else out
    flat = values.reshape(-1)
    for column, target in zip(columns(Z), columns(out), strict=True):
        op(column, flat, out=target)
    return out


def add_row(Z: FloatArray, b: FloatArray) -> FloatArray:
    """In place, ``Z += b`` for a ``(1, m)`` row ``b`` added to every row; returns ``Z``."""
    if Z.size < MANY or not _by_columns(Z):
        Z += b
        return Z
    for column, value in zip(columns(Z), b.reshape(-1), strict=True):
        column += value
    return Z
