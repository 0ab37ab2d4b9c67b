"""An exercise as the facilitator reads it, in one language: the texts of the facilitator
card (and of any output that prints the method), picked once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.model.exercise import Exercise
from facilitation.model.words import arc_label, per_short
from facilitation.text.durations import format_duration
from facilitation.text.i18n import tr
from facilitation.text.messages import _
from facilitation.text.typography import number
from facilitation.view.words import group_range, material_label

Run = tuple[str, Any]  # (style, text): label | bullet | step (minutes, title, text) | italic | body


@dataclass
class SheetView:
    """The facilitator card's texts: header, facts line, and the body as runs."""

    id: str
    arc: str
    lang: str
    name: str  # for messages: "debat-mouvant / fiche animateur"
    title: str
    tagline: str
    facts: str
    runs: list[Run] = field(default_factory=list)  # without the tips
    tips: list[Run] = field(default_factory=list)  # the tips, when there is room
    continued: str = ""  # "(suite)"
    steps_continued: str = ""  # "Déroulé (suite)"

    def body(self, tips: bool) -> list[Run]:
        return self.runs + (self.tips if tips else [])


def sheet_view(ex: Exercise, lang: str) -> SheetView:
    d = ex.duration
    facts = _("{arc} · {typical} ({min}–{max}) · {group} people · {configuration}").format(
        arc=arc_label(ex.arc),
        typical=format_duration(d.typical, lang),
        min=format_duration(d.min or 0, lang),
        max=format_duration(d.max or 0, lang),
        group=group_range(ex, lang),
        configuration=ex.configuration.label(),
    )
    runs: list[Run] = []
    if ex.materials:
        runs.append(("label", _("Materials")))
        for m in ex.materials:
            q = m.quantity
            qty = number(q, lang)
            runs.append(("bullet", f"{material_label(m, lang)} — {qty}{per_short(m.per)}"))
    runs.append(("label", _("Steps")))
    for st in ex.steps:
        runs.append(("step", (st.minutes, tr(st.title, lang), tr(st.instructions, lang))))
    if ex.vigilance:
        runs.append(("label", _("Vigilance")))
        runs.extend(("bullet", tr(v, lang)) for v in ex.vigilance)
    tips: list[Run] = []
    if ex.tips:
        tips.append(("label", _("Tips")))
        tips.extend(("bullet", tr(t, lang)) for t in ex.tips)
    return SheetView(
        id=ex.id,
        arc=ex.arc,
        lang=lang,
        name=_("{id} / facilitator card").format(id=ex.id),
        title=tr(ex.title, lang),
        tagline=tr(ex.tagline, lang) if ex.tagline else "",
        facts=facts,
        runs=runs,
        tips=tips,
        continued=_("continued"),
        steps_continued=_("Steps (continued)"),
    )
