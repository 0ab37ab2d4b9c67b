"""`facilitation compte-rendu` and `facilitation new retour`: what the Transfo publishes after
a session, from the session and its retour.

Without a retour beside the session, the compte rendu is a Markdown skeleton to write from:
the session's title, dates and places, its people and roles, each day's blocks with why they
were planned and what the method gives, as prompts. With a retour, it is the article (HTML
with its photos resized in images/, PDF, Markdown) and the planned-versus-run table for the
team (Markdown, and PDF with the PDFs). Photos not cleared and named quotes without consent
are refused, with their line in the retour, before anything is written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.jobs.agenda import Written, agenda_glyph_check, slug
from facilitation.jobs.output import Outputs, format_list
from facilitation.jobs.skeleton import write_new
from facilitation.load.retour import (
    LoadedRetour,
    block_places,
    find_retour,
    load_retour,
    retour_path,
)
from facilitation.load.sessions import iter_blocks
from facilitation.load.validation import Locator
from facilitation.load.yamlio import format_path
from facilitation.model.words import logistics_label
from facilitation.plan.as_run import as_run
from facilitation.plan.timeline import Plan
from facilitation.text.dates import long_date, time_range
from facilitation.text.i18n import tr
from facilitation.text.messages import _, language, set_language
from facilitation.view.compte_rendu import IMAGES

FORMATS = ("md", "html", "pdf")


@dataclass
class Report:
    """What a compte-rendu run wrote, from which retour, and what it warns of."""

    written: list[Written] = field(default_factory=list)
    retour: Path | None = None
    warnings: list[Problem] = field(default_factory=list)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Words in `lang` for the time of a job, the run's language afterwards."""
    before = language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def parse_formats(value: str) -> tuple[str, ...]:
    return format_list(value, FORMATS)


def base_name(plan: Plan) -> str:
    return slug(f"{plan.session.programme}-{plan.session.number or ''}")


def names(plan: Plan, lang: str) -> dict[str, str]:
    """The files' names, in the language of the compte rendu."""
    base = base_name(plan)
    fr = lang == "fr"
    return {
        "article": f"{base}-{'compte-rendu' if fr else 'report'}-{lang}",
        "skeleton": f"{base}-{'compte-rendu-a-completer' if fr else 'report-draft'}-{lang}.md",
        "table": f"{base}-{'prevu-realise' if fr else 'planned-vs-run'}-{lang}",
    }


def write_compte_rendu(
    plan: Plan,
    out: Outputs,
    lang: str,
    formats: tuple[str, ...] = FORMATS,
    template_dirs: list[Path] | None = None,
) -> Report:
    """The compte rendu of a session into an open Outputs: the article and the team's table
    when a retour is beside the session, else the Markdown skeleton."""
    with speaking(lang):
        found = find_retour(plan.loaded.path)
        if found is None:
            return Report([write_skeleton(plan, out, lang, template_dirs or [])])
        retour = load_retour(found, plan.loaded, lang)
        written = write_article(plan, retour, out, lang, formats, template_dirs or [])
        return Report(written, found, retour.warnings)


def write_skeleton(plan: Plan, out: Outputs, lang: str, template_dirs: list[Path]) -> Written:
    from facilitation.render.article_text import render
    from facilitation.view.compte_rendu import article_view, prompts

    view = article_view(as_run(plan, None), lang)
    view["prompts"] = prompts()
    name = names(plan, lang)["skeleton"]
    out.path(name).write_text(
        render("compte-rendu-skeleton.md.j2", view, template_dirs, html=False), encoding="utf-8"
    )
    return Written(name, "markdown")


def write_article(
    plan: Plan,
    retour: LoadedRetour,
    out: Outputs,
    lang: str,
    formats: tuple[str, ...],
    template_dirs: list[Path],
) -> list[Written]:
    """The article and the planned-versus-run table. Refuses (UserError, nothing written)
    what is not cleared, photos that cannot be decoded, characters the PDF font lacks."""
    from facilitation.render.article_text import render
    from facilitation.view.compte_rendu import article_view, run_table_view

    refused = retour.refusals()
    if refused:
        raise UserError(refused)
    rp = as_run(plan, retour)
    view = article_view(rp, lang)
    table = run_table_view(rp, lang)
    if "pdf" in formats:
        _glyph_check(plan, retour, view, table)
    written: list[Written] = []
    sizes: dict[str, tuple[int, int]] = {}
    if "html" in formats or "md" in formats or "pdf" in formats:
        from facilitation.render.article_photos import web_photo

        for item in view["images"]:
            sizes[item["src"]] = web_photo(item["file"], out.path(item["src"]))
        _fill_sizes(view, sizes)
        if "html" in formats or "md" in formats:
            written += [Written(src, "photo") for src in sizes]
    n = names(plan, lang)
    for fmt in ("html", "md"):
        if fmt in formats:
            name = f"{n['article']}.{fmt}"
            body = render(f"compte-rendu.{fmt}.j2", view, template_dirs, html=fmt == "html")
            out.path(name).write_text(body, encoding="utf-8")
            written.append(Written(name, "html" if fmt == "html" else "markdown"))
    if "pdf" in formats:
        from facilitation.render.article_pdf import article_pdf, run_table_pdf

        name = f"{n['article']}.pdf"
        article_pdf(view, out.path(name), out.tmp)
        written.append(Written(name, "article", paper="a4"))
    name = f"{n['table']}.md"
    out.path(name).write_text(
        render("prevu-realise.md.j2", table, template_dirs, html=False), encoding="utf-8"
    )
    written.append(Written(name, "markdown"))
    if "pdf" in formats:
        name = f"{n['table']}.pdf"
        run_table_pdf(table, out.path(name))
        written.append(Written(name, "table", paper="a4"))
    if "pdf" in formats and not ("html" in formats or "md" in formats):
        # the photos served the PDF only: they are not part of what was asked for
        for src in sizes:
            os.remove(out.tmp / src)
            out.written.remove(src)
        if sizes:
            try:
                os.rmdir(out.tmp / IMAGES)  # and their folder, now empty
            except OSError:
                pass
    return written


def _fill_sizes(value: Any, sizes: dict[str, tuple[int, int]]) -> None:
    """Each photo of the view gets the size of its web copy (for <img width height>)."""
    if isinstance(value, dict):
        if "src" in value and value.get("src") in sizes and "width" in value:
            value["width"], value["height"] = sizes[value["src"]]
        for k, v in value.items():
            if k != "images":
                _fill_sizes(v, sizes)
    elif isinstance(value, list):
        for v in value:
            _fill_sizes(v, sizes)


def _glyph_check(
    plan: Plan, retour: LoadedRetour, view: dict[str, Any], table: dict[str, Any]
) -> None:
    """Characters the PDF font cannot draw (an emoji in a quote): said at their line in the
    retour or the session, before anything is drawn."""
    from facilitation.render.pdf import glyph_problems

    strings: list[tuple[tuple[Any, ...], str]] = []

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if isinstance(value, str):
            strings.append((path, value))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))

    walk(retour.doc.data, ())
    paths = {format_path(p): p for p, _text in strings}
    locator = Locator([retour.doc])
    problems = []
    for p in glyph_problems([(format_path(path), text) for path, text in strings]):
        file, line, column = locator.locate(paths[p.path])
        problems.append(
            replace(
                p,
                file=file,
                line=line,
                column=column,
                hint=_(
                    "replace these characters, or write the compte rendu without its PDF "
                    "(--format md,html)"
                ),
            )
        )
    if problems:
        raise UserError(problems)
    agenda_glyph_check({}, plan)  # the session's own texts, at their lines
    rest = {k: v for k, v in view.items() if k not in ("images", "words")}
    agenda_glyph_check({"article": rest, "table": table}, None)


# --- the retour's skeleton -------------------------------------------------------------------
def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def retour_skeleton(plan: Plan, lang: str) -> str:
    """The text of a retour to fill in: every block of the session, named by its id or its
    place, with its planned time and title in a comment; what the method usually gives as a
    prompt; the session's `after` as the next steps."""
    with speaking(lang):
        return _retour_skeleton(plan, lang)


def _retour_skeleton(plan: Plan, lang: str) -> str:
    from facilitation.view.agenda import session_heading

    s = plan.session
    loaded = plan.loaded
    session_file = loaded.path.name
    places = block_places(loaded)
    slots = {x.path: x for x in plan.all_slots()}
    lines = [
        "# "
        + _('Retour of the session "{title}" ({heading}), for its compte rendu.').format(
            title=tr(s.title, lang), heading=session_heading(plan, lang)
        ),
        "# " + _("Fill it in after the session, then:"),
        f"#   facilitation check {session_file}",
        f"#   facilitation compte-rendu {session_file} -o compte-rendu/",
        "# " + _("Every text is a string, or {fr: ..., en: ...} for both languages."),
        "# "
        + _(
            'Blocks are named by their id, or by their place "day/block" ("1/3": the '
            "third block of day 1)."
        ),
        "# "
        + _(
            "Photos: paths from the session's folder (photos/debate.jpg), JPEG or PNG. A "
            "photo appears only"
        ),
        "# "
        + _(
            "with 'cleared: true': everyone recognisable on it agreed in writing to this "
            "use (or nobody is)."
        ),
        "# "
        + _(
            "Quotes are anonymous: 'who' describes who spoke without naming them; 'name' "
            "needs 'consent: true'."
        ),
        "# "
        + _(
            "When a block ran otherwise than planned: 'ran' with its start, duration (or end), day;"
        ),
        "# "
        + _(
            "'dropped: true' when it did not take place; 'why' says why. A block that was "
            "not planned:"
        ),
        "# "
        + _(
            "an entry without 'block', with its 'title' and 'ran: {day: 1, start: \"14:00\", "
            "duration: 30 min}'."
        ),
        "",
        "author: " + _q(s.programme) + "   # " + _("who signs the compte rendu"),
        'credit: ""   # ' + _("the credit of the photos that have none of their own"),
        f"participants: {s.participants}   # "
        + _("how many were there (planned: {n})").format(n=s.participants),
        'intro: ""   # ' + _("the context and the practical case, for readers"),
        "goals: []   # " + _("the learning goals"),
        "named: []   # " + _("ids of the session's people the compte rendu may name: they agreed"),
        "photos: []   # "
        + _("photos of the whole session: - {file: ..., caption: ..., cleared: true}"),
        "quotes: []   # " + _("participants' words not tied to one block"),
        "",
        "blocks:",
    ]
    for d in plan.days:
        lines.append(
            "  # " + _("Day {n} — {date}").format(n=d.index + 1, date=long_date(d.day.date, lang))
        )
        for path, block, parent in iter_blocks(s):
            if path[1] != d.index:
                continue
            slot = slots.get(path)
            ref = block.id or places[path]
            when = time_range(slot.start, slot.end, lang) if slot else ""
            title = slot.title(lang) if slot else ""
            if slot is not None and slot.track is not None:
                title = _("{track}: {title}").format(track=tr(slot.track.name, lang), title=title)
            comment = f"   # {when} · {title}".replace("\u00a0", " ")
            indent = "  " if parent is None else "  "
            if block.logistics or block.tracks:  # logistics in the retour's language
                guard = (
                    f", logistics: {logistics_label(block.logistics)}" if block.logistics else ""
                )
                lines.append(f"{indent}- {{block: {_q(ref)}{guard}}}{comment}")
                continue
            lines.append(f"{indent}- block: {_q(ref)}{comment}")
            if block.exercise:
                lines.append(f"{indent}  exercise: {block.exercise}")
            lines.append(f'{indent}  story: ""   # ' + _("what was done, how it went"))
            ex = slot.exercise if slot else None
            if ex is not None and ex.outputs and block.exercise and not block.continues:
                lines.append(f"{indent}  # " + _("What the group gets:"))
                for o in ex.outputs:
                    lines += _wrapped(tr(o, lang), f"{indent}  #   - ", f"{indent}  #     ")
            lines.append(f"{indent}  produced: []   # " + _("what the group produced"))
            lines.append(f"{indent}  quotes: []")
            lines.append(f"{indent}  photos: []")
            if slot is not None:
                start = f"{slot.start // 60 % 24}:{slot.start % 60:02d}"
                lines.append(
                    f'{indent}  # ran: {{start: "{start}", duration: {slot.minutes} min}}'
                    '   dropped: true   why: ""'
                )
    lines += [
        "",
        "debrief: []   # " + _("the remarks of the debrief"),
        "decisions: []",
    ]
    if s.after:
        lines.append("next:   # " + _("what comes next (the session's plan: edit it)"))
        lines += [f"  - {_q(tr(x, lang))}" for x in s.after]
    else:
        lines.append("next: []   # " + _("what comes next"))
    lines.append(
        '# next_session: {dates: [2025-06-12, 2025-06-13], title: ""}   # '
        + _("the next session's dates")
    )
    return "\n".join(lines).replace("\u00a0", " ").replace("\u202f", " ") + "\n"


def _wrapped(text: str, first: str, rest: str, width: int = 100) -> list[str]:
    """A text as comment lines of at most `width` characters."""
    import textwrap

    return textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first.rstrip()]


def write_retour_skeleton(plan: Plan, lang: str) -> Path:
    """Write the retour's skeleton beside the session; never over an existing retour."""
    with speaking(lang):
        existing = find_retour(plan.loaded.path)
        if existing is not None:
            raise UserError(
                Problem(
                    _("a retour exists already"),
                    file=str(existing),
                    hint=_("edit it; to start again, move it away first"),
                )
            )
        text = retour_skeleton(plan, lang)
        target = retour_path(plan.loaded.path)
        # never over a file that came meanwhile, nor through a link; nothing half-written
        write_new(target, text, hint=_("edit it; to start again, move it away first"))
        return target


def check_retour(plan: Plan, lang: str) -> LoadedRetour | None:
    """The retour beside the session, checked against it (UserError on what is wrong); its
    warnings and what is not cleared yet are the retour's `warnings` and `consent`."""
    found = find_retour(plan.loaded.path)
    if found is None:
        return None
    retour = load_retour(found, plan.loaded, lang)
    as_run(plan, retour)  # times that cannot be
    return retour
