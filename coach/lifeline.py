"""Worker processes die with the process that started them, however it stops.

* `die_with_parent()` runs first thing in a worker: on Linux it asks the kernel for SIGKILL when
  the parent dies (prctl PR_SET_PDEATHSIG, through ctypes), and everywhere it also starts a
  watchdog thread that exits when the parent's pid changes (the worker was re-parented: its
  parent is gone). That covers a parent killed with SIGKILL, which can run no clean-up.
* `stop_on_sigterm()` runs in a driver: SIGTERM (and SIGHUP) then raise KeyboardInterrupt like
  Ctrl-C, so the code that stops workers, closes open events and writes what was recorded runs
  the same way for all of them.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_INTERVAL_S = 0.5


def die_with_parent(parent_pid: int | None = None) -> None:
    """Make this process end when its parent does (`parent_pid`: the parent's, else getppid's)."""
    expected = parent_pid or _parent_pid()
    if sys.platform.startswith("linux"):
        _linux_parent_death_signal()
    if os.getppid() != expected:  # the parent died before we could ask
        os._exit(1)
    watchdog = threading.Thread(target=_watch, args=(expected,), name="coach-lifeline", daemon=True)
    watchdog.start()


def stop_on_sigterm() -> None:
    """SIGTERM / SIGHUP stop this process the way Ctrl-C does (KeyboardInterrupt); main thread only."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _interrupt)


def _interrupt(signum, _frame) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _parent_pid() -> int:
    import multiprocessing

    parent = multiprocessing.parent_process()
    return parent.pid if parent is not None and parent.pid else os.getppid()


def _linux_parent_death_signal() -> None:
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return  # the watchdog still ends us, within WATCH_INTERVAL_S


def _watch(expected: int) -> None:
    stop = threading.Event()
    while not stop.wait(WATCH_INTERVAL_S):
        if os.getppid() != expected:
            os._exit(1)
