"""Keep MediaPipe's native start-up chatter off the user's terminal.

MediaPipe's C++ side writes glog/absl lines ("W0000 … inference_feedback_manager …", "INFO:
Created TensorFlow Lite XNNPACK delegate") straight to file descriptor 2 before any log level
can be set, so environment variables such as GLOG_minloglevel do not help. For the command
line, fd 2 is routed through a pipe whose reader forwards every line except those known,
harmless ones; Python's own `sys.stderr` (errors, tqdm progress) keeps the original terminal.
"""

from __future__ import annotations

import os
import re
import sys
import threading

_NOISE = re.compile(
    r"^(?:[IW]\d{4} [\d:. ]+\s*\d+ \S+\.cc:\d+\]"  # glog/absl INFO and WARNING lines
    r"|INFO: Created TensorFlow Lite"
    r"|WARNING: All log messages before absl::InitializeLog\(\) is called)"
)
_installed = False


def is_noise(line: str) -> bool:
    """True for MediaPipe's informational and warning lines; errors and anything else pass."""
    return bool(_NOISE.match(line))


def filter_native_stderr() -> None:
    """Route native writes to fd 2 through a filter. Idempotent; for command-line entry points."""
    global _installed
    if _installed:
        return
    _installed = True
    terminal = os.dup(2)
    read_end, write_end = os.pipe()
    os.dup2(write_end, 2)
    os.close(write_end)
    sys.stderr.flush()
    sys.stderr = open(terminal, "w", buffering=1, encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
    threading.Thread(target=_forward, args=(read_end, sys.stderr), daemon=True).start()


def _forward(read_end: int, out) -> None:
    with open(read_end, "rb") as pipe:
        for raw in pipe:
            line = raw.decode("utf-8", errors="replace")
            if not is_noise(line):
                out.write(line)
