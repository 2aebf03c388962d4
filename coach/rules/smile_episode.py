"""What separates a smile from talking and from a negative face, judged from measures over time.

Pure functions: the trackers (`coach.trackers.smile_episodes`) gather the measures over a window
of seconds and hand them in; nothing here reads a clock or keeps state.

* Talking: the mouth opens and closes at syllable rate. Over a window of about a second, the
  lip gap travels far more than its range: `oscillation = total travel / range` is about 1 for a
  mouth that opens once into a smile and 3 or more for speech. Talking needs a visible range
  too, so a still mouth's jitter is not speech. While talking, only a lift held over the longer
  window counts as a smile (the corners stay up through the words), not the moments a vowel
  widens the mouth.
* Negative: crying, pain and disgust squeeze the eyes shut with the lips pressed together;
  a smile narrows the eyes but leaves them open, and a laugh with shut eyes has an open mouth.
  The brows add anger and sadness: lowered (AU4) or raised at their inner ends (AU1) against the
  person's neutral while the mouth corners are not clearly lifted.
"""

from __future__ import annotations

from dataclasses import dataclass

# Talking: lip-gap travel / range over the window, and the range (inter-ocular units) it needs.
# Chosen on CLIP_LABELS.csv by leave-one-clip-out over a grid (oscillation 1.5–3, range
# 0.05–0.12): every fold picked (1.5, 0.12) as best at telling talking / talking_smiling frames
# from smiles and neutral faces.
TALKING_OSCILLATION = 1.5
TALKING_MIN_RANGE = 0.12
# Eyes squeezed: aperture below this share of the neutral's (a smile keeps ~0.8 of it).
SQUEEZED_APERTURE_RATIO = 0.45
# Lips counted as closed below this inner-lip gap (inter-ocular units).
LIPS_CLOSED_GAP = 0.06
# Brows: lowered or inner ends raised by this much (inter-ocular units) against the neutral.
BROW_SHIFT = 0.05
# A clear smile lifts the corners at least this many degrees above the neutral.
CLEAR_CORNER_LIFT_DEG = 8.0


@dataclass(frozen=True)
class MouthMotion:
    """The lip gap over a recent window: how far it travelled and its range (inter-ocular units)."""

    travel: float
    span: float

    @property
    def oscillation(self) -> float:
        return self.travel / self.span if self.span > 1e-9 else 0.0


def is_talking(motion: MouthMotion) -> bool:
    return motion.span >= TALKING_MIN_RANGE and motion.oscillation >= TALKING_OSCILLATION


def eyes_squeezed_lips_closed(eye_aperture: float, neutral_aperture: float, lip_gap: float) -> bool:
    """Crying or pain: eyes (nearly) shut and lips pressed, over the window the caller chose."""
    return eye_aperture < SQUEEZED_APERTURE_RATIO * neutral_aperture and lip_gap < LIPS_CLOSED_GAP


def brows_negative(brow_drop: float, inner_brow_rise: float, corner_lift_deg: float) -> bool:
    """Anger (brows lowered) or sadness (inner ends raised) without a clear corner lift.

    brow_drop: how far the brows sit below the neutral (positive = lowered);
    inner_brow_rise: how far the inner ends rose relative to the brows' middle, against neutral.
    """
    moved = brow_drop >= BROW_SHIFT or inner_brow_rise >= BROW_SHIFT
    return moved and corner_lift_deg < CLEAR_CORNER_LIFT_DEG


def episode_kind(mean_eye_involvement: float, genuine_threshold: float) -> str:
    """The kind of a whole smile episode from its time-weighted mean eye involvement."""
    return "genuine" if mean_eye_involvement >= genuine_threshold else "mouth_only"
