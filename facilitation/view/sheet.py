"""An exercise as the facilitator reads it, in one language: the texts of the facilitator
card (and of any output that prints the method), picked once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.model.exercise import Exercise
from facilitation.text.durations import format_duration
from facilitation.text.i18n import ARCS, tr
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


_PER = {
    "participant": {"fr": "/pers.", "en": "/person"},
    "pair": {"fr": "/binôme", "en": "/pair"},
    "group": {"fr": "/groupe", "en": "/group"},
    "session": {"fr": "", "en": ""},
    "facilitator": {"fr": "/animateur", "en": "/facilitator"},
}


def sheet_view(ex: Exercise, lang: str) -> SheetView:
    fr = lang == "fr"
    d = ex.duration
    facts = (
        f"{ARCS[ex.arc][lang]} · {format_duration(d.typical, lang)} "
        f"({format_duration(d.min or 0, lang)}–{format_duration(d.max or 0, lang)}) · "
        f"{group_range(ex, lang)} {'pers.' if fr else 'people'} · "
        f"{ex.configuration.label(lang)}"
    )
    runs: list[Run] = []
    if ex.materials:
        runs.append(("label", "Matériel" if fr else "Materials"))
        for m in ex.materials:
            q = m.quantity
            qty = str(int(q)) if float(q).is_integer() else str(q)
            runs.append(("bullet", f"{material_label(m, lang)} — {qty}{_PER[m.per][lang]}"))
    runs.append(("label", "Déroulé" if fr else "Steps"))
    for st in ex.steps:
        runs.append(("step", (st.minutes, tr(st.title, lang), tr(st.instructions, lang))))
    if ex.vigilance:
        runs.append(("label", "Vigilance"))
        runs.extend(("bullet", tr(v, lang)) for v in ex.vigilance)
    tips: list[Run] = []
    if ex.tips:
        tips.append(("label", "Conseils" if fr else "Tips"))
        tips.extend(("bullet", tr(t, lang)) for t in ex.tips)
    return SheetView(
        id=ex.id,
        arc=ex.arc,
        lang=lang,
        name=f"{ex.id} / {'fiche animateur' if fr else 'facilitator card'}",
        title=tr(ex.title, lang),
        tagline=tr(ex.tagline, lang) if ex.tagline else "",
        facts=facts,
        runs=runs,
        tips=tips,
        continued="suite" if fr else "continued",
        steps_continued="Déroulé (suite)" if fr else "Steps (continued)",
    )
