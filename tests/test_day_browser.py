"""The clerk's day in headless Chromium: the break countdown continues after a page reload and after
Stop/Start (the clock is kept in the store per person and day), the Live page keeps its source
across navigation, and the reminder can be previewed without touching the clock.

Uses the real app on the bundled sample (no camera on the server) and a SQLite store; the same
fixtures as tests/test_panel_browser.py (it skips with the reason without Chromium/playwright).
Screenshots go to tests/_artifacts/.
"""

from __future__ import annotations

import re

import pytest
from test_panel_browser import _shot, browser, clips, playwright_api, server  # noqa: F401 - pytest fixtures

from coach.i18n import t

pytestmark = pytest.mark.browser

LANG = "zh-CN"
WORK_S = 55 * 60
NEXT_BREAK = re.compile(re.escape(t("panel.reading.next_break", LANG)) + r"\D*?(\d+):(\d{2})")


def _countdown(page) -> int:
    """Seconds to the next break as the readings show them (m:ss)."""
    page.get_by_text(NEXT_BREAK).first.wait_for()
    found = NEXT_BREAK.search(page.locator("[data-testid='coach-readings']").first.inner_text())
    assert found, "the readings show the time to the next break"
    return int(found[1]) * 60 + int(found[2])


def _settled_countdown(page) -> int:
    """The countdown once a (new) session is analysing frames: the first value it shows can be the
    previous worker's or the engine's before the day's clock is loaded, so wait until it moves
    (the sample's person is at the desk, so a running clock moves within seconds)."""
    page.locator("[data-testid='coach-readings']").first.wait_for(timeout=90_000)
    first = _countdown(page)
    for _ in range(90):
        page.wait_for_timeout(1_000)
        now = _countdown(page)
        if now != first:
            page.wait_for_timeout(2_000)
            settled = _countdown(page)
            print(f"countdown: first {first} s, moved to {now} s, then {settled} s")
            return settled
    raise AssertionError(f"the countdown stayed at {first} s for 90 s")


def test_the_break_countdown_survives_reload_and_stop_start_and_the_source_survives_navigation(
    server, browser, clips  # noqa: F811
):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(120_000)  # each page's first visit imports its modules: slow when loaded
    page.goto(server)
    # a fresh server's first page imports the app (MediaPipe, OpenCV): slow on a loaded machine
    page.get_by_text(t("panel.live.no_camera_sample", LANG, name=clips[0].name)).wait_for(timeout=150_000)
    _settled_countdown(page)
    page.wait_for_timeout(25_000)  # enough work on the clock that a fresh one (55:00) is far off
    before = _countdown(page)
    assert before < WORK_S - 20, "the sample's person is present, so the clock runs"

    page.reload()  # a new browser session: a new worker and engine on the server
    page.get_by_text(t("panel.live.no_camera_sample", LANG, name=clips[0].name)).wait_for()
    after_reload = _settled_countdown(page)
    _shot(page, "day-1-after-reload")
    # the seconds of the reload count as away, not work; the seconds since, as work
    assert before - 12 <= after_reload <= before + 2, (before, after_reload)

    page.get_by_role("button", name=t("panel.live.stop", LANG), exact=True).click()
    page.get_by_role("button", name=t("panel.live.start", LANG), exact=True).click()
    after_restart = _settled_countdown(page)
    print(f"\ncountdown {before} s, after a reload {after_reload} s, after Stop/Start {after_restart} s")
    assert after_reload - 14 <= after_restart <= after_reload + 2, (after_reload, after_restart)

    # the reminder's preview shows the real reminder and leaves the clock alone
    page.get_by_text(t("panel.break.title", LANG), exact=True).click()
    preview = page.get_by_role("button", name=t("day.preview.button", LANG))
    preview.wait_for()
    page.wait_for_timeout(1_000)  # the expander open and the page at rest, as a person sees it
    preview.click()
    note = page.get_by_text(t("day.preview.note", LANG))
    try:
        note.wait_for(timeout=15_000)
    except playwright_api.TimeoutError:
        # A click that lands while the live panel's readings rerun (5 times a second) can be taken by
        # Streamlit as part of that rerun and lost; a person clicks again, and so does the test.
        preview.click()
        note.wait_for()
    page.get_by_text(t("panel.break.reminder", LANG)).first.wait_for()
    _shot(page, "day-2-reminder-preview")
    assert _countdown(page) > WORK_S - 120, "previewing does not make a break due"
    page.get_by_role("button", name=t("day.preview.close", LANG)).click()

    # navigation: the radio still shows the file source that is playing, and Stop/Start works
    page.get_by_role("link", name=t("panel.nav.review", LANG)).click()
    page.get_by_role("heading", name=t("panel.review.title", LANG)).first.wait_for()
    # the uploader speaks the page's language: no English limit line, the button's word translated
    dropzone = page.locator("[data-testid='stFileUploaderDropzone']").first
    dropzone.wait_for()
    assert "per file" not in dropzone.inner_text() and "Upload" not in dropzone.inner_text()
    button_text = page.evaluate(
        "() => getComputedStyle(document.querySelector(\"[data-testid='stFileUploaderDropzone'] button\"),"
        " '::after').content"
    )
    assert t("day.upload.button", LANG) in button_text
    _shot(page, "day-4-review-uploader")
    page.get_by_role("link", name=t("panel.nav.live", LANG)).click()
    page.get_by_role("heading", name=t("panel.live.title", LANG)).first.wait_for()
    file_source = page.get_by_role("radio", name=t("panel.live.source.file", LANG))
    file_source.wait_for(state="attached")
    assert file_source.is_checked(), "the radio shows the source that is playing"
    page.get_by_role("button", name=t("panel.live.stop", LANG), exact=True).click()
    page.get_by_role("button", name=t("panel.live.start", LANG), exact=True).click()
    _settled_countdown(page)
    assert page.get_by_text(re.compile("Cannot open camera|无法打开摄像头")).count() == 0
    _shot(page, "day-3-back-from-review")
    page.close()
