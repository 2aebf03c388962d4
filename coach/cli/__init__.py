"""The command line, `python -m coach <command>`: one entry point; each command lives in its own
module of this package, a thin client of the library (`coach.review`, `coach.batch`, …) that
parses arguments and prints in the user's language.

A command module `coach/cli/<name>.py` provides `HELP` (one line), `add_arguments(parser)` and
`main(args) -> int`. Commands are imported only when used, so a heavy or optional dependency
of one command never slows or breaks another.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from coach.i18n import t

COMMANDS = ("review", "evaluate", "calibrate", "export", "bench", "admin", "sync", "signal")


def _available() -> dict[str, object]:
    found = {}
    for name in COMMANDS:
        try:
            found[name] = importlib.import_module(f"coach.cli.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"coach.cli.{name}":
                raise
    return found


def _language_from(argv: list[str]) -> str | None:
    """`--lang X` from the command line, read before the parsers exist so help is translated too."""
    for position, word in enumerate(argv):
        if word == "--lang" and position + 1 < len(argv):
            return argv[position + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    language = _language_from(argv)
    previous = os.environ.get("COACH_LANG")
    if language:
        os.environ["COACH_LANG"] = language
    try:
        commands = _available()
        parser = argparse.ArgumentParser(prog="python -m coach", description=t("cli.description"))
        sub = parser.add_subparsers(dest="command", required=True)
        for name, module in commands.items():
            module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
        args = parser.parse_args(argv)
        return int(commands[args.command].main(args) or 0)
    finally:
        if previous is None:
            os.environ.pop("COACH_LANG", None)
        else:
            os.environ["COACH_LANG"] = previous
