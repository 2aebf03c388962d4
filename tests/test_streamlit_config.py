"""The panel's Streamlit settings, as Streamlit itself reads them when started in the project folder
(`scripts/run.sh` runs `streamlit run app.py` there).

Two of Streamlit's defaults cost the live panel dearly, which the browser test showed: a full garbage
collection after every run of the page (about 80 ms CPU with the models loaded, holding the
interpreter while the camera's frames wait, at every refresh of the readings) and a watcher that
walks every imported module's path. The upload limit must let through what the review page accepts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from coach.panel.uploads import MAX_UPLOAD_MB

ROOT = Path(__file__).resolve().parents[1]
READ_OPTIONS = """
import json
from streamlit import config
config.get_config_options(force_reparse=True)
names = ("runner.postScriptGC", "server.fileWatcherType", "server.maxUploadSize")
print(json.dumps({name: config.get_option(name) for name in names}))
"""


def _options_read_in(folder: Path) -> dict:
    shown = subprocess.run([sys.executable, "-c", READ_OPTIONS], cwd=folder, capture_output=True, text=True,
                           timeout=120, check=True)
    return json.loads(shown.stdout.strip().splitlines()[-1])


def test_panel_settings_are_read_from_the_project_folder(tmp_path):
    options = _options_read_in(ROOT)
    assert options["runner.postScriptGC"] is False
    assert options["server.fileWatcherType"] == "none"
    assert options["server.maxUploadSize"] >= MAX_UPLOAD_MB
    # Streamlit's own defaults elsewhere: the settings above are the project's, not Streamlit's.
    assert _options_read_in(tmp_path)["runner.postScriptGC"] is True
