"""Page script: personal calibration (coach/panel/calibration_page.py, by the calibration helper)."""

import streamlit as st

from coach.panel import common
from coach.panel.common import tr

try:
    from coach.panel.calibration_page import render
except ImportError as missing:
    st.info(tr("panel.calibration.unavailable", error=str(missing)))
else:
    render(st, common.person(), common.lang())
