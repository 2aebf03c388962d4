"""Page script: the trainers' review of recorded videos (coach/panel/review.py)."""

from coach.panel.review import render

render()
