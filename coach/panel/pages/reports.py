"""Page script: the store's reports (coach/panel/reports_page.py, written by the store's helper)."""

import streamlit as st

from coach.panel import common
from coach.panel.common import tr

try:
    from coach.panel.reports_page import render

    from coach.panel.store_bridge import shared_store
except ImportError as missing:
    st.info(tr("panel.reports.unavailable", error=str(missing)))
else:
    render(st, shared_store(), common.person())
