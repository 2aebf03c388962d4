"""`python -m coach <command>`: the command line (`coach.cli`)."""

import sys

from coach.cli import main
from coach.i18n import t
from coach.lifeline import stop_on_sigterm
from coach.vision.native_log import filter_native_stderr

if __name__ == "__main__":
    filter_native_stderr()
    stop_on_sigterm()  # SIGTERM stops like Ctrl-C: workers stopped, open events closed, records kept
    try:
        code = main()
    except KeyboardInterrupt:
        print(t("security.stopped"), file=sys.stderr)
        code = 130
    sys.exit(code)
