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


@pytest.fixture
def cheap_hashing():
    """Real argon2id with the cost turned down, so that the suite stays fast; a module that makes
    logins says `pytestmark = pytest.mark.usefixtures("cheap_hashing")`."""
    from argon2 import PasswordHasher

    from coach.store import access

    previous = access.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
    access.use_password_hasher(previous)
