"""The agenda as plain data, shared by the PDF, Markdown, HTML and iCalendar outputs."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from facilitation.plan.timeline import Plan, Slot
from facilitation.text.dates import clock, long_date, time_range
from facilitation.text.i18n import WORDS as I18N_WORDS
from facilitation.text.i18n import tr
from facilitation.view.method import material_lines, method_view, param_lines, step_lines

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
    "vigilance": {"fr": "Vigilance", "en": "Watch out for"},
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
    """Every parameter that reaches participants, with this block's values: the session's
    `params:`, else the method's own (from the library, `extends` included)."""
    ex = slot.exercise
    if not ex or slot.kind != "exercise":
        return []
    return [
        {"label": p.label, "items": p.items, "short": p.short, "name": p.name}
        for p in param_lines(ex, slot, lang)
    ]


def row(slot: Slot, plan: Plan, lang: str, places: dict[str, str]) -> dict[str, Any]:
    b = slot.block
    ex = slot.exercise
    where = b.room or (slot.track.room if slot.track else None) or ""
    place = b.place or (slot.track.place if slot.track else None)
    if place:
        where = ", ".join(x for x in (where, places.get(place, place)) if x)
    steps = [
        {
            "number": st.number,
            "time": st.time,
            "minutes": st.minutes,
            "title": st.title,
            "instructions": st.instructions,
            "configuration": st.configuration,
            "turns": st.turns,
            "meta": st.meta,
        }
        for st in step_lines(slot, lang, clock_times=True)
    ]
    materials = []
    method: dict[str, Any] = {}
    if ex and slot.kind == "exercise":
        facilitators = max(1, len(plan.session.facilitators))
        materials = material_lines(slot, lang, facilitators)
        method = asdict(method_view(slot, lang, session=True, facilitators=facilitators))
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
        "method": method,  # the whole method as this block runs it (view/method.py)
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
        "places": [{"name": tr(p.name, lang), "address": p.address or ""} for p in s.places],
        "days": days,
        "words": {k: v[lang] for k, v in WORDS.items()},
    }
