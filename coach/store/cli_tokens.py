"""`python -m coach admin token issue|revoke --name WORKSTATION`: workstation credentials."""

from __future__ import annotations

import argparse

from coach.i18n import t
from coach.store.cli_support import logged_in


def add_token_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("token_action", choices=("issue", "revoke"), help=t("security.cli.token"))
    parser.add_argument("--name", required=True, help=t("security.cli.arg.token_name"))
    parser.add_argument("--save", action="store_true", help=t("security.cli.arg.save"))


def run_token(store, args) -> int:
    from coach.store.credentials import issue_token, revoke_token, token_file
    from coach.store.identity import canonical_id

    lang = args.lang
    with logged_in(store, args, args.actor) as login:
        if args.token_action == "revoke":
            revoke_token(store, login, args.name)
            print(t("security.token_revoked", lang, name=canonical_id(args.name)))
            return 0
        token = issue_token(store, login, args.name)
    path = token_file()
    name = canonical_id(args.name)
    if args.save:
        from coach.private_files import private_folder, write_private_text

        private_folder(path.parent)
        write_private_text(path, token + "\n")
        print(t("security.token_saved", lang, name=name, path=str(path)))
        return 0
    print(t("security.token_issued", lang, name=name, path=str(path)))
    print(token)
    return 0


def author_from_args(args):
    """The identity a command writes under: a login when `--user` is given (its password asked for
    on the terminal, or read from stdin; logged out again at once), else None (the workstation's
    credential is looked up when the store is opened)."""
    if getattr(args, "store", None) is None or not getattr(args, "user", None):
        return None
    from coach.store.credentials import login_author
    from coach.store.db import Store

    with Store(args.store or None) as store, logged_in(store, args, args.user) as login:
        return login_author(store, login)
