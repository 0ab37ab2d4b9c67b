"""The timeline `facilitation check` prints: each day, each block with its times and who is
in the room when that differs from the day's group, and each warning right under the block
it is about (in the usual file:line form, so that editors still find it). And a plan as
shorter lines (`timeline_lines`: times, length and arc), for `propose` and `watch`."""

from __future__ import annotations

from typing import Any

from facilitation.model.words import arc_label
from facilitation.plan.timeline import DayPlan, Plan, Slot
from facilitation.text.dates import hm, long_date
from facilitation.text.durations import format_duration
from facilitation.text.i18n import tr
from facilitation.text.messages import _, language, ngettext


def _span(slot: Slot) -> str:
    if slot.end == slot.start:
        return f"{hm(slot.start):>5}      "
    return f"{hm(slot.start):>5}-{hm(slot.end):<5}"


def _owner(path: tuple[Any, ...], slots: list[tuple[tuple[Any, ...], int]]) -> int | None:
    """The index of the line of the deepest slot whose path starts `path`."""
    best, depth = None, -1
    for p, i in slots:
        if path[: len(p)] == p and len(p) > depth:
            best, depth = i, len(p)
    return best


def timeline(plan: Plan) -> list[str]:
    """The lines of the timeline, warnings included; those about no block come last."""
    lang = language()
    lines: list[str] = []
    after: dict[int, list[str]] = {}  # line index -> warnings printed after it
    places: list[tuple[tuple[Any, ...], int]] = []
    rest: list[str] = []

    def add(text: str, slot: Slot | None = None) -> None:
        lines.append(text)
        if slot is not None:
            places.append((slot.path, len(lines) - 1))

    def block_line(slot: Slot, indent: str, group: int) -> None:
        bits = []
        if slot.setting == "field" and slot.kind != "logistics":
            bits.append(_("out of the room"))
        if slot.people != group:
            bits.append(ngettext("{n} person", "{n} people", slot.people).format(n=slot.people))
        if slot.block.audience == "facilitators":
            bits.append(_("facilitators only"))
        extra = f"  [{', '.join(bits)}]" if bits else ""
        title = slot.title(lang)
        if slot.track:
            title = _("{label}: {value}").format(label=tr(slot.track.name, lang), value=title)
        add(f"{indent}{_span(slot)}  {title}{extra}")
        for ev in slot.events:
            add(f"{indent}    {_span(ev)}  -> {ev.title(lang)}", ev)
        places.append((slot.path, len(lines) - 1))  # its warnings after its events

    for d in plan.days:
        day: DayPlan = d
        head = _("Day {n}, {date}: {start} to {end}").format(
            n=day.index + 1,
            date=long_date(day.day.date, lang),
            start=hm(day.first),
            end=hm(day.end),
        )
        people = ngettext("{n} participant", "{n} participants", day.participants).format(
            n=day.participants
        )
        if day.peak != day.participants:
            people += ", " + _("up to {n} people at once").format(n=day.peak)
        add(f"{head} ({people})")
        for slot in day.slots:
            block_line(slot, "  ", day.participants)
            for c in slot.children:
                block_line(c, "      ", day.participants)
        places.append((("days", day.index), len(lines) - 1))  # the day's: after its blocks
        add("")
    for w, path in zip(plan.warnings, plan.warning_paths, strict=True):
        at = _owner(tuple(path), places) if path else None
        text = w.format()
        if at is None:
            rest.append(text)
        else:
            after.setdefault(at, []).append(text)
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(after.get(i, []))
    return out + rest


def _slot_line(slot: Slot, lang: str, indent: str = "  ") -> str:
    times = f"{hm(slot.start):>5}–{hm(slot.end):<5}"
    length = format_duration(slot.minutes, lang).replace("\u00a0", " ")
    what = slot.title(lang)
    ex = slot.exercise
    if ex is not None and slot.kind == "exercise":
        what += f"  ({arc_label(ex.arc)})"
    return f"{indent}{times}  {what} · {length}"


def timeline_lines(plan: Plan, lang: str) -> list[str]:
    """A plan as lines for a terminal (propose, watch): every day, block by block, with its
    times, length and arc, parallel tracks indented under their block."""
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
