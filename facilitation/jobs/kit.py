"""`facilitation kit`: everything a session needs, in one go.

The printing guide comes first (00-), then the agendas and booklet, the participant cards in
the quantities the session needs, the canvases (one per group where the exercise works in
groups, each on the paper the plan chooses for it from what the user has: see
layout/paper.py), the materials checklist, and a JSON manifest of the print jobs, with each
file's hash so that a later kit can say what changed (`--since`). Each PDF holds one paper
size and one duplex setting.

Everything but the guide is a list of independent pieces of work (Task), each writing its own
files; run_shared hands them to two processes when there is a second core. The guide comes
last, since it lists every file with its pages.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from facilitation.errors import UserError, placed
from facilitation.jobs.agenda import agenda_parts, slug
from facilitation.jobs.canvases import (
    CanvasOptions,
    canvas_prints,
    plan_support,
    write_exercise_canvases,
    write_shop,
)
from facilitation.jobs.cards import CardBatch, CardOptions, signs_job, too_many_cards
from facilitation.jobs.job import Job
from facilitation.jobs.output import Outputs
from facilitation.jobs.shared import Task, run_shared
from facilitation.layout.paper import Office
from facilitation.load.files import read_regular
from facilitation.load.sessions import LoadedSession
from facilitation.model.limits import MAX_CARDS
from facilitation.plan.quantities import material_needs, support_copies
from facilitation.plan.schedule import schedule
from facilitation.plan.supports import (
    block_values,
    canvas_supports,
    card_supports,
    sign_supports,
    support_value,
)
from facilitation.plan.timeline import Plan, Slot
from facilitation.render.pdf import sheet_size
from facilitation.text.messages import _
from facilitation.view.checklist import checklist_lines


def _picture_root(loaded: LoadedSession, slot: Slot) -> Any:
    """Pictures given in the session come from the session's folder; else the exercise's."""
    if slot.block.params:
        return loaded.path.resolve().parent
    folder = loaded.library.folder_of(slot.exercise.id) if slot.exercise else None
    return folder if isinstance(folder, Path) else None


def printing_slots(plan: Plan) -> list[Slot]:
    """The blocks that print supports: exercises, and logistics entries that have some
    (route sheets for a trip, welcome signs); an activity carried on prints at its first
    part only."""
    return [
        s
        for s in plan.all_slots()
        if s.exercise is not None
        and s.head is None
        and (s.kind == "exercise" or s.exercise.supports)
    ]


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
    for slot in printing_slots(plan):
        ex = slot.exercise
        assert ex is not None
        key = json.dumps(
            [ex.id, block_values(slot), slot.block.variant], sort_keys=True, default=str
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
    by_slot = [
        (
            slot,
            sum(
                counts.get(s.id, 1) * _deck_size(slot, s, opts.lang)
                for s in card_supports(slot.exercise, slot.block.variant)
            ),
        )
        for slot, counts in seen.values()
        if slot.exercise is not None
    ]
    total = sum(n for _, n in by_slot)
    if total > MAX_CARDS:  # said before any work starts, at the block that prints most
        biggest = max(by_slot, key=lambda x: x[1])[0]
        raise placed(too_many_cards(total), loaded.where(biggest.path))
    fr = opts.lang == "fr"
    folder = "cartes/" if fr else "cards/"
    firsts: dict[str, Slot] = {}  # each exercise once, where it first comes
    signed: dict[str, Slot] = {}  # each exercise's signs once, from a block that prints them
    for slot, _counts in seen.values():
        assert slot.exercise is not None
        if slot.kind == "exercise":
            firsts.setdefault(slot.exercise.id, slot)
        if sign_supports(slot.exercise, slot.block.variant):
            signed.setdefault(slot.exercise.id, slot)

    def cards(out: Outputs) -> list[Job]:
        decks = CardBatch(opts)
        for slot, counts in seen.values():
            assert slot.exercise is not None
            try:
                decks.add_exercise(
                    slot.exercise,
                    block_values(slot),
                    _picture_root(loaded, slot),
                    copies_for=lambda s, c=counts: c.get(s.id, 1),
                    variant=slot.block.variant,
                    locate=lambda s, i, slot=slot: card_source(loaded, slot, s, i, opts.lang),
                )
            except UserError as exc:  # too many cards: said at the block that adds them
                raise placed(exc, loaded.where(slot.path)) from None
        word = "cartes" if fr else "cards"
        return decks.write(out, lambda f: f"{folder}{word}-{f}.pdf")

    def signs(out: Outputs) -> list[Job]:
        return [
            signs_job(slot.exercise, s, opts, out, block_values(slot), folder)
            for slot in signed.values()
            if slot.exercise is not None
            for s in sign_supports(slot.exercise, slot.block.variant)
        ]

    # one facilitator card per way a method is run: its own minutes, head count, variant and
    # contents print on it
    runs: dict[str, Slot] = {}
    for slot in printing_slots(plan):
        assert slot.exercise is not None
        key = json.dumps(
            [
                slot.exercise.id,
                slot.block.params,
                slot.block.variant,
                str(slot.block.split),
                slot.people,
                slot.minutes,
            ],
            sort_keys=True,
            default=str,
        )
        runs.setdefault(key, slot)
    n_fac = max(1, len(loaded.session.facilitators))

    def facilitator_cards(out: Outputs) -> list[Job]:
        fac = CardBatch(opts, kind="facilitator")
        for slot in runs.values():
            assert slot.exercise is not None
            fac.add_facilitator(slot.exercise, slot, n_fac, loaded)
        fword = "fiches-animateur" if fr else "facilitator-cards"
        return fac.write(out, lambda f: f"{folder}{fword}-{f}.pdf")

    tasks: list[Task] = [("cards", cards)]
    if facilitator:
        tasks += [("signs", signs), ("facilitator", facilitator_cards)]
    return tasks


def card_source(
    loaded: LoadedSession, slot: Slot, support: Any, index: int, lang: str
) -> tuple[str | None, int | None, int | None]:
    """Where the text of a block's card is written: in the session (`params:`), else in the
    exercise's file (the parameter's default), as (file, line, column)."""
    from facilitation.load.validation import Locator

    name = support.source
    ex = slot.exercise
    if not name or ex is None:
        return (None, None, None)
    if name in slot.block.params:
        value = slot.block.params[name]
        path = slot.path + ("params", name) + ((lang,) if isinstance(value, dict) else ())
        return loaded.where(path + (index,))
    entries = loaded.library.entries.get(ex.id) or []
    try:
        docs = [e.doc for e in entries]
    except UserError:
        docs = []
    for doc in docs:  # the top layer that writes the default
        default = (doc.data.get("parameters") or {}).get(name, {})
        default = default.get("default") if isinstance(default, dict) else None
        if default is not None:
            keyed = (lang,) if isinstance(default, dict) and lang in default else ()
            return Locator([doc]).locate(("parameters", name, "default") + keyed + (index,))
    return (ex.origin or None, None, None)


def _deck_size(slot: Slot, support: Any, lang: str) -> int:
    """How many different cards a deck holds (as view/cards.py makes them)."""
    assert slot.exercise is not None
    if support.source:
        value = support_value(slot.exercise, support, support.source, lang, slot.block.params)
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
    """The canvases and sheets of each exercise block, one piece of work per block; under a
    paper plan, the canvases it sends to a print shop in one more piece of work, at the end.
    Each block's plan is made here first, so that a wrong `print:` is said before any work."""
    tasks: list[Task] = []
    fr = opts.lang == "fr"
    folder = "canevas/" if fr else "canvases/"
    shop: list[tuple[int, Slot, Any]] = []
    for i, slot in enumerate(printing_slots(plan)):
        ex = slot.exercise
        assert ex is not None
        supports = canvas_supports(ex, slot.block.variant)
        where = loaded.where(slot.path + ("print",)) if slot.block.print else None
        if not supports:
            if where is not None:  # said, rather than left without effect in silence
                from facilitation.errors import Problem
                from facilitation.text.messages import _

                plan.warnings.append(
                    Problem(
                        _("'{exercise}' prints no canvas: its print key changes nothing").format(
                            exercise=ex.id
                        ),
                        *where,
                        path="print",
                        hint=_("remove it, or put it on a block with a canvas"),
                        severity="warning",
                    )
                )
            continue
        if opts.office is not None:
            plans = [plan_support(item, opts, slot.block.print, where) for item in supports]
            if any(p.choice.how == "real" for p in plans):
                shop.append((i, slot, where))

        def write(
            out: Outputs, ex: Any = ex, slot: Slot = slot, i: int = i, sup: Any = supports
        ) -> list[Job]:
            return write_exercise_canvases(
                ex,
                opts,
                out,
                copies_for=lambda one: support_copies(one, slot, opts.lang),
                overrides=block_values(slot),
                variant=slot.block.variant,
                prefix=f"{folder}{i + 1:02d}-",
                supports=sup,
                choice=slot.block.print,
                where=loaded.where(slot.path + ("print",)) if slot.block.print else None,
                at=loaded.where(slot.path),
            )

        tasks.append(("canvases", write))
    if shop:

        def write_large(out: Outputs) -> list[Job]:
            blocks = []
            for _i, slot, where in shop:
                assert slot.exercise is not None
                prints = canvas_prints(
                    slot.exercise,
                    opts,
                    copies_for=lambda s, slot=slot: support_copies(s, slot, opts.lang),
                    overrides=block_values(slot),
                    variant=slot.block.variant,
                    choice=slot.block.print,
                    where=where,
                    at=loaded.where(slot.path),
                )
                blocks.append((slot.exercise, prints))
            stem = f"{folder}00-{'imprimeur' if fr else 'print-shop'}"
            return write_shop(blocks, opts, out, stem)

        tasks.append(("shop", write_large))
    return tasks


def task_label(label: str) -> str:
    """A piece of work as the progress line names it, in the run's language."""
    words = {
        "cards": _("cards"),
        "signs": _("floor signs"),
        "facilitator": _("facilitator cards"),
        "canvases": _("canvases"),
        "shop": _("canvases for the print shop"),
        "checklist": _("materials checklist"),
        "agenda": _("agenda"),
        "runsheet": _("run-sheet"),
        "wall": _("wall agenda"),
        "texts": _("Markdown, HTML and calendar"),
        "booklet": _("booklet"),
        "guide": _("printing guide"),
    }
    return words.get(label, label)


# Which work to start first: the longest, so that the two processes end close together.
_FIRST = (
    "booklet",
    "facilitator",
    "runsheet",
    "texts",
    "cards",
    "shop",
    "canvases",
    "checklist",
    "agenda",
)

LARGER = {"a4": "a3", "letter": "tabloid"}


@dataclass
class KitOptions:
    """What the user has and wants: the office paper (a4 or letter), whether the printer
    also takes the larger paper (a3 or tabloid), a print shop for the large canvases, and
    the cards' settings."""

    paper: str = "a4"  # a4 | letter
    printer: str = "a4"  # a4 | a3 (letter | tabloid: the same for Letter paper)
    print_shop: bool = False
    wall: str | None = None  # the wall agenda's paper: the largest the printer takes
    fit_sheets: int | None = None  # tile every large canvas on at most this many sheets
    overlap: float = 10.0
    card_format: str = "auto"
    duplex: str = "long"
    bleed: float = 0.0
    theme: str = "default"
    wall_form: str = "timeline"  # the wall agenda: timeline (time-proportional) or list
    agenda_form: str = "list"  # the participants' agenda: list or timeline
    back_offset: tuple[float, float] = (0.0, 0.0)
    separate_decks: bool = False  # each exercise's cards on sheets of their own
    since: Path | None = None  # an earlier kit: say what to print again
    template_dirs: list[Path] = field(default_factory=list)

    @property
    def office(self) -> Office:
        large = LARGER.get(self.paper) if self.printer in ("a3", "tabloid") else None
        return Office(
            self.paper, large, self.print_shop, fit_sheets=self.fit_sheets, overlap=self.overlap
        )

    @property
    def wall_paper(self) -> str:
        return (self.wall or self.office.large or self.paper).lower()


def build_kit(
    loaded: LoadedSession,
    out: Outputs,
    lang: str,
    options: KitOptions | None = None,
    progress: Callable[[str, int], None] | None = None,
    plan: Plan | None = None,
    **settings: Any,
) -> dict[str, Any]:
    """Write the whole kit into `out`; return the manifest. `options` (or its fields as
    keywords) say what the user prints on; `progress(label, total)` is called after each
    piece of work; `plan` is the session scheduled in `lang`, when the caller has it
    already."""
    from facilitation.load.printdata import theme as load_theme
    from facilitation.render.kit_pdf import booklet_pdf, checklist_pdf, guide_pdf
    from facilitation.text.messages import set_language
    from facilitation.view.agenda import agenda_view
    from facilitation.view.guide import example_flags

    o = options or KitOptions(**settings)
    set_language(lang)
    if o.since is not None:
        _old_manifest(Path(o.since), lang)  # a wrong folder is said before any work
    paper = o.paper
    template_dirs = o.template_dirs
    fr = lang == "fr"
    plan = plan or schedule(loaded, lang)
    session = plan.session
    programme = session.programme
    view = agenda_view(plan, lang)

    card_opts = CardOptions(
        format=o.card_format,
        sheet=paper,
        duplex=o.duplex,
        bleed=o.bleed,
        theme=o.theme,
        lang=lang,
        programme=programme,
        back_offset=o.back_offset,
        separate=o.separate_decks,
    )
    canvas_opts = CanvasOptions(
        lang=lang, programme=programme, copies_in_guide=True, office=o.office, overlap=o.overlap
    )
    booklet = f"02-{'livret-animation' if fr else 'facilitator-booklet'}-{lang}.pdf"

    def write_booklet(out: Outputs) -> list[Job]:
        pages = booklet_pdf(view, out.path(booklet), sheet_size(paper), load_theme(o.theme))
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
    parts = agenda_parts(
        plan,
        lang,
        paper,
        template_dirs=template_dirs,
        prefix="01-",
        view=view,
        wall=o.wall_paper,
        theme=o.theme,
        wall_form=o.wall_form,
        agenda_form=o.agenda_form,
    )
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
            load_theme(o.theme),
        )
        return [Job(checklist, "checklist", paper, "none", pages, sheets=pages, title="checklist")]

    tasks: list[Task] = [("checklist", write_checklist)]
    tasks += [agenda_task(kind, write) for kind, write in pdfs]
    tasks.append(agenda_task("texts", write_texts))
    tasks.append(("booklet", write_booklet))
    tasks += session_card_tasks(loaded, card_opts, plan)
    tasks += session_canvas_tasks(loaded, plan, canvas_opts)
    total = len(tasks) + 1
    report = progress or (lambda label, total: None)

    def step(label: str, total: int) -> None:
        report(task_label(label), total)

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
    step("guide", total)
    office = o.office
    guide_job = Job(guide, "guide", paper, "none", 1, sheets=1, title="guide")
    print_jobs.insert(0, guide_job)
    changes = compare_kits(o.since, print_jobs, out, lang) if o.since is not None else None
    for _attempt in range(3):  # the guide counts its own pages in the totals it prints
        totals = paper_totals(print_jobs, office)
        gpages = guide_pdf(
            title,
            view["heading"],
            programme,
            lang,
            print_jobs,
            out.path(guide),
            sheet_size(paper),
            totals,
            office=office,
            changes=changes,
            flags=example_flags(plan, lang),
            theme=load_theme(o.theme),
        )
        if gpages == guide_job.pages:
            break
        guide_job.pages = guide_job.sheets = gpages
    by_paper: dict[str, int] = {}
    for t in totals:
        by_paper[t["paper"]] = by_paper.get(t["paper"], 0) + t["sheets"]
    manifest = {
        "programme": programme,
        "session": title,
        "number": session.number,
        "lang": lang,
        "days": [d.day.date.isoformat() for d in plan.days],
        "printer": {"paper": office.sheet, "large": office.large, "print_shop": office.shop},
        "jobs": [{**asdict(j), "sha256": _sha256(out.tmp / j.name)} for j in print_jobs],
        "other_files": [j.name for j in jobs if not j.name.endswith(".pdf")],
        "sheets": by_paper,
        "paper": totals,
        "reprint": changes,
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
        "warnings": [w.format() for w in plan.warnings] + [w for j in jobs for w in j.warnings],
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


def paper_totals(jobs: list[Job], office: Office) -> list[dict[str, Any]]:
    """Sheets of each paper, by the printer they go to: the user's (its papers), another
    office printer or a copy shop (the larger office paper the user's does not take), a
    print shop (anything larger). The CLI and the printing guide both say these."""
    counts: dict[str, int] = {}
    for j in jobs:
        counts[j.paper] = counts.get(j.paper, 0) + j.sheets * j.copies
    office_papers = {"a4", "letter", "a3", "tabloid"}

    def printer(paper: str) -> str:
        if paper in office.papers:
            return "office"
        return "larger" if paper in office_papers else "shop"

    from facilitation.load.printdata import sheet_mm

    order = {"office": 0, "larger": 1, "shop": 2}
    rows = [{"printer": printer(p), "paper": p, "sheets": n} for p, n in counts.items() if n]

    def area(paper: str) -> float:
        w, h = sheet_mm(paper)
        return w * h

    return sorted(rows, key=lambda r: (order[r["printer"]], area(r["paper"]), r["paper"]))


def _old_manifest(folder: Path, lang: str) -> dict[str, Any]:
    """The manifest of an earlier kit: the file given, or the one in the folder in `lang`
    (*-manifest-fr.json; *-manifest.json, of kits made before manifests were named by
    language, when there is none)."""
    from facilitation.errors import Problem

    if folder.is_file():
        found = [folder]
    elif folder.is_dir():
        found = sorted(folder.glob(f"*-manifest-{lang}.json"))
        found = found or sorted(folder.glob("*-manifest.json"))
    else:
        found = []
    if len(found) != 1:
        raise UserError(
            Problem(
                _("no kit manifest found here") if not found else _("more than one manifest here"),
                file=str(folder),
                hint=_(
                    "give --since the folder of an earlier kit, or its manifest file "
                    "(*-manifest-{lang}.json)"
                ).format(lang=lang),
            )
        )
    try:
        data = json.loads(read_regular(found[0], 5_000_000).decode("utf-8"))
    except RecursionError:
        raise UserError(
            Problem(
                _("cannot read this manifest: {error}").format(error=_("it nests too deeply")),
                file=str(found[0]),
            )
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError(
            Problem(_("cannot read this manifest: {error}").format(error=exc), file=str(found[0]))
        ) from None
    if not isinstance(data, dict):
        raise UserError(
            Problem(
                _("this is not a kit manifest"),
                file=str(found[0]),
                hint=_("give --since the folder of an earlier kit"),
            )
        )
    return data


def compare_kits(since: Path, jobs: list[Job], out: Outputs, lang: str) -> dict[str, Any]:
    """What changed since an earlier kit, file by file (by content, whatever their names),
    and within card files sheet by sheet: what to print again, what is still good.

    The earlier files are read from its folder when they are there, else their hashes from
    its manifest."""
    since = Path(since)
    old = _old_manifest(since, lang)
    folder = since if since.is_dir() else since.parent
    old_jobs = _old_jobs(old)
    old_hash: dict[str, str] = {}
    real = folder.resolve()
    for name, j in old_jobs.items():
        f = folder / name
        inside = f.parent.resolve().is_relative_to(real)  # never a file out of its kit
        digest = j.get("sha256")
        old_hash[name] = (_sha256(f) if inside else None) or (
            digest if isinstance(digest, str) else ""
        )
    by_hash = {h: n for n, h in old_hash.items() if h}
    files = []
    for j in jobs:
        if j.kind == "guide":
            continue
        h = _sha256(out.tmp / j.name)
        entry: dict[str, Any] = {"name": j.name, "sheets": j.sheets, "copies": j.copies}
        if old_hash.get(j.name) == h:
            entry["status"] = "same"
        elif h in by_hash:
            entry["status"] = "same"
            entry["was"] = by_hash[h]
        elif j.name in old_jobs:
            entry["status"] = "changed"
            keys = old_jobs[j.name].get("sheet_keys") or []
            if not isinstance(keys, list):
                keys = []
            if keys and j.sheet_keys:
                changed = [
                    i + 1 for i, k in enumerate(j.sheet_keys) if i >= len(keys) or keys[i] != k
                ]
                entry["changed_sheets"] = changed
        else:
            entry["status"] = "new"
        files.append(entry)
    names = {j.name for j in jobs}
    gone = [n for n in old_jobs if n not in names and old_jobs[n].get("kind") != "guide"]
    return {"since": str(since), "files": files, "gone": gone}


def _old_jobs(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The files an earlier kit's manifest lists, by name: those it can have written (a name
    inside its folder), each once; anything else in the manifest is left aside. Why: the
    manifest is a file on disk like any other, and may have been edited or replaced."""
    from facilitation.jobs.output import safe_name

    jobs = manifest.get("jobs")
    out: dict[str, dict[str, Any]] = {}
    for j in jobs if isinstance(jobs, list) else []:
        if not isinstance(j, dict) or not isinstance(j.get("name"), str):
            continue
        try:
            safe_name(j["name"])
        except ValueError:
            continue
        out.setdefault(j["name"], j)
    return out


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
    except (UserError, ValueError, UnicodeDecodeError, RecursionError):
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
