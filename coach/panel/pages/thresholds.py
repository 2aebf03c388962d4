"""Page script: the person's thresholds (coach/panel/settings_panel.py)."""

from coach.panel.settings_panel import render_settings
from coach.panel.shell import save_current_profile

render_settings(save_current_profile)
