"""What the live page costs all day: the real panel (`streamlit run app.py`) playing a clip as its
sample, shown in a headless Chromium, measured as the share of one core used by the server process
and by the browser's processes.

The eco table (`coach.bench.eco`) drives the page's worker alone; this adds what the page itself
costs around it: Streamlit's runs of the page at each refresh of the readings and the picture, and
the browser drawing them. Streamlit's own defaults (a full garbage collection after every run of
the page, a watcher of the source files) are measured beside the project's settings
(`.streamlit/config.toml`), which turn both off.

Needs Debian's Chromium (`/usr/bin/chromium`) and the `playwright` package (scripts/setup.sh --dev);
`measure_page` returns None where either is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
STREAMLIT_DEFAULTS = ("--runner.postScriptGC", "true", "--server.fileWatcherType", "auto")
PICTURE = "img[src^='data:image/jpeg']"  # the live page's picture, once the sample plays


@dataclass(frozen=True)
class PageCost:
    server_share: float  # of one core, the Streamlit server process (all threads)
    browser_share: float  # of one core, the browser's processes together
    span_s: float


def page_bench_available() -> bool:
    """Whether the browser measurement can run here (Chromium and playwright installed)."""
    if not CHROMIUM.exists():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def measure_page(sample_folder: Path, home: Path, *, max_fps: str | None, span_s: float,
                 streamlit_defaults: bool = False, settle_s: float = 5.0) -> PageCost | None:
    """Start the panel with `sample_folder` as its samples (COACH_SAMPLE_DIR) and this machine's
    rate `max_fps` (COACH_MAX_FPS: "eco", a number, or None for every frame), open the live page in
    headless Chromium, let the sample play `settle_s`, then measure `span_s` seconds. None when the
    browser cannot run here."""
    if not page_bench_available():
        return None
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = dict(os.environ, COACH_DATA_DIR=str(home / "data"), XDG_DATA_HOME=str(home / "xdg"),
               COACH_DB_URL=f"sqlite:///{home / 'coach.db'}", COACH_SAMPLE_DIR=str(sample_folder),
               MALLOC_ARENA_MAX=os.environ.get("MALLOC_ARENA_MAX", "2"))  # as scripts/run.sh starts it
    env.pop("COACH_MAX_FPS", None)
    if max_fps is not None:
        env["COACH_MAX_FPS"] = max_fps
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", *(STREAMLIT_DEFAULTS if streamlit_defaults else ())]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_healthy(f"http://127.0.0.1:{port}")
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=str(CHROMIUM), headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}/")
                page.locator(PICTURE).first.wait_for(timeout=180_000)
                page.wait_for_timeout(settle_s * 1000)
                started = time.monotonic()
                server_before = cpu_seconds_of([server.pid])
                browser_before = cpu_seconds_of(_browser_pids(server.pid))
                page.wait_for_timeout(span_s * 1000)
                span = time.monotonic() - started
                server_used = cpu_seconds_of([server.pid]) - server_before
                browser_used = cpu_seconds_of(_browser_pids(server.pid)) - browser_before
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    return PageCost(server_used / span, max(0.0, browser_used) / span, span)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, timeout_s: float = 120.0) -> None:
    """Return once the Streamlit server at `url` answers its health check; OSError after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise OSError(f"the panel did not start within {timeout_s:.0f} s")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # after the command's name, which may hold spaces


def cpu_seconds_of(pids: list[int]) -> float:
    """CPU seconds (user + system, all threads) used so far by `pids` together."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        fields = _stat_fields(pid)
        if fields is not None:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _browser_pids(server_pid: int) -> list[int]:
    """This process's descendants (playwright's driver and the browser it started), the server's
    own process left out."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], [os.getpid()]
    while stack:
        for child in children.get(stack.pop(), []):
            if child != server_pid:
                found.append(child)
                stack.append(child)
    return found
