"""Page script: the store's reports (coach/panel/reports_page.py, written by the store's helper)."""

import streamlit as st

from coach.panel import common
from coach.panel.common import tr

try:
    from coach.panel.reports_page import render
    from coach.panel.store_bridge import shared_store
    from coach.store.errors import StoreError
except ImportError as missing:
    st.info(tr("panel.reports.unavailable", error=str(missing)))
else:
    try:
        store = shared_store()
    except StoreError as problem:
        st.error(tr("panel.reports.unavailable", error=problem.message(common.lang())))
    else:
        render(st, store, None, lang=common.lang())
