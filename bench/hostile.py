#!/usr/bin/env python3
"""Hostile-input battery: one command per case, each in a fresh folder, with a timeout.

For every case: no traceback, no hang, no file written outside the output folder (nor any
file changed outside it), nothing half-written (a refused run leaves the output as it was,
no hidden temporary folder or lock), and, where the problem lies in a file, a message with
that file and line.

    python bench/hostile.py [--only WORD] [--keep] [--timeout 60]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(ROOT / "cli.py")]
WHERE = re.compile(r"\S+\.(?:ya?ml|j2|json):\d+")

MINI = (
    "title: {fr: Atelier, en: Workshop}\nduration: 20\n"
    "steps:\n  - {title: Faire, minutes: 20, instructions: Faire ensemble.}\n"
)
SESSION = """\
programme: Transfo Occitanie
title: Séance d'essai
participants: 14
days:
  - date: 2027-03-11
    start: 9:30
    end: 12:30
    blocks:
      - {id: accueil, logistics: welcome, duration: 15 min}
      - exercise: {exercise}
        id: debat
        duration: 45 min
{params}      - {logistics: break, duration: 15 min}
      - {id: vote, exercise: vote, duration: 30 min}
"""


def session_text(exercise: str = "debat-mouvant", params: str = "", **repl: str) -> str:
    text = SESSION.replace("{exercise}", exercise).replace("{params}", params)
    for a, b in repl.items():
        text = text.replace(a, b)
    return text


# -- pictures ------------------------------------------------------------------------------------
def png(width: int, height: int, rows: bytes | None = None, declared_only: bool = False) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    head = b"\x89PNG\r\n\x1a\n" + chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    )
    if declared_only:
        return head + chunk(b"IEND", b"")
    if rows is None:
        comp = zlib.compressobj(9)
        line = b"\x00" + b"\x00" * width
        out = []
        for _ in range(height):
            out.append(comp.compress(line))
        out.append(comp.flush())
        rows = b"".join(out)
    return head + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def jpeg(w: int = 64, h: int = 48) -> bytes:
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (w, h), (200, 80, 40)).save(buf, "JPEG")
    return buf.getvalue()


def gif() -> bytes:
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("P", (8, 8)).save(buf, "GIF")
    return buf.getvalue()


# -- cases ---------------------------------------------------------------------------------------
@dataclass
class Case:
    name: str
    setup: Callable[[Path], list[str]]  # writes the files, returns the command's arguments
    where: bool = True  # an error about a file must name the file and line
    outs: tuple[str, ...] = ("o",)  # what the command may write (relative to the folder)
    expect: str | None = None  # "error", "ok", or None: either
    words: tuple[str, ...] = ()  # words the output must hold
    user: str | None = None  # run as this uid (read-only folders mean nothing to root)
    during: Callable[[Path, subprocess.Popen], None] | None = None  # long-running: poke it
    env: dict[str, str] = field(default_factory=dict)


CASES: list[Case] = []


def case(
    name: str, **kw: Any
) -> Callable[[Callable[[Path], list[str]]], Callable[[Path], list[str]]]:
    def deco(f: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
        CASES.append(Case(name, f, **kw))
        return f

    return deco


def w(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def sess(d: Path, **kw: Any) -> Path:
    return w(d / "seance.yaml", session_text(**kw))


def retour(d: Path, body: str, **kw: Any) -> list[str]:
    sess(d, **kw)
    w(d / "seance.retour.yaml", body)
    return ["compte-rendu", "seance.yaml", "-o", "o"]


def photo_retour(d: Path, file: str, extra: str = "") -> list[str]:
    return retour(
        d,
        "blocks:\n  - block: debat\n    photos:\n"
        f"      - {{file: {file!r}, caption: Le débat, cleared: true}}\n" + extra,
    )


# == A. the first pass's cases (tests/test_hostile_input.py) ======================================
def _fifo(p: Path) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(p)
    return p


@case("fifo exercise in a library", outs=(), where=False, words=("piege.yaml",))
def _(d):
    w(d / "pack" / "atelier.yaml", MINI)
    _fifo(d / "pack" / "piege.yaml")
    return ["list", "--library", "pack"]


@case("fifo session", outs=(), where=False)
def _(d):
    _fifo(d / "tube.yaml")
    return ["check", "tube.yaml"]


@case("fifo themes.yaml", where=False)
def _(d):
    _fifo(d / "pack" / "cards" / "themes.yaml")
    return ["cards", "debat-mouvant", "--library", "pack", "-o", "o"]


@case("fifo agenda template", where=False)
def _(d):
    sess(d)
    _fifo(d / "pack" / "templates" / "agenda.md.j2")
    return ["agenda", "seance.yaml", "--library", "pack", "--format", "md", "-o", "o"]


@case("fifo picture in params")
def _(d):
    _fifo(d / "photo.jpg")
    sess(d, exercise="photos-debat", params="        params: {pictures: [photo.jpg]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("fifo logo")
def _(d):
    _fifo(d / "pack" / "logo.png")
    w(d / "pack" / "cards" / "themes.yaml", "maison: {extends: default, logo: logo.png}\n")
    return ["cards", "vote", "--theme", "maison", "--library", "pack", "-o", "o"]


@case("template linked outside", where=False)
def _(d):
    w(d / "secret.txt", "MOT-DE-PASSE-42")
    sess(d)
    (d / "pack" / "templates").mkdir(parents=True)
    (d / "pack" / "templates" / "agenda.md.j2").symlink_to(d / "secret.txt")
    return ["agenda", "seance.yaml", "--library", "pack", "--format", "md", "-o", "o"]


@case("themes.yaml linked outside", where=False)
def _(d):
    w(d / "ailleurs" / "themes.yaml", "maison: {extends: default}\n")
    (d / "pack" / "cards").mkdir(parents=True)
    (d / "pack" / "cards" / "themes.yaml").symlink_to(d / "ailleurs" / "themes.yaml")
    return ["cards", "vote", "--theme", "maison", "--library", "pack", "-o", "o"]


@case("exercise linked outside", outs=(), where=False)
def _(d):
    w(d / "ailleurs" / "secret.yaml", MINI)
    (d / "pack").mkdir()
    (d / "pack" / "secret.yaml").symlink_to(d / "ailleurs" / "secret.yaml")
    return ["list", "--library", "pack"]


for _logo in ["/etc/hostname", "../photo.png", "sous/../../photo.png", "\\x00a.png"]:

    @case(f"logo {_logo!r}", expect="error")
    def _(d, logo=_logo):
        w(d / "photo.png", png(4, 4))
        w(d / "pack" / "cards" / "themes.yaml", f'maison: {{extends: default, logo: "{logo}"}}\n')
        return ["cards", "vote", "--theme", "maison", "--library", "pack", "-o", "o"]


@case("new exercise id with a newline", outs=(), where=False, expect="error")
def _(d):
    return ["new", "exercise", "atelier\n", "-o", "."]


@case("3 GB sparse exercise", outs=())
def _(d):
    (d / "pack").mkdir()
    with open(d / "pack" / "enorme.yaml", "wb") as f:
        f.truncate(3 * 1024**3)
    return ["list", "--library", "pack"]


@case("2 billion participants", outs=(), expect="error")
def _(d):
    sess(d, **{"participants: 14": "participants: 2000000000"})
    return ["check", "seance.yaml"]


@case("integer param 10**9", outs=(), expect="error")
def _(d):
    sess(d, exercise="verbatims", params="        params: {cards_per_heading: 1000000000}\n")
    return ["check", "seance.yaml"]


@case("12 000 statements", outs=(), expect="error")
def _(d):
    many = "[" + ", ".join(f"Idée {i}" for i in range(12_000)) + "]"
    sess(d, params=f"        params: {{statements: {many}}}\n")
    return ["check", "seance.yaml"]


@case("9 000 cards per heading in a kit", expect="error")
def _(d):
    sess(d, exercise="verbatims", params="        params: {cards_per_heading: 9000}\n")
    return ["kit", "seance.yaml", "-o", "o"]


@case("100 kB text", expect="error")
def _(d):
    long = "la rénovation énergétique " * 4000
    sess(d, params=f'        notes: "{long}"\n')
    return ["kit", "seance.yaml", "-o", "o"]


@case("texts at the limit in a kit")
def _(d):
    words = "la rénovation énergétique des logements demande une coordination entre services"
    text = (words + " ") * (4900 // (len(words) + 1))
    sess(d, params=f'        notes: "{text}"\n        purpose: "{text}"\n')
    return ["kit", "seance.yaml", "-o", "o"]


for _i, _tpl in enumerate(
    [
        "Programme\n\n{% for d in days %}\n{{ d.label \n",
        "Programme\n\n{{ 1 / 0 }}\n",
        "{{ title }}\n{{ jours }}\n",
        "{% include 'autre.j2' %}\n",
        "{{ ''.__class__.__mro__ }}\n",
        "{{ 'x' * 100000000 }}\n",
        "{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n",
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "{% set s = 'x' * 4000000 %}{% set l = [] %}"
        "{% for i in range(1000) %}{{ l.append(s ~ i) or '' }}{% endfor %}",
        "\x00\xff{{ title }}",
        "{{ title|truncate(-5) }}{{ days[99] }}",
        "{% extends 'agenda.md.j2' %}",
        "{% import 'agenda.html.j2' as x %}{{ x }}",
    ]
):

    @case(f"agenda template {_i}", expect="error" if _i not in (9, 11, 12) else None)
    def _(d, tpl=_tpl):
        sess(d)
        w(d / "pack" / "templates" / "agenda.md.j2", tpl)
        return ["agenda", "seance.yaml", "--library", "pack", "--format", "md", "-o", "o"]


@case("keys with brackets and quotes", outs=(), expect="error")
def _(d):
    w(
        d / "pack" / "atelier.yaml",
        MINI + '"durée[0]": 5\n"l\'étape": 3\nparameters:\n  "a[b": {type: text, label: x}\n',
    )
    return ["validate", "pack/atelier.yaml"]


@case("evening past midnight", expect="ok")
def _(d):
    w(
        d / "soiree.yaml",
        "programme: Transfo Champagne-Ardenne\ntitle: Soirée de clôture\nparticipants: 30\n"
        "days:\n  - date: 2027-06-30\n    start: 18:00\n    end: 23:30\n    blocks:\n"
        "      - {free: Apéritif, duration: 1h}\n      - {free: Fête, duration: 5h30}\n",
    )
    return ["agenda", "soiree.yaml", "--format", "ics,md,pdf", "-o", "o"]


for _date in ["0001-01-01", "9999-12-31", "2027-02-30", "1899-12-31"]:

    @case(f"date {_date}", outs=(), expect="error")
    def _(d, date=_date):
        w(
            d / "date.yaml",
            f"programme: X\ntitle: Y\nparticipants: 5\ndays:\n  - date: {date}\n"
            "    blocks:\n      - {free: Z, duration: 30}\n",
        )
        return ["check", "date.yaml"]


@case("unknown time zone", outs=(), expect="error")
def _(d):
    w(
        d / "tz.yaml",
        "programme: X\ntitle: Y\nparticipants: 5\ntimezone: Europe\ndays:\n"
        "  - date: 2027-01-05\n    blocks:\n      - {free: Z, duration: 30}\n",
    )
    return ["check", "tz.yaml"]


@case("time zone ../../etc/passwd", outs=(), expect="error")
def _(d):
    w(
        d / "tz.yaml",
        "programme: X\ntitle: Y\nparticipants: 5\ntimezone: ../../../etc/passwd\ndays:\n"
        "  - date: 2027-01-05\n    blocks:\n      - {free: Z, duration: 30}\n",
    )
    return ["agenda", "tz.yaml", "-o", "o", "--format", "ics"]


@case("new exercise through a link", outs=(), where=False, expect="error")
def _(d):
    (d / "atelier.yaml").symlink_to(d / "ailleurs.yaml")
    return ["new", "exercise", "atelier", "-o", "."]


@case("facilitator sheet far too long", expect="error")
def _(d):
    text = "Chaque binôme présente ses trois idées au groupe, qui les commente. " * 70
    steps = "".join(
        f"  - {{title: Étape {i}, minutes: 1, instructions: '{text}'}}\n" for i in range(30)
    )
    w(
        d / "pack" / "fleuve.yaml",
        f"extends: debat-mouvant\nduration: {{typical: 30, min: 10, max: 60}}\nsteps:\n{steps}",
    )
    return ["cards", "fleuve", "--library", "pack", "-o", "o"]


# == B. the output folder (tests/test_output_safety.py) ===========================================
MATINEE = session_text()


@case("-o is a file", outs=("o",), where=False, expect="error")
def _(d):
    sess(d)
    w(d / "o", "mon fichier")
    return ["kit", "seance.yaml", "-o", "o"]


@case("-o a link to a folder outside", outs=("o", "ailleurs"), where=False)
def _(d):
    sess(d)
    (d / "ailleurs").mkdir()
    (d / "o").symlink_to(d / "ailleurs")
    return ["kit", "seance.yaml", "-o", "o"]


@case("-o holds a link out in cartes/", outs=("o",), where=False)
def _(d):
    sess(d)
    (d / "o").mkdir()
    (d / "ailleurs").mkdir()
    (d / "o" / "cartes").symlink_to(d / "ailleurs")
    return ["kit", "seance.yaml", "-o", "o"]


@case("-o read-only folder (as nobody)", user="nobody", where=False, expect="error")
def _(d):
    sess(d)
    (d / "o").mkdir()
    os.chmod(d / "o", 0o555)
    return ["kit", "seance.yaml", "-o", "o"]


@case(
    "-o inside a read-only folder (as nobody)",
    user="nobody",
    where=False,
    expect="error",
    outs=("ro",),
)
def _(d):
    sess(d)
    (d / "ro").mkdir()
    os.chmod(d / "ro", 0o555)
    return ["kit", "seance.yaml", "-o", "ro/kit"]


@case("-o with a live lock", where=False, expect="error")
def _(d):
    sess(d)
    (d / "o").mkdir()
    w(d / "o" / ".facilitation.lock", f"1\n{os.uname().nodename}\n")
    return ["kit", "seance.yaml", "-o", "o"]


@case("-o a folder stands where a file goes", where=False, expect="error")
def _(d):
    sess(d)
    (d / "o" / "00-guide-impression-fr.pdf").mkdir(parents=True)
    return ["kit", "seance.yaml", "-o", "o"]


@case("-o a file stands where cartes/ goes", where=False, expect="error")
def _(d):
    sess(d)
    w(d / "o" / "cartes", "x")
    return ["kit", "seance.yaml", "-o", "o"]


@case("-o a dead run's leftovers", where=False, expect="ok")
def _(d):
    sess(d)
    (d / ".o.facilitation-4000000-x1y2z3").mkdir()
    w(d / ".o.facilitation-4000000-x1y2z3" / "cartes.pdf", b"%PDF")
    w(d / ".o.facilitation.lock", f"4000000\n{os.uname().nodename}\n")
    return ["kit", "seance.yaml", "-o", "o"]


# == C. the retour and its photos ================================================================
@case("retour: photo FIFO", expect="error")
def _(d):
    _fifo(d / "photos" / "p.jpg")
    return photo_retour(d, "photos/p.jpg")


@case("retour: photo link out of the folder", expect="error")
def _(d):
    w(d / "ailleurs" / "p.jpg", jpeg())
    (d / "s").mkdir()
    (d / "s" / "photos").mkdir()
    (d / "s" / "photos" / "p.jpg").symlink_to(d / "ailleurs" / "p.jpg")
    photo_retour(d / "s", "photos/p.jpg")
    return ["compte-rendu", "s/seance.yaml", "-o", "o"]


@case("retour: photo absolute path", expect="error")
def _(d):
    w(d / "p.jpg", jpeg())
    return photo_retour(d, str(d / "p.jpg"))


@case("retour: photo ../", expect="error")
def _(d):
    w(d / "p.jpg", jpeg())
    (d / "s").mkdir()
    photo_retour(d / "s", "../p.jpg")
    return ["compte-rendu", "s/seance.yaml", "-o", "o"]


@case("retour: photo with NUL", expect="error")
def _(d):
    return retour(
        d,
        'blocks:\n  - block: debat\n    photos:\n      - {file: "p\\0.jpg", caption: x, cleared: true}\n',
    )


@case("retour: photo huge declared size", expect="error")
def _(d):
    w(d / "p.png", png(100_000, 100_000, declared_only=True))
    return photo_retour(d, "p.png")


@case("retour: photo 4 billion declared width", expect="error")
def _(d):
    w(d / "p.png", png(2**31 - 1, 2**31 - 1, declared_only=True))
    return photo_retour(d, "p.png")


@case("retour: photo zero size", expect="error")
def _(d):
    w(d / "p.png", png(0, 0, declared_only=True))
    return photo_retour(d, "p.png")


@case("retour: photo huge sparse file", expect="error")
def _(d):
    with open(d / "p.jpg", "wb") as f:
        f.write(jpeg())
        f.truncate(200_000_000)
    return photo_retour(d, "p.jpg")


@case("retour: truncated JPEG", expect="error")
def _(d):
    w(d / "p.jpg", jpeg(400, 300)[:300])
    return photo_retour(d, "p.jpg")


@case("retour: truncated JPEG body", expect=None)
def _(d):
    data = jpeg(800, 600)
    w(d / "p.jpg", data[: len(data) * 2 // 3])
    return photo_retour(d, "p.jpg")


@case("retour: empty JPEG", expect="error")
def _(d):
    w(d / "p.jpg", b"")
    return photo_retour(d, "p.jpg")


@case("retour: PNG bomb 11000 x 11000", expect="error")
def _(d):
    w(d / "p.png", png(11_000, 11_000))
    return photo_retour(d, "p.png")


@case("retour: PNG bomb 10000 x 10000 (under the limit)")
def _(d):
    w(d / "p.png", png(10_000, 10_000))
    return photo_retour(d, "p.png")


@case("retour: PNG with a corrupt IDAT", expect="error")
def _(d):
    w(d / "p.png", png(100, 100, rows=b"\x78\x9c garbage garbage"))
    return photo_retour(d, "p.png")


@case("retour: GIF named .jpg", expect="error")
def _(d):
    w(d / "p.jpg", gif())
    return photo_retour(d, "p.jpg")


@case("retour: text named .png", expect="error")
def _(d):
    w(d / "p.png", "ceci n'est pas une image")
    return photo_retour(d, "p.png")


@case("retour: SVG photo", expect="error")
def _(d):
    w(d / "p.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    return photo_retour(d, "p.svg")


@case("retour: photo is a folder", expect="error")
def _(d):
    (d / "p.jpg").mkdir()
    return photo_retour(d, "p.jpg")


@case("retour: photo /dev/zero via link", expect="error")
def _(d):
    (d / "p.jpg").symlink_to("/dev/zero")
    return photo_retour(d, "p.jpg")


@case("retour: photo link loop", expect="error")
def _(d):
    (d / "p.jpg").symlink_to(d / "q.jpg")
    (d / "q.jpg").symlink_to(d / "p.jpg")
    return photo_retour(d, "p.jpg")


@case("retour: photo name 10 000 chars", expect="error")
def _(d):
    return photo_retour(d, "x" * 10_000 + ".jpg")


@case("retour: photo not cleared", expect="error")
def _(d):
    w(d / "p.jpg", jpeg())
    return retour(d, "blocks:\n  - block: debat\n    photos:\n      - {file: p.jpg, caption: x}\n")


@case("retour: a good photo", expect="ok", outs=("o",))
def _(d):
    w(d / "p.jpg", jpeg())
    return photo_retour(d, "p.jpg")


for _name, _body in [
    ("photo: 42", "blocks:\n  - block: debat\n    photos: [42]\n"),
    ("photos: a string", "blocks:\n  - block: debat\n    photos: p.jpg\n"),
    ("blocks: a mapping", "blocks: {debat: 1}\n"),
    ("quotes: numbers", "quotes: [1, 2.5, true]\n"),
    ("ran: a string", "blocks:\n  - {block: debat, ran: tard}\n"),
    ("ran: day 0", "blocks:\n  - {block: debat, ran: {day: 0}}\n"),
    ("ran: day 10**20", "blocks:\n  - {block: debat, ran: {day: 100000000000000000000}}\n"),
    ("ran: duration 10**9", "blocks:\n  - {block: debat, ran: {duration: 1000000000}}\n"),
    ("ran: start 25:99", "blocks:\n  - {block: debat, ran: {start: '25:99'}}\n"),
    ("participants: -1", "participants: -1\n"),
    ("participants: 10**30", "participants: 1000000000000000000000000000000\n"),
    ("named: unknown", "named: [zorro, '../x']\n"),
    ("block: 99/1", "blocks:\n  - {block: '99/1', story: x}\n"),
    ("block: 1/99", "blocks:\n  - {block: '1/99', story: x}\n"),
    ("block: 1/2/3", "blocks:\n  - {block: '1/2/3', story: x}\n"),
    ("block: 0/0", "blocks:\n  - {block: '0/0', story: x}\n"),
    ("block: 1/99999999999999999999", "blocks:\n  - {block: '1/99999999999999999999', story: x}\n"),
    ("block: unknown id", "blocks:\n  - {block: zzz, story: x}\n"),
    ("block: 3", "blocks:\n  - {block: 3, story: x}\n"),
    ("block: twice", "blocks:\n  - {block: debat, story: x}\n  - {block: '1/2', story: y}\n"),
    ("block: guard mismatch", "blocks:\n  - {block: debat, exercise: vote, story: x}\n"),
    ("unknown keys", "blocs: []\nblocks:\n  - {block: debat, histoire: x}\n"),
    ("not a mapping", "- a\n- b\n"),
    ("empty", ""),
    ("only a comment", "# rien\n"),
    ("scalar", "42\n"),
    ("next_session dates garbage", "next_session: {dates: [demain, 2027-13-45]}\n"),
    (
        "next_session dates 10 000",
        "next_session: {dates: [" + ", ".join(["2027-04-01"] * 10000) + "]}\n",
    ),
    (
        "alias bomb",
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e]\n",
    ),
    ("python tag", "author: !!python/object/apply:os.system [echo PWNED]\n"),
    ("deep nesting", "debrief: " + "[" * 5000 + "]" * 5000 + "\n"),
    ("100 kB text", "intro: " + "x" * 100_000 + "\n"),
    ("long author", "author: " + "x" * 100_000 + "\n"),
    ("control characters", 'author: "a\\x1b[2Jb\\x07"\nintro: "\\x1b]0;pwned\\x07"\n'),
    ("keys with brackets", '"blocks[0]": 1\n"{x}": 2\n"\\x1b[31m": 3\n'),
    ("quote name without consent", "quotes:\n  - {text: Bien, name: Claire}\n"),
    ("unplanned block without ran", "blocks:\n  - {title: Surprise}\n"),
    (
        "photo caption per language",
        "blocks:\n  - block: debat\n    photos:\n      - {file: p.jpg, caption: {fr: x, de: y}, cleared: true}\n",
    ),
    ("invalid UTF-8", b"author: \xff\xfe\n"),
    ("BOM and CRLF", "\ufeffauthor: Moi\r\nintro: x\r\n"),
]:

    @case(
        f"retour: {_name}",
        expect=None
        if _name in ("empty", "only a comment", "BOM and CRLF", "block: twice")
        else "error",
    )
    def _(d, body=_body):
        w(d / "p.jpg", jpeg())
        return retour(d, body)


@case("retour: a FIFO", expect="error")
def _(d):
    sess(d)
    _fifo(d / "seance.retour.yaml")
    return ["compte-rendu", "seance.yaml", "-o", "o"]


@case("retour: a folder", expect="error")
def _(d):
    sess(d)
    (d / "seance.retour.yaml").mkdir()
    return ["compte-rendu", "seance.yaml", "-o", "o"]


@case("retour: a link out of the folder")
def _(d):
    w(d / "ailleurs" / "r.yaml", "author: x\n")
    (d / "s").mkdir()
    sess(d / "s")
    (d / "s" / "seance.retour.yaml").symlink_to(d / "ailleurs" / "r.yaml")
    return ["compte-rendu", "s/seance.yaml", "-o", "o"]


@case("retour: 3 GB sparse", expect="error")
def _(d):
    sess(d)
    with open(d / "seance.retour.yaml", "wb") as f:
        f.truncate(3 * 1024**3)
    return ["compte-rendu", "seance.yaml", "-o", "o"]


@case("check with a hostile retour", outs=(), expect="error")
def _(d):
    _fifo(d / "p.jpg")
    retour(
        d,
        "blocks:\n  - block: '9/9'\n    photos:\n      - {file: p.jpg, caption: x, cleared: true}\n",
    )
    return ["check", "seance.yaml"]


@case("new retour: exists already", outs=("seance.retour.yaml",), where=False, expect="error")
def _(d):
    sess(d)
    w(d / "seance.retour.yaml", "author: moi\n")
    return ["new", "retour", "seance.yaml"]


@case("new retour: a link in its place", outs=("seance.retour.yaml",), where=False, expect="error")
def _(d):
    sess(d)
    (d / "seance.retour.yaml").symlink_to(d / "ailleurs.yaml")
    return ["new", "retour", "seance.yaml"]


@case("new retour: a FIFO in its place", outs=("seance.retour.yaml",), where=False, expect="error")
def _(d):
    sess(d)
    _fifo(d / "seance.retour.yaml")
    return ["new", "retour", "seance.yaml"]


@case("new retour: read-only folder (nobody)", outs=(), where=False, expect="error", user="nobody")
def _(d):
    sess(d)
    os.chmod(d, 0o555)
    return ["new", "retour", "seance.yaml"]


@case("new retour: a session with control chars in ids", outs=("seance.retour.yaml",))
def _(d):
    sess(d, **{"id: debat": 'id: "de\\x1bbat"'})
    return ["new", "retour", "seance.yaml"]


@case("new retour: a session with tricky titles", outs=("seance.retour.yaml",), expect="ok")
def _(d):
    sess(d, **{"id: debat": 'id: debat\n        title: "x: [y] {z} # w \\" \' \\u00e9 --- ..."'})
    return ["new", "retour", "seance.yaml"]


@case("compte-rendu: --templates hostile", expect="error")
def _(d):
    w(d / "p.jpg", jpeg())
    retour(d, "author: moi\n")
    w(d / "tpl" / "compte-rendu.md.j2", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    return ["compte-rendu", "seance.yaml", "-o", "o", "--templates", "tpl", "--format", "md"]


@case("compte-rendu: --templates a FIFO folder", expect="error")
def _(d):
    retour(d, "author: moi\n")
    _fifo(d / "tpl" / "compte-rendu.html.j2")
    return ["compte-rendu", "seance.yaml", "-o", "o", "--templates", "tpl", "--format", "html"]


@case("compte-rendu: --format garbage", where=False, expect="error")
def _(d):
    retour(d, "author: moi\n")
    return ["compte-rendu", "seance.yaml", "-o", "o", "--format", "docx,../x"]


@case("compte-rendu: skeleton without a retour", expect="ok")
def _(d):
    sess(d)
    return ["compte-rendu", "seance.yaml", "-o", "o"]


# == D. propose =================================================================================
for _i, _plan in enumerate(
    [
        "",
        ",,,",
        ":::",
        "x:y",
        "debat-mouvant:-5",
        "debat-mouvant:0",
        "debat-mouvant:99999h",
        "debat-mouvant:1e9",
        "a" * 100_000,
        "debat-mouvant," * 5000,
        "meteo," * 2000,
        "débat-mouvant:45 min,Ⅳ:5,\u202eevil",
        "debat-mouvant:\u0661\u0665",  # Arabic-Indic digits
        "debat-mouvant:４５",  # full-width digits
        "\x01\x02\x1b[2J",
        "d,e,m",
        "accueil:15,,pause:-,dejeuner:25h",
        "../../etc/passwd",
        "debat-mouvant:45:45",
        "🎉:🎉",
    ]
):

    @case(f"propose --plan {_i} {_plan[:30]!r}", outs=("p.yaml",), where=False)
    def _(d, plan=_plan):
        return ["propose", "--people", "16", "--plan", plan, "-o", "p.yaml"]


for _name, _args in [
    ("--time 0", ["--time", "0"]),
    ("--time -3h", ["--time", "-3h"]),
    ("--time 100000h", ["--time", "100000h"]),
    ("--time garbage", ["--time", "toute la journée"]),
    ("--people 10**9", ["--time", "3h", "--people", "1000000000"]),
    ("--seed 10**30", ["--time", "3h", "--seed", "1" + "0" * 30]),
    ("--start 25:99", ["--time", "3h", "--start", "25:99"]),
    ("--start 23:30", ["--time", "6h", "--start", "23:30"]),
    ("--date year 1", ["--time", "3h", "--date", "0001-01-01"]),
    ("--date garbage", ["--time", "3h", "--date", "le 32 de ce mois"]),
    ("--goal 100 kB", ["--time", "3h", "--goal", "décider " * 12_000]),
    ("--goal control", ["--time", "3h", "--goal", "\x1b[2J\x07ensemble"]),
    ("--programme odd", ["--time", "3h", "--programme", "x\ny: [z]\n\"'#"]),
    ("--programme 100 kB", ["--time", "3h", "--programme", "p" * 100_000]),
]:

    @case(f"propose {_name}", outs=("p.yaml",), where=False)
    def _(d, args=_args):
        people = [] if "--people" in args else ["--people", "16"]
        return ["propose", *people, *args, "-o", "p.yaml"]


@case("propose -o a folder", outs=("p",), where=False, expect="error")
def _(d):
    (d / "p").mkdir()
    return ["propose", "--people", "16", "--time", "3h", "-o", "p"]


@case("propose -o a link", outs=("p.yaml",), where=False, expect="error")
def _(d):
    (d / "p.yaml").symlink_to(d / "ailleurs.yaml")
    return ["propose", "--people", "16", "--time", "3h", "-o", "p.yaml"]


@case("propose -o a link --force", outs=("p.yaml",), where=False)
def _(d):
    w(d / "ailleurs.yaml", "mon fichier\n")
    (d / "p.yaml").symlink_to(d / "ailleurs.yaml")
    return ["propose", "--people", "16", "--time", "3h", "-o", "p.yaml", "--force"]


@case("propose -o a FIFO --force", outs=("p.yaml",), where=False)
def _(d):
    _fifo(d / "p.yaml")
    return ["propose", "--people", "16", "--time", "3h", "-o", "p.yaml", "--force"]


@case("propose -o exists", outs=("p.yaml",), where=False, expect="error")
def _(d):
    w(d / "p.yaml", "mon fichier\n")
    return ["propose", "--people", "16", "--time", "3h", "-o", "p.yaml"]


@case(
    "propose -o in a read-only folder (nobody)",
    outs=("ro",),
    where=False,
    expect="error",
    user="nobody",
)
def _(d):
    (d / "ro").mkdir()
    os.chmod(d / "ro", 0o555)
    return ["propose", "--people", "16", "--time", "3h", "-o", "ro/p.yaml"]


@case("propose -o ../ escapes? (it is the user's own path)", outs=("p.yaml",), where=False)
def _(d):
    (d / "sub").mkdir()
    return ["propose", "--people", "16", "--time", "3h", "-o", "sub/../p.yaml"]


@case("propose with a hostile library", outs=("p.yaml",))
def _(d):
    w(d / "pack" / "x.yaml", MINI.replace("Atelier", "\x1b[2J\u202e" + "A" * 4000) + "arc: open\n")
    w(d / "pack" / "y.yaml", "title: [unclosed\n")
    return ["propose", "--people", "16", "--time", "3h", "-o", "p.yaml", "--library", "pack"]


# == E. suggest ==================================================================================
for _name, _q in [
    ("100 kB", ("clore la journée décider ensemble " * 3000)[:100_000]),
    ("20 kB", ("clore la journée décider ensemble " * 600)[:20_000]),
    ("one 100 kB word", "a" * 100_000),
    ("RTL and combining", "\u202eclore\u0301\u0301\u0301 la jour\u200dnée"),
    ("emoji", "🎉🎉 brise-glace 🧊"),
    ("control", "\x1b[2J\x07\x08 ouvrir"),
    ("empty", ""),
    ("spaces", "   \t  "),
    ("CJK", "会議を閉じる"),
    ("regex", ".*(a+)+$[\\"),
]:

    @case(f"suggest {_name}", outs=(), where=False)
    def _(d, q=_q):
        return ["suggest", q]


for _name, _args in [
    ("--time 0", ["ouvrir", "--time", "0"]),
    ("--time 10000h", ["ouvrir", "--time", "10000h"]),
    ("--people 10**9", ["ouvrir", "--people", "1000000000"]),
    ("--limit 10**9", ["ouvrir", "--limit", "1000000000"]),
    ("--time -5", ["ouvrir", "--time", "-5"]),
]:

    @case(f"suggest {_name}", outs=(), where=False)
    def _(d, args=_args):
        return ["suggest", *args]


@case("suggest with a hostile library", outs=())
def _(d):
    w(d / "pack" / "x.yaml", MINI + "tags: [brise-glace]\npurpose: " + "ouvrir " * 700 + "\n")
    w(
        d / "pack" / "vocabulary" / "tags.yaml",
        '"a[b": {label: {fr: x, en: y}, synonyms: {fr: [\'' + "z" * 4000 + "']}}\n",
    )
    return ["suggest", "ouvrir", "--library", "pack"]


# == F. catalogue ================================================================================
@case("catalogue -o a file", outs=("o",), where=False, expect="error")
def _(d):
    w(d / "o", "mon fichier")
    return ["catalogue", "--no-previews", "-o", "o"]


@case("catalogue -o read-only (nobody)", outs=("o",), where=False, expect="error", user="nobody")
def _(d):
    (d / "o").mkdir()
    os.chmod(d / "o", 0o555)
    return ["catalogue", "--no-previews", "-o", "o"]


@case("catalogue -o a previous catalogue and a user file", outs=("o",), where=False, expect="ok")
def _(d):
    subprocess.run(
        CLI + ["catalogue", "--no-previews", "-o", str(d / "o")], capture_output=True, env=_env(d)
    )
    w(d / "o" / "mes-notes.txt", "à garder")
    return ["catalogue", "--no-previews", "-o", "o"]


@case("catalogue -o a folder with a link where a page goes", outs=("o",), where=False)
def _(d):
    (d / "o").mkdir()
    (d / "ailleurs").mkdir()
    (d / "o" / "fr").symlink_to(d / "ailleurs")
    (d / "o" / "index.html").symlink_to(d / "ailleurs" / "index.html")
    return ["catalogue", "--no-previews", "-o", "o"]


@case("catalogue with a hostile library", outs=("o",))
def _(d):
    w(
        d / "pack" / "x.yaml",
        MINI.replace("Atelier", "<script>alert(1)</script>{{7*7}}")
        + 'tagline: "</a><img src=x onerror=alert(1)>"\n',
    )
    return ["catalogue", "--no-previews", "-o", "o", "--library", "pack"]


@case(
    "catalogue with a cache that is a file",
    outs=("o",),
    where=False,
    env={"FACILITATION_CACHE": "cache"},
)
def _(d):
    w(d / "cache", "pas un dossier")
    w(d / "pack" / "x.yaml", MINI)
    return ["catalogue", "-o", "o", "--library", "pack"]


@case(
    "catalogue with a corrupt cache",
    outs=("o", "cache"),
    where=False,
    env={"FACILITATION_CACHE": "cache"},
)
def _(d):
    w(d / "pack" / "x.yaml", MINI)
    subprocess.run(
        CLI + ["catalogue", "-o", str(d / "first"), "--library", "pack"],
        capture_output=True,
        env=_env(d, {"FACILITATION_CACHE": str(d / "cache")}),
        cwd=d,
    )
    shutil.rmtree(d / "first", ignore_errors=True)
    for p in (d / "cache").rglob("*"):
        if p.is_file():
            if p.suffix == ".json":
                p.write_text("{[[[")
            else:
                p.write_bytes(b"\x00" * 10)
    return ["catalogue", "-o", "o", "--library", "pack"]


@case(
    "catalogue with a cache holding a FIFO and a link out",
    outs=("o", "cache"),
    where=False,
    env={"FACILITATION_CACHE": "cache"},
)
def _(d):
    w(d / "pack" / "x.yaml", MINI)
    subprocess.run(
        CLI + ["catalogue", "-o", str(d / "first"), "--library", "pack"],
        capture_output=True,
        env=_env(d, {"FACILITATION_CACHE": str(d / "cache")}),
        cwd=d,
    )
    shutil.rmtree(d / "first", ignore_errors=True)
    w(d / "ailleurs" / "secret.txt", "MOT-DE-PASSE-42")
    for p in list((d / "cache").rglob("*")):
        if p.is_file() and p.suffix == ".png":
            p.unlink()
            os.mkfifo(p)
        elif p.is_file():
            p.unlink()
            p.symlink_to(d / "ailleurs" / "secret.txt")
    return ["catalogue", "-o", "o", "--library", "pack"]


@case("catalogue with a bad picture in a library", outs=("o",))
def _(d):
    w(
        d / "pack" / "photos.yaml",
        "extends: photolangage\nparameters:\n  pictures:\n    default: [a.png, ../b.png, c.svg]\n",
    )
    w(d / "pack" / "a.png", "not a png")
    w(d / "pack" / "c.svg", "<svg")
    return ["catalogue", "-o", "o", "--library", "pack"]


# == G. watch ===================================================================================
def _wait_for(proc_out: Path, word: str, seconds: float = 20) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if word in proc_out.read_text("utf-8", "replace"):
            return True
        time.sleep(0.1)
    return False


def _watch_then(action: Callable[[Path], None], waits: int = 2) -> Callable[[Path, Any], None]:
    def during(d: Path, proc: Any) -> None:
        out = d / ".stdout"
        _wait_for(out, "s)", 30)  # the first rebuild
        time.sleep(0.5)
        action(d)
        time.sleep(2.5)
        proc.send_signal(signal.SIGTERM)

    return during


def _vanish(d: Path) -> None:
    (d / "seance.yaml").unlink()


def _garbage(d: Path) -> None:
    (d / "seance.yaml").write_bytes(b"\xff\xfe: [unclosed\n\x00")


def _to_fifo(d: Path) -> None:
    (d / "seance.yaml").unlink()
    os.mkfifo(d / "seance.yaml")


def _to_folder(d: Path) -> None:
    (d / "seance.yaml").unlink()
    (d / "seance.yaml").mkdir()


def _to_huge(d: Path) -> None:
    with open(d / "seance.yaml", "ab") as f:
        f.truncate(3 * 1024**3)


def _to_link_out(d: Path) -> None:
    (d / "seance.yaml").unlink()
    (d / "seance.yaml").symlink_to("/etc/passwd")


def _lib_garbage(d: Path) -> None:
    w(d / "pack" / "x.yaml", "title: [\n")
    _fifo(d / "pack" / "y.yaml")


def _output_to_file(d: Path) -> None:
    shutil.rmtree(d / "o")
    w(d / "o", "un fichier")
    w(d / "seance.yaml", (d / "seance.yaml").read_text() + "# changed\n")


for _name, _action in [
    ("the session disappears", _vanish),
    ("the session turns into garbage", _garbage),
    ("the session turns into a FIFO", _to_fifo),
    ("the session turns into a folder", _to_folder),
    ("the session turns into 3 GB", _to_huge),
    ("the session turns into a link to /etc/passwd", _to_link_out),
    ("the library gets garbage and a FIFO", _lib_garbage),
    ("the output folder becomes a file", _output_to_file),
]:

    @case(
        f"watch: {_name}",
        outs=("o", "seance.yaml", "pack"),
        where=False,
        during=_watch_then(_action),
    )
    def _(d):
        sess(d)
        w(d / "pack" / "x.yaml", MINI)
        return ["watch", "seance.yaml", "-o", "o", "--format", "md", "--library", "pack"]


@case("watch: a FIFO from the start", outs=("o",), where=False, expect="error")
def _(d):
    _fifo(d / "seance.yaml")
    return ["watch", "seance.yaml", "-o", "o"]


@case("watch: a session that does not exist", outs=("o",), where=False, expect="error")
def _(d):
    return ["watch", "nulle-part.yaml", "-o", "o"]


# == H. themes and pictograms ====================================================================
for _name, _theme in [
    (
        "unknown icon",
        "maison: {extends: default, arcs: {open: {colour: '#E69F00', icon: licorne}}}\n",
    ),
    (
        "icon ../",
        "maison: {extends: default, arcs: {open: {colour: '#E69F00', icon: ../../../etc/passwd}}}\n",
    ),
    ("icon absolute", "maison: {extends: default, families: {debat: /etc/passwd}}\n"),
    (
        "icon with NUL",
        'maison: {extends: default, kinds: {break: {colour: "#000000", icon: "co\\0ffee"}}}\n',
    ),
    ("icon empty", "maison: {extends: default, kinds: {break: {colour: '#000000', icon: ''}}}\n"),
    (
        "icon a number",
        "maison: {extends: default, kinds: {break: {colour: '#000000', icon: 42}}}\n",
    ),
    ("family unknown", "maison: {extends: default, families: {licorne: bulb}}\n"),
    ("colour garbage", "maison: {extends: default, ink: rouge}\n"),
    ("colour #GGGGGG", "maison: {extends: default, ink: '#GGGGGG'}\n"),
    ("back_style", "maison: {extends: default, back_style: psyché}\n"),
    ("extends itself", "maison: {extends: maison}\n"),
    ("extends a loop", "a: {extends: b}\nb: {extends: a}\n"),
    ("extends unknown", "maison: {extends: defaut}\n"),
    (
        "pages absurd",
        "maison: {extends: default, pages: {band: 100000, header_size: -3, footer_size: 1000}}\n",
    ),
    ("swatches garbage", "maison: {extends: default, swatches: {rouge: 12}}\n"),
    ("font unknown", "maison: {extends: default, font: Comic Sans}\n"),
    ("key with control chars", '"mai\\x1bson": {extends: default}\n'),
    ("theme id ../", '"../../x": {extends: default}\n'),
    ("not a mapping", "- a\n"),
]:

    @case(
        f"theme: {_name}", expect=None if _name in ("family unknown", "font unknown") else "error"
    )
    def _(d, theme=_theme):
        w(d / "pack" / "cards" / "themes.yaml", theme)
        sess(d)
        tid = "a" if theme.startswith("a: {extends: b}") else "maison"
        if "../../x" in theme:
            tid = "../../x"
        return ["kit", "seance.yaml", "--library", "pack", "--theme", tid, "-o", "o"]


@case("theme: unknown --theme", where=False, expect="error")
def _(d):
    sess(d)
    return ["kit", "seance.yaml", "--theme", "../../etc", "-o", "o"]


# == I. print: overrides =========================================================================
for _name, _print in [
    ("a0 tiled on a9", "{size: a0, tile: a9}"),
    ("sheets 0", "{sheets: 0}"),
    ("sheets 10**9", "{sheets: 1000000000}"),
    ("sheets -1", "{sheets: -1}"),
    ("garbage word", "zz"),
    ("size ../x", "{size: ../x}"),
    ("size 100000x1", "{size: 100000x1}"),
    ("number", "-1"),
    ("list", "[a3, a4]"),
    ("tile on a0", "{size: a4, tile: a0}"),
    ("size a4 tile a4", "{size: a4, tile: a4}"),
    ("unknown key", "{taille: a3}"),
    ("size 10x10 (tiny)", "{size: 10x10}"),
    ("sheets 200 and size", "{size: a0, sheets: 200}"),
]:

    @case(f"print: {_name}")
    def _(d, pr=_print):
        sess(d, exercise="parcours-utilisateur", params=f"        print: {pr}\n")
        return ["kit", "seance.yaml", "-o", "o"]


@case("print: on a block without canvas", expect="ok")
def _(d):
    sess(d, params="        print: a3\n")
    return ["kit", "seance.yaml", "-o", "o"]


@case("print: a pack sheet with a huge size", expect="error")
def _(d):
    w(
        d / "pack" / "cards" / "sheets.yaml",
        "geant: {label: Géant, width: 100000, height: 100000}\n",
    )
    sess(d, exercise="parcours-utilisateur", params="        print: {size: geant, tile: a4}\n")
    return ["kit", "seance.yaml", "-o", "o", "--library", "pack"]


@case("kit --fit-sheets 10**9", where=False)
def _(d):
    sess(d, exercise="parcours-utilisateur")
    return ["kit", "seance.yaml", "-o", "o", "--fit-sheets", "1000000000"]


# == J. --since =================================================================================
def _since(d: Path, manifest: str | bytes, name: str = "old/x-manifest-fr.json") -> list[str]:
    sess(d)
    w(d / name, manifest)
    return ["kit", "seance.yaml", "-o", "o", "--since", "old"]


for _name, _manifest in [
    ("wrong JSON", "{jobs: ["),
    ("deep JSON", "[" * 100_000 + "]" * 100_000),
    ("deep JSON in jobs", '{"jobs": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ("huge (6 MB)", '{"jobs": [], "pad": "' + "x" * 6_000_000 + '"}'),
    ("jobs not a list", '{"jobs": 42}'),
    ("jobs a string", '{"jobs": "abc"}'),
    ("job name a list", '{"jobs": [{"name": [1, 2]}]}'),
    ("job name a number", '{"jobs": [{"name": 12}]}'),
    (
        "names out of the folder",
        '{"jobs": [{"name": "../../../etc/passwd"}, {"name": "/etc/hostname"}, {"name": "cartes/../../secret.txt"}]}',
    ),
    ("sheet_keys a number", '{"jobs": [{"name": "cartes/cartes-poker.pdf", "sheet_keys": 5}]}'),
    ("sheet_keys a string", '{"jobs": [{"name": "cartes/cartes-poker.pdf", "sheet_keys": "abc"}]}'),
    ("sha256 a list", '{"jobs": [{"name": "a.pdf", "sha256": [1]}]}'),
    ("kind a dict", '{"jobs": [{"name": "a.pdf", "kind": {}}]}'),
    ("null", "null"),
    ("a list", "[]"),
    ("invalid UTF-8", b'{"jobs": ["\xff"]}'),
    ("NaN", '{"jobs": [{"name": NaN}]}'),
    ("huge number", '{"jobs": [{"name": "a.pdf", "sheets": 1' + "0" * 5000 + "}]}"),
    ("control characters in names", '{"jobs": [{"name": "\\u001b[2J\\u0007x.pdf"}]}'),
]:

    @case(f"--since: {_name}", where=False, outs=("o",))
    def _(d, m=_manifest):
        return _since(d, m)


@case("--since: a FIFO manifest", where=False, expect="error")
def _(d):
    sess(d)
    _fifo(d / "old" / "x-manifest-fr.json")
    return ["kit", "seance.yaml", "-o", "o", "--since", "old"]


@case("--since: a FIFO given as the file", where=False, expect="error")
def _(d):
    sess(d)
    _fifo(d / "m.json")
    return ["kit", "seance.yaml", "-o", "o", "--since", "m.json"]


@case("--since: /dev/zero", where=False, expect="error")
def _(d):
    sess(d)
    return ["kit", "seance.yaml", "-o", "o", "--since", "/dev/zero"]


@case("--since: two manifests", where=False, expect="error")
def _(d):
    sess(d)
    w(d / "old" / "a-manifest-fr.json", "{}")
    w(d / "old" / "b-manifest-fr.json", "{}")
    return ["kit", "seance.yaml", "-o", "o", "--since", "old"]


@case("--since: a manifest with files pointing outside, in -o", where=False, outs=("o",))
def _(d):
    sess(d)
    w(d / "secret.txt", "garder")
    import hashlib as h

    digest = h.sha256(b"garder").hexdigest()
    w(
        d / "o" / "x-manifest-fr.json",
        f'{{"lang": "fr", "files": {{"../secret.txt": "{digest}", "/etc/hostname": "x"}}, "jobs": []}}',
    )
    return ["kit", "seance.yaml", "-o", "o"]


@case("--since: a real earlier kit with a FIFO in it", where=False, outs=("o", "old"))
def _(d):
    sess(d)
    subprocess.run(
        CLI + ["kit", str(d / "seance.yaml"), "-o", str(d / "old")],
        capture_output=True,
        env=_env(d),
    )
    f = d / "old" / "cartes" / "cartes-poker.pdf"
    if f.exists():
        f.unlink()
        os.mkfifo(f)
    return ["kit", "seance.yaml", "-o", "o", "--since", "old"]


# == K. timing and checks ========================================================================
for _name, _text in [
    ("timing round 0", "timing: {show: rounded, round: 0}\n"),
    ("timing round -5", "timing: {show: rounded, round: -5}\n"),
    ("timing round 100000h", "timing: {show: rounded, round: 100000h}\n"),
    ("timing garbage", "timing: n'importe\n"),
    ("timing a list", "timing: [markers]\n"),
    ("timing show 42", "timing: {show: 42}\n"),
    ("timing repères NFD", "timing: rep\u0065\u0300res\n"),
    ("checks break_after 0", "checks: {break_after: 0}\n"),
    ("checks break_after -1", "checks: {break_after: -1}\n"),
    ("checks day_limit 10**9", "checks: {day_limit: 1000000000}\n"),
    ("checks min_hole garbage", "checks: {min_hole: abc}\n"),
    ("checks a list", "checks: []\n"),
    ("checks unknown key", "checks: {pause_apres: 2h}\n"),
    ("checks 1e308", "checks: {break_after: 1e308}\n"),
    ("checks .inf", "checks: {break_after: .inf}\n"),
    ("checks .nan", "checks: {break_after: .nan}\n"),
]:

    @case(f"session {_name}", outs=("o",))
    def _(d, text=_text):
        w(
            d / "seance.yaml",
            session_text().replace("participants: 14\n", "participants: 14\n" + text),
        )
        return ["agenda", "seance.yaml", "-o", "o", "--format", "md,ics,pdf"]


for _name, _text in [
    ("facilitation.yaml checks garbage", "checks: {break_after: -5, day_limit: zz}\n"),
    ("facilitation.yaml checks a string", "checks: oui\n"),
    ("facilitation.yaml lang de", "lang: de\n"),
    ("facilitation.yaml library ../..", "library: [../../../../etc]\n"),
    ("facilitation.yaml library a FIFO", "library: [tube]\n"),
    ("facilitation.yaml a list", "- a\n"),
    ("facilitation.yaml key control", '"\\x1b[2J": 1\n'),
]:

    @case(_name, outs=())
    def _(d, text=_text):
        sess(d)
        w(d / "facilitation.yaml", text)
        if "tube" in text:
            _fifo(d / "tube")
        return ["check", "seance.yaml"]


@case("facilitation.yaml a FIFO", outs=(), expect="error", where=False)  # no content: no line
def _(d):
    sess(d)
    _fifo(d / "facilitation.yaml")
    return ["check", "seance.yaml"]


# == L. French aliases with odd Unicode ===========================================================
for _name, _repl in [
    ("déjeuner in NFD", {"logistics: break": "logistics: de\u0301jeuner"}),
    ("pause with a Cyrillic a", {"logistics: break": "logistics: p\u0430use"}),
    ("pause with a zero-width space", {"logistics: break": "logistics: pau\u200bse"}),
    ("PAUSE in capitals", {"logistics: break": "logistics: PAUSE"}),
    ("Pause with NBSP", {"logistics: break": "logistics: \u00a0pause\u00a0"}),
    ("45 min in full-width digits", {"duration: 45 min": "duration: ４５ min"}),
    ("45 min in Arabic-Indic digits", {"duration: 45 min": "duration: \u0664\u0665 min"}),
    ("1 h 30 with NNBSP", {"duration: 45 min": "duration: 1\u202fh\u202f30"}),
    ("durée key in NFD", {"duration: 45 min": "dure\u0301e: 45 min"}),
    ("14h15 with a fullwidth h", {"start: 9:30": "start: 9ｈ30"}),
    ("date 11 mars with NBSP", {"date: 2027-03-11": "date: 11\u00a0mars\u00a02027"}),
    ("date with a wrong day name", {"date: 2027-03-11": "date: lundi 11 mars 2027"}),
    ("date MARS in capitals", {"date: 2027-03-11": "date: JEUDI 11 MARS 2027"}),
    ("date superscript", {"date: 2027-03-11": "date: 1ᵉʳ mars 2027"}),
    (
        "configuration 4 groupes with thin space",
        {"duration: 45 min": "duration: 45 min\n        split: 4\u2009groupes"},
    ),
    (
        "configuration binômes NFD",
        {"duration: 45 min": "duration: 45 min\n        split: bino\u0302mes"},
    ),
    (
        "arc explorer with RTL mark",
        {"duration: 45 min": "duration: 45 min\n        title: \u202eexplorer"},
    ),
    ("value 'oui' for a bool", {"duration: 45 min": "duration: 45 min\n        continues: oui"}),
    ("title with a BOM inside", {"title: Séance d'essai": 'title: "Séance\ufeff d\'essai"'}),
    (
        "title with U+FFFF and a lone surrogate escape",
        {"title: Séance d'essai": 'title: "S\\uffff\\ud800"'},
    ),
    (
        "title with line and paragraph separators",
        {"title: Séance d'essai": 'title: "a\\u2028b\\u2029c"'},
    ),
    ("emoji in a title", {"title: Séance d'essai": "title: Séance 🎉🧊"}),
]:

    @case(f"alias: {_name}", outs=("o",))
    def _(d, repl=_repl):
        sess(d, **repl)
        return ["kit", "seance.yaml", "-o", "o"]


# == M. keys with [ { quotes and control characters ==============================================
for _name, _text in [
    ("session key with [", '"days[0]": 1\n'),
    ("session key with {", '"{date}": 1\n'),
    ("session key with quotes", '"l\'\\"x\\"": 1\n'),
    ("session key with ESC", '"\\x1b[31mrouge": 1\n'),
    ("session key with NUL", '"a\\0b": 1\n'),
    ("session key with newline", '"a\\nb": 1\n'),
    ("session key 10 kB", '"' + "k" * 10_000 + '": 1\n'),
    ("session key a list", "? [a, b]\n: 1\n"),
    ("session key a mapping", "? {a: b}\n: 1\n"),
    ("session key null", "~: 1\n"),
    ("session key a number", "42: 1\n"),
    ("session key a date", "2027-01-01: 1\n"),
    ("session key %s", '"%s%d%n{0}{x!r}": 1\n'),
]:

    @case(f"keys: {_name}", outs=(), expect="error")
    def _(d, text=_text):
        w(d / "seance.yaml", session_text() + text)
        return ["check", "seance.yaml"]


for _name, _params in [
    ("params key with [", '"st[0]": [a]'),
    ("params key ESC", '"\\x1b[2J": 1'),
    ("params key a list", "? [a]\n          : 1"),
    ("params statements a mapping of numbers", "statements: {1: 2}"),
    ("params statements fr with [", 'statements: {"fr[0]": [a]}'),
    ("params statements nested lists", "statements: [[[[a]]]]"),
    ("params statements with control chars", 'statements: ["\\x1b[2J\\x07", "\\x00"]'),
]:

    @case(f"keys: {_name}", outs=("o",))
    def _(d, params=_params):
        sess(
            d,
            params=f"        params: {{{params}}}\n"
            if "\n" not in params
            else f"        params:\n          {params}\n",
        )
        return ["kit", "seance.yaml", "-o", "o"]


for _name, _text in [
    ("exercise key with [", '"steps[0]": 1\n'),
    ("exercise key with ESC", '"\\x1b[2J": 1\n'),
    ("exercise parameter key {x}", 'parameters:\n  "{x}": {type: text, label: x}\n'),
    ("exercise field with control chars", 'tagline: "\\x1b]0;titre\\x07"\n'),
]:

    @case(f"keys: {_name}", outs=(), expect="error" if "control chars" not in _name else None)
    def _(d, text=_text):
        w(d / "pack" / "atelier.yaml", MINI + text)
        return ["validate", "pack"]


for _f, _text in [
    ("formats.yaml", '"po[ker": {width: 63, height: 88}\n'),
    ("sheets.yaml", '"a\\x1b4": {label: x, width: 210, height: 297}\n'),
    ("materials.yaml", '"{feutre}": {label: {fr: x, en: y}, unit: {fr: [a, b], en: [c, d]}}\n'),
    ("layouts.yaml", '"x[": 1\n'),
    ("paper.yaml", '"y{": 1\n'),
]:

    @case(f"keys: cards/{_f}", expect="error")
    def _(d, f=_f, text=_text):
        w(d / "pack" / "cards" / f, text)
        sess(d)
        return ["kit", "seance.yaml", "-o", "o", "--library", "pack"]


@case("keys: vocabulary/tags.yaml", outs=(), expect="error")
def _(d):
    w(d / "pack" / "vocabulary" / "tags.yaml", '"ta[g": {label: {fr: "\\x1b", en: y}}\n"{t}": 1\n')
    return ["list", "--library", "pack"]


# == N. card-level errors: file and line ==========================================================
LONG = "Une affirmation bien trop longue pour une carte " * 60


@case("card: text too long in a session's params", expect="error", words=("seance.yaml:13",))
def _(d):
    sess(d, exercise="freins-leviers", params=f'        params: {{questions: ["a", "{LONG}"]}}\n')
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: text too long in a library exercise", expect="error", words=("long.yaml:5",))
def _(d):
    w(
        d / "pack" / "long.yaml",
        f'extends: freins-leviers\nparameters:\n  questions:\n    default:\n      fr: ["{LONG}"]\n',
    )
    return ["cards", "long", "--library", "pack", "-o", "o"]


@case("card: text too long in a library exercise, kit", expect="error", words=("long.yaml:5",))
def _(d):
    w(
        d / "pack" / "long.yaml",
        f'extends: freins-leviers\nparameters:\n  questions:\n    default:\n      fr: ["{LONG}"]\n',
    )
    sess(d, exercise="long")
    return ["kit", "seance.yaml", "-o", "o", "--library", "pack"]


@case("card: text too long in a title (back)", expect="error", words=("long.yaml:1",))
def _(d):
    w(d / "pack" / "long.yaml", f'title: "{LONG[:600]}"\nextends: freins-leviers\n')
    return ["cards", "long", "--library", "pack", "-o", "o"]


@case("card: missing glyph in a session's params", expect="error")
def _(d):
    sess(d, params='        params: {statements: ["Le 🐍 mord"]}\n')
    return ["kit", "seance.yaml", "-o", "o"]


@case("card: missing glyph in a library exercise", expect="error")
def _(d):
    w(
        d / "pack" / "g.yaml",
        'extends: debat-mouvant\nparameters:\n  statements:\n    default:\n      fr: ["Le 🐍 mord"]\n',
    )
    return ["cards", "g", "--library", "pack", "-o", "o"]


@case("card: missing glyph in a title", expect="error")
def _(d):
    w(
        d / "pack" / "g.yaml",
        MINI.replace("Atelier", "Atelier 🐍")
        + "supports:\n  - {id: c, kind: cards, layout: capture}\n",
    )
    return ["cards", "g", "--library", "pack", "-o", "o"]


@case("card: missing glyph in a step (facilitator card)", expect="error")
def _(d):
    w(d / "pack" / "g.yaml", MINI.replace("Faire ensemble.", "Faire 🐍 ensemble."))
    return ["cards", "g", "--library", "pack", "-o", "o"]


@case("card: missing glyph in a canvas label", expect="error")
def _(d):
    sess(
        d,
        exercise="parcours-utilisateur",
        params='        params: {stages: ["Arrivée 🐍", "Départ"]}\n',
    )
    return ["kit", "seance.yaml", "-o", "o"]


@case("card: missing glyph in a sign", expect="error")
def _(d):
    sess(d, params='        params: {statements: ["Le 🐍"]}\n')
    return ["kit", "seance.yaml", "-o", "o"]


@case("card: picture missing in a session", expect="error")
def _(d):
    sess(d, exercise="photos-debat", params="        params: {pictures: [absente.jpg]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture unreadable in a session", expect="error")
def _(d):
    w(d / "bad.jpg", "pas une image")
    sess(d, exercise="photos-debat", params="        params: {pictures: [bad.jpg]}\n")
    return ["kit", "seance.yaml", "-o", "o"]


@case("card: picture truncated JPEG in a session", expect="error")
def _(d):
    w(d / "bad.jpg", jpeg(400, 300)[:400])
    sess(d, exercise="photos-debat", params="        params: {pictures: [bad.jpg]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture PNG bomb in a session", expect="error")
def _(d):
    w(d / "bomb.png", png(11_000, 11_000))
    sess(d, exercise="photos-debat", params="        params: {pictures: [bomb.png]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture huge declared size in a session", expect="error")
def _(d):
    w(d / "big.png", png(100_000, 100_000, declared_only=True))
    sess(d, exercise="photos-debat", params="        params: {pictures: [big.png]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture corrupt IDAT (header fine)", expect="error")
def _(d):
    w(d / "bad.png", png(100, 100, rows=b"\x78\x9cgarbage"))
    sess(d, exercise="photos-debat", params="        params: {pictures: [bad.png]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture broken SVG in a session", expect="error")
def _(d):
    w(d / "bad.svg", "<svg><g>")
    sess(d, exercise="photos-debat", params="        params: {pictures: [bad.svg]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture SVG with an external entity", expect=None)
def _(d):
    w(
        d / "x.svg",
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>',
    )
    sess(d, exercise="photos-debat", params="        params: {pictures: [x.svg]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture SVG with an external image", expect=None)
def _(d):
    w(
        d / "x.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
        '<image xlink:href="/etc/hostname" width="10" height="10"/><image xlink:href="../../secret.png" width="10" height="10"/></svg>',
    )
    sess(d, exercise="photos-debat", params="        params: {pictures: [x.svg]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture SVG billion laughs", expect=None)
def _(d):
    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    w(
        d / "x.svg",
        f'<?xml version="1.0"?><!DOCTYPE svg [{ents}]><svg xmlns="http://www.w3.org/2000/svg"><text>&i;</text></svg>',
    )
    sess(d, exercise="photos-debat", params="        params: {pictures: [x.svg]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture SVG huge viewBox", expect=None)
def _(d):
    w(
        d / "x.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="1e30" height="1e30" viewBox="0 0 1e30 1e30"><rect width="1e30" height="1e30"/></svg>',
    )
    sess(d, exercise="photos-debat", params="        params: {pictures: [x.svg]}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: picture in a library exercise, unreadable", expect="error")
def _(d):
    w(d / "pack" / "bad.png", "pas une image")
    w(
        d / "pack" / "ph.yaml",
        "extends: photolangage\nparameters:\n  pictures:\n    default: [bad.png]\n",
    )
    return ["cards", "ph", "--library", "pack", "-o", "o"]


@case("card: picture in a library exercise, out of the pack", expect="error")
def _(d):
    w(d / "bad.png", png(4, 4))
    w(
        d / "pack" / "ph.yaml",
        "extends: photolangage\nparameters:\n  pictures:\n    default: [../bad.png]\n",
    )
    return ["cards", "ph", "--library", "pack", "-o", "o"]


@case("card: picture in a library exercise, link out", expect="error")
def _(d):
    w(d / "bad.png", png(4, 4))
    (d / "pack").mkdir()
    (d / "pack" / "l.png").symlink_to(d / "bad.png")
    w(
        d / "pack" / "ph.yaml",
        "extends: photolangage\nparameters:\n  pictures:\n    default: [l.png]\n",
    )
    return ["cards", "ph", "--library", "pack", "-o", "o"]


@case("card: picture in a library exercise, kit", expect="error")
def _(d):
    w(d / "pack" / "bad.png", "pas une image")
    w(
        d / "pack" / "ph.yaml",
        "extends: photolangage\nparameters:\n  pictures:\n    default: [bad.png]\n",
    )
    sess(d, exercise="ph")
    return ["kit", "seance.yaml", "--library", "pack", "-o", "o"]


@case("card: picture of a canvas (catalogue) unreadable", outs=("o",))
def _(d):
    w(d / "pack" / "bad.png", "pas une image")
    w(
        d / "pack" / "ph.yaml",
        "extends: photolangage\nparameters:\n  pictures:\n    default: [bad.png]\n",
    )
    return ["catalogue", "-o", "o", "--library", "pack"]


@case("card: 100 statements on the facilitator card", expect="ok")
def _(d):
    many = ", ".join(
        f'"Affirmation numéro {i} : faut-il vraiment tout changer ?"' for i in range(100)
    )
    w(
        d / "pack" / "deck.yaml",
        f"extends: debat-mouvant\nparameters:\n  statements:\n    default:\n      fr: [{many}]\n",
    )
    return ["cards", "deck", "--library", "pack", "-o", "o"]


@case("card: 10 000 statements in a session", expect="ok")
def _(d):
    many = ", ".join(f'"Affirmation {i}"' for i in range(10_000))
    sess(d, params=f"        params: {{statements: [{many}]}}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: 50 long personas in a session", expect="ok")
def _(d):
    p = ", ".join(
        f'{{name: "Persona {i}", situation: "{"métier très long " * 30}", quote: "{"citation " * 50}"}}'
        for i in range(50)
    )
    sess(d, exercise="personas", params=f"        params: {{personas: [{p}]}}\n")
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: a word too long for the card", expect="ok")  # broken between letters
def _(d):
    sess(
        d, exercise="freins-leviers", params='        params: {questions: ["' + "x" * 300 + '"]}\n'
    )
    return ["cards", "seance.yaml", "-o", "o"]


@case("card: canvas label too long", expect=None)
def _(d):
    sess(
        d,
        exercise="parcours-utilisateur",
        params='        params: {stages: ["' + "étape " * 800 + '", "b"]}\n',
    )
    return ["kit", "seance.yaml", "-o", "o"]


@case("card: canvas 400 stages", expect=None)
def _(d):
    st = ", ".join(f'"Étape {i}"' for i in range(400))
    sess(d, exercise="parcours-utilisateur", params=f"        params: {{stages: [{st}]}}\n")
    return ["kit", "seance.yaml", "-o", "o"]


# == the runner ==================================================================================
def _env(d: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(d / ".home"),
        "LANG": "C.UTF-8",
        "FACILITATION_CACHE": str(d / ".cache"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for k, v in (extra or {}).items():
        env[k] = str(d / v) if k == "FACILITATION_CACHE" else v
    return env


IGNORED = {".stdout", ".stderr", ".home", ".cache"}


def snapshot(d: Path) -> dict[str, tuple[str, str]]:
    """Every entry under d (links not followed): kind and content digest."""
    out: dict[str, tuple[str, str]] = {}
    for root, dirs, files in os.walk(d, followlinks=False):
        for name in dirs + files:
            p = Path(root) / name
            rel = str(p.relative_to(d))
            if rel.split("/")[0] in IGNORED:
                continue
            st = os.lstat(p)
            import stat as s

            if s.S_ISLNK(st.st_mode):
                out[rel] = ("link", os.readlink(p))
            elif s.S_ISDIR(st.st_mode):
                out[rel] = ("dir", "")
            elif s.S_ISREG(st.st_mode):
                if st.st_size > 50_000_000:
                    out[rel] = ("file", f"size {st.st_size} {st.st_mtime_ns}")
                else:
                    out[rel] = ("file", hashlib.sha256(p.read_bytes()).hexdigest())
            else:
                out[rel] = ("special", str(st.st_mode))
    return out


def _under(rel: str, outs: tuple[str, ...]) -> bool:
    return any(rel == o or rel.startswith(o.rstrip("/") + "/") for o in outs)


@dataclass
class Result:
    case: Case
    rc: int | None
    output: str
    seconds: float
    faults: list[str]


def run_case(c: Case, base: Path, timeout: float) -> Result:
    d = Path(tempfile.mkdtemp(prefix="case-", dir=base))
    os.chmod(d, 0o777)
    (d / ".home").mkdir()
    args = c.setup(d)
    before = snapshot(d)
    outside_before = snapshot(base / "outside")
    if c.user:
        import pwd

        pw = pwd.getpwnam(c.user)
        for root, dirs, files in os.walk(d):
            for n in dirs + files:
                try:
                    os.lchown(Path(root) / n, pw.pw_uid, pw.pw_gid)
                except OSError:
                    pass
        os.lchown(d, pw.pw_uid, pw.pw_gid)
    env = _env(d, c.env)
    faults: list[str] = []
    start = time.monotonic()
    with open(d / ".stdout", "wb") as so:
        cmd = CLI + args
        if c.user:
            cmd = ["setpriv", f"--reuid={c.user}", f"--regid={c.user}", "--clear-groups"] + cmd
        proc = subprocess.Popen(
            cmd,
            cwd=d,
            env=env,
            stdout=so,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_limits,
        )
        try:
            if c.during is not None:
                c.during(d, proc)
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            rc = None
            faults.append("HANG")
    seconds = time.monotonic() - start
    out = (d / ".stdout").read_text("utf-8", "replace")
    if "Traceback" in out:
        faults.append("TRACEBACK")
    if rc is not None and rc < 0 and c.during is None:
        faults.append(f"KILLED by signal {-rc}")
    if "MemoryError" in out:
        faults.append("MEMORY")
    after = snapshot(d)
    leftovers = [r for r in after if ".facilitation" in r.split("/")[-1] and r not in before]
    leftovers += [r for r in after if ".facilitation-" in r]
    if leftovers:
        faults.append(f"LEFTOVERS {sorted(set(leftovers))[:3]}")
    changed = [
        r
        for r in set(before) | set(after)
        if before.get(r) != after.get(r)
        and not _under(r, c.outs)
        and ".facilitation" not in r
        and not r.startswith("__pycache__")
    ]
    if changed:
        faults.append(f"OUTSIDE {sorted(changed)[:4]}")
    if snapshot(base / "outside") != outside_before:
        faults.append("OUTSIDE the case folder")
    if rc not in (0, None) and c.during is None:
        partial = [
            r
            for r in set(before) | set(after)
            if _under(r, c.outs) and before.get(r) != after.get(r)
        ]
        if partial:
            faults.append(f"HALF-WRITTEN {sorted(partial)[:3]}")
        errors = [x for x in out.splitlines() if re.search(r"(^|: )(erreur|error) ?:", x)]
        if c.where and (not errors or any(not WHERE.match(x) for x in errors)):
            faults.append("NO FILE:LINE")
    if c.expect == "error" and rc == 0:
        faults.append("ACCEPTED")
    if c.expect == "ok" and rc not in (0,):
        faults.append("REFUSED")
    for word in c.words:
        if word not in out:
            faults.append(f"MISSING {word!r}")
    return Result(c, rc, out, seconds, faults)


def _limits() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))


# whole-file problems (the file is not a file, too large, empty, a template stopped on its
# budget): the file, with no line to give
FILE_ONLY = (
    "3 GB sparse",
    "retour: empty",
    "retour: only a comment",
    "retour: a FIFO",
    "retour: a folder",
    "--templates a FIFO",
    "agenda template 7",
    "agenda template 8",
    "facilitation.yaml library a FIFO",
)
for _c in CASES:
    if any(_c.name.startswith(x) or x in _c.name for x in FILE_ONLY):
        _c.where = False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="run the cases whose name holds this")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--keep", action="store_true", help="keep the case folders")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every output")
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="facilitation-hostile-"))
    os.chmod(base, 0o777)
    (base / "outside").mkdir()
    w(base / "outside" / "secret.txt", "MOT-DE-PASSE-42")
    bad = 0
    ran = 0
    try:
        for c in CASES:
            if args.only and args.only not in c.name:
                continue
            ran += 1
            r = run_case(c, base, args.timeout)
            status = "ok " if not r.faults else "BAD"
            bad += bool(r.faults)
            first = next((x for x in r.output.splitlines() if "rreur" in x or "rror" in x), "")
            print(f"{status} {r.seconds:5.1f}s rc={r.rc} {c.name} {' '.join(r.faults)}")
            if r.faults or args.verbose:
                print("    " + "\n    ".join(r.output.strip().splitlines()[-8:]))
            elif first:
                print(f"    {first[:160]}")
            sys.stdout.flush()
    finally:
        if not args.keep:
            subprocess.run(["chmod", "-R", "u+rwx", str(base)], capture_output=True)
            shutil.rmtree(base, ignore_errors=True)
        else:
            print(f"kept in {base}")
    print(f"{ran} cases, {bad} with faults")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
