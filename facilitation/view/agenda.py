"""The agenda as plain data, shared by the PDF, Markdown, HTML and iCalendar outputs."""

from __future__ import annotations

from typing import Any

from facilitation.plan.quantities import materials_of
from facilitation.plan.timeline import Plan, Slot
from facilitation.text.dates import clock, long_date, time_range
from facilitation.text.i18n import WORDS as I18N_WORDS
from facilitation.text.i18n import tr
from facilitation.text.messages import _
from facilitation.view.words import material_label, per_label

# The agenda's vocabulary, as templates see it (`words.day`, `words.lead`...): the words the
# rest of the project also prints come from i18n, the others are the agenda's own.
WORDS = {
    **{k: I18N_WORDS[k] for k in ("materials", "steps", "participants", "people", "tips", "space")},
    "session": {"fr": "Session", "en": "Session"},
    "day": {"fr": "Jour", "en": "Day"},
    "parallel": {"fr": "En parallèle", "en": "In parallel"},
    "agenda": {"fr": "Programme", "en": "Agenda"},
    "runsheet": {"fr": "Déroulé pour l'équipe d'animation", "en": "Facilitators' run-sheet"},
    "wall": {"fr": "Programme mural", "en": "Wall agenda"},
    "lead": {"fr": "Anime", "en": "Lead"},
    "room": {"fr": "Salle", "en": "Room"},
    "notes": {"fr": "Notes", "en": "Notes"},
    "facilitators": {"fr": "Équipe d'animation", "en": "Facilitators"},
    "partners": {"fr": "Services invités", "en": "Invited services"},
    "params": {"fr": "Contenus pour cette session", "en": "Content for this session"},
    "free_time": {"fr": "Temps libre", "en": "Free time"},
    "vigilance": {"fr": "Vigilance", "en": "Vigilance"},
    "booklet": {"fr": "Livret d'animation", "en": "Facilitator booklet"},
    "time": {"fr": "Horaire", "en": "Time"},
    "what": {"fr": "Activité", "en": "Activity"},
    "where": {"fr": "Lieu", "en": "Where"},
}


def w(key: str, lang: str) -> str:
    return WORDS[key][lang]


def session_heading(plan: Plan, lang: str) -> str:
    s = plan.session
    number = f" #{s.number}" if s.number is not None else ""
    return f"{s.programme} · {w('session', lang)}{number}"


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
            "configuration": (st.configuration or (b.split if b.split else None)).label(lang)
            if (st.configuration or b.split)
            else "",
        }
        for t, m, st in slot.steps()
    ]
    materials = []
    if ex and slot.kind == "exercise":
        for m in materials_of(ex, b.variant):
            q = m.quantity
            qty = str(int(q)) if float(q).is_integer() else str(q)
            materials.append(f"{material_label(m, lang)} ({qty} {per_label(m.per, lang)})")
    out = {
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
        "carries_on": "",  # for a later part of an activity: where it carries on from
        "pinned": b.at is not None,
        "steps": steps,
        "materials": materials,
        "params": _param_lines(slot, lang),
        "vigilance": [tr(v, lang) for v in ex.vigilance] if ex and slot.kind == "exercise" else [],
        "tips": [tr(v, lang) for v in ex.tips] if ex and slot.kind == "exercise" else [],
        "space": tr(ex.space, lang) if ex and ex.space and slot.kind == "exercise" else "",
        "configuration": (b.split or ex.configuration).label(lang) if ex else "",
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
    out["params"] = [p for p in out["params"] if p["items"]]  # `[]`: none chosen, no line
    if slot.head is not None or slot.parts:
        _carried_on(out, slot, plan, lang)
    return out


def _carried_on(out: dict[str, Any], slot: Slot, plan: Plan, lang: str) -> None:
    """An activity over several blocks: a later part says "(continued)", where it goes on
    from, and the steps that remain, without the briefing, materials and content already
    given at the first part; a step cut by the end of a part says so."""
    steps = out["steps"]
    if steps and slot.carried:
        steps[0]["title"] = _("{title} (continued)").format(title=steps[0]["title"])
    if steps and slot.unfinished:
        steps[-1]["title"] = _("{title} (to be continued)").format(title=steps[-1]["title"])
    head = slot.head
    if head is None:
        return
    out["title"] = _("{title} (continued)").format(title=out["title"])
    day = next(d for d in plan.days if head.path[1] == d.index)
    out["carries_on"] = _("Carries on the block of {day}, {time}").format(
        day=long_date(day.day.date, lang), time=clock(head.start, lang)
    )
    if not slot.block.purpose:
        out["purpose"] = out["carries_on"]
    for key in ("materials", "params", "vigilance", "tips"):
        out[key] = []
    out["space"] = ""


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
        "facilitators": s.facilitators,
        "partners": s.partners,
        "notes": tr(s.notes, lang) if s.notes else "",  # the team's context, learning goals
        "places": [{"name": tr(p.name, lang), "address": p.address or ""} for p in s.places],
        "days": days,
        "words": {k: v[lang] for k, v in WORDS.items()},
    }
