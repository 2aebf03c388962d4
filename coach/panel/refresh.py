"""How often the live page refreshes its readings and picture (a module without Streamlit, so the
bench's eco table can act as the page does).

Each refresh is a run of the page's live fragment on the server and a redraw in the browser, so
it costs both sides CPU all day long. Measured in a headless browser (bench, eco section): in eco
mode with the picture every 0.2 s, the server used ~14% of a core and the browser ~46%; every
0.5 s, ~11% and ~22%.
"""

from __future__ import annotations

from coach.vision.pacer import ECO_MAX_FPS

# At full rate with the picture shown (this computer's camera or a file): 5 pictures a second.
PICTURE_REFRESH_S = 0.2
# At full rate with the readings alone (the browser's camera: its picture comes back over
# WebRTC): a reading waits for the page's next look, half this on average; at 0.2 s that wait
# alone put frame → reading's 95th percentile near 200 ms.
READINGS_REFRESH_S = 0.1
# Eco mode (all day beside the business software): 2 refreshes a second. The readings still come
# within half a second, and the alerts they carry wait 10 s or more anyway.
ECO_REFRESH_S = 0.5


def page_refresh_s(max_fps: float | None, show_picture: bool) -> float:
    """Seconds between the live panel's refreshes for a session analysing at most `max_fps` frames
    a second (None: every frame), showing the picture or the readings alone."""
    if max_fps is not None and max_fps <= ECO_MAX_FPS:
        return ECO_REFRESH_S
    return PICTURE_REFRESH_S if show_picture else READINGS_REFRESH_S
