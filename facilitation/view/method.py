"""A method as a block runs it, whole, in one language: what the facilitator card, the
booklet, the run-sheet and `show` print.

Everything comes from one block (a Slot): its head count and length time the steps (texts
say the computed minutes), its variant chooses the steps, its parameters (the session's, else
the method's own, wherever the method was defined) are the contents participants get. Without
a session, a block is imagined at Transfo size (twenty people, the typical duration).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.load.vocabulary import family_label
from facilitation.model.exercise import Exercise, Variant
from facilitation.model.words import arc_label, colour_label
from facilitation.plan.quantities import factor, materials_of, units
from facilitation.plan.steps import StepTime
from facilitation.plan.supports import card_supports, param_value
from facilitation.plan.timeline import Slot
from facilitation.text.dates import clock
from facilitation.text.durations import format_duration
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext
from facilitation.text.typography import number
from facilitation.view.words import group_range, material_label


@dataclass
class StepLine:
    """One numbered step as printed."""

    number: int
    title: str
    minutes: int
    configuration: str  # "en plénière", "groupes de 4"
    instructions: str  # with the block's own minutes in it
    turns: str = ""  # "5 × 3 min" for a step run by each team in turn
    time: str = ""  # its clock time, in a session

    @property
    def meta(self) -> str:
        """'15 min · 5 × 3 min · en plénière'."""
        bits = [f"{self.minutes}\u00a0min", self.turns, self.configuration]
        return " · ".join(b for b in bits if b)


@dataclass
class ParamLines:
    """A parameter's values as the facilitator reads them (statements, personas...)."""

    name: str
    label: str
    items: list[str]
    short: list[str]  # the same, one short line each (a record's first field)


@dataclass
class MethodView:
    id: str
    arc: str
    title: str
    tagline: str
    facts: str
    variant: str = ""  # the block's variant, by its title
    purpose: str = ""
    invitation: str = ""
    space: str = ""
    participation: str = ""
    team: str = ""  # "2 facilitators, who do not take part"
    roles: list[tuple[str, str]] = field(default_factory=list)
    preparation: str = ""  # "The day before · about 40 min"
    preparation_steps: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    steps: list[StepLine] = field(default_factory=list)
    params: list[ParamLines] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    pitfalls: list[str] = field(default_factory=list)
    vigilance: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)  # one line each
    variant_titles: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    makes_possible: list[str] = field(default_factory=list)
    in_transfo: str = ""
    family: str = ""
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def step_lines(slot: Slot, lang: str, clock_times: bool = False) -> list[StepLine]:
    """The block's steps, numbered, with their minutes and configuration, texts filled."""
    ex = slot.exercise
    if ex is None:
        return []
    block_conf = slot.block.split or ex.configuration
    out = []
    for n, (t, st) in enumerate(slot.timed_steps(), 1):
        conf = st.step.configuration or block_conf
        out.append(
            StepLine(
                number=n,
                title=st.fill(tr(st.step.title, lang)),
                minutes=st.minutes,
                configuration=conf.label(lang),
                instructions=st.fill(tr(st.step.instructions, lang)),
                turns=turns_text(st),
                time=clock(t, lang) if clock_times else "",
            )
        )
    return out


def turns_text(st: StepTime) -> str:
    if st.teams is None or st.each is None:
        return ""
    return _("{teams} × {each} min").format(teams=st.teams, each=st.each)


def first_sentence(text: str) -> str:
    """A text's first sentence (for one-line variants)."""
    text = " ".join(text.split())
    for end in (". ", " ! ", " ? ", "! ", "? "):
        i = text.find(end)
        if 0 < i < len(text) - len(end):
            return text[: i + len(end.rstrip())]
    return text


def variant_line(v: Variant, lang: str) -> str:
    """'Short version (20 min): Two statements only, to open a half-day.'"""
    title = tr(v.title, lang)
    if v.duration is not None:
        title += f" ({format_duration(v.duration.typical, lang)})"
    return _("{title}: {text}").format(title=title, text=first_sentence(tr(v.description, lang)))


def material_lines(slot: Slot, lang: str, facilitators: int = 1) -> list[str]:
    """Each material with its colour and the count this block needs."""
    ex = slot.exercise
    if ex is None:
        return []
    out = []
    for m in materials_of(ex, slot.block.variant):
        label = material_label(m, lang)
        if m.colour:
            label += f" ({colour_label(m.colour)})"
        n = units(m.per, slot, facilitators)
        k = factor(ex, m.quantity_param, lang, slot.block.params)
        total = m.quantity * n * k
        count = number(total, lang)
        if m.per != "session" and (n * k) != 1:
            count = _("{total} ({quantity} {per})").format(
                total=count, quantity=number(m.quantity * k, lang), per=per_text(m.per)
            )
        if m.note:
            count += f" — {tr(m.note, lang)}"
        out.append(f"{label} — {count}")
    return out


def per_text(per: str) -> str:
    return {
        "participant": _("per person"),
        "pair": _("per pair"),
        "group": _("per group"),
        "facilitator": _("per facilitator"),
    }.get(per, "")


def _record_line(rec: dict[str, Any]) -> tuple[str, str]:
    """(first field, the rest joined) of a record."""
    values = []
    for v in rec.values():
        if v in (None, "", []):
            continue
        values.append("; ".join(map(str, v)) if isinstance(v, list) else str(v))
    if not values:
        return "", ""
    return values[0], " · ".join(values[1:])


def param_lines(ex: Exercise, slot: Slot, lang: str) -> list[ParamLines]:
    """Every parameter that reaches participants (cards, canvases, sheets, what is read out)
    with the block's values: the session's, else the method's own."""
    pictures = {s.source for s in card_supports(ex) if s.layout == "starter" and s.source}
    out = []
    for name, p in ex.parameters.items():
        if p.type == "integer":
            continue
        value = param_value(ex, name, lang, slot.block.params)
        if value in (None, "", []):
            continue
        label = tr(p.label, lang)
        if name in pictures and isinstance(value, list):
            line = ngettext("{n} picture", "{n} pictures", len(value)).format(n=len(value))
            out.append(ParamLines(name, label, [line], [line]))
            continue
        items, short = [], []
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                head, rest = _record_line(v)
                items.append(f"{head} — {rest}" if rest else head)
                short.append(head)
            else:
                items.append(str(v))
                short.append(str(v))
        out.append(ParamLines(name, label, items, short))
    return out


def team_text(ex: Exercise) -> str:
    if ex.team is None:
        return ""
    n = ex.team.facilitators
    if ex.team.take_part:
        return ngettext(
            "{n} facilitator, who also takes part", "{n} facilitators, who also take part", n
        ).format(n=n)
    return ngettext(
        "{n} facilitator, who does not take part", "{n} facilitators, who do not take part", n
    ).format(n=n)


def facts_text(ex: Exercise, slot: Slot, lang: str, session: bool) -> str:
    """'open · 45 min (20 min–1 h 15) · 8–40 people · plenary', or for a session's block
    '45 min · 20 people · plenary'."""
    conf = (slot.block.split or ex.configuration).label(lang)
    d = ex.duration_for(slot.block.variant)
    if session:
        people = ngettext("{n} person", "{n} people", slot.people).format(n=slot.people)
        return " · ".join([arc_label(ex.arc), format_duration(slot.minutes, lang), people, conf])
    span = ""
    if d.min != d.typical or d.max != d.typical:
        span = f" ({format_duration(d.min or 0, lang)}–{format_duration(d.max or 0, lang)})"
    people = _("{range} people").format(range=group_range(ex, lang))
    return " · ".join([arc_label(ex.arc), format_duration(d.typical, lang) + span, people, conf])


def method_view(
    slot: Slot,
    lang: str,
    session: bool = False,
    facilitators: int = 1,
    titles: dict[str, str] | None = None,
) -> MethodView:
    """The whole method as `slot` runs it. `session`: the block belongs to a session (its
    facts say its own minutes and head count); `titles`: method titles by id, for strings."""
    ex = slot.exercise
    assert ex is not None
    variant = ex.variant_of(slot.block.variant)
    prep, prep_steps = "", []
    if ex.preparation is not None:
        p = ex.preparation
        about = _("about {minutes}").format(minutes=format_duration(p.minutes, lang))
        prep = " · ".join(x for x in (tr(p.when, lang) if p.when else "", about) if x)
        prep_steps = [tr(s, lang) for s in p.steps]
    titles = titles or {}
    # a logistics block is named by its variant (a coffee welcome, the trip back), as in the
    # agendas, rather than by the method with "variant: ..." beside it
    named = variant is not None and bool(slot.block.logistics)
    return MethodView(
        id=ex.id,
        arc=ex.arc,
        title=tr(variant.title if named and variant else ex.title, lang),
        tagline=tr(ex.tagline, lang) if ex.tagline else "",
        facts=facts_text(ex, slot, lang, session),
        variant=tr(variant.title, lang) if variant and not named else "",
        purpose=tr(ex.purpose, lang) if ex.purpose else "",
        invitation=tr(ex.invitation, lang) if ex.invitation else "",
        space=tr(ex.space, lang) if ex.space else "",
        participation=tr(ex.participation, lang) if ex.participation else "",
        team=team_text(ex),
        roles=[(tr(r.role, lang), tr(r.task, lang)) for r in (ex.team.roles if ex.team else [])],
        preparation=prep,
        preparation_steps=prep_steps,
        materials=material_lines(slot, lang, facilitators),
        steps=step_lines(slot, lang, clock_times=session),
        params=param_lines(ex, slot, lang),
        tips=[tr(t, lang) for t in ex.tips],
        pitfalls=[tr(t, lang) for t in ex.pitfalls],
        vigilance=[tr(t, lang) for t in ex.vigilance],
        variants=[variant_line(v, lang) for v in ex.variants if v.id != slot.block.variant],
        variant_titles=[tr(v.title, lang) for v in ex.variants if v.id != slot.block.variant],
        outputs=[tr(t, lang) for t in ex.outputs],
        makes_possible=[tr(t, lang) for t in ex.makes_possible],
        in_transfo=tr(ex.in_transfo, lang) if ex.in_transfo else "",
        family=family_label(ex.family, lang),
        before=[titles.get(i, i) for i in ex.strings.before],
        after=[titles.get(i, i) for i in ex.strings.after],
    )
