"""The panel's Reports page: log in, pick whom and which days, read the figures, download.

The panel calls `render(st, store, user)`; `user` is a `coach.store.Login` when the panel has
one, else None and this page shows its own login form (the login is kept in
`st.session_state`, never in module globals). Every figure and every download goes through
`build_report` / `export_bytes`, which check the login and the scope on the server side;
the choices offered here are only a convenience.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from coach.i18n import language, resolve_language, t
from coach.store import access
from coach.store.errors import AccessDenied, StoreError
from coach.store.exports import (
    COLUMNS,
    FORMATS,
    HEADLINE_FIGURES,
    SERVICE_FIGURES,
    cell,
    column_label,
    daily_series,
    export_bytes,
    figure_help,
    file_name,
    posture_split_text,
)
from coach.store.people import list_people
from coach.store.summaries import build_report
from coach.vocabulary import BREAK_KINDS, label

LOGIN_KEY = "store_login"
REPORT_CACHE_KEY = "store_report_cache"
REPORT_CACHE_S = 60.0
PANEL_LANG_KEY = "panel_lang"


def render(st, store, user=None, *, lang: str | None = None) -> None:
    lang = resolve_language(lang or st.session_state.get(PANEL_LANG_KEY))
    st.header(t("store.page.title", lang))
    login = user if isinstance(user, access.Login) else st.session_state.get(LOGIN_KEY)
    try:
        me = access.authenticate(store, login) if login else None
    except AccessDenied as refused:
        st.session_state.pop(LOGIN_KEY, None)
        st.info(refused.message(lang))
        me = None
    except StoreError as problem:
        st.error(problem.message(lang))
        return
    if me is None:
        _login_form(st, store, lang)
        return
    _signed_in_bar(st, store, login, me, lang)
    try:
        with language(lang):  # the exports' labels (column_label) speak the page's language
            _report(st, store, login, me, lang)
    except StoreError as problem:
        st.error(problem.message(lang))


def _login_form(st, store, lang: str) -> None:
    with st.form("store_login_form"):
        staff_id = st.text_input(t("store.page.staff_id", lang))
        password = st.text_input(t("store.page.password", lang), type="password")
        submitted = st.form_submit_button(t("store.page.log_in", lang))
    if submitted:
        try:
            st.session_state[LOGIN_KEY] = access.login(store, staff_id.strip(), password)
        except StoreError as problem:
            st.error(problem.message(lang))
            return
        st.rerun()
    if not access.has_admin(store):
        st.caption(t("store.page.no_admin_yet", lang))


def _signed_in_bar(st, store, login, me, lang: str) -> None:
    left, right = st.columns([4, 1])
    left.caption(t("store.page.signed_in", lang, name=me.display_name, role=t(f"store.role.{me.role}", lang)))
    if right.button(t("store.page.log_out", lang)):
        access.logout(store, login)
        st.session_state.pop(LOGIN_KEY, None)
        st.session_state.pop(REPORT_CACHE_KEY, None)
        st.rerun()


def _scope_label(scope, names: dict[str, str], lang: str) -> str:
    if scope.kind == "branch":
        return t("store.report.scope_branch", lang)
    if scope.kind == "team":
        return t("store.report.scope_team", lang, name=scope.value)
    return t("store.report.scope_person", lang, name=names.get(scope.value, scope.value), id=scope.value)


def _report(st, store, login, me, lang: str) -> None:
    import pandas as pd

    scopes = access.visible_scopes(store, me)
    names = (
        {p.staff_id: p.display_name for p in list_people(store)}
        if me.role != "staff"
        else {me.staff_id: me.display_name}
    )
    left, right = st.columns([2, 2])
    scope = left.selectbox(
        t("store.page.scope", lang), scopes, format_func=lambda s: _scope_label(s, names, lang)
    )
    today = date.today()
    picked = right.date_input(t("store.page.dates", lang), value=(today - timedelta(days=6), today))
    if not isinstance(picked, tuple | list) or len(picked) != 2:
        st.info(t("store.page.pick_end", lang))
        return
    start, end = picked
    report = _report_for(st, store, login, me, scope, start, end)
    totals = report.totals
    if not report.person_days:
        st.info(t("store.report.no_data", lang))
    shown = (*HEADLINE_FIGURES, "break_skipped", *SERVICE_FIGURES)
    figures = [c for c in COLUMNS if c[0] in shown]
    for row_start in range(0, len(figures), 5):
        for column, (key, get, kind) in zip(st.columns(5), figures[row_start : row_start + 5], strict=False):
            value = cell(get(totals), kind)
            column.metric(column_label(key, kind), "—" if value is None else value,
                          help=figure_help(key))
    split = posture_split_text(totals)
    if split:
        st.caption(t("day.posture.split", lang, split=split))
    faults = totals.top_faults(3)
    if faults:
        st.caption(
            t("store.col.top_faults", lang)
            + ": "
            + ", ".join(f"{label(f, lang)} {100 * share:.0f}%" for f, share in faults)
        )
    _charts(st, report, lang)
    if scope.kind != "person":
        st.subheader(t("store.report.by_person", lang))
        rows = [
            {
                t("store.col.staff_id", lang): p.staff_id,
                t("store.col.name", lang): p.display_name,
                **{column_label(k, kind): cell(get(f), kind) for k, get, kind in COLUMNS},
            }
            for p, f in report.people
        ]
        table = pd.DataFrame(rows)
        st.dataframe(table.style.format(precision=2, na_rep="—"), hide_index=True)
    _self_check(st, report, scope, names, lang)
    st.subheader(t("store.page.download", lang))
    for column, fmt in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        column.download_button(
            t(f"store.page.download_{fmt}", lang),
            data=_exporter(store, login, scope, start, end, fmt, lang),
            file_name=file_name(scope, start, end, fmt),
            mime=FORMATS[fmt],
            key=f"store_download_{fmt}",
        )


def _charts(st, report, lang: str) -> None:
    """The daily shares (a point per day, so one day shows as well as thirty), faults by hour and
    the breaks; each says "no data yet" instead of drawing an empty frame."""
    import altair as alt
    import pandas as pd

    st.subheader(t("store.report.chart_daily", lang))
    series = daily_series(report, lang)
    points = [
        {"day": day.isoformat(), "measure": name, "percent": value}
        for name, values in series.items()
        for day, value in zip(report.days, values, strict=True)
        if value is not None
    ]
    if points:
        chart = (
            alt.Chart(pd.DataFrame(points))
            .mark_line(point=alt.OverlayMarkDef(size=60))
            .encode(
                x=alt.X("day:O", title=None),
                y=alt.Y("percent:Q", scale=alt.Scale(domain=[0, 100]), title="%"),
                color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="bottom")),
                tooltip=["day:O", "measure:N", "percent:Q"],
            )
        )
        st.altair_chart(chart, width="stretch")
    else:
        st.info(t("day.chart.no_data", lang))
    st.subheader(t("store.report.chart_faults", lang))
    top = dict(list(report.faults_by_hour.items())[:5])
    if any(sum(hours) for hours in top.values()):
        st.caption(t("day.chart.faults_legend", lang))
        hours = [h for h in range(24) if any(values[h] for values in top.values())]
        st.bar_chart(
            pd.DataFrame(
                {label(f, lang): [values[h] / 60000 for h in hours] for f, values in top.items()},
                index=[f"{h:02d}:00" for h in hours],
            )
        )
    else:
        st.info(t("day.chart.no_faults", lang))
    st.subheader(t("store.report.chart_breaks", lang))
    counts = {label(k, lang): report.totals.count(k) for k in BREAK_KINDS}
    if any(counts.values()):
        bars = pd.DataFrame({"kind": list(counts), "count": list(counts.values())})
        st.altair_chart(
            alt.Chart(bars)
            .mark_bar()
            .encode(
                x=alt.X("kind:N", sort=list(counts), title=None, axis=alt.Axis(labelAngle=0)),
                y=alt.Y("count:Q", title=t("store.chart.count", lang), axis=alt.Axis(tickMinStep=1)),
                tooltip=["kind:N", "count:Q"],
            )
            .properties(height=260),
            width="stretch",
        )
    else:
        st.info(t("day.chart.no_breaks", lang))


def _self_check(st, report, scope, names: dict[str, str], lang: str) -> None:
    """The person-day's self-check sheet (coach.store.self_check): a tick or a cross per item."""
    import pandas as pd

    from coach.store.self_check import describe, self_check

    st.subheader(t("day.check.heading", lang))
    if scope.kind != "person":
        st.caption(t("day.check.none_for_scope", lang))
        return
    if not report.days:
        st.info(t("day.chart.no_data", lang))
        return
    days = list(report.days)
    day = st.selectbox(t("day.check.pick_day", lang), days[::-1], format_func=lambda d: d.isoformat(),
                       key="self_check_day")
    st.caption(t("day.check.title", lang, name=names.get(scope.value, scope.value), day=day.isoformat()))
    st.caption(t("day.check.intro", lang))
    rows = []
    verdicts = {
        True: ("✓", "day.check.met"),
        False: ("✗", "day.check.not_met"),
        None: ("—", "day.check.nothing"),
    }
    for item in self_check(report.days[day]):
        what, figure, norm = describe(item, lang, label)
        mark, verdict = verdicts[item.ok]
        rows.append({
            t("day.check.col.item", lang): what,
            t("day.check.col.figure", lang): figure,
            t("day.check.col.norm", lang): norm,
            t("day.check.col.result", lang): f"{mark} {t(verdict, lang)}",
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _report_for(st, store, login, me, scope, start, end):
    """The report, reused for a minute across reruns of the page (a branch's month takes seconds
    to sum); the login and the scope are checked on every run all the same."""
    key = (me.staff_id, scope, start, end)
    cached = st.session_state.get(REPORT_CACHE_KEY)
    if cached and cached[0] == key and time.monotonic() - cached[1] < REPORT_CACHE_S:
        access.authorize(store, me, scope)
        return cached[2]
    report = build_report(store, login, scope, start, end)
    st.session_state[REPORT_CACHE_KEY] = (key, time.monotonic(), report)
    return report


def _exporter(store, login, scope, start, end, fmt: str, lang: str):
    """Made on click, with the login checked again at that moment."""

    def make() -> bytes:
        return export_bytes(store, login, scope, start, end, fmt, lang=lang)[2]

    return make
