"""Fixtures every test module gets."""

from __future__ import annotations

import sys

import pytest


@pytest.fixture(autouse=True)
def _keep_main_module():
    """Put `sys.modules["__main__"]` back after each test.

    Streamlit's AppTest runs its page as `__main__` and leaves it there; a process pool started
    later with the "spawn" method would then re-run that page script in every worker.
    """
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main
