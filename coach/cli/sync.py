"""`python -m coach sync --to postgresql://…`: send this workstation's unsent rows to the branch.

Safe to run at any time and any number of times (nothing is lost or sent twice), e.g. from a
scheduled task whenever the network is back.
"""

from __future__ import annotations

import argparse
import os

from coach.i18n import t
from coach.store.cli_support import fail
from coach.store.errors import StoreError

HELP = t("store.cli.sync.help")
ENV_TARGET = "COACH_SYNC_URL"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--to", dest="target", default=os.environ.get(ENV_TARGET), help=t("store.cli.arg.sync_to")
    )
    parser.add_argument("--from", dest="source", help=t("store.cli.arg.sync_from"))
    parser.add_argument("--lang", help=t("store.cli.arg.lang"))


def main(args: argparse.Namespace) -> int:
    from coach.store.db import Store, safe_url
    from coach.store.sync import sync

    if not args.target:
        return fail(StoreError("store.cli.sync.no_target"), args.lang)
    try:
        with Store(args.source) as source, Store(args.target) as target:
            result = sync(source, target)
            print(
                t(
                    "store.cli.sync.done",
                    args.lang,
                    target=safe_url(target.url),
                    sessions=result.sessions,
                    new_sessions=result.new_sessions,
                    rows=result.metric_rows,
                    events=result.events,
                    profiles=result.profiles,
                )
            )
    except StoreError as error:
        return fail(error, args.lang)
    return 0
