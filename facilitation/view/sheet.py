"""An exercise as the facilitator reads it, in one language: the texts of the facilitator
card, picked once. The card carries the whole method (view/method.py): purpose, invitation,
space, team and roles, preparation, materials with their colours and counts, the numbered
steps with their configuration and minutes, the contents participants get, tips, pitfalls,
what to watch out for, the variants in one line each, what the group gets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.model.exercise import Exercise
from facilitation.plan.timeline import Slot
from facilitation.text.messages import _, ngettext
from facilitation.view.method import MethodView, method_view

Run = tuple[str, Any]  # (style, text): label | bullet | step (meta, title, text) | italic | body


@dataclass
class SheetView:
    """The facilitator card's texts: header, facts line, and the body as runs, from the
    whole method down to shorter versions for when a card cannot hold it."""

    id: str
    arc: str
    lang: str
    name: str  # for messages: "debat-mouvant / fiche animateur"
    title: str
    tagline: str
    facts: str
    runs: list[Run] = field(default_factory=list)  # the whole method
    shorter: list[list[Run]] = field(default_factory=list)  # shorter bodies, in order
    continued: str = ""  # "(suite)"
    family: str = ""  # the method's family: its pictogram

    def bodies(self) -> list[list[Run]]:
        """The body, whole first, then shorter (each once: a method without long contents
        is the same at several levels)."""
        out = [self.runs]
        for b in self.shorter:
            if b != out[-1]:
                out.append(b)
        return out

    def section_at(self, runs: list[Run], k: int) -> str:
        """The heading a back that starts at run `k` continues ('Steps (continued)')."""
        for style, text in reversed(runs[: k + 1]):
            if style == "label":
                return _("{section} (continued)").format(section=text)
        return ""


def _section(runs: list[Run], label: str, items: list[str], style: str = "bullet") -> None:
    if items:
        runs.append(("label", label))
        runs.extend((style, x) for x in items)


PARAM_LINES = {4: 12, 5: 4}  # a parameter's lines kept on the card at levels 4 and 5
LINE_CHARS = {4: 160, 5: 90}  # characters kept of each of those lines


def _clip(text: str, n: int) -> str:
    """`text` cut at a word before `n` characters, with an ellipsis."""
    if len(text) <= n:
        return text
    cut = text[:n].rsplit(" ", 1)[0] if " " in text[:n] else text[:n]
    return cut.rstrip(" ,;:") + "…"


def _param_lines(p: Any, level: int) -> list[str]:
    """A parameter's lines as the card prints them at `level`: whole, then one short line
    each, then (4, 5) the first few only, each cut short, and how many more the cards and
    the booklet hold."""
    if level < 1:
        return p.items
    if level < 4:
        return p.short
    keep = PARAM_LINES[level]
    lines = [_clip(x, LINE_CHARS[level]) for x in p.short[:keep]]
    more = len(p.short) - len(lines)
    if more > 0:
        lines.append(
            ngettext(
                "… and {n} more: on the cards and in the booklet",
                "… and {n} more: on the cards and in the booklet",
                more,
            ).format(n=more)
        )
    return lines


def sheet_runs(m: MethodView, level: int = 0) -> list[Run]:
    """The method as runs of a facilitator card, in the order the day needs them. Level 0
    is the whole method; each level above leaves something to the booklet and `show`, for a
    method too long for both sides of an A5 card: 1 the contents participants get in one
    short line each, 2 the tips, 3 the preparation's steps and the variants' descriptions,
    4 all but the first twelve lines of each content (a hundred statements), each cut to a
    line or two, 5 all but the first four."""
    runs: list[Run] = []
    if m.purpose:
        runs += [("label", _("Purpose")), ("body", m.purpose)]
    if m.invitation:
        runs += [("label", _("Invitation")), ("italic", m.invitation)]
    if m.space:
        runs += [("label", _("Space")), ("body", m.space)]
    if m.team or m.roles:
        runs.append(("label", _("Facilitation team")))
        if m.team:
            runs.append(("body", m.team))
        runs.extend(("bullet", _("{role}: {task}").format(role=r, task=t)) for r, t in m.roles)
    if m.participation:
        runs += [("label", _("Participation")), ("body", m.participation)]
    if m.preparation or m.preparation_steps:
        runs.append(("label", _("Preparation")))
        if m.preparation:
            runs.append(("italic", m.preparation))
        if level < 3:
            runs.extend(("bullet", s) for s in m.preparation_steps)
    _section(runs, _("Materials"), m.materials)
    runs.append(("label", _("Steps")))
    for s in m.steps:
        runs.append(("step", (s.meta, f"{s.number}. {s.title}", s.instructions)))
    for p in m.params:
        _section(runs, p.label, _param_lines(p, level))
    if level < 2:
        _section(runs, _("Tips"), m.tips)
    _section(runs, _("Pitfalls"), m.pitfalls)
    _section(runs, _("Watch out for"), m.vigilance)
    if level < 3:
        _section(runs, _("Variants"), m.variants)
    elif m.variant_titles:
        runs += [("label", _("Variants")), ("body", " · ".join(m.variant_titles))]
    _section(runs, _("Outputs"), m.outputs)
    if level >= 2:
        runs.append(
            ("italic", _("The whole method, tips included: facilitation show {id}").format(id=m.id))
        )
    return runs


def sheet_view(
    ex: Exercise, lang: str, slot: Slot | None = None, facilitators: int = 1
) -> SheetView:
    """The facilitator card of a method as `slot` runs it (without one: at Transfo size,
    as written)."""
    session = slot is not None
    slot = slot or Slot.example(ex)
    m = method_view(slot, lang, session=session, facilitators=facilitators)
    facts = m.facts
    if m.variant:
        facts += " · " + _("variant: {name}").format(name=m.variant)
    return SheetView(
        id=ex.id,
        arc=ex.arc,
        family=ex.family or "",
        lang=lang,
        name=_("{id} / facilitator card").format(id=ex.id),
        title=m.title,
        tagline=m.tagline,
        facts=facts,
        runs=sheet_runs(m),
        shorter=[sheet_runs(m, level) for level in (1, 2, 3, 4, 5)],
        continued=_("continued"),
    )
