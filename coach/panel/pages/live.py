"""Page script: the live self-check (coach/panel/live.py)."""

from coach.panel.live import render

render()
