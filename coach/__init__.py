"""Real-time posture and smile coaching for counter-service staff.

The library, flat (every surface — CLI, panel, batch, bench — is a client of it):

    import coach

    options = coach.AnalyzerOptions(source="cam0", pose_max_fps=5)
    with coach.Analyzer(options) as analyzer:
        step = analyzer.process(frame)       # a coach.Frame → coach.Step
    outcome = analyzer.finish()              # coach.Outcome

    outcome = coach.review_file("clip.mp4", [coach.TimelineCsvSink("timeline.csv")])

Names are loaded on first use, so `import coach` loads neither MediaPipe nor OpenCV (nor
argparse or Streamlit, which only the command line and the panel use).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "Analyzer": "coach.core",
    "AnalyzerOptions": "coach.core",
    "Outcome": "coach.core",
    "Step": "coach.core",
    "review_file": "coach.core",
    "CoachError": "coach.errors",
    "OptionsError": "coach.errors",
    "SourceError": "coach.vision.sources",
    "open_source": "coach.vision.sources",
    "Frame": "coach.types",
    "Observation": "coach.types",
    "Event": "coach.readings",
    "Record": "coach.readings",
    "Settings": "coach.settings",
    "ReviewOptions": "coach.review",
    "ReviewResult": "coach.review",
    "review": "coach.review",
    "review_one": "coach.review",
    "find_media": "coach.media",
    "TimelineCsvSink": "coach.sinks",
    "EventsCsvSink": "coach.sinks",
    "AnnotatedVideoSink": "coach.sinks",
}

__all__ = [
    "Analyzer",
    "AnalyzerOptions",
    "AnnotatedVideoSink",
    "CoachError",
    "Event",
    "EventsCsvSink",
    "Frame",
    "Observation",
    "OptionsError",
    "Outcome",
    "Record",
    "ReviewOptions",
    "ReviewResult",
    "Settings",
    "SourceError",
    "Step",
    "TimelineCsvSink",
    "find_media",
    "open_source",
    "review",
    "review_file",
    "review_one",
]

if TYPE_CHECKING:
    from coach.core import Analyzer, AnalyzerOptions, Outcome, Step, review_file
    from coach.errors import CoachError, OptionsError
    from coach.media import find_media
    from coach.readings import Event, Record
    from coach.review import ReviewOptions, ReviewResult, review, review_one
    from coach.settings import Settings
    from coach.sinks import AnnotatedVideoSink, EventsCsvSink, TimelineCsvSink
    from coach.types import Frame, Observation
    from coach.vision.sources import SourceError, open_source


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'coach' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
