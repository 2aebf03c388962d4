"""`python -m coach <command>`: the command line (`coach.cli`)."""

import sys

from coach.cli import main
from coach.vision.native_log import filter_native_stderr

if __name__ == "__main__":
    filter_native_stderr()
    sys.exit(main())
