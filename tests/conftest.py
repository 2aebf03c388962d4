"""Shared test set-up."""

from __future__ import annotations

import sys

import pytest


@pytest.fixture(autouse=True)
def _keep_the_main_module():
    """Streamlit's AppTest swaps `sys.modules["__main__"]` for its temporary script and leaves it
    there; a process pool started later (the batch's `--jobs`, spawn) would re-run that script in
    every worker and die. Each test gets the real one back."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main
