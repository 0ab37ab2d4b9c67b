"""`facilitation kit`: everything a session needs, in one go.

The printing guide comes first (00-), then the agendas and booklet, the participant cards in
the quantities the session needs, the canvases (one per group where the exercise works in
groups, tiled on office paper unless asked otherwise), the materials checklist, and a JSON
manifest of the print jobs. Each PDF holds one paper size and one duplex setting.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from facilitation.agenda import slug, write_agenda
from facilitation.canvas_jobs import CanvasOptions, write_exercise_canvases
from facilitation.canvases import canvas_supports
from facilitation.cardset import CardOptions, Job
from facilitation.deck import card_supports
from facilitation.errors import UserError
from facilitation.output import Outputs
from facilitation.plan import Plan, Slot, schedule
from facilitation.printdata import sheet_size
from facilitation.quantities import material_needs, support_copies
from facilitation.sessions import LoadedSession


def _picture_root(loaded: LoadedSession, slot: Slot) -> Any:
    """Pictures given in the session come from the session's folder; else the exercise's."""
    if slot.block.params:
        return loaded.path.resolve().parent
    folder = loaded.library.folder_of(slot.exercise.id) if slot.exercise else None
    return folder if isinstance(folder, Path) else None


def _exercise_slots(plan: Plan) -> list[Slot]:
    return [s for s in plan.all_slots() if s.exercise is not None and s.kind == "exercise"]


def session_card_jobs(
    loaded: LoadedSession,
    opts: CardOptions,
    out: Outputs,
    plan: Plan | None = None,
    facilitator: bool = True,
) -> list[Job]:
    """Every deck of a session, one set per distinct exercise and parameters in the largest
    quantity any of its blocks needs, gathered into one PDF per card format; the facilitator
    cards in one more; floor signs apart (they print on plain sheets)."""
    from facilitation.cardset import CardBatch, _signs_job

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
    fr = opts.lang == "fr"
    folder = "cartes/" if fr else "cards/"
    decks = CardBatch(opts)
    fac = CardBatch(opts, kind="facilitator")
    jobs: list[Job] = []
    done: set[str] = set()
    for slot, counts in seen.values():
        ex = slot.exercise
        assert ex is not None
        decks.add_exercise(
            ex,
            slot.block.params,
            _picture_root(loaded, slot),
            copies_for=lambda s, c=counts: c.get(s.id, 1),
            variant=slot.block.variant,
        )
        if facilitator and ex.id not in done:
            fac.add_facilitator(ex)
            for s in ex.supports:
                if s.kind == "sheet" and s.layout == "floor-sign":
                    jobs.append(_signs_job(ex, s, opts, out, slot.block.params, folder))
        done.add(ex.id)
    word = "cartes" if fr else "cards"
    jobs = decks.write(out, lambda f: f"{folder}{word}-{f}.pdf") + jobs
    fword = "fiches-animateur" if fr else "facilitator-cards"
    jobs += fac.write(out, lambda f: f"{folder}{fword}-{f}.pdf")
    return jobs


def session_canvas_jobs(
    loaded: LoadedSession,
    plan: Plan,
    opts: CanvasOptions,
    out: Outputs,
    tick: Callable[[], None] | None = None,
) -> list[Job]:
    jobs: list[Job] = []
    for i, slot in enumerate(_exercise_slots(plan)):
        ex = slot.exercise
        assert ex is not None
        supports = canvas_supports(ex, slot.block.variant)
        if not supports:
            continue
        folder = "canevas/" if opts.lang == "fr" else "canvases/"
        jobs += write_exercise_canvases(
            ex,
            opts,
            out,
            copies_for=lambda s, sl=slot: support_copies(s, sl, opts.lang),
            overrides=slot.block.params,
            variant=slot.block.variant,
            prefix=f"{folder}{i + 1:02d}-",
            supports=supports,
        )
        if tick:
            tick()
    return jobs


def build_kit(
    loaded: LoadedSession,
    out: Outputs,
    lang: str,
    paper: str = "a4",
    tile_to: str | None = "a4",
    card_format: str = "auto",
    duplex: str = "long",
    template_dirs: list[Path] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Write the whole kit into `out`; return the manifest."""
    from facilitation.render.agenda_view import agenda_view
    from facilitation.render.kit_pdf import booklet_pdf, checklist_pdf, guide_pdf

    fr = lang == "fr"
    plan = schedule(loaded)
    session = plan.session
    programme = session.programme
    step = progress or (lambda label: None)
    jobs: list[Job] = []

    card_opts = CardOptions(
        format=card_format, sheet=paper, duplex=duplex, lang=lang, programme=programme
    )
    canvas_opts = CanvasOptions(
        lang=lang, tile=tile_to, programme=programme, tile_sheets_only=True, copies_in_guide=True
    )

    def print_parts() -> list[Job]:
        """Cards and canvases: independent of the agendas, so they may run alongside."""
        return session_card_jobs(loaded, card_opts, out, plan) + session_canvas_jobs(
            loaded, plan, canvas_opts, out
        )

    import facilitation.render.canvas_pdf  # noqa: F401  (imported once, before the fork)
    import facilitation.render.cards_pdf  # noqa: F401

    pending = _start(print_parts)  # another core takes the cards and canvases, if there is one
    step("agenda")
    for w in write_agenda(plan, out, lang, paper=paper, template_dirs=template_dirs, prefix="01-"):
        jobs.append(Job(w.name, w.kind, w.paper or paper, "none", 0, title=w.kind))
    view = agenda_view(plan, lang)
    step("booklet")
    booklet = f"02-{'livret-animation' if fr else 'facilitator-booklet'}-{lang}.pdf"
    pages = booklet_pdf(view, out.path(booklet), sheet_size(paper))
    jobs.append(
        Job(booklet, "booklet", paper, "long", pages, sheets=(pages + 1) // 2, title="booklet")
    )
    step("cards")
    printed_jobs = pending()
    for j in printed_jobs:
        out.path(j.name)  # written by the other process: keep it with the outputs
    jobs += printed_jobs
    step("canvases")
    step("checklist")
    needs = material_needs(plan, lang)
    printed = [(j.name, f"{j.pages} p.") for j in jobs if j.name.endswith(".pdf")]
    checklist = f"03-{'liste-materiel' if fr else 'materials-checklist'}-{lang}.pdf"
    title = view["title"]
    pages = checklist_pdf(
        title,
        view["heading"],
        programme,
        lang,
        needs,
        printed,
        out.path(checklist),
        sheet_size(paper),
    )
    jobs.insert(
        0, Job(checklist, "checklist", paper, "none", pages, sheets=pages, title="checklist")
    )
    # page counts of the agenda PDFs (written by platypus, counted from the files)
    for j in jobs:
        if j.pages == 0 and j.name.endswith(".pdf"):
            j.pages = _count_pages(out.tmp / j.name)
            j.sheets = j.pages
    print_jobs = [j for j in jobs if j.name.endswith(".pdf")]
    totals: dict[str, int] = {}
    for j in print_jobs:
        totals[j.paper] = totals.get(j.paper, 0) + j.sheets * j.copies
    step("guide")
    guide = f"00-{'guide-impression' if fr else 'printing-guide'}-{lang}.pdf"
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
    name = f"{slug(programme)}-{session.number or ''}-manifest.json".replace("--", "-")
    out.path(name).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


def _start(work: Callable[[], list[Job]]) -> Callable[[], list[Job]]:
    """Run `work` in a forked process when the machine has a second core; return a function
    that waits for its result. Bad input found there is raised here as the same UserError.

    Why: a kit is half agendas and booklet (platypus) and half cards and canvases; on two
    cores they take about half the time side by side. The output is the same bytes either way.
    """
    import multiprocessing
    import os
    import pickle

    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        result = work()
        return lambda: result
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send back the jobs or the error, leave
        os.close(read_fd)
        code = 0
        try:
            try:
                payload = ("ok", work())
            except UserError as exc:
                payload = ("user", exc.problems)
            except BaseException:  # a bug: its traceback goes to stderr, as it would here
                import traceback

                traceback.print_exc()
                payload = ("bug", None)
                code = 1
            with os.fdopen(write_fd, "wb") as f:
                pickle.dump(payload, f)
        finally:
            os._exit(code)
    os.close(write_fd)

    def wait() -> list[Job]:
        with os.fdopen(read_fd, "rb") as f:
            data = f.read()
        os.waitpid(pid, 0)
        kind, value = pickle.loads(data) if data else ("bug", None)
        if kind == "user":
            raise UserError(value)
        if kind == "bug":
            raise RuntimeError("printing cards and canvases failed (see above)")
        return value

    return wait


def _count_pages(path: Path) -> int:
    import re

    data = path.read_bytes()
    dicts = re.findall(rb"<<[^<>]*?/Type\s*/Pages\b[^<>]*>>", data)
    counts = [int(m) for d in dicts for m in re.findall(rb"/Count\s+(\d+)", d)]
    if counts:
        return max(counts)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
