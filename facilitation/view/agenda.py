"""The agenda as plain data, shared by the PDF, Markdown, HTML and iCalendar outputs."""

from __future__ import annotations

from typing import Any

from facilitation.plan.timeline import Plan, Slot
from facilitation.text.dates import clock, long_date, time_range
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext
from facilitation.text.typography import number
from facilitation.view.words import material_label, per_label


def agenda_words() -> dict[str, str]:
    """The agenda's vocabulary in the run's language, as templates see it (`words.day`,
    `words.lead`...)."""
    return {
        "materials": _("Materials"),
        "steps": _("Steps"),
        "participants": _("participants"),
        "people": _("people"),
        "tips": _("Tips"),
        "space": _("Space"),
        "session": _("Session"),
        "day": _("Day"),
        "parallel": _("In parallel"),
        "agenda": _("Agenda"),
        "runsheet": _("Facilitators' run-sheet"),
        "wall": _("Wall agenda"),
        "lead": _("Lead"),
        "room": _("Room"),
        "notes": _("Notes"),
        "facilitators": _("Facilitators"),
        "partners": _("Invited services"),
        "params": _("Content for this session"),
        "free_time": _("Free time"),
        "vigilance": _("Vigilance"),
        "booklet": _("Facilitator booklet"),
        "time": _("Time"),
        "what": _("Activity"),
        "where": _("Where"),
    }


def session_heading(plan: Plan, lang: str) -> str:
    s = plan.session
    if s.number is None:
        return _("{programme} · Session").format(programme=s.programme)
    return _("{programme} · Session #{number}").format(programme=s.programme, number=s.number)


def participants_line(n: int) -> str:
    """'20 participants', '1 participant'."""
    return ngettext("{n} participant", "{n} participants", n).format(n=n)


def _place_names(plan: Plan, lang: str) -> dict[str, str]:
    return {p.id: tr(p.name, lang) for p in plan.session.places}


def _param_lines(slot: Slot, lang: str) -> list[dict[str, Any]]:
    ex = slot.exercise
    if not ex or not slot.block.params:
        return []
    out = []
    from facilitation.text.i18n import is_localized, pick

    for name, value in slot.block.params.items():
        p = ex.parameters[name]
        if is_localized(value):
            value = pick(value, lang)[0]
        items: list[str]
        if isinstance(value, list):
            items = []
            for v in value:
                if isinstance(v, dict):
                    first = next(iter(v.values()), "")
                    items.append(str(first if not isinstance(first, list) else ", ".join(first)))
                else:
                    items.append(str(v))
        else:
            items = [str(value)]
        out.append({"label": tr(p.label, lang), "items": items})
    return out


def row(slot: Slot, plan: Plan, lang: str, places: dict[str, str]) -> dict[str, Any]:
    b = slot.block
    ex = slot.exercise
    where = b.room or (slot.track.room if slot.track else None) or ""
    place = b.place or (slot.track.place if slot.track else None)
    if place:
        where = ", ".join(x for x in (where, places.get(place, place)) if x)
    steps = [
        {
            "time": clock(t, lang),
            "minutes": m,
            "title": tr(st.title, lang),
            "instructions": tr(st.instructions, lang),
            "configuration": (st.configuration or b.split).label()
            if (st.configuration or b.split)
            else "",
        }
        for t, m, st in slot.steps()
    ]
    materials = []
    if ex and slot.kind == "exercise":
        for m in ex.materials:
            q = m.quantity
            qty = number(q, lang)
            materials.append(
                _("{item} ({quantity} {per})").format(
                    item=material_label(m, lang), quantity=qty, per=per_label(m.per)
                )
            )
    return {
        "start": slot.start,
        "end": slot.end,
        "minutes": slot.minutes,
        "time": time_range(slot.start, slot.end, lang),
        "start_label": clock(slot.start, lang),
        "title": slot.title(lang),
        "purpose": slot.purpose(lang),
        "room": where,
        "kind": slot.kind,
        "logistics": b.logistics or "",
        "exercise": ex.id if ex else "",
        "lead": b.lead or "",
        "notes": tr(b.notes, lang) if b.notes else "",
        "pinned": b.at is not None,
        "steps": steps,
        "materials": materials,
        "params": _param_lines(slot, lang),
        "vigilance": [tr(v, lang) for v in ex.vigilance] if ex and slot.kind == "exercise" else [],
        "tips": [tr(v, lang) for v in ex.tips] if ex and slot.kind == "exercise" else [],
        "space": tr(ex.space, lang) if ex and ex.space and slot.kind == "exercise" else "",
        "configuration": (b.split or ex.configuration).label() if ex else "",
        "track": tr(slot.track.name, lang) if slot.track else "",
        "audience": b.audience,
        "tracks": [
            {
                "name": tr(t.name, lang),
                "room": t.room or "",
                "people": t.people
                or next((g.size for g in plan.session.groups if g.id == t.group), 0),
                "rows": [row(c, plan, lang, places) for c in slot.children if c.track is t],
            }
            for t in (b.tracks or [])
        ],
    }


def agenda_view(plan: Plan, lang: str) -> dict[str, Any]:
    s = plan.session
    places = _place_names(plan, lang)
    days = []
    for d in plan.days:
        place_id = d.day.place or (s.places[0].id if s.places else None)
        days.append(
            {
                "index": d.index + 1,
                "date": d.day.date.isoformat(),
                "label": long_date(d.day.date, lang),
                "title": tr(d.day.title, lang) if d.day.title else "",
                "place": places.get(place_id, "") if place_id else "",
                "time": time_range(d.start, max(d.end, d.start), lang),
                "rows": [row(sl, plan, lang, places) for sl in d.slots],
            }
        )
    return {
        "lang": lang,
        "programme": s.programme,
        "title": tr(s.title, lang),
        "number": s.number,
        "heading": session_heading(plan, lang),
        "participants": s.participants,
        "participants_line": participants_line(s.participants),
        "facilitators": s.facilitators,
        "partners": s.partners,
        "places": [{"name": tr(p.name, lang), "address": p.address or ""} for p in s.places],
        "days": days,
        "words": agenda_words(),
    }
