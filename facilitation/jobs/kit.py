"""`facilitation kit`: everything a session needs, in one go.

The printing guide comes first (00-), then the agendas and booklet, the participant cards in
the quantities the session needs, the canvases (one per group where the exercise works in
groups, tiled on office paper unless asked otherwise), the materials checklist, and a JSON
manifest of the print jobs. Each PDF holds one paper size and one duplex setting.

Everything but the guide is a list of independent pieces of work (Task), each writing its own
files; run_shared hands them to two processes when there is a second core. The guide comes
last, since it lists every file with its pages.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from facilitation.errors import UserError
from facilitation.jobs.agenda import agenda_parts, slug
from facilitation.jobs.canvases import CanvasOptions, write_exercise_canvases
from facilitation.jobs.cards import CardBatch, CardOptions, signs_job, too_many_cards
from facilitation.jobs.job import Job
from facilitation.jobs.output import Outputs
from facilitation.jobs.shared import Task, run_shared
from facilitation.load.files import read_regular
from facilitation.load.sessions import LoadedSession
from facilitation.model.limits import MAX_CARDS
from facilitation.plan.quantities import material_needs, support_copies
from facilitation.plan.schedule import schedule
from facilitation.plan.supports import canvas_supports, card_supports, param_value, sign_supports
from facilitation.plan.timeline import Plan, Slot
from facilitation.render.pdf import sheet_size
from facilitation.view.checklist import checklist_lines


def _picture_root(loaded: LoadedSession, slot: Slot) -> Any:
    """Pictures given in the session come from the session's folder; else the exercise's."""
    if slot.block.params:
        return loaded.path.resolve().parent
    folder = loaded.library.folder_of(slot.exercise.id) if slot.exercise else None
    return folder if isinstance(folder, Path) else None


def _exercise_slots(plan: Plan) -> list[Slot]:
    return [s for s in plan.all_slots() if s.exercise is not None and s.kind == "exercise"]


def session_card_tasks(
    loaded: LoadedSession,
    opts: CardOptions,
    plan: Plan | None = None,
    facilitator: bool = True,
) -> list[Task]:
    """Every deck of a session, one set per distinct exercise and parameters in the largest
    quantity any of its blocks needs, gathered into one PDF per card format; floor signs
    apart (they print on plain sheets); the facilitator cards in one more PDF. Three pieces of
    work, in that order."""
    plan = plan or schedule(loaded)
    seen: dict[str, tuple[Slot, dict[str, int]]] = {}
    for slot in _exercise_slots(plan):
        ex = slot.exercise
        assert ex is not None
        key = json.dumps(
            [ex.id, slot.block.params, slot.block.variant], sort_keys=True, default=str
        )
        counts = {
            s.id: support_copies(s, slot, opts.lang) * opts.copies
            for s in card_supports(ex, slot.block.variant)
        }
        if key in seen:
            old = seen[key][1]
            for k, v in counts.items():
                old[k] = max(old.get(k, 0), v)
        else:
            seen[key] = (slot, counts)
    total = sum(
        n * _deck_size(slot, s, opts.lang)
        for slot, counts in seen.values()
        if slot.exercise is not None
        for s in card_supports(slot.exercise, slot.block.variant)
        for n in [counts.get(s.id, 1)]
    )
    if total > MAX_CARDS:  # said before any work starts
        raise too_many_cards(total, str(loaded.path))
    fr = opts.lang == "fr"
    folder = "cartes/" if fr else "cards/"
    firsts: dict[str, Slot] = {}  # each exercise once, where it first comes
    for slot, _ in seen.values():
        assert slot.exercise is not None
        firsts.setdefault(slot.exercise.id, slot)

    def cards(out: Outputs) -> list[Job]:
        decks = CardBatch(opts)
        for slot, counts in seen.values():
            assert slot.exercise is not None
            decks.add_exercise(
                slot.exercise,
                slot.block.params,
                _picture_root(loaded, slot),
                copies_for=lambda s, c=counts: c.get(s.id, 1),
                variant=slot.block.variant,
            )
        word = "cartes" if fr else "cards"
        return decks.write(out, lambda f: f"{folder}{word}-{f}.pdf")

    def signs(out: Outputs) -> list[Job]:
        return [
            signs_job(slot.exercise, s, opts, out, slot.block.params, folder)
            for slot in firsts.values()
            if slot.exercise is not None
            for s in sign_supports(slot.exercise)
        ]

    def facilitator_cards(out: Outputs) -> list[Job]:
        fac = CardBatch(opts, kind="facilitator")
        for slot in firsts.values():
            assert slot.exercise is not None
            fac.add_facilitator(slot.exercise)
        fword = "fiches-animateur" if fr else "facilitator-cards"
        return fac.write(out, lambda f: f"{folder}{fword}-{f}.pdf")

    tasks: list[Task] = [("cards", cards)]
    if facilitator:
        tasks += [("signs", signs), ("facilitator", facilitator_cards)]
    return tasks


def _deck_size(slot: Slot, support: Any, lang: str) -> int:
    """How many different cards a deck holds (as view/cards.py makes them)."""
    assert slot.exercise is not None
    if support.source:
        value = param_value(slot.exercise, support.source, lang, slot.block.params)
        return len(value) if isinstance(value, list) else 1
    return 1 if support.layout == "capture" else 0


def session_card_jobs(
    loaded: LoadedSession,
    opts: CardOptions,
    out: Outputs,
    plan: Plan | None = None,
    facilitator: bool = True,
) -> list[Job]:
    """The session's cards, written one after the other (see session_card_tasks)."""
    return [
        j for _, write in session_card_tasks(loaded, opts, plan, facilitator) for j in write(out)
    ]


def session_canvas_tasks(loaded: LoadedSession, plan: Plan, opts: CanvasOptions) -> list[Task]:
    """The canvases and sheets of each exercise block, one piece of work per block."""
    tasks: list[Task] = []
    folder = "canevas/" if opts.lang == "fr" else "canvases/"
    for i, slot in enumerate(_exercise_slots(plan)):
        ex = slot.exercise
        assert ex is not None
        supports = canvas_supports(ex, slot.block.variant)
        if not supports:
            continue

        def write(out: Outputs, ex: Any = ex, slot: Slot = slot, i: int = i, sup: Any = supports):
            return write_exercise_canvases(
                ex,
                opts,
                out,
                copies_for=lambda s: support_copies(s, slot, opts.lang),
                overrides=slot.block.params,
                variant=slot.block.variant,
                prefix=f"{folder}{i + 1:02d}-",
                supports=sup,
            )

        tasks.append(("canvases", write))
    return tasks


# Which work to start first: the longest, so that the two processes end close together.
_FIRST = ("booklet", "facilitator", "runsheet", "texts", "cards", "canvases", "checklist", "agenda")


def build_kit(
    loaded: LoadedSession,
    out: Outputs,
    lang: str,
    paper: str = "a4",
    tile_to: str | None = "a4",
    card_format: str = "auto",
    duplex: str = "long",
    back_offset: tuple[float, float] = (0.0, 0.0),
    template_dirs: list[Path] | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, Any]:
    """Write the whole kit into `out`; return the manifest. `progress(label, total)` is
    called after each piece of work."""
    from facilitation.render.kit_pdf import booklet_pdf, checklist_pdf, guide_pdf
    from facilitation.view.agenda import agenda_view

    fr = lang == "fr"
    plan = schedule(loaded, lang)
    session = plan.session
    programme = session.programme
    view = agenda_view(plan, lang)

    card_opts = CardOptions(
        format=card_format,
        sheet=paper,
        duplex=duplex,
        lang=lang,
        programme=programme,
        back_offset=back_offset,
    )
    canvas_opts = CanvasOptions(
        lang=lang, tile=tile_to, programme=programme, tile_sheets_only=True, copies_in_guide=True
    )
    booklet = f"02-{'livret-animation' if fr else 'facilitator-booklet'}-{lang}.pdf"

    def write_booklet(out: Outputs) -> list[Job]:
        pages = booklet_pdf(view, out.path(booklet), sheet_size(paper))
        return [
            Job(booklet, "booklet", paper, "long", pages, sheets=(pages + 1) // 2, title="booklet")
        ]

    def agenda_task(kind: str, write: Callable[[Outputs], Any]) -> Task:
        def run(out: Outputs) -> list[Job]:
            return [
                Job(w.name, w.kind, w.paper or paper, "none", 0, title=w.kind) for w in write(out)
            ]

        return kind, run

    # every piece of work, in the order its files are listed
    parts = agenda_parts(plan, lang, paper, template_dirs=template_dirs, prefix="01-", view=view)
    pdfs = [(kind, write) for kind, write in parts if kind in ("agenda", "runsheet", "wall")]
    texts = [write for kind, write in parts if (kind, write) not in pdfs]

    def write_texts(out: Outputs) -> list[Any]:  # together: one process loads jinja2
        return [w for write in texts for w in write(out)]

    needs = checklist_lines(material_needs(plan, lang), lang)
    title = view["title"]
    guide = f"00-{'guide-impression' if fr else 'printing-guide'}-{lang}.pdf"
    checklist = f"03-{'liste-materiel' if fr else 'materials-checklist'}-{lang}.pdf"

    def write_checklist(out: Outputs) -> list[Job]:
        pages = checklist_pdf(
            title,
            view["heading"],
            programme,
            lang,
            needs,
            guide,
            out.path(checklist),
            sheet_size(paper),
        )
        return [Job(checklist, "checklist", paper, "none", pages, sheets=pages, title="checklist")]

    tasks: list[Task] = [("checklist", write_checklist)]
    tasks += [agenda_task(kind, write) for kind, write in pdfs]
    tasks.append(agenda_task("texts", write_texts))
    tasks.append(("booklet", write_booklet))
    tasks += session_card_tasks(loaded, card_opts, plan)
    tasks += session_canvas_tasks(loaded, plan, canvas_opts)
    total = len(tasks) + 1
    step = progress or (lambda label, total: None)

    import facilitation.render.canvas_pdf  # noqa: F401  (imported once, before the fork)
    import facilitation.render.cards_pdf  # noqa: F401
    from facilitation.render.pdf import warm_up

    warm_up(lang)
    order = sorted(
        range(len(tasks)),
        key=lambda i: (_FIRST.index(tasks[i][0]) if tasks[i][0] in _FIRST else len(_FIRST), i),
    )
    results = run_shared(tasks, order, out, lambda label: step(label, total))
    jobs = [j for r in results for j in r]
    # page counts of the agenda PDFs (written by platypus, counted from the files)
    for j in jobs:
        if j.pages == 0 and j.name.endswith(".pdf"):
            j.pages = _count_pages(out.tmp / j.name)
            j.sheets = j.pages
    print_jobs = [j for j in jobs if j.name.endswith(".pdf")]
    totals: dict[str, int] = {}
    for j in print_jobs:
        totals[j.paper] = totals.get(j.paper, 0) + j.sheets * j.copies
    step("guide", total)
    gpages = guide_pdf(
        title,
        view["heading"],
        programme,
        lang,
        print_jobs,
        out.path(guide),
        sheet_size(paper),
        totals,
    )
    totals[paper] = totals.get(paper, 0) + gpages
    print_jobs.insert(0, Job(guide, "guide", paper, "none", gpages, sheets=gpages))
    manifest = {
        "programme": programme,
        "session": title,
        "number": session.number,
        "lang": lang,
        "days": [d.day.date.isoformat() for d in plan.days],
        "jobs": [asdict(j) for j in print_jobs],
        "other_files": [j.name for j in jobs if not j.name.endswith(".pdf")],
        "sheets": totals,
        "materials": [
            {
                "item": n.item,
                "colour": n.colour,
                "label": n.label,
                "quantity": n.quantity,
                "unit": n.unit,
                "for": n.uses,
            }
            for n in needs
        ],
        "warnings": [w.format() for w in plan.warnings],
    }
    # what the kit wrote, so that the next kit into this folder knows what to replace
    written = [j.name for j in print_jobs] + manifest["other_files"]
    manifest["files"] = {n: _sha256(out.tmp / n) for n in written}
    stem = slug(f"{programme}-{session.number or ''}")  # a number may hold anything
    name = f"{stem}-manifest-{lang}.json"
    out.replaces(previous_kit_files(out, lang))
    out.path(name, last=True).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


def previous_kit_files(out: Outputs, lang: str) -> list[str]:
    """The files of the kits in `lang` already in the output folder, as their manifests
    list them, that are still the very files those kits wrote (same content): a re-run
    replaces them, and removes those it does not write again. A file that was changed since,
    or that no manifest lists, is the user's and is never touched."""
    if not out.exists:
        return []
    from facilitation.jobs.output import safe_name

    names: list[str] = []
    for entry in sorted(os.listdir(out.root)):
        if not (entry.endswith(f"-manifest-{lang}.json") or entry.endswith("-manifest.json")):
            continue
        data = _read_manifest(out.root / entry)
        if data is None or data.get("lang") != lang:
            continue
        names.append(entry)
        for name, digest in data["files"].items():
            try:
                rel = safe_name(str(name))
            except ValueError:
                continue
            path = out.root.joinpath(*rel.parts)
            if path.parent.resolve().is_relative_to(out.root) and _sha256(path) == digest:
                names.append(str(name))
    return names


def _read_manifest(path: Path) -> dict[str, Any] | None:
    """A kit manifest with its list of files, or None (anything else, left alone)."""
    try:
        raw = read_regular(path, 5_000_000)
        data = json.loads(raw.decode("utf-8"))
    except (UserError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None
    return data


def _sha256(path: Path) -> str | None:
    """The SHA-256 of a regular file (links not followed), or None."""
    import hashlib

    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        h = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
        return h.hexdigest()
    finally:
        os.close(fd)


def _count_pages(path: Path) -> int:
    import re

    data = path.read_bytes()
    dicts = re.findall(rb"<<[^<>]*?/Type\s*/Pages\b[^<>]*>>", data)
    counts = [int(m) for d in dicts for m in re.findall(rb"/Count\s+(\d+)", d)]
    if counts:
        return max(counts)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
