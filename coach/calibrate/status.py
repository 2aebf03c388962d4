"""What the engine needs from a calibration profile while it runs, in one small object.

`CalibrationStatus(profile)` gives the baselines the rules judge against, runs the drift
detector on every frame, and says what the panel and the summary should show: which baseline is
in force ("profile" or "population") and whether to ask "recalibrate?". Kept apart from the
engine so the engine only has to call `update` and read a few fields.
"""

from __future__ import annotations

from coach.calibrate.profile import Profile
from coach.i18n import t
from coach.rules.posture import PostureBaseline
from coach.rules.smile import SmileBaseline
from coach.trackers.drift import DriftDetector, DriftSettings
from coach.types import Body, Face

PROFILE, BASELINES, POPULATION = "profile", "baselines", "population"


class CalibrationStatus:
    """Baselines in force, drift, and how to describe them.

    profile: the person's calibration, or None (population defaults).
    smile_baseline / posture_baseline: explicit baselines; they win over the profile's.
    """

    def __init__(
        self,
        profile: Profile | None = None,
        smile_baseline: SmileBaseline | None = None,
        posture_baseline: PostureBaseline | None = None,
        drift_settings: DriftSettings | None = None,
        min_visibility: float = 0.5,
    ):
        self.profile = profile
        self.smile_baseline = smile_baseline or (profile.smile if profile else None)
        self.posture_baseline = posture_baseline or (profile.posture if profile else None)
        self.drift: DriftDetector | None = None
        if profile is not None and profile.reference is not None:
            self.drift = DriftDetector(profile.reference, drift_settings or DriftSettings(), min_visibility)
        if profile is not None:
            self.baseline = PROFILE
        elif self.smile_baseline is not None or self.posture_baseline is not None:
            self.baseline = BASELINES
        else:
            self.baseline = POPULATION

    def update(self, face: Face | None, body: Body | None, t: float) -> bool:
        """Feed one frame; True while posture alerts must be held (the set-up looks moved)."""
        return self.drift.update(face, body, t) if self.drift is not None else False

    @property
    def needs_recalibration(self) -> bool:
        return bool(self.drift and self.drift.needs_recalibration)

    @property
    def label(self) -> str | None:
        """"person/mode" of the profile in force, None without one."""
        return self.profile.label if self.profile else None

    def note(self, lang: str | None = None) -> str:
        """One line for the panel: which baseline the scores are judged against."""
        if self.profile is not None:
            profile = self.profile
            return t("calibration.engine.profile", lang, label=profile.label, created=profile.created)
        if self.baseline == BASELINES:
            return t("calibration.engine.baselines", lang)
        return t("calibration.engine.population", lang)

    def finish(self, t_end: float) -> None:
        if self.drift is not None:
            self.drift.finish(t_end)

    def summary(self, lang: str | None = None) -> dict:
        """JSON-able: the baseline in force, its note, and how often/long "recalibrate?" was up."""
        drift = self.drift
        return {
            "baseline": self.baseline,
            "profile": None if self.profile is None else {
                "person": self.profile.person, "mode": self.profile.mode,
                "created": self.profile.created, "version": self.profile.version,
            },
            "note": self.note(lang),
            "recalibration_prompts": drift.flagged_count if drift else 0,
            "recalibration_s": round(drift.flagged_s, 1) if drift else 0.0,
            "needs_recalibration": self.needs_recalibration,
        }
