"""The agenda as plain data, shared by the PDF, Markdown, HTML and iCalendar outputs.

Participants' outputs show times as the session chose (`timing`): exact, time markers
(morning, late morning...) or rounded; the run-sheet always has the exact ones. Rows carry
who is in the room (guests, head count), the events inside the block, what to bring before
and what comes after, and a stable key (the block's identity, for calendar invitations).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from facilitation.model.session import Guest, Timing, is_person_ref
from facilitation.model.words import arc_label
from facilitation.plan.timeline import DayPlan, GuestParty, Plan, Slot
from facilitation.text.dates import clock, long_date, time_range
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext
from facilitation.view.method import material_lines, method_view, param_lines, step_lines


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
        "vigilance": _("Watch out for"),
        "booklet": _("Facilitator booklet"),
        "time": _("Time"),
        "what": _("Activity"),
        "where": _("Where"),
        "before": _("To bring or prepare"),
        "after": _("Next"),
        "session_before": _("Before the session"),
        "session_after": _("After the session"),
        "with": _("With"),
        "guests": _("Guests (badges and seats)"),
        "present": _("Who is there"),
        "roles": _("People and roles"),
        "address": _("Address"),
        "map": _("map"),
        "during": _("During this block"),
        "field": _("out of the room"),
    }


def marker(minutes: int, lang: str, lunch: tuple[int, int] | None = None) -> str:
    """The time marker of a moment of the day: morning, late morning, midday... Before the
    day's lunch it is the morning, after it the afternoon, whatever the clock says."""
    lo, hi = lunch or (12 * 60, 13 * 60 + 30)
    if minutes < lo:
        return _("Morning") if minutes < 10 * 60 + 30 else _("Late morning")
    if minutes < hi:
        return _("Midday")
    if minutes < 15 * 60 + 30:
        return _("Early afternoon")
    if minutes < 18 * 60 + 30:
        return _("Late afternoon")
    return _("Evening")


def rounded(minutes: int, step: int) -> int:
    return int(minutes / step + 0.5) * step


def shown_time(
    start: int, end: int, timing: Timing, lang: str, lunch: tuple[int, int] | None = None
) -> str:
    """A block's time as the participants' outputs show it."""
    if timing.show == "markers":
        return marker(start, lang, lunch)
    if timing.show == "rounded":
        a, b = rounded(start, timing.round), rounded(end, timing.round)
        return clock(a, lang) if b <= a else time_range(a, b, lang)
    return time_range(start, end, lang)


def shown_start(start: int, timing: Timing, lang: str, lunch: tuple[int, int] | None = None) -> str:
    if timing.show == "markers":
        return marker(start, lang, lunch)
    if timing.show == "rounded":
        return clock(rounded(start, timing.round), lang)
    return clock(start, lang)


def guest_text(guest: Guest, plan: Plan, lang: str) -> str:
    """'Élus et directeurs (15)': who they are (their text, else their role), how many."""
    roles = plan.loaded.roles
    who = tr(guest.who, lang) if guest.who else ""
    if not who and guest.role in roles:
        who = tr(roles[guest.role].name, lang)
    who = who[:1].upper() + who[1:]
    return f"{who} ({guest.people})"


def party_text(party: GuestParty, plan: Plan, lang: str) -> str:
    """A day's guests with their times: 'Relais (20), until 12:30'."""
    text = guest_text(party.guest, plan, lang)
    if party.arrives is not None and party.leaves is not None:
        text += ", " + _("from {start} to {end}").format(
            start=clock(party.arrives, lang), end=clock(party.leaves, lang)
        )
    elif party.arrives is not None:
        text += ", " + _("from {start}").format(start=clock(party.arrives, lang))
    elif party.leaves is not None:
        text += ", " + _("until {end}").format(end=clock(party.leaves, lang))
    return text


def person_text(ref: str, plan: Plan, lang: str) -> str:
    """A lead: a declared person with their role ('Anne (porteuse du cas)'), or the text."""
    person = plan.loaded.people.get(ref) if is_person_ref(ref) else None
    if person is None:
        return ref
    role = ""
    if person.title:
        role = tr(person.title, lang)
    elif person.role and person.role in plan.loaded.roles:
        role = tr(plan.loaded.roles[person.role].name, lang)
    return f"{person.name} ({role})" if role else person.name


def team(plan: Plan, lang: str) -> list[dict[str, str]]:
    """The people the session names, with their roles (for the run-sheet)."""
    out = []
    roles = plan.loaded.roles
    for person in plan.session.people:
        role = ""
        if person.title:
            role = tr(person.title, lang)
        elif person.role and person.role in roles:
            role = tr(roles[person.role].name, lang)
        org = tr(person.organisation, lang) if person.organisation else ""
        out.append({"id": person.id, "name": person.name, "role": role, "organisation": org})
    return out


def timing_of(plan: Plan, d: DayPlan) -> Timing:
    return d.day.timing or plan.session.timing or Timing()


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
    """Every parameter that reaches participants, with this block's values: the session's
    `params:`, else the method's own (from the library, `extends` included)."""
    ex = slot.exercise
    if not ex or slot.kind != "exercise":
        return []
    return [
        {"label": p.label, "items": p.items, "short": p.short, "name": p.name}
        for p in param_lines(ex, slot, lang)
    ]


def _key(slot: Slot, seen: dict[str, int], date: str) -> str:
    """A block's identity, kept when other blocks move: its own `id`, else the day, its track,
    what it is, and which of the same it is that day (the second break of the day)."""
    b = slot.block
    if getattr(b, "id", None):
        return f"id:{b.id}"
    what = b.exercise or b.logistics or ""
    if not what:
        title = b.title or b.free or {}
        what = "free:" + next(iter(title.values()), "") if title else "tracks"
        if getattr(b, "tracks", None):
            what = "tracks:" + ",".join(x.id for x in b.tracks)  # type: ignore[union-attr]
    base = f"{date}|{slot.track.id if slot.track else ''}|{what}"
    seen[base] = seen.get(base, 0) + 1
    return f"{base}|{seen[base]}"


def row(
    slot: Slot,
    plan: Plan,
    lang: str,
    places: dict[str, str],
    timing: Timing | None = None,
    seen: dict[str, int] | None = None,
    date: str = "",
    day_place: str | None = None,
    lunch: tuple[int, int] | None = None,
) -> dict[str, Any]:
    b = slot.block
    ex = slot.exercise
    timing = timing or Timing()
    seen = {} if seen is None else seen
    where = b.room or (slot.track.room if slot.track else None) or ""
    place = b.place or (slot.track.place if slot.track else None)
    if place:
        where = ", ".join(x for x in (where, places.get(place, place)) if x)
    place_id = place or day_place
    place_obj = next((p for p in plan.session.places if p.id == place_id), None)
    key = _key(slot, seen, date)
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
    out = {
        "key": key,
        "start": slot.start,
        "end": slot.end,
        "minutes": slot.minutes,
        "time": time_range(slot.start, slot.end, lang)
        if slot.end > slot.start
        else clock(slot.start, lang),
        "start_label": clock(slot.start, lang),
        "shown_time": shown_time(slot.start, slot.end, timing, lang, lunch),
        "shown_start": shown_start(slot.start, timing, lang, lunch),
        "title": slot.title(lang),
        "purpose": slot.purpose(lang),
        "room": where,
        "room_name": b.room or (slot.track.room if slot.track else None) or "",
        "place_name": tr(place_obj.name, lang) if place_obj else "",
        "address": (place_obj.address or "") if place_obj else "",
        "kind": slot.kind,
        "logistics": b.logistics or "",
        # what the row looks like (the theme's colour and pictogram): the method's arc and
        # family, or the kind of block that is not a method (break, lunch, travel, free...)
        "arc": ex.arc if ex and slot.kind == "exercise" else "logistics",
        "arc_label": arc_label(ex.arc if ex and slot.kind == "exercise" else "logistics"),
        "family": (ex.family or "") if ex and slot.kind == "exercise" else "",
        "look": (
            ""
            if slot.kind == "exercise"
            else (b.logistics or "break")
            if slot.kind == "logistics"
            else "parallel"
            if slot.kind == "tracks"
            else "free"
        ),
        "exercise": ex.id if ex else "",
        "lead": ", ".join(person_text(x, plan, lang) for x in b.lead),
        "notes": tr(b.notes, lang) if b.notes else "",
        "carries_on": "",  # for a later part of an activity: where it carries on from
        "pinned": b.at is not None,
        "people": slot.people,
        "participants": slot.participants,
        "guests": [guest_text(g.guest, plan, lang) for g in slot.guests if g.own],
        "before": [tr(x, lang) for x in getattr(b, "before", [])],
        "after": [tr(x, lang) for x in getattr(b, "after", [])],
        "setting": slot.setting,
        "events": [
            row(e, plan, lang, places, timing, seen, date + "|" + key, day_place, lunch)
            for e in slot.events
        ],
        "steps": steps,
        "materials": materials,
        "params": _param_lines(slot, lang),
        "method": method,  # the whole method as this block runs it (view/method.py)
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
                "rows": [
                    row(c, plan, lang, places, timing, seen, date, day_place, lunch)
                    for c in slot.children
                    if c.track is t
                ],
                "id": t.id,
                "group": t.group or t.id,
            }
            for t in (getattr(b, "tracks", None) or [])
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


def day_people(d: DayPlan, plan: Plan, lang: str) -> list[str]:
    """Who is there this day, for the run-sheet: the group, arrivals and departures, guests
    (for badges and seats) and the most people at once."""
    out = [ngettext("{n} participant", "{n} participants", d.participants).format(n=d.participants)]
    for m in d.day.arrivals:
        who = f" ({tr(m.who, lang)})" if m.who else ""
        out.append(
            ngettext("{n} arrives at {at}{who}", "{n} arrive at {at}{who}", m.people).format(
                n=m.people, at=clock(d.day.minutes(m.at), lang), who=who
            )
        )
    for m in d.day.departures:
        who = f" ({tr(m.who, lang)})" if m.who else ""
        out.append(
            ngettext("{n} leaves at {at}{who}", "{n} leave at {at}{who}", m.people).format(
                n=m.people, at=clock(d.day.minutes(m.at), lang), who=who
            )
        )
    return out


def day_guests(d: DayPlan, plan: Plan, lang: str) -> list[str]:
    """Every party of guests of the day, with when they are there or the blocks they join."""
    out = []
    for party, slots in d.guest_list():
        if party.own:
            s = slots[0]
            out.append(
                guest_text(party.guest, plan, lang)
                + ", "
                + _("{title} at {time}").format(title=s.title(lang), time=clock(s.start, lang))
            )
        else:
            out.append(party_text(party, plan, lang))
    return out


def agenda_view(plan: Plan, lang: str) -> dict[str, Any]:
    s = plan.session
    places = _place_names(plan, lang)
    days = []
    for d in plan.days:
        place_id = d.day.place or (s.places[0].id if s.places else None)
        place = next((p for p in s.places if p.id == place_id), None)
        timing = timing_of(plan, d)
        date = d.day.date.isoformat()
        seen: dict[str, int] = {}
        meal = next((x for x in d.slots if x.is_meal("lunch")), None)
        lunch = (meal.start, meal.end) if meal else None
        rows = [row(sl, plan, lang, places, timing, seen, date, place_id, lunch) for sl in d.slots]
        if timing.show == "markers":  # a marker where it changes, as an agenda writes it
            last = ""
            for r in rows:
                shown = r["shown_time"]
                r["shown_time"] = r["shown_start"] = "" if shown == last else shown
                last = shown
        guests = day_guests(d, plan, lang)
        days.append(
            {
                "index": d.index + 1,
                "date": date,
                "label": long_date(d.day.date, lang),
                "title": tr(d.day.title, lang) if d.day.title else "",
                "place": places.get(place_id, "") if place_id else "",
                "address": (place.address or "") if place else "",
                "time": time_range(d.start, max(d.end, d.start), lang),
                "shown_time": shown_time(d.start, max(d.end, d.start), timing, lang)
                if timing.show != "markers"
                else "",
                "timing": timing.show,
                "timing_note": _("Times are indicative") if timing.show != "exact" else "",
                "people": day_people(d, plan, lang),
                "participants": d.participants,
                "guests": guests,
                "peak": d.peak,
                "peak_note": ngettext(
                    "at most {n} person in the room at once",
                    "at most {n} people in the room at once",
                    d.peak,
                ).format(n=d.peak)
                if d.peak != d.participants
                else "",
                "rows": rows,
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
        "notes": tr(s.notes, lang) if s.notes else "",  # the team's context, learning goals
        "places": [{"name": tr(p.name, lang), "address": p.address or ""} for p in s.places],
        "team": team(plan, lang),
        "before": [tr(x, lang) for x in s.before],
        "after": [tr(x, lang) for x in s.after],
        "days": days,
        "words": agenda_words(),
    }
