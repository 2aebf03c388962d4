"""The visual pacer of a guided micro-break: a breathing circle animated in the browser.

The page embeds this HTML once per exercise (an iframe with a small script), so the circle
moves smoothly at the browser's frame rate without the server redrawing it; the server shows
the step's instruction and progress alongside. The script mirrors `microbreaks.pacer_at`.
"""

from __future__ import annotations

import json

from coach.i18n import t
from coach.panel.microbreaks import LARGE, REST, SMALL, Exercise

_TEMPLATE = """<!doctype html><meta charset="utf-8">
<style>
 body{margin:0;font-family:system-ui,sans-serif;display:flex;flex-direction:column;align-items:center}
 #stage{width:220px;height:220px;display:flex;align-items:center;justify-content:center}
 #ball{border-radius:50%;background:radial-gradient(circle at 40% 35%,#9fd3c7,#3d8b7a);
   display:flex;align-items:center;justify-content:center;color:#fff;font-size:28px;font-weight:600}
 #label{margin-top:6px;font-size:17px;color:#234;text-align:center;min-height:1.4em}
</style>
<div id="stage"><div id="ball"><span id="count"></span></div></div>
<div id="label"></div>
<script>
const plan = __PLAN__;
// Follow the server's clock when the browser's agrees with it (the iframe may load seconds
// after the page was drawn); else count from when this iframe started.
const clocksAgree = Math.abs(Date.now() / 1000 - plan.drawnAt) < 30;
const startedMs = clocksAgree ? plan.startedAt * 1000 : Date.now() - plan.offset * 1000;
const ball = document.getElementById("ball"), count = document.getElementById("count"),
      label = document.getElementById("label");
function sizeAfter(kind, f, before) {
  if (kind === "inhale") return before + (plan.large - before) * f;
  if (kind === "exhale") return before + (plan.small - before) * f;
  if (kind === "hold") return before;
  return before + (plan.rest - before) * Math.min(1, f * 4);
}
function tick() {
  const elapsed = (Date.now() - startedMs) / 1000;
  const roundLen = plan.steps.reduce((s, x) => s + x.seconds, 0);
  let scale = plan.small, text = plan.done, left = 0;
  if (elapsed < roundLen * plan.rounds) {
    const into = elapsed % roundLen;
    let start = 0, before = plan.small;
    for (const step of plan.steps) {
      const end = start + step.seconds;
      if (into < end) {
        const f = (into - start) / step.seconds;
        scale = sizeAfter(step.kind, f, before); text = step.label; left = Math.ceil(end - into);
        break;
      }
      before = sizeAfter(step.kind, 1, before); start = end;
    }
  }
  const px = Math.round(200 * scale);
  ball.style.width = px + "px"; ball.style.height = px + "px";
  count.textContent = left ? left : "✓"; label.textContent = text;
  if (left) requestAnimationFrame(tick);
}
tick();
</script>"""


def pacer_html(exercise: Exercise, offset_s: float, lang: str | None, *, started_at: float,
               drawn_at: float) -> str:
    """The pacer for `exercise`, `offset_s` seconds into it, labels in `lang`.

    started_at / drawn_at: the exercise's start and this drawing, in seconds since the epoch on
    the server (wall clock: only for lining the browser's animation up with the server's steps).
    """
    plan = {
        "offset": round(max(0.0, offset_s), 2),
        "startedAt": round(started_at, 3),
        "drawnAt": round(drawn_at, 3),
        "rounds": exercise.rounds,
        "small": SMALL,
        "large": LARGE,
        "rest": REST,
        "done": t("panel.break.done", lang),
        "steps": [
            {"label": t(step.key, lang), "seconds": step.seconds, "kind": step.kind}
            for step in exercise.steps
        ],
    }
    return _TEMPLATE.replace("__PLAN__", json.dumps(plan, ensure_ascii=False))
