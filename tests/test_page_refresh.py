"""How often the live page refreshes: twice a second in eco mode, whatever it shows; at full rate
5 times a second with the picture, 10 with the readings alone (the browser's camera)."""

from coach.panel.refresh import ECO_REFRESH_S, PICTURE_REFRESH_S, READINGS_REFRESH_S, page_refresh_s
from coach.vision.pacer import ECO_MAX_FPS


def test_eco_mode_refreshes_least_often_whatever_the_page_shows():
    assert page_refresh_s(ECO_MAX_FPS, show_picture=True) == ECO_REFRESH_S
    assert page_refresh_s(ECO_MAX_FPS, show_picture=False) == ECO_REFRESH_S
    assert page_refresh_s(ECO_MAX_FPS / 2, show_picture=True) == ECO_REFRESH_S


def test_full_rate_refreshes_with_the_picture_or_faster_with_readings_alone():
    assert page_refresh_s(None, show_picture=True) == PICTURE_REFRESH_S
    assert page_refresh_s(None, show_picture=False) == READINGS_REFRESH_S
    assert page_refresh_s(ECO_MAX_FPS * 3, show_picture=True) == PICTURE_REFRESH_S  # a rate above eco's
    assert READINGS_REFRESH_S < PICTURE_REFRESH_S < ECO_REFRESH_S
