"""The built-in library as a facilitator reads it: every sheet complete in both languages,
its steps adding up, its tags and family from the vocabulary, its strings pointing at real
methods, its English free of the words the glossary rules out, and enough methods in every
part of a session."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from facilitation.load.library import Library
from facilitation.text.i18n import LANGS

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "vocabulary"
LIB = Library()
IDS = LIB.ids()


def _vocab(name: str) -> dict:
    return yaml.safe_load((VOCAB / f"{name}.yaml").read_text(encoding="utf-8"))


TAGS = _vocab("tags")
FAMILIES = _vocab("families")
GLOSSARY = _vocab("glossary")


def _texts(value, lang):
    """Every text of a dumped exercise in one language."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGS) and all(isinstance(v, str) for v in value.values()):
            if lang in value:
                yield value[lang]
            return
        for v in value.values():
            yield from _texts(v, lang)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v, lang)


def _both(text) -> bool:
    return bool(text) and all(text.get(lang) for lang in LANGS)


@pytest.mark.parametrize("ex_id", IDS)
def test_sheet_is_complete(ex_id):
    ex = LIB.get(ex_id)
    missing = []
    for name in ("tagline", "purpose", "invitation", "space", "participation", "in_transfo"):
        if not _both(getattr(ex, name)):
            missing.append(name)
    for name in ("makes_possible", "outputs", "tips", "pitfalls"):
        items = getattr(ex, name)
        if not items or not all(_both(t) for t in items):
            missing.append(name)
    if ex.arc != "logistics":
        if ex.team is None or not ex.team.roles:
            missing.append("team.roles")
        if ex.preparation is None:
            missing.append("preparation")
        if not (ex.strings.before or ex.strings.after):
            missing.append("strings")
    if ex.family is None:
        missing.append("family")
    assert not missing, f"{ex_id}: missing or not in both languages: {', '.join(missing)}"
    assert ex.missing_translations() == [], ex_id


@pytest.mark.parametrize("ex_id", IDS)
def test_steps_add_up(ex_id):
    assert LIB.get(ex_id).timing_lint() == []


@pytest.mark.parametrize("ex_id", IDS)
def test_vocabulary_and_strings(ex_id):
    ex = LIB.get(ex_id)
    assert set(ex.tags) <= set(TAGS), f"{ex_id}: unknown tags {set(ex.tags) - set(TAGS)}"
    assert ex.family in FAMILIES, f"{ex_id}: unknown family {ex.family}"
    for other in ex.strings.before + ex.strings.after:
        assert other in IDS, f"{ex_id}: strings name an unknown method '{other}'"
        assert other != ex_id


@pytest.mark.parametrize("ex_id", IDS)
def test_english_follows_the_glossary(ex_id):
    ex = LIB.get(ex_id)
    english = "\n".join(_texts(ex.model_dump(exclude={"id", "origin"}), "en"))
    for term, entry in GLOSSARY.items():
        for word in entry.get("avoid", []):
            found = re.search(rf"\b{re.escape(word)}\b", english, re.IGNORECASE)
            assert not found, f"{ex_id}: '{word}' in English (glossary '{term}': {entry['en']})"


def test_enough_methods_in_every_part_of_a_session():
    arcs = Counter(LIB.get(i).arc for i in IDS)
    assert len(IDS) >= 50
    for arc in ("open", "explore", "converge", "close", "energise", "logistics"):
        assert arcs[arc] >= 6, f"only {arcs[arc]} methods for '{arc}'"


def test_every_tag_is_used_and_labelled():
    used = Counter(t for i in IDS for t in LIB.get(i).tags)
    for tag, entry in TAGS.items():
        assert entry["label"]["fr"] and entry["label"]["en"], tag
        assert used[tag] >= 1, f"tag '{tag}' is used by no method"
