"""The coach's panel: `streamlit run app.py` (scripts/run.sh starts it).

Live self-check at the window, trainer review of recorded videos, per-person thresholds;
Chinese by default, English in the sidebar. Everything is in coach/panel/.
"""

from coach.panel.shell import run

run()
