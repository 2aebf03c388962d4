"""A person's calibration profile: what their neutral face, smile and upright posture look like.

One human-readable JSON file per person and posture mode, `<dir>/<person>/<mode>.json`, where
`<dir>` is the person's home in the data folder (coach.person: `<data dir>/people/<id>/`) unless
told otherwise (`--dir`, or the `COACH_CALIBRATION_DIR` environment variable). The file says
which format and version it is; a version this coach does not know is refused with a message
saying what to do, never guessed.

    {
      "format": "coach-calibration",
      "version": 1,
      "person": "wang.li", "mode": "sitting", "created": "2026-11-29T09:12:00+08:00",
      "smile_baseline": {...},      # coach.rules.smile.SmileBaseline: the neutral face
      "smile_reference": {...},     # the person's own natural smile, measured against it
      "posture_baseline": {...},    # coach.rules.posture.PostureBaseline: sitting/standing upright
      "reference": {...},           # coach.trackers.drift.Placement: face and shoulders in the picture
      "quality": {...}              # per step: frames used, how still the person was
    }

The profile holds numbers measured from landmarks, never a picture.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from coach import person as home
from coach.i18n import t
from coach.rules.posture import PostureBaseline
from coach.rules.smile import SmileBaseline
from coach.trackers.drift import Placement

FORMAT = "coach-calibration"
VERSION = 1
MODES = home.CALIBRATION_MODES
DIR_ENVIRONMENT = home.CALIBRATION_DIR_ENVIRONMENT


class ProfileError(ValueError):
    """A person id, profile file or profile content that cannot be used; one translated line."""


@dataclass(frozen=True)
class SmileReference:
    """The person's natural smile at calibration, scored against their own neutral face."""

    score: float  # 0..100, median over the smile step
    corner_deg: float
    width_ratio: float
    eye_involvement: float
    kind: str  # the most common kind during the step: mouth_only or genuine

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SmileReference:
        return cls(
            score=float(data["score"]),  # type: ignore[arg-type]
            corner_deg=float(data["corner_deg"]),  # type: ignore[arg-type]
            width_ratio=float(data["width_ratio"]),  # type: ignore[arg-type]
            eye_involvement=float(data["eye_involvement"]),  # type: ignore[arg-type]
            kind=str(data["kind"]),
        )


@dataclass(frozen=True)
class Profile:
    """Everything calibration measured for one person in one posture mode.

    `created` is passed in by whoever runs the calibration (ISO 8601 text); nothing here reads
    a clock. `smile` and `posture` are what the engine's rules judge against; `reference`
    is what the drift detector compares the live picture with.
    """

    person: str
    mode: str
    created: str
    smile: SmileBaseline
    posture: PostureBaseline | None
    reference: Placement | None
    smile_reference: SmileReference | None = None
    quality: dict = field(default_factory=dict)
    version: int = VERSION

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ProfileError(t("calibration.error.bad_mode", mode=self.mode, modes=", ".join(MODES)))
        check_person(self.person)

    @property
    def label(self) -> str:
        """"person/mode", how the panel and summaries name the profile in use."""
        return f"{self.person}/{self.mode}"

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "version": self.version,
            "person": self.person,
            "mode": self.mode,
            "created": self.created,
            "smile_baseline": self.smile.to_dict(),
            "smile_reference": self.smile_reference.to_dict() if self.smile_reference else None,
            "posture_baseline": self.posture.to_dict() if self.posture else None,
            "reference": self.reference.to_dict() if self.reference else None,
            "quality": self.quality,
        }

    @classmethod
    def from_dict(cls, data: object, where: str = "", lang: str | None = None) -> Profile:
        """A profile from its saved form; ProfileError (translated) for anything unusable."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ProfileError(t("calibration.error.not_a_profile", lang, path=where))
        version = data.get("version")
        if version != VERSION:
            raise ProfileError(t("calibration.error.version", lang, path=where, version=version,
                                 supported=VERSION))
        try:
            smile_ref = data.get("smile_reference")
            posture = data.get("posture_baseline")
            reference = data.get("reference")
            return cls(
                person=str(data["person"]),
                mode=str(data["mode"]),
                created=str(data["created"]),
                smile=SmileBaseline.from_dict(data["smile_baseline"]),
                posture=PostureBaseline.from_dict(posture) if posture else None,
                reference=Placement.from_dict(reference) if reference else None,
                smile_reference=SmileReference.from_dict(smile_ref) if smile_ref else None,
                quality=dict(data.get("quality") or {}),
                version=VERSION,
            )
        except ProfileError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as problem:
            detail = f"missing {problem}" if isinstance(problem, KeyError) else str(problem)
            raise ProfileError(t("calibration.error.damaged", lang, path=where, detail=detail)) from problem


def check_person(person: str, lang: str | None = None) -> str:
    """The id, tidied, by the one id check (coach.person.check_person); else ProfileError."""
    try:
        return home.check_person(person)
    except home.PersonError as problem:
        raise ProfileError(problem.message(lang)) from problem


def calibration_dir(directory: str | Path | None = None) -> Path:
    """The folder profiles live in: the argument, else $COACH_CALIBRATION_DIR, else the people folder."""
    return home.calibration_root(directory)


def profile_path(person: str, mode: str, directory: str | Path | None = None,
                 lang: str | None = None) -> Path:
    try:
        return home.calibration_path(person, mode, directory)
    except home.PersonError as problem:
        raise ProfileError(problem.message(lang)) from problem


def save_profile(profile: Profile, directory: str | Path | None = None, lang: str | None = None) -> Path:
    """Write the profile (pretty JSON, UTF-8) atomically: a crash never leaves half a file."""
    path = profile_path(profile.person, profile.mode, directory, lang)
    try:
        return home.write_json(path, profile.to_dict())
    except home.PersonError as problem:
        raise ProfileError(t("calibration.error.cannot_write", lang, path=str(path),
                             error=problem.values.get("error", ""))) from problem


def read_profile(path: str | Path, lang: str | None = None) -> Profile:
    """The profile in one file; ProfileError (translated) when it is missing or unusable."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as problem:
        raise ProfileError(t("calibration.error.missing", lang, path=str(path))) from problem
    except (OSError, UnicodeDecodeError, ValueError) as problem:
        message = t("calibration.error.damaged", lang, path=str(path), detail=str(problem))
        raise ProfileError(message) from problem
    return Profile.from_dict(data, str(path), lang)


def load_profile(person: str, mode: str = "sitting", directory: str | Path | None = None,
                 lang: str | None = None) -> Profile:
    """The saved profile of `person` in `mode`; ProfileError when there is none or it is unusable."""
    return read_profile(profile_path(person, mode, directory, lang), lang)


def find_profile(person: str, mode: str = "sitting", directory: str | Path | None = None,
                 lang: str | None = None) -> Profile | None:
    """Like load_profile, but None when the person has no profile in that mode yet."""
    path = profile_path(person, mode, directory, lang)
    return read_profile(path, lang) if path.exists() else None
