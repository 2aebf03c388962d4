"""Tables, the machine's description, and the record in benchmarks/RESULTS.md.

Tables are printed as Markdown, padded so they also read well in a terminal (Chinese headers
count as two columns), so the same text goes to the screen and into RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

RESULTS_START = "<!-- bench:start (written by `python -m coach bench --record`; edits here are replaced) -->"
RESULTS_END = "<!-- bench:end -->"
RESULTS_TITLE = "# Benchmark results"
_START_PATTERN = re.compile(r"<!-- bench:start[^>]*-->")


@dataclass
class Table:
    """A titled table of already formatted cells; numeric-looking cells are right-aligned."""

    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        if len(cells) != len(self.headers):
            raise ValueError(f"a row of {self.title!r} needs {len(self.headers)} cells, got {len(cells)}")
        self.rows.append(["" if cell is None else str(cell) for cell in cells])

    def column(self, header: str) -> list[str]:
        index = self.headers.index(header)
        return [row[index] for row in self.rows]


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_NUMERIC = re.compile(r"^[-+×x~≈]?\s*[\d.,]+\s*(%|×|x|ms|s|MB|MiB|fps)?$")


def _is_numeric(cell: str) -> bool:
    return bool(_NUMERIC.match(cell.strip())) or cell.strip() in {"-", "—"}


def format_table(table: Table) -> str:
    """The table as Markdown: a `###` title, a padded header, aligned rows and its notes below."""
    columns = len(table.headers)
    widths = [display_width(h) for h in table.headers]
    for row in table.rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    right = [bool(table.rows) and all(_is_numeric(row[i]) for row in table.rows) for i in range(columns)]

    def line(cells: list[str]) -> str:
        padded = []
        for i, cell in enumerate(cells):
            gap = " " * (widths[i] - display_width(cell))
            padded.append(gap + cell if right[i] else cell + gap)
        return "| " + " | ".join(padded) + " |"

    dashes = [("-" * (w + 1) + ":") if r else ("-" * (w + 2)) for w, r in zip(widths, right, strict=True)]
    rule = "|" + "|".join(dashes) + "|"
    out = [f"### {table.title}", "", line(table.headers), rule]
    out += [line(row) for row in table.rows]
    if table.notes:
        out.append("")
        out += [f"- {note}" for note in table.notes]
    return "\n".join(out)


def number(value: float | None, digits: int = 1) -> str:
    """A number with `digits` decimals, '-' for None."""
    return "-" if value is None else f"{value:.{digits}f}"


def ratio(value: float | None, reference: float | None, digits: int = 2) -> str:
    """value / reference as '×1.23', '-' when either is missing or the reference is 0."""
    if value is None or not reference:
        return "-"
    return f"×{value / reference:.{digits}f}"


# --- the machine --------------------------------------------------------------------------------

def cpu_model(cpuinfo: str | None = None) -> str:
    """The CPU's model name from /proc/cpuinfo (or `cpuinfo` text), else what platform says."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            cpuinfo = ""
    for raw in cpuinfo.splitlines():
        key, _, value = raw.partition(":")
        if key.strip() in ("model name", "Model", "Hardware", "cpu model") and value.strip():
            return value.strip()
    return platform.processor() or platform.machine() or "unknown"


def usable_cores() -> int:
    """Cores this process may run on (its affinity), else the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def memory_total_gib() -> float | None:
    try:
        for raw in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if raw.startswith("MemTotal:"):
                return int(raw.split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _version(module_name: str) -> str:
    try:
        from importlib.metadata import version

        return version(module_name)
    except Exception:  # not installed or no metadata: say so rather than fail the bench
        return "not installed"


def machine_info() -> dict[str, str]:
    """What the figures were measured on."""
    memory = memory_total_gib()
    try:
        load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        load = "-"
    return {
        "cpu": cpu_model(),
        "cores": f"{usable_cores()} usable of {os.cpu_count() or '?'}",
        "memory": "-" if memory is None else f"{memory:.1f} GiB",
        "load (1/5/15 min, at the start)": load,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mediapipe": _version("mediapipe"),
        "opencv": _version("opencv-contrib-python") if _version("opencv-contrib-python") != "not installed"
        else _version("opencv-python"),
        "numpy": _version("numpy"),
        "av": _version("av"),
    }


# --- benchmarks/RESULTS.md ----------------------------------------------------------------------

def merge_results(existing: str, section: str) -> str:
    """`existing` with the bench's own section (between RESULTS_START and RESULTS_END) replaced by
    `section`; everything outside the markers (other helpers' sections) is kept as it is. Without
    markers the section goes first, before what was there."""
    block = f"{RESULTS_START}\n{section.strip()}\n{RESULTS_END}"
    start = _START_PATTERN.search(existing)
    end = existing.find(RESULTS_END, start.end()) if start else -1
    if start and end != -1:
        return existing[:start.start()] + block + existing[end + len(RESULTS_END):]
    rest = existing.strip()
    if not rest:
        return f"{RESULTS_TITLE}\n\n{block}\n"
    return block + "\n\n" + rest + "\n"


def write_results(path: str | Path, section: str) -> Path:
    """Put `section` into the results file, re-reading it right before writing so a section another
    tool added meanwhile survives. Written to a temporary name and renamed into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    merged = merge_results(existing, section)
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_text(merged, encoding="utf-8")
    os.replace(temporary, path)
    return path
