"""The Streamlit panel (`streamlit run app.py`): live self-check, trainer review, settings.

It adds no scoring of its own: it shows and drives the same engine and pipeline as the
command line. Every visible string comes from `coach.i18n` (table_panel.py).
"""
