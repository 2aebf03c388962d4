"""`python -m coach signal next-customer|service-end --person ID`: the queue system's hook.

A thin client of the live coach's loopback endpoint (`coach.service_hook`). It writes as any
writer does: with this workstation's credential, or a login (`--user`, its password asked for or
read with `--password-stdin`, logged out again at once). The credential is checked here first,
so a wrong one gets its one translated line without a live coach running, and again by the
live coach, which alone knows whom it coaches. Exit 0 when delivered, 2 otherwise.
"""

from __future__ import annotations

import argparse
import os
from contextlib import ExitStack

from coach.i18n import t
from coach.service_hook import HookError, check_signal, send_signal
from coach.store.cli_support import fail, logged_in
from coach.store.errors import StoreError
from coach.trackers.service import SIGNALS

HELP = t("service.cli.help")
ENV_PORT = "COACH_HOOK_PORT"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("signal", choices=SIGNALS, help=t("service.cli.arg.signal"))
    parser.add_argument("--person", required=True, help=t("service.cli.arg.person"))
    parser.add_argument("--port", type=int, default=int(os.environ.get(ENV_PORT) or 0) or None,
                        help=t("service.cli.arg.port"))
    parser.add_argument("--user", help=t("service.cli.arg.user"))
    parser.add_argument("--db", metavar="URL", help=t("store.cli.arg.db"))
    parser.add_argument("--password-stdin", action="store_true", help=t("store.cli.arg.password_stdin"))
    parser.add_argument("--lang", help=t("store.cli.arg.lang"))


def main(args: argparse.Namespace) -> int:
    from coach.store.credentials import workstation_token
    from coach.store.db import Store
    from coach.store.errors import AccessDenied

    lang = args.lang
    if not args.port or not 0 < args.port < 65536:
        return fail(StoreError("service.cli.no_port", env=ENV_PORT), lang)
    try:
        with Store(args.db) as store, ExitStack() as stack:
            if args.user:
                credential = stack.enter_context(logged_in(store, args, args.user)).token
            else:
                credential = workstation_token()
                if credential is None:
                    raise AccessDenied("security.need_identity")
            person = check_signal(store, credential, _canonical(args.person), args.person)
            send_signal(args.signal, person, credential, args.port)
    except (StoreError, HookError) as error:
        return fail(error, lang)
    print(t(f"service.cli.sent.{args.signal}", lang, person=person))
    return 0


def _canonical(raw: str) -> str:
    from coach.store.identity import canonical_id

    return canonical_id(raw)
