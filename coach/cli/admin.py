"""`python -m coach admin …`: first-run set-up and managing people.

admin init                 create the first admin (asks for a password; there is no default one)
admin add --id … --name … --role staff|supervisor|admin --team …   (as an admin, or a supervisor
                           adding staff to their own team)
admin passwd --id …        set a password (admins: anyone's; others: their own)
admin deactivate --id …    stop someone logging in (their history stays)
admin list [--team …]      people you may see
admin info                 where the database is and what it holds
admin rebuild-rollups      recompute the per person-day sums the reports read (admins only)
admin token issue|revoke --name …   workstation credentials (see coach.store.credentials)
"""

from __future__ import annotations

import argparse
import os

from sqlalchemy import func, select

from coach.i18n import t
from coach.store.cli_support import add_common, ask, fail, logged_in, open_from_args, read_password
from coach.store.cli_tokens import add_token_arguments, run_token
from coach.store.errors import AccessDenied, StoreError

HELP = t("store.cli.admin.help")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    init = sub.add_parser("init", help=t("store.cli.admin.init"))
    init.add_argument("--id", help=t("store.cli.arg.staff_id"))
    init.add_argument("--name", help=t("store.cli.arg.name"))
    add = sub.add_parser("add", help=t("store.cli.admin.add"))
    add.add_argument("--id", required=True, help=t("store.cli.arg.staff_id"))
    add.add_argument("--name", required=True, help=t("store.cli.arg.name"))
    add.add_argument("--role", choices=("staff", "supervisor", "admin"), default="staff")
    add.add_argument("--team", help=t("store.cli.arg.team"))
    add.add_argument("--set-password", action="store_true", help=t("store.cli.arg.set_password"))
    passwd = sub.add_parser("passwd", help=t("store.cli.admin.passwd"))
    passwd.add_argument("--id", required=True, help=t("store.cli.arg.staff_id"))
    deactivate = sub.add_parser("deactivate", help=t("store.cli.admin.deactivate"))
    deactivate.add_argument("--id", required=True, help=t("store.cli.arg.staff_id"))
    listing = sub.add_parser("list", help=t("store.cli.admin.list"))
    listing.add_argument("--team", help=t("store.cli.arg.team"))
    info = sub.add_parser("info", help=t("store.cli.admin.info"))
    rebuild = sub.add_parser("rebuild-rollups", help=t("day.cli.rebuild_help"))
    token = sub.add_parser("token", help=t("security.cli.token"))
    add_token_arguments(token)
    for each in (init, add, passwd, deactivate, listing, info, rebuild, token):
        add_common(each)
        if each not in (init, info):
            each.add_argument(
                "--as", dest="actor", default=os.environ.get("COACH_USER"), help=t("store.cli.arg.as")
            )


def main(args: argparse.Namespace) -> int:
    try:
        with open_from_args(args) as store:
            return ACTIONS[args.action](store, args)
    except StoreError as error:
        return fail(error, args.lang)


def _init(store, args) -> int:
    from coach.store.access import create_first_admin, has_admin

    if has_admin(store):
        raise AccessDenied("store.access.admin_exists")
    staff_id = ask(args, "store.cli.prompt.staff_id", args.id)
    name = ask(args, "store.cli.prompt.name", args.name)
    password = read_password(args, "store.cli.prompt.new_password", confirm=True)
    admin = create_first_admin(store, staff_id, name, password)
    print(t("store.cli.admin.created_admin", args.lang, staff_id=admin.staff_id, db=store.label))
    return 0


def _add(store, args) -> int:
    from coach.store.access import add_person

    with logged_in(store, args, args.actor) as login:
        password = (
            read_password(args, "store.cli.prompt.new_password", confirm=True) if args.set_password else None
        )
        person = add_person(store, login, args.id, args.name, args.role, args.team, password=password)
    print(
        t(
            "store.cli.admin.added",
            args.lang,
            staff_id=person.staff_id,
            role=person.role,
            team=person.team or "-",
        )
    )
    return 0


def _passwd(store, args) -> int:
    from coach.store.access import set_password

    with logged_in(store, args, args.actor) as login:
        set_password(
            store, login, args.id, read_password(args, "store.cli.prompt.new_password", confirm=True)
        )
    print(t("store.cli.admin.password_set", args.lang, staff_id=args.id))
    return 0


def _deactivate(store, args) -> int:
    from coach.store.access import set_active

    with logged_in(store, args, args.actor) as login:
        set_active(store, login, args.id, False)
    print(t("store.cli.admin.deactivated", args.lang, staff_id=args.id))
    return 0


def _list(store, args) -> int:
    from coach.store.access import authenticate
    from coach.store.identity import canonical_team
    from coach.store.people import list_people

    with logged_in(store, args, args.actor) as login:
        user = authenticate(store, login)
    if user.role == "admin":
        shown = list_people(store, team=args.team)
    elif user.role == "supervisor" and (args.team is None or canonical_team(args.team) == user.team):
        shown = list_people(store, team=user.team)
    elif user.role == "supervisor":
        raise AccessDenied("store.access.not_your_team")
    else:
        shown = [p for p in list_people(store) if p.staff_id == user.staff_id]
    for person in shown:
        state = "" if person.active else " " + t("store.cli.admin.inactive", args.lang)
        role = t(f"store.role.{person.role}", args.lang)
        print(f"{person.staff_id}\t{person.display_name}\t{role}\t{person.team or '-'}{state}")
    return 0


def _info(store, args) -> int:
    from coach.store.migrations import current_version
    from coach.store.schema import metrics, people, sessions

    with store.reading() as conn:
        version = current_version(conn)
        counts = {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar()
            for table in (people, sessions, metrics)
        }
    print(
        t(
            "store.cli.admin.info_text",
            args.lang,
            db=store.label,
            version=version,
            people=counts["people"],
            sessions=counts["sessions"],
            rows=counts["metrics"],
        )
    )
    return 0


def _rebuild_rollups(store, args) -> int:
    from coach.store.access import authenticate
    from coach.store.rollups import rebuild

    with logged_in(store, args, args.actor) as login:
        if authenticate(store, login).role != "admin":
            raise AccessDenied("day.access.admins_only")
        counts = rebuild(store)
    print(t("day.cli.rebuilt", args.lang, days=counts["day_rollups"], db=store.label))
    return 0


ACTIONS = {
    "rebuild-rollups": _rebuild_rollups,
    "init": _init,
    "add": _add,
    "passwd": _passwd,
    "deactivate": _deactivate,
    "list": _list,
    "info": _info,
    "token": run_token,
}
