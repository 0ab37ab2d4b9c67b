import pytest

from facilitation.text.durations import DurationError, format_duration, parse_duration


@pytest.mark.parametrize(
    "text,minutes",
    [
        (45, 45),
        ("45", 45),
        ("45 min", 45),
        ("45mn", 45),
        ("45 minutes", 45),
        ("1h30", 90),
        ("1 h 30", 90),
        ("1h30min", 90),
        ("90 min", 90),
        ("2h", 120),
        ("2 heures", 120),
        ("1:30", 90),
        ("0", 0),
        (" 15 MIN ", 15),
    ],
)
def test_accepts_what_people_write(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["deux heures", "1h75", "-5", "", "45 sec", True, None, 1.5])
def test_refuses_the_rest_with_a_message(text):
    with pytest.raises(DurationError) as exc:
        parse_duration(text)
    assert "duration" in str(exc.value) or "minutes" in str(exc.value)


def test_format_in_both_languages():
    assert format_duration(45, "fr") == "45\u00a0min"
    assert format_duration(90, "fr") == "1\u00a0h\u00a030"
    assert format_duration(120, "en") == "2\u00a0h"
