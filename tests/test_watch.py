"""`facilitation watch`: a facilitator edits an evening session in a text editor; each save
rebuilds the timeline, the warnings and the agendas; a bad save says what is wrong and keeps
the last good agendas."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from facilitation.jobs.watch import Watcher, report_agendas, report_timeline
from facilitation.load.library import Settings
from facilitation.text.messages import set_language

ROOT = Path(__file__).resolve().parent.parent

EVENING = """\
programme: Conseil citoyen de Lorient
title: {fr: Soirée de lancement, en: Launch evening}
language: fr
participants: 14
days:
  - date: 2025-11-20
    start: "18:30"
    end: "21:00"
    blocks:
      - logistics: welcome
        duration: 15 min
      - exercise: meteo-interieure
        duration: 20 min
      - exercise: debat-mouvant
        duration: DEBATE
        params:
          statements:
            - Le conseil citoyen doit pouvoir saisir le conseil municipal.
            - Une soirée par mois, c'est trop peu pour peser.
      - logistics: break
        duration: 10 min
      - exercise: tour-de-cloture
        duration: 25 min
"""


def save(path: Path, text: str) -> None:
    """Save as an editor does: a new file renamed over the old one."""
    tmp = path.with_name(path.name + ".swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_each_save_rebuilds_the_timeline_warnings_and_agendas(tmp_path):
    set_language("fr")
    session = tmp_path / "soiree.yaml"
    out = tmp_path / "agendas"
    save(session, EVENING.replace("DEBATE", "45 min"))
    watcher = Watcher(session, Settings(), out, "fr", formats=("md", "html"))
    results: queue.Queue = queue.Queue()
    early: list = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watcher.run, args=(results.put, stop, 0.05, early.append), daemon=True
    )
    thread.start()
    try:
        first = results.get(timeout=20)
        assert first.ok, first.text
        assert "19 h 05–19 h 50  Débat mouvant  (ouvrir) · 45 min" in first.text
        assert first.warnings == 0 and first.agendas_done
        md = out / "conseil-citoyen-de-lorient-agenda-fr.md"
        assert md.is_file() and "Débat mouvant" in md.read_text(encoding="utf-8")
        assert early and early[0].text == first.text  # shown before the agendas are written

        # a longer debate: the day runs late, said with its line
        save(session, EVENING.replace("DEBATE", "1h15").replace('end: "21:00"', 'end: "20:30"'))
        second = results.get(timeout=20)
        assert second.ok
        assert "19 h 05–20 h 20  Débat mouvant" in second.text
        warning = [x for x in second.text.splitlines() if "attention" in x]
        assert len(warning) == 1 and second.warnings == 1
        assert warning[0].startswith(f"{session}:22:")  # the last block, where the day overruns
        assert "20 h 55" in warning[0] and "20 h 30" in warning[0]
        assert "20\u00a0h\u00a030 – 20\u00a0h\u00a055" in md.read_text(encoding="utf-8")

        # a typing mistake: said, and the agendas of the last good save stay
        before = md.read_bytes()
        save(session, EVENING.replace("DEBATE", "45 min").replace("meteo-interieure", "meteo"))
        third = results.get(timeout=20)
        assert not third.ok
        assert "soiree.yaml:12:" in third.text and "« meteo »" in third.text
        assert md.read_bytes() == before
        assert "pas reconstruit" in report_timeline(third, session, "20:01:02")

        save(session, EVENING.replace("DEBATE", "30 min"))
        fourth = results.get(timeout=20)
        assert fourth.ok and "Débat mouvant  (ouvrir) · 30 min" in fourth.text
        assert "fichiers de programme reconstruits" in report_agendas(fourth)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert results.empty()  # nothing rebuilt without a save


def test_the_command_reacts_to_a_save_and_stops_on_ctrl_c(tmp_path):
    session = tmp_path / "soiree.yaml"
    save(session, EVENING.replace("DEBATE", "45 min"))
    env = {k: v for k, v in os.environ.items() if k not in ("FACILITATION_LANG",)}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "watch", str(session), "--format", "md,pdf"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()

    def wait_for(text: str) -> list[str]:
        seen = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"no {text!r} in {seen}")

    try:
        first = wait_for("surveillance de")
        assert any("reconstruits en" in x for x in first)
        assert any("Tour de clôture" in x for x in first)
        save(session, EVENING.replace("DEBATE", "50 min"))
        second = wait_for("surveillance de")
        assert any("19 h 05–19 h 55  Débat mouvant" in x for x in second)
        agendas = tmp_path / "soiree-agendas"
        assert sorted(p.suffix for p in agendas.iterdir()) == [".md", ".pdf", ".pdf", ".pdf"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        rest = wait_for("fin de la surveillance")
        assert not [x for x in first + second + rest if "Traceback" in x]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_change_in_ones_own_library_rebuilds_too(tmp_path):
    set_language("fr")
    lib = tmp_path / "exercices"
    lib.mkdir()
    method = lib / "porteur-de-parole.yaml"
    text = """\
title: {fr: Porteur de parole, en: Speech bearer}
arc: open
duration: {typical: 30 min, min: 20 min, max: 45 min}
group_size: {min: 4, max: 30}
steps:
  - title: {fr: Afficher la question, en: Put up the question}
    minutes: 30
    instructions: {fr: Une question écrite en grand sur un carton., en: A question written large.}
"""
    save(method, text)
    session = tmp_path / "place.yaml"
    save(
        session,
        EVENING.replace("meteo-interieure", "porteur-de-parole").replace("DEBATE", "45 min"),
    )
    watcher = Watcher(session, Settings(folders=[lib]), tmp_path / "out", "fr", formats=("md",))
    results: queue.Queue = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(results.put, stop, 0.05), daemon=True)
    thread.start()
    try:
        assert "Porteur de parole  (ouvrir) · 20 min" in results.get(timeout=20).text
        save(method, text.replace("Porteur de parole", "Porteuse de parole"))
        again = results.get(timeout=20)
        assert again.ok and "Porteuse de parole  (ouvrir) · 20 min" in again.text
    finally:
        stop.set()
        thread.join(timeout=10)
