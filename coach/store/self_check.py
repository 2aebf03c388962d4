"""The daily self-check sheet (the courseware's 自检表): observable items, each with the day's
figure and a tick or a cross against the norm.

Pure arithmetic over a person-day's `Figures` (the same sums every report uses); the panel and
the PDF only lay it out. The norms and how each was chosen:

* smiled when greeting — the coach cannot see who is a customer, so the observable stand-in is
  how often the person smiled while at the window: at least SMILES_PER_HOUR_MIN smiles per hour
  of presence. A counter serves roughly 15–30 customers an hour; one smile per greeting at the
  low end gives 15.
* smile natural — the courseware's sincere smile moves the eyes with the mouth: at least
  GENUINE_SHARE_MIN of the smiling time is a genuine (eyes and mouth) smile, i.e. most of it.
* eye contact — the courseware's 7–8成: between 70% and 80% of the face time.
* greeted with a smile — where services were seen (talking toward the window, or the queue
  system's hook; coach.trackers.service): a smile in the first seconds of at least
  GREETED_SHARE_MIN of them. The courseware greets every customer with a smile; 90% leaves room
  for a greeting the camera missed (a face turned to the customer's papers).
* eye contact while serving — the same 70–80%, over the time spent serving only: the norm is
  "while talking", and the service time is the talking time at the window.
* posture — good posture for at least GOOD_POSTURE_MIN of the time it was judged, with the
  minutes of each fault (the courseware names the faults, not a tolerance; 90% leaves about six
  minutes an hour for reaching, turning and writing).
* breaks on time — every reminder followed by a break taken (a skipped or only postponed one is
  not on time); a day without a reminder has nothing to miss.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.store.summaries import Figures

SMILES_PER_HOUR_MIN = 15.0
GENUINE_SHARE_MIN = 0.5
EYE_CONTACT_RANGE = (0.70, 0.80)
GOOD_POSTURE_MIN = 0.90
GREETED_SHARE_MIN = 0.90
MINUTE_MS = 60_000


@dataclass(frozen=True)
class CheckItem:
    key: str  # "smiled", "natural", "eye_contact", ("greeted", "serving_eye_contact"), "posture", "breaks"
    value: float | None  # the day's figure (a share 0..1, a rate, a count); None: not measured
    ok: bool | None  # tick (True), cross (False), or None when there was nothing to judge
    values: dict  # for the item's translated text (the figure, the norm, details)


def self_check(figures: Figures) -> list[CheckItem]:
    """The sheet's items for one person-day."""
    rate = figures.smiles_per_hour
    genuine = figures.genuine_smile_share
    eye = figures.eye_contact_share
    good = figures.good_posture_share
    low, high = EYE_CONTACT_RANGE
    due, taken = figures.count("break_due"), figures.count("break_taken")
    faults = [(fault, round(ms / MINUTE_MS, 1)) for fault, ms in figures.faults.most_common() if ms > 0]
    return [
        CheckItem("smiled", rate, None if rate is None else rate >= SMILES_PER_HOUR_MIN,
                  {"value": _num(rate), "norm": f"{SMILES_PER_HOUR_MIN:g}", "count": figures.sums["smiles"]}),
        CheckItem("natural", genuine, None if genuine is None else genuine >= GENUINE_SHARE_MIN,
                  {"value": _pct(genuine), "norm": _pct(GENUINE_SHARE_MIN)}),
        CheckItem("eye_contact", eye, None if eye is None else low <= eye <= high,
                  {"value": _pct(eye), "low": _pct(low), "high": _pct(high)}),
        *_service_items(figures),
        CheckItem("posture", good, None if good is None else good >= GOOD_POSTURE_MIN,
                  {"value": _pct(good), "norm": _pct(GOOD_POSTURE_MIN), "faults": faults}),
        CheckItem("breaks", float(taken), True if due == 0 else taken >= due,
                  {"due": due, "taken": taken, "skipped": figures.count("break_skipped"),
                   "postponed": figures.count("break_postponed"), "natural": figures.count("natural_break")}),
    ]


def _service_items(figures: Figures) -> list[CheckItem]:
    """The service moments' items; none on a day without a service seen (nothing to judge)."""
    served = figures.customers_served
    if not served:
        return []
    greeted, eye = figures.greeted_share, figures.serving_eye_contact_share
    low, high = EYE_CONTACT_RANGE
    return [
        CheckItem("greeted", greeted, greeted is not None and greeted >= GREETED_SHARE_MIN,
                  {"value": _pct(greeted), "norm": _pct(GREETED_SHARE_MIN), "served": served,
                   "greeted": figures.service["greeted"]}),
        CheckItem("serving_eye_contact", eye, None if eye is None else low <= eye <= high,
                  {"value": _pct(eye), "low": _pct(low), "high": _pct(high)}),
    ]


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.0f}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def describe(item: CheckItem, lang: str, fault_name) -> tuple[str, str, str]:
    """(what is checked, the day's figure, the norm) in `lang`; `fault_name(code, lang)` names faults."""
    from coach.i18n import t

    values = dict(item.values)
    if item.key == "posture":
        faults = values.pop("faults")
        listed = ", ".join(t("day.check.fault_minutes", lang, fault=fault_name(f, lang), minutes=f"{m:g}")
                           for f, m in faults)
        values["faults"] = listed or t("day.check.no_faults", lang)
    return (
        t(f"day.check.{item.key}", lang),
        t(f"day.check.{item.key}.figure", lang, **values),
        t(f"day.check.{item.key}.norm", lang, **values),
    )
