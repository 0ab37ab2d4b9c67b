"""The built-in library, user folders, overrides and `extends`."""

import re
from pathlib import Path

import pytest

from facilitation.errors import UserError
from facilitation.load.library import Library, Settings

ROOT = Path(__file__).resolve().parent.parent

METHOD_IDS = [
    "tour-de-table",
    "debat-mouvant",
    "veille-documentaire",
    "entretiens-a-la-volee",
    "tableau-croise",
    "grands-enseignements",
    "debrief",
    "enquete-terrain",
    "maquettage-leger",
    "cahier-d-idees",
    "freins-leviers",
    "grille-criteres",
    "chapeaux-de-bono",
    "note-d-intervention",
    "jeu-de-role",
    "derive-creative",
    "photos-debat",
    "outils-d-enquete",
    "besoins-solutions",
    "points-de-contact",
    "parcours-utilisateur",
    "entretien-matrice",
    "verbatims",
    "analyse-collective",
    "jeu-de-la-bombe",
    "personas",
    "scenarios-catastrophe-ideal",
    "vote",
    "prendre-soin-du-groupe",
    "accueil",
    "pause",
    "dejeuner",
    "trajet",
]


def test_every_method_of_methods_md_is_built_in(library):
    assert set(METHOD_IDS) <= set(library.exercises)


def test_methods_md_rows_are_all_covered(library):
    """Each row of the shared METHODS.md table has an exercise whose French title matches."""
    methods = ROOT.parent / "shared" / "design" / "METHODS.md"
    if not methods.is_file():
        pytest.skip("../shared is not beside the checkout")
    text = methods.read_text(encoding="utf-8").split("Sessions in the seeds")[0]
    rows = [
        ln.split("|")[1].strip()
        for ln in text.splitlines()
        if ln.startswith("| ")
        and not ln.startswith("| method")
        and "---" not in ln
        and ln.count("|") > 5
    ]
    titles = " ".join(e.title.get("fr", "").lower() for e in library.exercises.values())
    for row in rows:
        first = re.split(r"[(:/,]", row)[0].strip().lower()
        first = first.replace("de bono", "").strip()
        assert first.split()[0] in titles, row


def test_builtin_complete_in_both_languages(library):
    for ex in library.exercises.values():
        assert ex.missing_translations() == [], ex.id


def test_builtin_has_no_placeholder_text():
    bad = re.compile(r"\b(TODO|TBD|lorem|ipsum|FIXME|XXX)\b", re.IGNORECASE)
    for f in (ROOT / "exercises").glob("*.yaml"):
        assert not bad.search(f.read_text(encoding="utf-8")), f.name


def test_builtin_is_runnable_from_its_sheet(library):
    for ex in library.exercises.values():
        assert ex.purpose and ex.tagline and ex.source, ex.id
        assert all(len(s.instructions.get("fr", "")) > 20 for s in ex.steps), ex.id
        total = sum(s.minutes for s in ex.steps)
        assert ex.duration.min <= total <= ex.duration.max, ex.id


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{name}.yaml"
    p.write_text(text, encoding="utf-8")
    return p


MINI = """title: {fr: Mon débat, en: My debate}
duration: 20
steps:
  - {title: Un, minutes: 20, instructions: Faire ce qu'il faut.}
"""


def test_user_exercise_overrides_builtin(tmp_path):
    write(tmp_path, "debat-mouvant", MINI)
    lib = Library([tmp_path])
    lib.check()
    assert lib.get("debat-mouvant").title["fr"] == "Mon débat"
    assert lib.get("debat-mouvant").duration.typical == 20


def test_extends_changes_only_some_fields(tmp_path):
    write(
        tmp_path,
        "debat-dunkerque",
        """extends: debat-mouvant
duration: {typical: 30 min}
parameters:
  statements:
    default: {fr: ["La rénovation énergétique, c'est pour les riches."]}
""",
    )
    lib = Library([tmp_path])
    lib.check()
    ex = lib.get("debat-dunkerque")
    base = lib.get("debat-mouvant")
    assert ex.duration.typical == 30 and ex.duration.min == base.duration.min
    assert ex.steps == base.steps
    assert ex.param_default("statements", "fr") == [
        "La rénovation énergétique, c'est pour les riches."
    ]
    # no English of one's own: the user's French, never the parent's English statements
    assert ex.param_default("statements", "en") == ex.param_default("statements", "fr")
    assert ex.parameters["statements"].example is False  # the library chose them
    assert base.parameters["statements"].example is True
    assert ex.extends == "debat-mouvant"


def test_extends_own_id_takes_the_shadowed_builtin(tmp_path):
    write(tmp_path, "debat-mouvant", "extends: debat-mouvant\nduration: {typical: 25}\n")
    lib = Library([tmp_path])
    lib.check()
    assert lib.get("debat-mouvant").duration.typical == 25
    assert len(lib.get("debat-mouvant").steps) == 5


def test_extends_cycle_and_unknown_parent(tmp_path):
    write(tmp_path, "a", "extends: b\n" + MINI)
    write(tmp_path, "b", "extends: a\n" + MINI)
    write(tmp_path, "c", "extends: debat-mouvan\n")
    lib = Library([tmp_path])
    messages = [p.format() for p in lib.problems]
    assert any("goes round in a circle: a -> b -> a" in m for m in messages)
    assert any(
        "unknown exercise 'debat-mouvan' to extend" in m and "debat-mouvant" in m for m in messages
    )
    assert all(":1:" in m for m in messages)


def test_same_id_twice_in_one_library(tmp_path):
    write(tmp_path, "x", MINI)
    write(tmp_path / "sub", "x", MINI)
    lib = Library([tmp_path])
    assert any("used twice in one library" in p.message for p in lib.problems)


def test_unknown_id_suggests(library):
    with pytest.raises(UserError) as exc:
        library.get("debat-mouvan")
    assert "did you mean 'debat-mouvant'" in exc.value.format()


def test_libraries_from_env_and_config(tmp_path, monkeypatch):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "work"
    write(a, "from-cli", MINI)
    write(b, "from-env", MINI)
    write(c / "mine", "from-config", MINI)
    (c / "facilitation.yaml").write_text("library: [mine]\nlang: en\n", encoding="utf-8")
    monkeypatch.setenv("FACILITATION_LIBRARY", str(b))
    settings = Settings.discover([str(a)], cwd=c)
    assert settings.lang == "en"
    lib = Library.from_settings(settings)
    assert {"from-cli", "from-env", "from-config"} <= set(lib.exercises)


def test_links_out_of_a_pack_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    write(outside, "secret", MINI)
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "secret.yaml").symlink_to(outside / "secret.yaml")
    lib = Library([pack])
    assert "secret" not in lib.entries


def test_builtins_are_read_only_when_used(tmp_path):
    """A kit uses a handful of exercises: the others are neither read nor validated."""
    write(tmp_path, "mine", "extends: debat-mouvant\nduration: {typical: 30}\n")
    lib = Library([tmp_path])
    lib.check(everything=False)
    read = {i for i, es in lib.entries.items() for e in es if e._doc is not None}
    assert read == {"mine", "debat-mouvant"}  # the user's file, and what it extends
    assert lib.get("vote").id == "vote"
    assert "vote" in {i for i, es in lib.entries.items() for e in es if e._doc is not None}
    assert len(lib.exercises) == len(lib.ids())  # going through them all reads everything
    assert all(e._doc is not None for es in lib.entries.values() for e in es)


def test_a_session_names_what_is_wrong_in_the_exercise_it_uses(tmp_path, run):
    write(tmp_path, "mon-debat", "title: {fr: Débat}\nduration: 20\nsteps: nope\n")
    session = tmp_path / "s.yaml"
    session.write_text(
        "title: {fr: Séance}\nparticipants: 12\ndays:\n  - date: 2026-12-01\n"
        "    start: '9:00'\n    blocks:\n      - {exercise: mon-debat}\n",
        encoding="utf-8",
    )
    r = run("check", str(session), "--library", str(tmp_path))
    assert r.exit_code == 1
    assert "mon-debat.yaml:3" in r.output and "unknown exercise" not in r.output
    assert "Traceback" not in r.output
