"""Per-person calibration: the guided steps, the saved profile, and its use while coaching.

- `procedure`: `Calibration`, the pure step machine (neutral face, smile, upright posture).
- `profile`: `Profile`, saved as versioned JSON under `calibration/<person>/<mode>.json`.
- `status`: `CalibrationStatus`, what the engine uses: baselines, drift, "recalibrate?".
"""

from coach.calibrate.procedure import (
    STEPS,
    Calibration,
    CalibrationFailure,
    CalibrationSettings,
    Progress,
    StepOutcome,
    failure_text,
    problem_text,
    step_prompt,
)
from coach.calibrate.profile import (
    MODES,
    VERSION,
    Profile,
    ProfileError,
    SmileReference,
    calibration_dir,
    find_profile,
    load_profile,
    profile_path,
    read_profile,
    save_profile,
)
from coach.calibrate.status import CalibrationStatus

__all__ = [
    "MODES", "STEPS", "VERSION", "Calibration", "CalibrationFailure", "CalibrationSettings",
    "CalibrationStatus", "Profile", "ProfileError", "Progress", "SmileReference", "StepOutcome",
    "calibration_dir", "failure_text", "find_profile", "load_profile", "problem_text", "profile_path",
    "read_profile", "save_profile", "step_prompt",
]
