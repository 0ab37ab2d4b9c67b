"""The command line of the library: wiring, not behaviour."""


def test_list_french_and_english(run):
    fr = run("list")
    assert fr.exit_code == 0
    assert "Débat mouvant" in fr.output and "debat-mouvant" in fr.output
    en = run("list", "--lang", "en")
    assert "Moving debate" in en.output


def test_list_filters(run):
    out = run("list", "--arc", "energise").output
    assert "jeu-de-la-bombe" in out and "debat-mouvant" not in out
    out = run("list", "--max-duration", "20 min").output
    assert "pause" in out and "enquete-terrain" not in out
    out = run("list", "debat").output
    assert "debat-mouvant" in out and "personas" not in out
    out = run("list", "zzz-rien-de-tel").output
    assert "Aucun exercice" in out
    bad = run("list", "--tag", "brise-glase")
    assert bad.exit_code == 1 and "mot-clé inconnu « brise-glase »" in bad.output
    assert "vouliez-vous dire « brise-glace » ?" in bad.output
    out = run("list", "--group-size", "3").output
    assert "debat-mouvant" not in out


def test_show_is_a_complete_sheet(run):
    out = run("show", "debat-mouvant").output
    for heading in (
        "OBJECTIF",
        "MATÉRIEL",
        "DÉROULÉ",
        "CONSEILS",
        "PIÈGES",
        "VARIANTES",
        "POINTS DE VIGILANCE",
        "PARAMÈTRES",
        "Licence",
    ):
        assert heading in out
    assert "Les labos d’innovation, c’est pour les bobos." in out
    en = run("show", "debat-mouvant", "--lang", "en").output
    assert "STEPS" in en and "Innovation is expensive." in en


def test_visible_fallback_when_a_translation_is_missing(tmp_path, run):
    (tmp_path / "solo.yaml").write_text(
        "title: {fr: Seulement en français}\nduration: 10\n"
        "steps: [{title: Un, minutes: 10, instructions: Faire.}]\n",
        encoding="utf-8",
    )
    out = run("show", "solo", "--library", tmp_path, "--lang", "en").output
    assert "[fr] Seulement en français" in out


def test_validate_builtin_and_typo(run, tmp_path, monkeypatch):
    assert run("validate").exit_code == 0
    (tmp_path / "x.yaml").write_text("title: X\nduraton: 30\nsteps: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("validate", "x.yaml", "--lang", "en")
    assert result.exit_code == 1
    assert "x.yaml:2:1: error: duraton: unknown key 'duraton'" in result.output
    assert "did you mean 'duration'?" in result.output
    assert "Traceback" not in result.output


def test_new_exercise_skeleton_validates(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("new", "exercise", "mon-atelier").exit_code == 0
    assert run("validate", "mon-atelier.yaml").exit_code == 0
    again = run("new", "exercise", "mon-atelier", "--lang", "en")
    assert again.exit_code == 1 and "exists already" in again.output
    assert run("new", "exercise", "Bad Id").exit_code == 1


def test_version_and_help(run):
    assert "facilitation, version" in run("--version").output
    for cmd in ("list", "show", "validate", "new", "check", "agenda", "cards", "schema"):
        assert run(cmd, "--help").exit_code == 0


def test_help_does_not_import_reportlab():
    import subprocess
    import sys

    from conftest import ROOT

    code = (
        "import sys\n"
        "from facilitation.cli import main\n"
        "try:\n main(['--help'], prog_name='facilitation')\n"
        "except SystemExit: pass\n"
        "print('reportlab' in sys.modules, 'pydantic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().endswith("False False")


def test_console_entry_flushes_and_keeps_exit_codes():
    """The command leaves without teardown (os._exit): its output and exit codes stay."""
    import subprocess
    import sys

    from conftest import ROOT

    ok = subprocess.run(
        [sys.executable, "cli.py", "validate", "examples/metz-1-planter-le-decor.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and "session" in ok.stdout
    bad = subprocess.run(
        [sys.executable, "cli.py", "show", "debat-mouvan", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "did you mean 'debat-mouvant'" in bad.stderr
    assert "Traceback" not in bad.stderr
    usage = subprocess.run([sys.executable, "cli.py", "nope"], cwd=ROOT, capture_output=True)
    assert usage.returncode == 2


def test_calibrate_writes_a_two_sided_sheet(tmp_path, run):
    from pdfcheck import text
    from pypdf import PdfReader

    r = run("calibrate", "-o", tmp_path, "--duplex", "short")
    assert r.exit_code == 0, r.output
    pdf = tmp_path / "calibrage-recto-verso-a4-short.pdf"
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 2
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipShortEdge"
    words = " ".join(text(pdf).split())
    assert "--back-offset" in words and "bord court" in words and "y (mm)" in words


def test_kit_takes_a_back_offset(tmp_path, run):
    from conftest import EXAMPLES

    session = EXAMPLES / "strasbourg-8-comptoir-des-services.yaml"
    r = run("kit", session, "-o", tmp_path / "k", "--back-offset", "1,x")
    assert r.exit_code == 2 and "--back-offset" in r.output
    assert not (tmp_path / "k").exists()
