"""Shared fixtures and the hypothesis profile of the test suite."""

from __future__ import annotations

import contextlib
import warnings

import numpy as np
import pytest
from hypothesis import settings

import nnscratch

# Modest example counts keep the whole suite fast; no deadline, because a
# shared 2-core machine makes per-example timings meaningless; no example
# database, so that a run does not replay examples saved by earlier runs
# (hypothesis still caches source constants in .hypothesis/, which git ignores).
settings.register_profile("nnscratch", max_examples=60, deadline=None, database=None)
settings.load_profile("nnscratch")

# When a property test fails, hypothesis' pytest plugin imports
# hypothesis.extra._patching (and through it libcst, if installed) to suggest a
# patch. Some libcst releases warn on import (mypy_extensions.TypedDict is
# deprecated); with filterwarnings = error that warning crashes the whole run
# with an INTERNALERROR instead of reporting the failing example. Importing the
# module once here, with that warning silenced, makes the later import a no-op.
# (Without libcst the import fails and the plugin skips the patch by itself.)
with warnings.catch_warnings(), contextlib.suppress(ImportError):
    warnings.simplefilter("ignore", DeprecationWarning)
    import hypothesis.extra._patching  # noqa: F401


@pytest.fixture
def rings() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The book's training data: ``X`` (150, 2), ``labels`` (150,), ``T`` (150, 3)."""
    X, labels = nnscratch.make_rings(n_per_class=50, noise=0.2, seed=0)
    return X, labels, nnscratch.one_hot(labels, 3)


@pytest.fixture
def rings_val() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The book's held-out data: the same call with ``seed=1``."""
    X, labels = nnscratch.make_rings(n_per_class=50, noise=0.2, seed=1)
    return X, labels, nnscratch.one_hot(labels, 3)
