"""An exercise as a readable sheet in a terminal."""

from __future__ import annotations

import textwrap
from typing import Any

from facilitation.model.exercise import Exercise
from facilitation.text.durations import format_duration
from facilitation.text.i18n import ARCS, COLOURS, word
from facilitation.text.i18n import tr as _tr
from facilitation.text.typography import typeset
from facilitation.view.words import duration_range, group_range, material_label, per_label

SUPPORT_KINDS = {
    "cards": {"fr": "cartes", "en": "cards"},
    "canvas": {"fr": "canevas mural", "en": "wall canvas"},
    "sheet": {"fr": "fiche A4", "en": "A4 sheet"},
}


def show(ex: Exercise, lang: str, width: int = 88, style: Any = None) -> str:
    """The whole exercise, as plain text wrapped to `width`. Step times are those of a block
    of twenty people (the Transfo's size) at the typical duration."""
    from facilitation.plan.timeline import Slot
    from facilitation.text.messages import _
    from facilitation.view.method import method_view, step_lines

    colon = " : " if lang == "fr" else ": "

    def tr(value: Any, lang: str) -> str:
        return typeset(_tr(value, lang), lang)

    bold = style or (lambda s: s)
    out: list[str] = []

    def para(text: str, indent: str = "", first: str | None = None) -> None:
        text = " ".join(typeset(text, lang).split())
        out.append(
            textwrap.fill(
                text,
                width=width,
                initial_indent=first if first is not None else indent,
                subsequent_indent=indent,
                break_on_hyphens=False,
            )
        )

    def heading(key: str) -> None:
        title(word(key, lang))

    def title(text: str) -> None:
        out.append("")
        out.append(bold(text.upper()))

    def bullets(items: list[str]) -> None:
        for item in items:
            para(item, indent="    ", first="  - ")

    def steps(lines: Any, indent: str = "  ") -> None:
        for s in lines:
            out.append(f"{indent}{s.number}. {typeset(s.title, lang)} ({s.meta})")
            para(s.instructions, indent=indent + "   ")

    slot = Slot.example(ex)
    titles: dict[str, str] = {}
    m = method_view(slot, lang, titles=titles)
    name = tr(ex.title, lang)
    out.append(bold(name))
    out.append(bold("=" * len(name)))
    if ex.tagline:
        para(tr(ex.tagline, lang))
    out.append("")
    facts = [
        f"{word('arc', lang)}{colon}{ARCS[ex.arc][lang]}",
        f"{word('duration', lang)}{colon}{duration_range(ex, lang)}",
        f"{word('group', lang)}{colon}{group_range(ex, lang)} {word('people', lang)}",
        f"{ex.configuration.label(lang)}",
    ]
    out.append(" · ".join(facts))
    if m.family:
        out.append(_("Family: {family}").format(family=m.family))
    if ex.tags:
        out.append(f"{word('tags', lang)}{colon}{', '.join(ex.tags)}")
    if ex.extends:
        out.append(f"{word('extends', lang)}{colon}{ex.extends}")
    for key in ("purpose", "invitation", "space"):
        value = getattr(ex, key)
        if value:
            heading(key)
            para(tr(value, lang))
    if m.team or m.roles:
        title(_("Facilitation team"))
        if m.team:
            para(m.team)
        bullets([_("{role}: {task}").format(role=r, task=t) for r, t in m.roles])
    if m.participation:
        title(_("Participation"))
        para(m.participation)
    if m.preparation or m.preparation_steps:
        title(_("Preparation"))
        if m.preparation:
            para(m.preparation)
        bullets(m.preparation_steps)
    if ex.materials:
        heading("materials")
        for mat in ex.materials:
            q = mat.quantity
            qty = str(int(q)) if float(q).is_integer() else str(q)
            label = material_label(mat, lang)
            if mat.colour:
                label += f" ({COLOURS[mat.colour][lang]})"
            extra = ""
            if mat.quantity_param:
                factor = ex.param_default(mat.quantity_param, lang)
                extra = f" × {factor} ({mat.quantity_param})"
            para(
                f"{label} — {qty}{extra} {per_label(mat.per, lang)}",
                indent="    ",
                first="  - ",
            )
    title(_("Steps for {n} people").format(n=slot.people))
    steps(m.steps)
    for key in ("makes_possible", "tips", "pitfalls", "vigilance", "outputs"):
        items = getattr(ex, key)
        if items:
            heading(key)
            bullets([tr(item, lang) for item in items])
    if m.in_transfo:
        title(_("In the Transfo"))
        para(m.in_transfo)
    if ex.strings.before or ex.strings.after:
        title(_("Strings"))
        if ex.strings.before:
            para(_("Usually before: {ids}").format(ids=", ".join(ex.strings.before)))
        if ex.strings.after:
            para(_("Usually after: {ids}").format(ids=", ".join(ex.strings.after)))
    if ex.variants:
        heading("variants")
        for v in ex.variants:
            head = f"{tr(v.title, lang)} [{v.id}]"
            if v.duration is not None:
                head += f" ({format_duration(v.duration.typical, lang)})".replace("\u00a0", " ")
            para(f"{head}{colon}{tr(v.description, lang)}", indent="    ", first="  - ")
            if v.without:
                para(
                    _("Does not print: {ids}").format(ids=", ".join(v.without)),
                    indent="    ",
                )
            if v.steps:
                steps(step_lines(Slot.example(ex, variant=v.id), lang), indent="      ")
    if ex.supports:
        heading("supports")
        for s in ex.supports:
            name = tr(s.title, lang) if s.title else s.id
            bits = [
                f"{SUPPORT_KINDS[s.kind][lang]} « {s.layout} »"
                if lang == "fr"
                else f"{SUPPORT_KINDS[s.kind][lang]} '{s.layout}'"
            ]
            if s.each:
                bits.append(
                    ("un par élément de « " + s.each + " »")
                    if lang == "fr"
                    else f"one per item of '{s.each}'"
                )
            elif s.per != "session":
                bits.append(per_label(s.per, lang))
            if s.source:
                bits.append(("contenu : " if lang == "fr" else "content: ") + s.source)
            para(f"{name} ({', '.join(bits)})", indent="    ", first="  - ")
            if s.instruction:
                para(
                    _("On each card: {text}").format(text=tr(s.instruction, lang)),
                    indent="      ",
                )
    if ex.parameters:
        heading("parameters")
        for name, p in ex.parameters.items():
            para(f"{name} ({p.type}){colon}{tr(p.label, lang)}", indent="    ", first="  - ")
            if p.help:
                para(tr(p.help, lang), indent="      ")
            if p.example:
                para(_("(the default is an example from one real case)"), indent="      ")
            value = ex.param_default(name, lang)
            for line in _value_lines(value):
                para(typeset(line, lang), indent="        ", first="      · ")
    for key in ("source", "credits"):
        value = getattr(ex, key)
        if value:
            out.append("")
            para(f"{word(key, lang)}{colon}{tr(value, lang)}")
    if ex.licence:
        out.append(f"{word('licence', lang)}{colon}{ex.licence}")
    return "\n".join(out).replace("\u00a0", " ").replace("\u202f", " ") + "\n"


def _value_lines(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        lines = []
        for v in value:
            if isinstance(v, dict):
                parts = []
                for k, x in v.items():
                    x = "; ".join(map(str, x)) if isinstance(x, list) else x
                    parts.append(f"{k}: {x}")
                lines.append(" — ".join(parts))
            else:
                lines.append(str(v))
        return lines
    return [str(value)]


def short_range(ex: Exercise, lang: str) -> str:
    """'45 min (20–75)': the typical duration, then the range in minutes."""
    d = ex.duration
    typical = format_duration(d.typical, lang).replace("\u00a0", " ")
    if d.min == d.max == d.typical:
        return typical
    return f"{typical} ({d.min}–{d.max})"


def table(exercises: list[Exercise], lang: str, width: int = 110) -> str:
    if not exercises:
        return word("no_match", lang) + "\n"
    head = [
        word("id", lang),
        word("title", lang),
        word("duration", lang),
        word("group", lang),
        word("arc", lang),
    ]
    rows = [
        [
            ex.id,
            _tr(ex.title, lang),
            short_range(ex, lang),
            group_range(ex, lang),
            ARCS[ex.arc][lang],
        ]
        for ex in exercises
    ]
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(5)]
    fixed = sum(widths) - widths[1] + 2 * 4
    widths[1] = max(12, min(widths[1], width - fixed))
    lines = []
    for r in [head, ["-" * w for w in widths], *rows]:
        cells = []
        for i, cell in enumerate(r):
            if len(cell) > widths[i]:
                cell = cell[: widths[i] - 1] + "…"
            cells.append(cell.ljust(widths[i]))
        lines.append("  ".join(cells).rstrip())
    lines.append(f"{len(exercises)} {word('exercises', lang)}")
    return "\n".join(lines) + "\n"
