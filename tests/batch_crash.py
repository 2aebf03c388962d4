"""A batch task function whose worker process dies on some files, to test crash handling.

It must live in an importable module (not in the test file) because spawned worker processes
import the task function by name. A file named `crash*` kills its worker every time; a file
named `flaky*` kills it the first time only (a marker file next to it remembers).
"""

from __future__ import annotations

import os
from pathlib import Path

from coach.batch.work import analyse


def dies_on_some_files(task):
    path = Path(task.file.path)
    if path.name.startswith("crash"):
        os._exit(3)
    if path.name.startswith("flaky"):
        marker = path.with_name(path.name + ".died")
        if not marker.exists():
            marker.write_text("the worker died here once\n")
            os._exit(3)
    return analyse(task)


def sleeps_until_killed(task):
    """Leave this worker's pid in $COACH_TEST_PID_DIR, then work "forever" (until it is killed)."""
    import time

    folder = Path(os.environ["COACH_TEST_PID_DIR"])
    (folder / f"{os.getpid()}.pid").write_text(str(os.getpid()))
    time.sleep(600)
    return analyse(task)
