"""A French run says everything in French: warnings and hints with their file and line,
errors, summaries, help; no English word in its output. And the language is chosen as the
README says: --lang, then FACILITATION_LANG, then facilitation.yaml, then the session's
`language`, then French."""

from __future__ import annotations

import re

import pytest
from conftest import DATA, EXAMPLES
from pdfcheck import text

# Common English words that no French output should hold (values typed in files, such as
# 'groups of 4', and ids are not prose: they are not in this list).
ENGLISH = {
    "the",
    "and",
    "with",
    "without",
    "error",
    "warning",
    "hint",
    "wrote",
    "found",
    "expected",
    "unknown",
    "missing",
    "should",
    "must",
    "cannot",
    "which",
    "this",
    "that",
    "these",
    "sheet",
    "sheets",
    "days",
    "blocks",
    "people",
    "problems",
    "problem",
    "files",
    "is",
    "are",
    "has",
    "have",
    "did",
    "you",
    "mean",
    "there",
    "into",
    "from",
    "only",
    "will",
    "your",
    "take",
    "here",
    "before",
    "after",
    "until",
    "not",
    "than",
    "more",
    "least",
    "most",
    "break",
    "lunch",
    "day",
    "block",
    "exit",
    "commands",
    "try",
    "folder",
    "write",
    "print",
    "exercises",
    "session's",
    "its",
    "it",
    "of",
    "to",
    "for",
    "in",
    "be",
    "at",
    "by",
    "was",
    "were",
    "can",
    "all",
}  # fmt: skip  (not 'on', 'or', 'an', 'options', 'message': French words too)

LATE = """\
programme: Transfo Occitanie
number: 3
title: {fr: Une journée trop pleine, en: A day too full}
participants: 18
days:
  - date: 2027-03-12
    start: 9h
    end: 14h30
    blocks:
      - exercise: tour-de-presentation
      - exercise: debat-mouvant
        duration: 1h15
      - exercise: personas
        duration: 1h15
      - exercise: photolangage
      - exercise: parcours-utilisateur
        duration: 1h30
      - exercise: tour-de-cloture
        duration: 30 min
"""

BAD = """\
programme: X
title: Y
participants: 9
days:
  - date: 31/02/2027
    debut: 9h
    blocks:
      - exercise: debat-mouvan
      - logistics: dejeunr
      - exercise: personas
        split: groupes de six
        params: {personnages: []}
"""


def english_words(text: str) -> set[str]:
    """The English words of a text, leaving out paths, ids, options, quoted values and the
    English values a French message lists after '(ou ...)'."""
    text = re.sub(r"«[^»]*»", " ", text)  # values as typed, quoted
    text = re.sub(r"\(ou [^)]*\)", " ", text)  # "(ou open, explore...)"
    text = re.sub(r"\S*[/_.]\S*|--?[a-z][\w-]*|\S+-\S+|\[[^\]]*\]|\{[^}]*\}", " ", text)
    words = set(re.findall(r"[^\W\d_']+(?:'[^\W\d_']+)*", text.lower()))  # 'allégez' whole
    return words & ENGLISH


@pytest.fixture
def sessions(tmp_path):
    (tmp_path / "tard.yaml").write_text(LATE, encoding="utf-8")
    (tmp_path / "faux.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_check_in_french_and_in_english(sessions, run):
    """The issue's case: a late day and no break, warnings and hints with file:line."""
    fr = run("check", sessions / "tard.yaml", "--lang", "fr")
    assert fr.exit_code == 0
    assert "tard.yaml:18:9: attention : jour 1, bloc 6 (tour-de-cloture) : la journée dure " in (
        fr.output
    )
    assert "jusqu'à 15 h, après sa fin prévue à 14 h 30" in fr.output
    assert "suggestion : raccourcissez ou retirez un bloc, ou repoussez la fin de la journée" in (
        fr.output
    )
    assert "6 h sans pause (de 9 h à 15 h)" in fr.output
    assert (
        "suggestion : ajoutez des pauses après « Débat mouvant » (11 h) et « Photolangage » (13 h)"
        in fr.output
    )
    assert "pas de déjeuner sur une journée entière (9 h à 15 h)" in fr.output
    assert "rien n'est choisi, 4 exemplaires vierges s'impriment" in fr.output
    assert "c'est l'exemple intégré qui s'imprime" in fr.output
    assert fr.output.splitlines()[-1].endswith(": 1 jour, 6 blocs, 5 avertissements")
    assert not english_words(fr.output), english_words(fr.output)
    en = run("check", sessions / "tard.yaml", "--lang", "en")
    assert "tard.yaml:18:9: warning: day 1, block 6 (tour-de-cloture): the day runs until " in (
        en.output
    )
    assert "hint: add breaks after 'Moving debate' (11:00) and 'Photolanguage' (13:00)" in en.output
    assert en.output.splitlines()[-1].endswith(": 1 day, 6 blocks, 5 warnings")
    strict = run("check", sessions / "tard.yaml", "--lang", "fr", "--strict")
    assert strict.exit_code == 1 and "5 avertissements avec --strict" in strict.output


def french_runs(sessions, tmp_path, run):
    """Several commands in French, on good and bad input: their whole output."""
    runs = [
        ("check", sessions / "tard.yaml"),
        ("check", sessions / "faux.yaml"),
        ("check", EXAMPLES / "strasbourg-8-comptoir-des-services.yaml"),
        ("list",),
        ("list", "brise-glace"),
        ("list", "--tag", "brise-glase"),
        ("list", "--arc", "ouvir"),
        ("list", "--max-duration", "une heure"),
        ("show", "debat-mouvant"),
        ("show", "debat-mouvan"),
        ("vocabulary",),
        ("vocabulary", "card-layouts"),  # (tags and materials show the English words too)
        ("vocabulary", "nimporte"),
        ("validate",),
        ("validate", DATA / "bad" / "many-problems.yaml"),
        ("agenda", sessions / "tard.yaml", "-o", tmp_path / "programme", "--format", "md"),
        ("agenda", sessions / "tard.yaml", "-o", tmp_path / "x", "--format", "doc"),
        ("cards", "debat-mouvant", "-o", tmp_path / "cartes", "--format", "10x10"),
        ("canvas", "debat-mouvant", "-o", tmp_path / "canevas"),
        ("new", "exercise", "Mauvais Id"),
        ("schema", "session", "--help"),
        ("check",),  # click: a missing argument
        ("list", "--tagg", "x"),  # click: an unknown option
        ("--help",),
        *[(cmd, "--help") for cmd in ("list", "show", "check", "agenda", "cards", "canvas")],
        *[(cmd, "--help") for cmd in ("kit", "calibrate", "validate", "vocabulary")],
    ]
    outputs = []
    for args in runs:
        r = run(*args, "--lang", "fr") if args != ("--help",) else run(*args)
        outputs.append((args, r.output))
    return outputs


def test_no_english_word_in_a_french_run(sessions, tmp_path, run):
    for args, output in french_runs(sessions, tmp_path, run):
        assert output.strip(), args
        assert not english_words(output), (args, english_words(output), output)
    # what `validate --lang fr` says of every bad file (pinned by test_loader_messages)
    for expected in sorted((DATA / "bad").glob("*.fr.expected")):
        said = expected.read_text(encoding="utf-8")
        assert not english_words(said), (expected.name, english_words(said))


def test_a_bad_session_in_french(sessions, run):
    r = run("check", sessions / "faux.yaml", "--lang", "fr")
    assert r.exit_code == 1
    out = r.output
    assert "faux.yaml:5:11: erreur : days[0].date : cette date n'existe pas : « 31/02/2027 »" in out
    assert "faux.yaml:6:5: erreur : days[0].debut : clé inconnue « debut »" in out
    assert "vouliez-vous dire « start » ?" in out
    assert "exercice inconnu « debat-mouvan »" in out
    assert "logistics : attendu : l'un de « accueil », « pause », « déjeuner », « trajet »" in out
    assert "vouliez-vous dire « déjeuner » ?" in out
    assert "attendu : plénière, binômes" in out
    assert re.search(r"\d+ problèmes\.$", out.strip())


def test_the_language_that_wins(tmp_path, run, monkeypatch):
    """--lang, then FACILITATION_LANG, then facilitation.yaml, then the session's language,
    then French, for the messages and the files alike."""
    session = tmp_path / "s.yaml"
    session.write_text(
        "programme: X\ntitle: Y\nlanguage: en\nparticipants: 8\ndays:\n"
        "  - date: 2027-03-12\n    blocks: [{exercise: debat-mouvant}]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)

    def said(*args):
        return run("agenda", session, "-o", tmp_path / "o", "--format", "md", *args).output

    assert "wrote" in said() and (tmp_path / "o" / "x-agenda-en.md").exists()  # the session's
    (tmp_path / "facilitation.yaml").write_text("lang: fr\n", encoding="utf-8")
    assert "écrit" in said()  # facilitation.yaml beats the session
    monkeypatch.setenv("FACILITATION_LANG", "en")
    assert "wrote" in said()  # the environment beats facilitation.yaml
    assert "écrit" in said("--lang", "fr")  # --lang beats everything
    monkeypatch.delenv("FACILITATION_LANG")
    (tmp_path / "facilitation.yaml").unlink()
    session.write_text(session.read_text().replace("language: en\n", ""), encoding="utf-8")
    assert "écrit" in said()  # French when nothing says otherwise


def test_help_follows_the_language(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "Afficher cette aide et quitter." in run("--help").output
    assert "Show this message and exit." in run("check", "--lang", "en", "--help").output
    monkeypatch.setenv("FACILITATION_LANG", "en")
    out = run("--help").output
    assert "[OPTIONS] COMMAND [ARGS]..." in out and "Usage:" in out
    assert "then the session's 'language', then French" in out
    (tmp_path / "facilitation.yaml").write_text("lang: fr\n", encoding="utf-8")
    monkeypatch.delenv("FACILITATION_LANG")
    out = " ".join(run("kit", "--help").output.split())  # NBSP and line ends as spaces
    assert "Usage : main kit [OPTIONS] SESSION" in out
    assert "L’emporte : --lang, puis FACILITATION_LANG" in out


# A day that goes on into the evening in Brittany: forty people (the quotes read in pairs take
# most of the block), an activity carried on after lunch with a visit inside it, guests, late
# arrivals by shuttle, a dinner typed in French, content left to the built-in example.
EVENING = """\
programme: Transfo Bretagne
number: 4
title: Une journée et une soirée avec les habitants
language: fr
participants: 40
places:
  - {id: halle, name: Halle des Lices, address: "Place des Lices, Rennes"}
facilitators: [Léa, Hugo]
people:
  - {id: lea, name: Léa, role: resident}
days:
  - date: jeudi 9 septembre 2027
    start: 9h
    end: 23h
    place: halle
    arrivals: [{at: "10:00", people: 4, who: navette de Vitré}]
    blocks:
      - logistics: accueil
        duration: 30 min
      - exercise: verbatims
        duration: 45 min
        lead: lea
      - exercise: debat-mouvant
        duration: 30 min
      - exercise: parcours-utilisateur
        duration: 1h
        split: 8 groupes
      - logistics: déjeuner
        duration: 1h
      - exercise: parcours-utilisateur
        continues: true
        duration: 1h
        during:
          - {at: "13:00", duration: 10 min, free: Passage de l'élue}
      - logistics: pause
        duration: 15 min
      - exercise: debrief
        duration: 45 min
        guests: [{who: Élus, people: 5}]
      - free: Temps libre
        duration: 1h30
      - logistics: dîner
        at: "19:30"
        duration: 1h30
"""

TIMING = """\
title: {fr: Tour express, en: Quick round}
duration: 15 min
configuration: pairs
steps:
  - title: Consignes
    minutes: 4
    instructions: Expliquer la règle.
  - title: Chaque binôme présente
    minutes: 10
    each: 2
    per: pair
    instructions: "Chaque binôme a {each|minute|minutes} ; {teams|binôme|binômes} en tout."
"""


def comments(yaml_text: str) -> str:
    """The comments of a YAML file, without the keys and values they show as examples."""
    return "\n".join(line.rsplit("# ", 1)[1] for line in yaml_text.splitlines() if "# " in line)


def test_no_english_word_in_what_the_merged_issues_added(tmp_path, run):
    """`new session`, the timeline of `check` with its step-time, arrival, event and
    day-length warnings, example content, a continued activity in the agenda, the kit's paper
    lines and reprint lines, the printing guide's flags, and a method's timing lint: all in
    French in a French run."""
    session = tmp_path / "soiree.yaml"
    session.write_text(EVENING, encoding="utf-8")
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "tour-express.yaml").write_text(TIMING, encoding="utf-8")

    said = {}
    new = run("new", "session", "transfo-bretagne-5", "-o", tmp_path, "--lang", "fr")
    said["new session"] = new.output
    skeleton = (tmp_path / "transfo-bretagne-5.yaml").read_text(encoding="utf-8")
    said["new session: its comments"] = comments(skeleton)
    assert "title: Titre de la session" in skeleton and "name: Salle du conseil" in skeleton

    check = run("check", session, "--lang", "fr")
    said["check"] = check.output
    assert check.output.startswith("Jour 1, jeudi 9 septembre 2027 : de 9 h à 21 h (40 ")
    assert "jusqu'à 45 personnes à la fois" in check.output.splitlines()[0]
    assert "les passages prennent 40 des 45 min du bloc" in check.output
    assert "4 personnes arrivent à 10 h (navette de Vitré), pendant « Verbatims »" in check.output
    assert "-> Passage de l'élue" in check.output  # an event inside its block
    assert "une journée de 12 h (9 h à 21 h), plus longue que 10 h" in check.output
    assert "c'est l'exemple intégré qui s'imprime" in check.output
    assert "Dîner de session" in check.output

    agenda = run("agenda", session, "-o", tmp_path / "programme", "--format", "md", "--lang", "fr")
    said["agenda"] = agenda.output
    (md,) = (tmp_path / "programme").glob("*.md")
    said["agenda: Markdown"] = md.read_text(encoding="utf-8")
    flat = " ".join(said["agenda: Markdown"].split())  # no-break spaces as spaces
    assert "**Parcours utilisateur (suite)**" in flat
    assert "Suite du bloc du jeudi 9 septembre 2027, 10 h 45" in flat

    kit = run("kit", session, "-o", tmp_path / "kit", "--lang", "fr")
    said["kit"] = kit.output
    assert re.search(r"^papier : \d+ feuilles A4 : votre imprimante$", kit.output, re.M)
    again = run(
        "kit", session, "-o", tmp_path / "kit2", "--lang", "fr", "--since", tmp_path / "kit"
    )
    said["kit --since"] = again.output
    assert re.search(r"^\d+ fichiers inchangés depuis ", again.output, re.M)
    guide = text(tmp_path / "kit" / "00-guide-impression-fr.pdf")
    said["printing guide"] = re.sub(r"-\n", "", guide).replace("print: ", "")
    assert "À vérifier avant d’imprimer" in " ".join(guide.split())

    said["cards of a method with an example"] = run(
        "cards", "debat-mouvant", "-o", tmp_path / "cartes", "--lang", "fr"
    ).output
    lint = run("validate", lib, "--lang", "fr")
    said["validate: step times"] = lint.output
    assert "10 binômes × 2 min = 20 min" in lint.output
    for what, output in said.items():
        assert output.strip(), what
        assert not english_words(output), (what, english_words(output), output)


def page_text(path) -> str:
    """What a reader sees of an HTML page: no script, no style, no tags."""
    import html

    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_no_english_word_in_what_choose_and_compte_rendu_added(tmp_path, run):
    """A French run of each command the last issues added: the catalogue (its output and its
    pages), suggest, propose (its output, the file's comments, a bad plan line), one rebuild
    of watch as the terminal shows it, compte-rendu (the article, the team's table, the
    skeleton without a retour), new retour (its output and the file's comments), check of a
    session with its retour; and their help."""
    from test_compte_rendu import RETOUR
    from test_compte_rendu import setup as nantes

    from facilitation.jobs.watch import Watcher, report_agendas, report_timeline
    from facilitation.load.library import Settings
    from facilitation.text.messages import set_language

    said = {}
    site = tmp_path / "site"
    said["catalogue"] = run("catalogue", "-o", site, "--no-previews", "--lang", "fr").output
    assert said["catalogue"].startswith("écrit : ")
    said["catalogue: index"] = page_text(site / "fr" / "index.html")
    said["catalogue: a method"] = page_text(site / "fr" / "tour-de-cloture.html")
    assert "Points de vigilance" in said["catalogue: a method"]

    said["suggest"] = run(
        "suggest", "clore la journée", "--time", "30min", "--people", "16", "--lang", "fr"
    ).output
    assert "Pourquoi :" in said["suggest"] and "convient à 16 personnes" in said["suggest"]
    said["suggest, nothing asked"] = run("suggest", "--lang", "fr").output

    proposal = tmp_path / "journee.yaml"
    said["propose"] = run(
        "propose", "--time", "6h", "--people", "14", "--goal", "décider ensemble", "--seed",
        "5", "--date", "14 mars 2025", "-o", proposal, "--lang", "fr",
    ).output  # fmt: skip
    assert "graine : 5" in said["propose"]
    said["propose: the file's comments"] = comments(proposal.read_text(encoding="utf-8"))
    said["propose, a bad plan line"] = run(
        "propose", "--plan", "acueil,tour", "--people", "12", "-o", tmp_path / "x.yaml",
        "--lang", "fr",
    ).output  # fmt: skip

    set_language("fr")  # watch, as its command runs it: one rebuild
    rebuilt = Watcher(proposal, Settings(), tmp_path / "agendas", "fr", formats=("md",)).rebuild()
    assert rebuilt.ok, rebuilt.text
    said["watch"] = "\n".join(
        [report_timeline(rebuilt, proposal, "20:01:02"), report_agendas(rebuilt)]
    )
    assert "fichiers de programme reconstruits" in said["watch"] or "fichier de" in said["watch"]

    session = nantes(tmp_path)
    cr = run("compte-rendu", session, "-o", tmp_path / "cr", "--format", "md", "--lang", "fr")
    assert cr.exit_code == 0, cr.output
    said["compte-rendu"] = cr.output
    for md in sorted((tmp_path / "cr").glob("*.md")):
        said[f"compte-rendu: {md.name}"] = md.read_text(encoding="utf-8")
    said["check, with the retour"] = run("check", session, "--lang", "fr").output
    assert "retour " in said["check, with the retour"]
    session.with_name(RETOUR).unlink()
    draft = run("compte-rendu", session, "-o", tmp_path / "brouillon", "--lang", "fr")
    said["compte-rendu without a retour"] = draft.output
    (md,) = (tmp_path / "brouillon").glob("*.md")
    said["compte-rendu: the skeleton"] = md.read_text(encoding="utf-8")
    said["new retour"] = run("new", "retour", session, "--lang", "fr").output
    said["new retour: the file's comments"] = comments(
        session.with_name(RETOUR).read_text(encoding="utf-8")
    )
    for cmd in ("suggest", "propose", "watch", "catalogue", "compte-rendu"):
        said[f"{cmd} --help"] = run(cmd, "--help", "--lang", "fr").output
    said["new retour --help"] = run("new", "retour", "--help", "--lang", "fr").output
    for what, output in said.items():
        assert output.strip(), what
        assert not english_words(output), (what, english_words(output), output)
