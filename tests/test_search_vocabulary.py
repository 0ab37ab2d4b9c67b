"""Search in both languages over what the methods say of themselves and their tags (labels
and synonyms), tags checked against the vocabulary, and the vocabulary listed."""

from __future__ import annotations

import pytest


def ids(output: str) -> set[str]:
    lines = output.splitlines()[2:-1]  # below the heading and its rule, above the count
    return {ln.split()[0] for ln in lines if ln.strip()}


@pytest.mark.parametrize(
    "lang, query, expected",
    [
        ("en", "icebreaker", {"debat-mouvant", "meteo-interieure", "zip-zap-boing"}),
        ("en", "ice breaker", {"debat-mouvant", "meteo-interieure"}),
        ("en", "closing", {"tour-de-cloture", "debrief", "lettre-a-soi-meme"}),
        ("en", "wrap up", {"tour-de-cloture", "debrief"}),
        ("en", "feedback", {"debrief"}),
        ("fr", "feedback", {"debrief"}),
        ("fr", "brise-glace", {"debat-mouvant", "meteo-interieure", "tour-de-presentation"}),
        ("fr", "brise glace", {"debat-mouvant", "meteo-interieure"}),
        ("fr", "BRISE-GLACE", {"debat-mouvant"}),
        ("fr", "clôture", {"tour-de-cloture", "debrief"}),
        ("fr", "cloture", {"tour-de-cloture"}),
        ("fr", "débat", {"debat-mouvant"}),
        ("fr", "debat", {"debat-mouvant"}),
        ("en", "debate", {"debat-mouvant"}),
        ("fr", "retours", {"debrief"}),
        ("en", "personas", {"personas"}),
    ],
)
def test_search_in_both_languages(run, lang, query, expected):
    r = run("list", query, "--lang", lang)
    assert r.exit_code == 0, r.output
    assert expected <= ids(r.output), r.output


def test_search_words_start_words(run):
    """'up' (of 'wrap up') must not find every method with 'group' in it."""
    wrap = ids(run("list", "wrap up", "--lang", "en").output)
    assert "tour-de-presentation" not in wrap and "zip-zap-boing" not in wrap


def test_tags_by_id_or_label_in_either_language(run):
    by_id = run("list", "--tag", "brise-glace", "--lang", "fr").output
    assert ids(by_id)
    assert ids(run("list", "--tag", "icebreaker", "--lang", "fr").output) == ids(by_id)
    from facilitation.load.vocabulary import find_tag

    for typed in ("icebreaker", "Brise-Glace", "ice breaker", "brise glace", "check-in"):
        assert find_tag(typed) == "brise-glace", typed
    assert find_tag("brise-glase") is None
    closing = ids(run("list", "--tag", "clôture", "--tag", "debrief", "--lang", "fr").output)
    assert closing == {"debrief"}


def test_tag_column_and_sheet_in_the_run_language(run):
    fr = run("list", "--tag", "brise-glace", "--lang", "fr").output
    en = run("list", "--tag", "brise-glace", "--lang", "en").output
    assert "mots-clés" in fr.splitlines()[0] and "brise-glace" in fr and "icebreaker" not in fr
    assert (
        "tags" in en.splitlines()[0]
        and "icebreaker" in en
        and "brise-glace" not in en.split("\n", 2)[2].replace("debat-mouvant", "")
    )
    show = run("show", "debat-mouvant", "--lang", "en").output
    assert "Tags: debate, speaking up, icebreaker, assumptions" in show
    show = run("show", "debat-mouvant", "--lang", "fr").output
    assert "Mots-clés : débat, prise de parole, brise-glace, représentations" in show


def test_unknown_tag_in_an_exercise_is_an_error(tmp_path, run):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "atelier.yaml").write_text(
        "title: Atelier\nduration: 30\ntags: [debats, cartographie-des-acteurs]\n"
        "steps: [{title: Un, minutes: 30, instructions: Faire.}]\n",
        encoding="utf-8",
    )
    r = run("validate", "--library", lib, "--lang", "fr")
    assert r.exit_code == 1
    assert "atelier.yaml:3:8: erreur : tags[0] : mot-clé inconnu « debats »" in r.output
    assert "vouliez-vous dire « debat » ?" in r.output
    assert "mot-clé inconnu « cartographie-des-acteurs »" in r.output
    # the library declares its own tags (and renames a built-in one's label): all is well
    (lib / "vocabulary").mkdir()
    (lib / "vocabulary" / "tags.yaml").write_text(
        "cartographie-des-acteurs:\n"
        "  label: {fr: cartographie des acteurs, en: stakeholder mapping}\n"
        "  synonyms: {fr: [acteurs, écosystème], en: [ecosystem]}\n"
        "debats:\n  label: {fr: débats, en: debates}\n",
        encoding="utf-8",
    )
    ok = run("validate", "--library", lib, "--lang", "fr")
    assert ok.exit_code == 0, ok.output
    found = run("list", "ecosystem", "--library", lib, "--lang", "en")
    assert ids(found.output) == {"atelier"}
    assert "stakeholder mapping" in found.output
    listed = run("vocabulary", "tags", "--library", lib, "--lang", "fr").output
    assert "cartographie-des-acteurs" in listed and "stakeholder mapping" in listed


def test_a_bad_vocabulary_file_is_said_at_its_line(tmp_path, run):
    lib = tmp_path / "lib"
    (lib / "vocabulary").mkdir(parents=True)
    (lib / "vocabulary" / "tags.yaml").write_text(
        "atelier:\n  label: {fr: atelier, en: workshop}\n  synonyms: {fr: plusieurs mots}\n",
        encoding="utf-8",
    )
    r = run("list", "--library", lib, "--lang", "en")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "tags.yaml:3:" in r.output and "atelier.synonyms.fr" in r.output


def test_built_in_tags_have_both_labels_and_are_all_used(library):
    from facilitation.load.vocabulary import tags

    used = {t for ex in library.exercises.values() for t in ex.tags}
    for tag_id, tag in tags().items():
        assert tag.label.get("fr") and tag.label.get("en"), tag_id
        assert tag_id in used, f"'{tag_id}' is used by no method"
    assert used <= set(tags())


@pytest.mark.parametrize(
    "what, lang, words",
    [
        ("tags", "fr", ["brise-glace", "icebreaker", "interconnaissance"]),
        ("tags", "en", ["icebreaker", "brise-glace", "welcome"]),
        (
            "materials",
            "fr",
            ["flipchart-paper", "Grandes feuilles (paperboard)", "feutre / feutres"],
        ),
        ("materials", "en", ["flipchart-paper", "Flipchart sheets", "marker / markers"]),
        ("card-layouts", "fr", ["statement", "Affirmation", "poker"]),
        ("card-layouts", "en", ["statement", "Statement"]),
        ("canvases", "fr", ["parcours-utilisateur"]),
        ("themes", "en", ["default", "mono"]),
        ("formats", "fr", ["poker", "63 × 88 mm", "tarot"]),
        ("papers", "fr", ["a4", "210 × 297 mm", "215,9 × 279,4 mm"]),
        ("papers", "en", ["215.9 × 279.4 mm"]),
        ("families", "fr", ["debat", "Débat", "Debate"]),
        ("values", "fr", ["binômes", "déjeuner", "ouvrir", "groupes de N"]),
        ("mots-clés", "fr", ["brise-glace"]),
        ("matériel", "fr", ["flipchart-paper"]),
    ],
)
def test_vocabulary_lists(run, what, lang, words):
    r = run("vocabulary", what, "--lang", lang)
    assert r.exit_code == 0, r.output
    for w in words:
        assert w in r.output, (what, w)
    assert r.output.splitlines()[-1].split()[1] in ("entrée", "entrées", "entry", "entries")


def test_vocabulary_without_what_says_what_it_lists(run):
    r = run("vocabulary", "--lang", "en")
    assert r.exit_code == 0
    for kind in ("tags", "materials", "card-layouts", "canvases", "themes", "formats"):
        assert kind in r.output
    bad = run("vocabulary", "materiaux", "--lang", "fr")
    assert bad.exit_code == 1 and "vouliez-vous dire « materials » ?" in bad.output
