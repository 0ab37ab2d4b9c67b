"""Bad session input: one message each, with file and line; no partial output."""

import pytest
from test_schedule import session_file

from facilitation.errors import UserError
from facilitation.load.sessions import load_session


def errors(tmp_path, library, blocks, **kw):
    with pytest.raises(UserError) as exc:
        load_session(session_file(tmp_path, blocks, **kw), library)
    return exc.value.format()


def test_unknown_exercise_with_a_suggestion(tmp_path, library):
    text = errors(tmp_path, library, [{"exercise": "debat-mouvan"}])
    assert "session.yaml:9:15:" in text and "unknown exercise 'debat-mouvan'" in text
    assert "did you mean 'debat-mouvant'" in text


def test_unknown_parameter(tmp_path, library):
    text = errors(
        tmp_path, library, [{"exercise": "debat-mouvant", "params": {"statement": ["Oui ?"]}}]
    )
    assert "has no parameter 'statement'" in text and "did you mean 'statements'" in text


def test_end_before_start(tmp_path, library):
    text = errors(tmp_path, library, [{"free": "X", "duration": 10}], start="17:00", end="9:00")
    assert "the day ends (09:00) before it starts (17:00)" in text


def test_day_without_blocks(tmp_path, library):
    text = errors(tmp_path, library, [])
    assert "days[0].blocks: must not be empty" in text


def test_block_in_a_track_that_does_not_exist(tmp_path, library):
    text = errors(
        tmp_path,
        library,
        [
            {
                "tracks": [{"id": "veille", "name": "Veille"}],
                "blocks": [{"track": "veile", "exercise": "veille-documentaire"}],
            }
        ],
    )
    assert "no track 'veile'" in text and "did you mean 'veille'" in text


def test_block_of_no_kind(tmp_path, library):
    text = errors(tmp_path, library, [{"duration": 10}])
    assert "a block is one of: exercise, logistics, free or tracks" in text


def test_agenda_writes_nothing_on_bad_input(tmp_path, run):
    p = session_file(tmp_path, [{"exercise": "debat-mouvan"}])
    out = tmp_path / "out"
    result = run("agenda", p, "-o", out)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not out.exists()
    assert not [x for x in tmp_path.iterdir() if x.name.startswith(".facilitation")]


def test_format_errors_and_unknown_ids_reported_together(tmp_path, library):
    text = errors(
        tmp_path,
        library,
        [{"exercise": "debat-mouvant", "duration": "deux heures"}, {"exercise": "vots"}],
    )
    assert "found 'deux heures'" in text
    assert "unknown exercise 'vots'" in text and "did you mean 'vote'" in text
