"""Property-based tests of the loaders and of `check` (hypothesis): on generated and mutated
sessions and exercises, never an uncaught exception, and every problem names its file.
Short here; `python bench/fuzz.py` runs the same properties for minutes."""

from __future__ import annotations

from fuzzing import (
    EXERCISES,
    SESSIONS,
    as_yaml,
    exercise_loader_holds,
    generated_exercise,
    generated_session,
    mutated,
    session_check_holds,
    spoiled_text,
    yaml_reader_holds,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

QUICK = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@QUICK
@given(st.one_of(st.text(max_size=200), spoiled_text(SESSIONS + EXERCISES)))
def test_the_yaml_reader_says_what_is_wrong_with_any_text(text):
    yaml_reader_holds(text)


@QUICK
@given(
    st.one_of(
        mutated(EXERCISES).map(as_yaml), generated_exercise().map(as_yaml), spoiled_text(EXERCISES)
    )
)
def test_an_exercise_file_loads_or_says_where_it_is_wrong(text):
    exercise_loader_holds(text)


@QUICK
@given(
    st.one_of(
        mutated(SESSIONS).map(as_yaml), generated_session().map(as_yaml), spoiled_text(SESSIONS)
    )
)
def test_check_plans_a_session_or_says_where_it_is_wrong(text):
    session_check_holds(text)
