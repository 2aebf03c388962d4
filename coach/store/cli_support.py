"""What the store's commands share: opening the store, asking for passwords, printing errors."""

from __future__ import annotations

import argparse
import getpass
import sys
from contextlib import contextmanager
from datetime import date

from coach.i18n import t
from coach.store.errors import StoreError


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help=t("store.cli.arg.db"))
    parser.add_argument("--lang", help=t("store.cli.arg.lang"))
    parser.add_argument("--password-stdin", action="store_true", help=t("store.cli.arg.password_stdin"))


def open_from_args(args):
    from coach.store.db import Store

    return Store(args.db)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("store.cli.bad_date", value=text)) from None


def read_password(args, prompt_key: str, *, confirm: bool = False) -> str:
    """A password from stdin (one line each, with --password-stdin) or typed without echo."""
    lang = getattr(args, "lang", None)
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline()
        if not line:
            raise StoreError("store.cli.no_password")
        return line.rstrip("\r\n")
    first = getpass.getpass(t(prompt_key, lang) + ": ")
    if confirm and getpass.getpass(t("store.cli.prompt.again", lang) + ": ") != first:
        raise StoreError("store.cli.passwords_differ")
    return first


def ask(args, prompt_key: str, value: str | None) -> str:
    if value:
        return value
    if getattr(args, "password_stdin", False) or not sys.stdin.isatty():
        raise StoreError("store.cli.missing_value", what=t(prompt_key, getattr(args, "lang", None)))
    return input(t(prompt_key, getattr(args, "lang", None)) + ": ").strip()


def fail(error: StoreError, lang: str | None) -> int:
    print(f"{t('error.prefix', lang)}: {error.message(lang)}", file=sys.stderr)
    return 2


@contextmanager
def logged_in(store, args, staff_id: str | None):
    """A login for one command, asked for on the terminal or stdin, logged out when it is done."""
    from coach.store.access import login, logout

    staff_id = ask(args, "store.cli.prompt.staff_id", staff_id)
    session = login(store, staff_id, read_password(args, "store.cli.prompt.password"))
    try:
        yield session
    finally:
        logout(store, session)
