from coach.readings import Event
from coach.vocabulary import describe as describe_event


def test_event_details_are_translated_not_raw_codes():
    smile = Event(3.0, 11.0, "smile", "mouth_only")
    assert describe_event(smile, "en") == "Smile (mouth-only) 00:00:03–00:00:11"
    assert "mouth_only" not in describe_event(smile, "zh-CN")
    taken = Event(60.0, 240.0, "break_taken", "3.0 min")
    assert describe_event(taken, "zh-CN").startswith("完成休息 (3.0 分钟)")


def test_unknown_details_pass_through_unchanged():
    skipped = Event(5.0, 5.0, "break_skipped", "1/2")
    assert "(1/2)" in describe_event(skipped, "en")
