"""Bad exercise files as data: each has the messages it must produce, pinned word for word,
in English (NAME.expected) and in French (NAME.fr.expected)."""

from pathlib import Path

import pytest
from conftest import DATA

BAD = DATA / "bad"
CASES = sorted(p.stem for p in BAD.glob("*.yaml"))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", CASES)
def test_bad_file_messages(name, lang, run, monkeypatch, request):
    monkeypatch.chdir(BAD)
    result = run("validate", f"{name}.yaml", "--lang", lang)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [
        ln for ln in result.output.splitlines() if not ln.endswith(("problems.", "problèmes."))
    ]
    got = "\n".join(lines) + "\n"
    expected_file = BAD / (f"{name}.expected" if lang == "en" else f"{name}.{lang}.expected")
    if request.config.getoption("--update-testdata"):
        expected_file.write_text(got, encoding="utf-8")
    assert got == expected_file.read_text(encoding="utf-8")


def test_every_bad_case_has_expected_messages():
    assert CASES
    for name in CASES:
        assert (BAD / f"{name}.expected").is_file(), name
        assert (BAD / f"{name}.fr.expected").is_file(), name


def test_alias_bomb_is_refused_quickly(tmp_path: Path, run, monkeypatch):
    import time

    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    start = time.perf_counter()
    result = run("validate", "bomb.yaml", "--lang", "en")
    assert result.exit_code == 1
    assert "expands to more than" in result.output
    assert time.perf_counter() - start < 10  # generous: it must not expand 9**9 nodes


def test_one_file_many_problems_reported_at_once(run, monkeypatch):
    monkeypatch.chdir(BAD)
    result = run("validate", "many-problems.yaml", "--lang", "en")
    assert "7 problems." in result.output
    assert "7 problèmes." in run("validate", "many-problems.yaml", "--lang", "fr").output


def test_yaml_keeps_times_and_words():
    from facilitation.load.yamlio import read_text

    doc = read_text("a: 9:30\nb: no\nc: on\nd: 2019-05-23\ne: true\n", "t.yaml")
    assert doc.data == {"a": "9:30", "b": "no", "c": "on", "d": "2019-05-23", "e": True}
    assert doc.marks[("d",)] == (4, 4)
