"""A timed plan as lines of text for a terminal: each day, each block with its times and
length, parallel tracks indented under their block."""

from __future__ import annotations

from facilitation.plan.timeline import Plan, Slot
from facilitation.text.dates import hm, long_date
from facilitation.text.durations import format_duration
from facilitation.text.i18n import ARCS, tr
from facilitation.text.messages import _


def _slot_line(slot: Slot, lang: str, indent: str = "  ") -> str:
    times = f"{hm(slot.start):>5}–{hm(slot.end):<5}"
    length = format_duration(slot.minutes, lang).replace("\u00a0", " ")
    what = slot.title(lang)
    ex = slot.exercise
    if ex is not None and slot.kind == "exercise":
        what += f"  ({ARCS[ex.arc][lang]})"
    return f"{indent}{times}  {what} · {length}"


def timeline_lines(plan: Plan, lang: str) -> list[str]:
    """Every day of the plan, block by block."""
    out: list[str] = []
    for d in plan.days:
        head = _("Day {n}, {date}, {start}–{end}").format(
            n=d.index + 1,
            date=long_date(d.day.date, lang),
            start=hm(d.start),
            end=hm(max(d.end, d.start)),
        )
        if d.day.title:
            head += f" · {tr(d.day.title, lang)}"
        out.append(head)
        for slot in d.slots:
            out.append(_slot_line(slot, lang))
            for child in slot.children:
                track = tr(child.track.name, lang) if child.track else ""
                out.append(_slot_line(child, lang, indent="      ") + (f" [{track}]"))
    return out
