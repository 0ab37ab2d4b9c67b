"""An exercise as a readable sheet in a terminal."""

from __future__ import annotations

import textwrap
from typing import Any

from facilitation.load.vocabulary import tag_label
from facilitation.model.exercise import Exercise
from facilitation.model.words import arc_label, colour_label, support_kind_label
from facilitation.text.durations import format_duration
from facilitation.text.i18n import tr as pick_text
from facilitation.text.messages import _, ngettext
from facilitation.text.typography import number, typeset
from facilitation.view.words import (
    duration_range,
    field_label,
    group_range,
    material_label,
    per_label,
)


def headings() -> dict[str, str]:
    """The headings of an exercise's sheet, in the run's language."""
    return {
        "purpose": _("Purpose"),
        "invitation": _("Invitation"),
        "space": _("Space"),
        "materials": _("Materials"),
        "steps": _("Steps"),
        "tips": _("Tips"),
        "pitfalls": _("Pitfalls"),
        "variants": _("Variants"),
        "vigilance": _("Points of vigilance"),
        "outputs": _("Outputs"),
        "supports": _("Printed supports"),
        "parameters": _("Parameters"),
        "makes_possible": _("What it makes possible"),
        "source": _("Source"),
        "credits": _("Credits"),
    }


def show(ex: Exercise, lang: str, width: int = 88, style: Any = None) -> str:
    """The whole exercise, as plain text wrapped to `width`. Step times are those of a block
    of twenty people (the Transfo's size) at the typical duration."""
    from facilitation.plan.timeline import Slot
    from facilitation.view.method import method_view, step_lines

    words = headings()

    def labelled(label: str, value: str) -> str:
        return _("{label}: {value}").format(label=label, value=value)

    def tr(value: Any, lang: str) -> str:
        return typeset(pick_text(value, lang), lang)

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
        title(words[key])

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
        labelled(_("arc"), arc_label(ex.arc)),
        labelled(_("duration"), duration_range(ex, lang)),
        labelled(_("group"), _("{range} people").format(range=group_range(ex, lang))),
        ex.configuration.label(),
    ]
    out.append(" · ".join(facts))
    if m.family:
        out.append(_("Family: {family}").format(family=m.family))
    if ex.tags:
        out.append(labelled(_("Tags"), ", ".join(tag_label(t) for t in ex.tags)))
    if ex.extends:
        out.append(labelled(_("Extends"), ex.extends))
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
            qty = number(mat.quantity, lang)
            label = material_label(mat, lang)
            if mat.colour:
                label += f" ({colour_label(mat.colour)})"
            extra = ""
            if mat.quantity_param:
                factor = ex.param_default(mat.quantity_param, lang)
                extra = f" × {factor} ({mat.quantity_param})"
            para(f"{label} — {qty}{extra} {per_label(mat.per)}", indent="    ", first="  - ")
    title(
        ngettext("Steps for {n} person", "Steps for {n} people", slot.people).format(n=slot.people)
    )
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
            para(labelled(head, tr(v.description, lang)), indent="    ", first="  - ")
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
            bits = [_("{kind} '{layout}'").format(kind=support_kind_label(s.kind), layout=s.layout)]
            if s.each:
                bits.append(_("one per item of '{name}'").format(name=s.each))
            elif s.per != "session":
                bits.append(per_label(s.per))
            if s.source:
                bits.append(labelled(_("content"), s.source))
            para(f"{name} ({', '.join(bits)})", indent="    ", first="  - ")
            if s.instruction:
                para(
                    _("On each card: {text}").format(text=tr(s.instruction, lang)),
                    indent="      ",
                )
    if ex.parameters:
        heading("parameters")
        for name, p in ex.parameters.items():
            kind = param_kinds().get(p.type, p.type)
            para(labelled(f"{name} ({kind})", tr(p.label, lang)), indent="    ", first="  - ")
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
            para(labelled(words[key], tr(value, lang)))
    if ex.licence:
        out.append(labelled(_("Licence"), ex.licence))
    return "\n".join(out).replace("\u00a0", " ").replace("\u202f", " ") + "\n"


def param_kinds() -> dict[str, str]:
    """What kind of value a parameter takes, as the sheet says it."""
    return {
        "text": _("text"),
        "integer": _("whole number"),
        "list": _("list"),
        "records": _("records"),
    }


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
                    parts.append(_("{label}: {value}").format(label=field_label(k), value=x))
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
    """The exercises as `facilitation list` prints them: id, title, duration, group, arc
    and tags, in the run's language."""
    if not exercises:
        return _("No exercise matches.") + "\n"
    head = [_("id"), _("title"), _("duration"), _("group"), _("arc"), _("tags")]
    rows = [
        [
            ex.id,
            pick_text(ex.title, lang),
            short_range(ex, lang),
            group_range(ex, lang),
            arc_label(ex.arc),
            ", ".join(tag_label(t) for t in ex.tags),
        ]
        for ex in exercises
    ]
    n = ngettext("{n} exercise", "{n} exercises", len(exercises)).format(n=len(exercises))
    return columns(head, rows, width, flexible=(1, 5)) + n + "\n"


def columns(
    head: list[str], rows: list[list[str]], width: int = 110, flexible: tuple[int, ...] = ()
) -> str:
    """A plain-text table: the columns in `flexible` take what the others leave of `width`,
    in that order of priority, at least 12 characters each (longer cells end with '…'); the
    others keep their widest cell."""
    ncol = len(head)
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(ncol)]
    fixed = sum(w for i, w in enumerate(widths) if i not in flexible) + 2 * (ncol - 1)
    room = max(12 * len(flexible), width - fixed)
    for k, i in enumerate(flexible):
        later = 12 * (len(flexible) - k - 1)  # what the columns after it need at least
        widths[i] = max(12, min(widths[i], room - later))
        room -= widths[i]
    lines = []
    for r in [head, ["-" * w for w in widths], *rows]:
        cells = []
        for i, cell in enumerate(r):
            if len(cell) > widths[i]:
                cell = cell[: widths[i] - 1] + "…"
            cells.append(cell.ljust(widths[i]))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
