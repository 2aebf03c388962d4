"""`python -m coach export`: a person's, a team's or the branch's report as CSV, XLSX or PDF.

Logs in first (staff id and password); the export itself checks that the login may see what
is asked for, so the command adds no rules of its own.
"""

from __future__ import annotations

import argparse
import os
from datetime import date, timedelta

from coach.i18n import t
from coach.store.cli_support import add_common, fail, logged_in, open_from_args, parse_day
from coach.store.errors import StoreError

HELP = t("store.cli.export.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--team", help=t("store.cli.arg.team"))
    scope.add_argument("--person", metavar="STAFF_ID", help=t("store.cli.arg.person"))
    scope.add_argument("--branch", action="store_true", help=t("store.cli.arg.branch"))
    parser.add_argument(
        "--from", dest="start", type=parse_day, metavar="YYYY-MM-DD", help=t("store.cli.arg.from")
    )
    parser.add_argument("--to", dest="end", type=parse_day, metavar="YYYY-MM-DD", help=t("store.cli.arg.to"))
    parser.add_argument(
        "--format", choices=("csv", "xlsx", "pdf"), default="pdf", help=t("store.cli.arg.format")
    )
    parser.add_argument("--out", default=".", help=t("store.cli.arg.out"))
    parser.add_argument("--user", default=os.environ.get("COACH_USER"), help=t("store.cli.arg.user"))
    add_common(parser)


def main(args: argparse.Namespace) -> int:
    from coach.store.access import Scope
    from coach.store.exports import export_file

    end = args.end or date.today()
    start = args.start or end - timedelta(days=6)
    try:
        with open_from_args(args) as store, logged_in(store, args, args.user) as login:
            if args.team:
                scope = Scope.team(args.team)
            elif args.branch:
                scope = Scope.branch()
            else:
                scope = Scope.person(args.person or login.staff_id)
            path = export_file(store, login, scope, start, end, args.format, args.out, lang=args.lang)
    except StoreError as error:
        return fail(error, args.lang)
    print(t("store.cli.export.done", args.lang, path=str(path)))
    return 0
