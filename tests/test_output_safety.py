"""The output folder: complete or untouched, whatever happens (a signal, a full or read-only
disk, a second run at the same time), and a re-run replaces the kit it wrote, never a file the
user put there."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitation.jobs.output import LOCK_NAME, Outputs

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(ROOT / "cli.py")]

MATINEE = """\
programme: Transfo Mulhouse
number: 3
title: Matinée d'ouverture
participants: 16
days:
  - date: 2027-09-14
    start: 9:00
    end: 12:30
    blocks:
      - logistics: welcome
        duration: 15 min
      - exercise: debat-mouvant
        duration: 45 min
      - exercise: personas
        duration: 1h15
      - exercise: vote
        duration: 30 min
"""


def session(folder: Path, text: str = MATINEE, name: str = "matinee.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def processes_writing(marker: str) -> list[int]:
    """Processes whose command line holds `marker` (the kit and its forked worker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    state = (entry / "stat").read_text().split(")")[-1].split()[0]
                    if state != "Z":
                        found.append(int(entry.name))
            except OSError:
                continue
    return found


# -- signals -------------------------------------------------------------------------------------
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="looks for leftover processes in /proc")
def test_sigterm_and_sigint_at_any_moment_leave_nothing(tmp_path):
    s = session(tmp_path)
    start = time.monotonic()
    whole = subprocess.run(
        CLI + ["kit", str(s), "-o", str(tmp_path / "mesure")], capture_output=True
    )
    took = time.monotonic() - start
    assert whole.returncode == 0, whole.stderr
    for i, frac in enumerate((0.15, 0.35, 0.55, 0.75, 0.9)):
        target = tmp_path / f"sortie-{i}" / "kit"
        sig = signal.SIGINT if i == 2 else signal.SIGTERM
        p = subprocess.Popen(
            CLI + ["kit", str(s), "-o", str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(took * frac)
        p.send_signal(sig)
        out, err = p.communicate(timeout=60)
        time.sleep(0.2)
        assert not processes_writing(str(target)), "a process of the kit outlived it"
        assert b"Traceback" not in err, err
        if p.returncode == 0:  # the signal came after the kit was in place: it is whole
            files = tree(target)
            manifest = json.loads(files["transfo-mulhouse-3-manifest-fr.json"])
            assert set(manifest["files"]) | {"transfo-mulhouse-3-manifest-fr.json"} == set(files)
            continue
        assert p.returncode == 128 + sig, (p.returncode, err)
        assert not (tmp_path / f"sortie-{i}").exists(), frac  # made for the kit: removed
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], frac


def test_a_kit_refused_half_way_leaves_the_previous_one_whole(tmp_path, run, monkeypatch):
    s = session(tmp_path)
    out = tmp_path / "kit"
    assert run("kit", s, "-o", out).exit_code == 0
    before = tree(out)
    calls = {"n": 0}
    real = os.replace

    def failing(src, dst, *a, **kw):  # the disk fails while the files are moved into place
        calls["n"] += 1
        if calls["n"] == 9:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", failing)
    r = run("kit", session(tmp_path, MATINEE.replace("16", "18")), "-o", out)
    monkeypatch.setattr(os, "replace", real)
    assert r.exit_code == 1 and "le disque est en panne" in r.output and "Traceback" not in r.output
    assert tree(out) == before  # every file back, the manifest with them
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


# -- re-runs -------------------------------------------------------------------------------------
def test_a_rerun_removes_what_the_previous_kit_wrote_and_nothing_else(tmp_path, run):
    out = tmp_path / "kit"
    assert run("kit", session(tmp_path), "-o", out).exit_code == 0
    first = tree(out)
    assert any(n.startswith("canevas/") for n in first)  # the personas' canvases
    (out / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    (out / "canevas" / "photo-du-mur.jpg").write_bytes(b"\xff\xd8 une photo")
    booklet = out / "02-livret-animation-fr.pdf"
    canvases = sorted(n for n in first if n.startswith("canevas/"))
    edited = out / canvases[0]
    edited.write_bytes(edited.read_bytes() + b"\n% annotated by hand\n")
    shorter = MATINEE.split("      - exercise: personas")[0] + "      - exercise: vote\n"
    assert run("kit", session(tmp_path, shorter), "-o", out).exit_code == 0
    second = tree(out)
    assert second["mes-notes.txt"] == "à garder".encode()
    assert "canevas/photo-du-mur.jpg" in second
    assert canvases[0] in second  # changed since the kit wrote it: the user's now
    for name in canvases[1:]:
        assert name not in second  # the previous kit's, not written again: gone
    assert booklet.read_bytes() != first["02-livret-animation-fr.pdf"]  # replaced
    manifest = json.loads(second["transfo-mulhouse-3-manifest-fr.json"])
    assert set(manifest["files"]) <= set(second)


def test_two_languages_live_side_by_side(tmp_path, run):
    out = tmp_path / "kit"
    s = session(tmp_path)
    assert run("kit", s, "-o", out).exit_code == 0
    fr = tree(out)
    assert run("kit", s, "-o", out, "--lang", "en").exit_code == 0
    both = tree(out)
    assert set(fr) < set(both) and "transfo-mulhouse-3-manifest-en.json" in both


# -- two runs at once ----------------------------------------------------------------------------
def test_a_second_kit_into_the_same_folder_is_refused(tmp_path, run):
    out = tmp_path / "kit"
    out.mkdir()
    s = session(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        import socket

        (out / LOCK_NAME).write_text(f"{holder.pid}\n{socket.gethostname()}\n")
        r = run("kit", s, "-o", out, "--lang", "en")
        assert r.exit_code == 1 and "Traceback" not in r.output
        assert "another facilitation run is writing into this folder" in r.output
        assert str(holder.pid) in r.output and LOCK_NAME in r.output
        assert [p.name for p in out.iterdir()] == [LOCK_NAME]
    finally:
        holder.kill()
        holder.wait()
    r = run("kit", s, "-o", out)  # the holder is dead: its lock is stale, taken over
    assert r.exit_code == 0, r.output
    assert not (out / LOCK_NAME).exists()


def test_two_real_kits_at_once(tmp_path, run):
    out = tmp_path / "kit"
    out.mkdir()
    s = session(tmp_path)
    first = subprocess.Popen(CLI + ["kit", str(s), "-o", str(out)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not (out / LOCK_NAME).exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    first.send_signal(signal.SIGSTOP)  # held mid-work while the second one starts
    try:
        r = run("kit", s, "-o", out, "--lang", "en")
    finally:
        first.send_signal(signal.SIGCONT)
    _, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert r.exit_code == 1 and "another facilitation run" in r.output
    assert "transfo-mulhouse-3-manifest-fr.json" in tree(out)


# -- the output folder itself --------------------------------------------------------------------
@pytest.mark.parametrize(
    "code, words", [(errno.EROFS, "read-only"), (errno.EACCES, "permission denied")]
)
def test_a_folder_that_cannot_be_written_gives_one_message(tmp_path, run, monkeypatch, code, words):
    import tempfile

    def refuse(*a, **kw):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    r = run("kit", session(tmp_path), "-o", tmp_path / "a" / "kit", "--lang", "en")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.output.count("error:") == 1 and words in r.output, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["matinee.yaml"]


def test_a_full_disk_while_writing_gives_one_message(tmp_path, run, monkeypatch):
    from facilitation.render import kit_pdf

    def full(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kit_pdf, "checklist_pdf", full)
    r = run("kit", session(tmp_path), "-o", tmp_path / "kit")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "le disque est plein" in r.output and r.output.count("erreur :") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["matinee.yaml"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder(tmp_path, run):
    out = tmp_path / "lecture-seule"
    out.mkdir()
    out.chmod(0o555)
    try:
        r = run("kit", session(tmp_path), "-o", out, "--lang", "en")
    finally:
        out.chmod(0o755)
    assert r.exit_code == 1 and "Traceback" not in r.output and "permission denied" in r.output
    assert list(out.iterdir()) == []


def test_every_file_written_stays_inside_the_output_folder(tmp_path):
    from facilitation.text.messages import set_language

    set_language("fr")
    out = tmp_path / "kit"
    out.mkdir()
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (out / "cartes").symlink_to(outside)
    with pytest.raises(ValueError), Outputs(out) as o:
        o.path("../evade.pdf")
    with pytest.raises(ValueError), Outputs(out) as o:
        o.path("/tmp/evade.pdf")
    from facilitation.errors import UserError

    with pytest.raises(UserError) as err, Outputs(out) as o:
        o.path("cartes/cartes-poker.pdf").write_bytes(b"%PDF")
    assert "hors du dossier de sortie" in err.value.problems[0].message
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["cartes"]


def test_what_a_killed_run_left_is_cleaned_by_the_next(tmp_path, run):
    """SIGKILL (or a power cut) cannot be caught: the next run into the folder removes the
    temporary folder and takes over the lock of the dead run."""
    import socket

    dead = 4_000_000  # above any process number in use
    (tmp_path / f".kit.facilitation-{dead}-x1y2z3").mkdir()
    (tmp_path / f".kit.facilitation-{dead}-x1y2z3" / "cartes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".kit.facilitation.lock").write_text(f"{dead}\n{socket.gethostname()}\n")
    assert run("kit", session(tmp_path), "-o", tmp_path / "kit").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit", "matinee.yaml"]
