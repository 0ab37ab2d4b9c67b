"""The compte rendu's texts in one language: the article (what the Transfo publishes after a
session), the Markdown skeleton written before there is a retour, and the planned-versus-run
table for the facilitation team.

The article follows the session as it ran: its title, dates and place, the context and the
learning goals, each day's blocks (exercises and free blocks; breaks and meals only when the
retour says something of them; never the blocks for facilitators only) with why they were
run, what was done and what came of it, the participants' words, the photos with their
captions and credits, then the debrief's remarks, the decisions, what comes next and the next
session's dates. People are named only where the retour says they agreed (`named`, a quote's
`consent`); the team's notes and who led which block stay in the skeleton and the table.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from facilitation.model.retour import Photo, Quote
from facilitation.plan.as_run import RunBlock, RunPlan
from facilitation.plan.timeline import Plan, Slot
from facilitation.text.dates import clock, long_date, time_range
from facilitation.text.durations import format_duration
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext
from facilitation.view.agenda import person_text, session_heading, shown_time, team, timing_of

IMAGES = "images"  # the folder beside the article that holds its photos


def _slug(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text)
    ascii_ = "".join(c for c in norm if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:40].strip("-") or "photo"


def _and(items: list[str]) -> str:
    """'a, b and c' in the run's language."""
    if len(items) <= 1:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def dates_text(dates: list[dt.date], lang: str, weekdays: bool = True) -> str:
    """Dates as a sentence writes them: 'jeudi 13 et vendredi 14 décembre 2018', '14, 15 and
    16 January 2019', '31 janvier et 1er février 2019'."""
    dates = sorted(set(dates))
    if not dates:
        return ""
    groups: list[list[dt.date]] = []
    for d in dates:
        if groups and (groups[-1][0].month, groups[-1][0].year) == (d.month, d.year):
            groups[-1].append(d)
        else:
            groups.append([d])
    parts = []
    for g, group in enumerate(groups):
        words = [long_date(d, lang).split(" ") for d in group]  # weekday, day, month, year
        days = [(f"{w[0]} {w[1]}" if weekdays else w[1]) for w in words]
        last_of_year = g == len(groups) - 1 or groups[g + 1][0].year != group[0].year
        tail = f" {words[0][2]}" + (f" {words[0][3]}" if last_of_year else "")
        parts.append((days, tail))
    if len(parts) == 1:
        days, tail = parts[0]
        return _and(days) + tail
    return _and([", ".join(days) + tail for days, tail in parts])


# --- pieces -----------------------------------------------------------------------------------
def _quote(q: Quote, plan: Plan, lang: str) -> dict[str, str]:
    by = ""
    if q.name and q.consent:
        by = person_text(q.name, plan, lang)
    elif q.who:
        by = tr(q.who, lang)
    return {"text": tr(q.text, lang), "by": by}


class Photos:
    """The article's photos, named in the order they appear: images/01-debat.jpg..."""

    def __init__(self, run: RunPlan, lang: str) -> None:
        self.run = run
        self.lang = lang
        self.names: dict[str, str] = {}  # resolved source -> its name in the article
        self.items: list[dict[str, Any]] = []  # what the job processes, in order

    def view(self, photo: Photo, yaml_path: tuple[Any, ...]) -> dict[str, Any] | None:
        retour = self.run.retour
        found = retour.photo(yaml_path) if retour else None
        if found is None:
            return None
        key = str(found.path)
        if key not in self.names:
            n = len(self.names) + 1
            self.names[key] = f"{IMAGES}/{n:02d}-{_slug(found.path.stem)}.jpg"
            self.items.append({"src": self.names[key], "file": found})
        credit = tr(photo.credit, self.lang) if photo.credit else ""
        if not credit.strip() and retour and retour.retour.credit:
            credit = tr(retour.retour.credit, self.lang)
        caption = tr(photo.caption, self.lang)
        alt = tr(photo.alt, self.lang) if photo.alt else ""
        return {
            "src": self.names[key],
            "caption": caption,
            "alt": alt.strip() or caption,
            "credit": credit.strip(),
            "credit_line": _("Photo: {credit}").format(credit=credit.strip())
            if credit.strip()
            else "",
            "width": 0,  # known once the photo is resized (the job fills them in)
            "height": 0,
        }


def _public(run: RunBlock) -> bool:
    """Whether a block belongs in the article: it ran, it is not for the facilitators only,
    and it is work (an exercise, a free block, tracks) or the retour says something of it."""
    if run.dropped:
        return False
    if run.slot is not None and run.slot.block.audience == "facilitators":
        return False
    if run.slot is None or run.slot.kind != "logistics":
        return True
    e = run.ref.entry if run.ref else None
    return bool(e and (e.story or e.produced or e.quotes or e.photos))


def _title(run: RunBlock, lang: str) -> str:
    e = run.ref.entry if run.ref else None
    if e and e.title:
        return tr(e.title, lang)
    slot = run.slot
    assert slot is not None
    title = slot.title(lang)
    if slot.head is not None:
        title = _("{title} (continued)").format(title=title)
    return title


def _purpose(slot: Slot | None, lang: str) -> str:
    """Why a block was run: its own purpose, else its first part's (a later part of an
    activity), else the method's line."""
    if slot is None:
        return ""
    if slot.head is not None and not slot.block.purpose:
        return slot.head.purpose(lang)
    return slot.purpose(lang)


def _block(run: RunBlock, rp: RunPlan, lang: str, photos: Photos) -> dict[str, Any]:
    plan = rp.plan
    slot: Slot | None = run.slot
    entry = run.ref.entry if run.ref else None
    day = plan.days[run.day]
    meal = next((x for x in day.slots if x.is_meal("lunch")), None)
    lunch = (meal.start, meal.end) if meal else None
    timing = timing_of(plan, day)
    ex = slot.exercise if slot is not None else None
    method = ""
    if ex is not None and slot is not None and slot.kind == "exercise":
        ex_title = tr(ex.title, lang)
        variant = next((v for v in ex.variants if v.id == slot.block.variant), None)
        if variant is not None:
            ex_title += f" ({tr(variant.title, lang)})"
        own = tr(slot.block.title, lang) if slot.block.title else tr(ex.title, lang)
        if ex_title != own:
            method = ex_title
    outputs = []
    if ex is not None and slot is not None and slot.kind == "exercise" and slot.head is None:
        outputs = [tr(o, lang) for o in ex.outputs]
    base = ("blocks", run.ref.index) if run.ref else ()
    out: dict[str, Any] = {
        "key": _slug(_title(run, lang)),
        "start": run.start,
        "time": shown_time(run.start, run.end, timing, lang, lunch),
        "exact_time": time_range(run.start, run.end, lang),
        "title": _title(run, lang),
        "kind": slot.kind if slot is not None else "free",
        "method": method,
        "purpose": _purpose(slot, lang),
        "story": tr(entry.story, lang) if entry and entry.story else "",
        "produced": [tr(x, lang) for x in entry.produced] if entry else [],
        "outputs": outputs,  # what the method usually gives: the skeleton's prompt
        "quotes": [_quote(q, plan, lang) for q in entry.quotes] if entry else [],
        "photos": [
            v
            for j, ph in enumerate(entry.photos if entry else [])
            if (v := photos.view(ph, base + ("photos", j))) is not None
        ],
        "track": tr(slot.track.name, lang) if slot is not None and slot.track else "",
        "lead": ", ".join(person_text(x, plan, lang) for x in slot.block.lead) if slot else "",
        "notes": tr(slot.block.notes, lang) if slot is not None and slot.block.notes else "",
        "events": [
            {"time": clock(ev.start, lang), "title": ev.title(lang)}
            for ev in (slot.events if slot is not None else [])
            if ev.block.audience != "facilitators" and run.start <= ev.start < run.end
        ],
        "children": [_block(c, rp, lang, photos) for c in run.children if _public(c)],
    }
    return out


def _day(index: int, rp: RunPlan, lang: str, photos: Photos) -> dict[str, Any]:
    plan = rp.plan
    d = plan.days[index]
    s = plan.session
    place_id = d.day.place or (s.places[0].id if s.places else None)
    place = next((p for p in s.places if p.id == place_id), None)
    span = rp.span(index)
    return {
        "index": index + 1,
        "date": d.day.date.isoformat(),
        "label": long_date(d.day.date, lang),
        "heading": _("Day {n} — {date}").format(n=index + 1, date=long_date(d.day.date, lang)),
        "title": tr(d.day.title, lang) if d.day.title else "",
        "place": tr(place.name, lang) if place else "",
        "address": (place.address or "") if place else "",
        "time": time_range(span[0], span[1], lang) if span else "",
        "blocks": _keyed(
            [_block(b, rp, lang, photos) for b in rp.day_blocks(index) if _public(b)],
            f"d{index + 1}",
        ),
    }


def _keyed(blocks: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """Each block's key made unique in the article (an anchor: d1-debrief, d2-debrief)."""
    seen: dict[str, int] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for b in items:
            key = f"{prefix}-{b['key']}"
            seen[key] = seen.get(key, 0) + 1
            b["key"] = key if seen[key] == 1 else f"{key}-{seen[key]}"
            walk(b["children"])

    walk(blocks)
    return blocks


def article_view(rp: RunPlan, lang: str) -> dict[str, Any]:
    """The article (and the skeleton) as plain data, in `lang`."""
    plan = rp.plan
    s = plan.session
    retour = rp.retour.retour if rp.retour else None
    photos = Photos(rp, lang)
    cover = [
        v
        for j, ph in enumerate(retour.photos if retour else [])
        if (v := photos.view(ph, ("photos", j))) is not None
    ]
    days = [_day(d.index, rp, lang, photos) for d in plan.days]
    used = []
    for d in plan.days:
        pid = d.day.place or (s.places[0].id if s.places else None)
        p = next((x for x in s.places if x.id == pid), None)
        if p is not None and p not in used:
            used.append(p)
    people = {p.id: p for p in s.people}
    named = []
    for pid in retour.named if retour else []:
        named.append(person_text(pid, plan, lang) if pid in people else pid)
    nxt = retour.next_session if retour else None
    credits = []
    for v in _photo_views(cover, days):
        if v["credit"] and v["credit"] not in credits:
            credits.append(v["credit"])
    all_dates = [d.day.date for d in plan.days]
    view: dict[str, Any] = {
        "lang": lang,
        "programme": s.programme,
        "number": s.number,
        "title": tr(s.title, lang),
        "heading": session_heading(plan, lang),
        "dates": dates_text(all_dates, lang),
        "first_date": min(all_dates).isoformat(),
        "places": [{"name": tr(p.name, lang), "address": p.address or ""} for p in used],
        "participants": rp.participants,
        "participants_line": ngettext(
            "{n} participant", "{n} participants", rp.participants
        ).format(n=rp.participants),
        "facilitators": list(s.facilitators),
        "partners": list(s.partners),
        "author": (retour.author if retour and retour.author else s.programme),
        "intro": tr(retour.intro, lang) if retour and retour.intro else "",
        "notes": tr(s.notes, lang) if s.notes else "",
        "goals": [tr(x, lang) for x in retour.goals] if retour else [],
        "team": team(plan, lang),
        "named": named,
        "photos": cover,
        "quotes": [_quote(q, plan, lang) for q in retour.quotes] if retour else [],
        "days": days,
        "debrief": [tr(x, lang) for x in retour.debrief] if retour else [],
        "decisions": [tr(x, lang) for x in retour.decisions] if retour else [],
        "next": [tr(x, lang) for x in retour.next] if retour else [],
        "after": [tr(x, lang) for x in s.after],
        "next_session": {
            "dates": dates_text(nxt.dates, lang),
            "first_date": min(nxt.dates).isoformat() if nxt.dates else "",
            "title": tr(nxt.title, lang) if nxt.title else "",
            "place": tr(nxt.place, lang) if nxt.place else "",
        }
        if nxt is not None and (nxt.dates or nxt.title or nxt.place)
        else None,
        "credits": credits,
        "images": photos.items,  # for the job: which files to resize, under which name
        "words": words(),
    }
    return view


def _photo_views(cover: list[dict[str, Any]], days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every photo of the article, in order."""
    out = list(cover)

    def walk(blocks: list[dict[str, Any]]) -> None:
        for b in blocks:
            out.extend(b["photos"])
            walk(b["children"])

    for d in days:
        walk(d["blocks"])
    return out


def words() -> dict[str, str]:
    """The article's headings and labels, in the run's language."""
    return {
        "goals": _("Learning goals"),
        "produced": _("What came of it"),
        "why": _("Why"),
        "method": _("Method"),
        "quotes": _("In their words"),
        "debrief": _("The debrief"),
        "decisions": _("Decisions"),
        "next": _("What comes next"),
        "next_session": _("Next session"),
        "who": _("Who was there"),
        "facilitators": _("Facilitation"),
        "partners": _("With"),
        "named": _("Named in this account, with their agreement"),
        "photos_by": _("Photos"),
        "written_by": _("Written by"),
    }


# --- the skeleton's prompts -------------------------------------------------------------------
def prompts() -> dict[str, str]:
    """What the Markdown skeleton asks the writer, in the run's language."""
    return {
        "note": _(
            "A draft written from the session file. Lines starting with ✎ are prompts: write "
            "your text in their place, then delete them. To build the article with its photos "
            "(HTML, PDF), write the retour instead: facilitation new retour SESSION."
        ),
        "intro": _(
            "The context and the practical case: why this session, with whom, on which question."
        ),
        "notes": _("The team's notes, for memory (not for publication)"),
        "goals": _("What the group was to learn or try out during these days."),
        "story": _("What was done, and how it went."),
        "outputs": _("What the group gets"),
        "produced": _("What did the group produce this time?"),
        "quote": _(
            "A participant's words (anonymous), a photo (with the consent of anyone recognisable)."
        ),
        "lead": _("Led by"),
        "debrief": _("The remarks of the debrief."),
        "decisions": _("What was decided."),
        "next": _("What comes next, and the date of the next session."),
        "planned_next": _("What the session planned next"),
        "people": _("People and roles"),
    }


# --- the planned-versus-run table --------------------------------------------------------------
def _change(run: RunBlock, rp: RunPlan, lang: str) -> str:
    parts = []
    for c in run.changes():
        if c == "added":
            parts.append(_("added"))
        elif c == "dropped":
            parts.append(_("dropped"))
        elif c == "day":
            parts.append(
                _("moved to day {n}, {time}").format(n=run.day + 1, time=clock(run.start, lang))
            )
        elif c == "moved":
            parts.append(_("moved to {time}").format(time=clock(run.start, lang)))
        elif c == "shortened":
            parts.append(
                _("shortened by {minutes}").format(minutes=format_duration(-run.delta, lang))
            )
        elif c == "lengthened":
            parts.append(
                _("lengthened by {minutes}").format(minutes=format_duration(run.delta, lang))
            )
    return ", ".join(parts) if parts else _("as planned")


def _run_time(r: RunBlock, kinds: list[str], lang: str) -> str:
    """When a block ran; with its day when that is not the day it was planned."""
    span = time_range(r.start, r.end, lang)
    if "day" in kinds:
        return _("day {n}, {time}").format(n=r.day + 1, time=span)
    return span


def run_table_view(rp: RunPlan, lang: str) -> dict[str, Any]:
    """The planned-versus-run table for the facilitation team: every block (breaks, meals
    and the facilitators' own included), planned and as run, what changed and why; each
    day's span; the head count; the blocks the retour says nothing of yet."""
    plan = rp.plan
    days = []
    counts = {
        "as_planned": 0,
        "shortened": 0,
        "lengthened": 0,
        "moved": 0,
        "dropped": 0,
        "added": 0,
    }
    minutes = {"shortened": 0, "lengthened": 0}
    silent: list[str] = []
    for d in plan.days:
        rows = []
        here = [b for b in rp.blocks if (b.planned_day if not b.added else b.day) == d.index]
        here.sort(key=lambda b: (b.slot.start if b.slot else b.start, b.order))
        for b in here:
            for r, indent in [(b, False)] + [(c, True) for c in b.children]:
                entry = r.ref.entry if r.ref else None
                kinds = r.changes()
                if not kinds:
                    counts["as_planned"] += 1
                for k in kinds:
                    key = "moved" if k == "day" else k
                    counts[key] += 1
                    if k in minutes:
                        minutes[k] += abs(r.delta)
                title = _title(r, lang)
                if r.slot is not None and r.slot.track is not None:
                    title = _("{track}: {title}").format(
                        track=tr(r.slot.track.name, lang), title=title
                    )
                rows.append(
                    {
                        "planned": time_range(r.slot.start, r.slot.end, lang) if r.slot else "—",
                        "planned_minutes": format_duration(r.slot.minutes, lang) if r.slot else "",
                        "run": "—" if r.dropped else _run_time(r, kinds, lang),
                        "run_minutes": "" if r.dropped else format_duration(r.minutes, lang),
                        "title": title,
                        "inner": indent,
                        "kind": r.slot.kind if r.slot else "added",
                        "change": _change(r, rp, lang),
                        "changed": bool(kinds),
                        "dropped": r.dropped,
                        "why": tr(entry.why, lang) if entry and entry.why else "",
                    }
                )
                if (
                    _public(r)
                    and r.slot is not None
                    and r.slot.kind != "logistics"
                    and not r.children
                    and not (entry and (entry.story or entry.produced))
                ):
                    silent.append(
                        _("day {n}, {time}: {title}").format(
                            n=r.day + 1, time=clock(r.start, lang), title=_title(r, lang)
                        )
                    )
        span = rp.span(d.index)
        days.append(
            {
                "heading": _("Day {n} — {date}").format(
                    n=d.index + 1, date=long_date(d.day.date, lang)
                ),
                "planned": time_range(d.first, d.end, lang),
                "run": time_range(span[0], span[1], lang) if span else "—",
                "rows": rows,
            }
        )
    summary = []
    if counts["as_planned"]:
        n = counts["as_planned"]
        summary.append(
            ngettext("{n} block ran as planned", "{n} blocks ran as planned", n).format(n=n)
        )
    if counts["shortened"]:
        n = counts["shortened"]
        summary.append(
            ngettext(
                "{n} shortened ({minutes} in all)", "{n} shortened ({minutes} in all)", n
            ).format(n=n, minutes=format_duration(minutes["shortened"], lang))
        )
    if counts["lengthened"]:
        n = counts["lengthened"]
        summary.append(
            ngettext(
                "{n} lengthened ({minutes} in all)", "{n} lengthened ({minutes} in all)", n
            ).format(n=n, minutes=format_duration(minutes["lengthened"], lang))
        )
    if counts["moved"]:
        n = counts["moved"]
        summary.append(ngettext("{n} moved", "{n} moved", n).format(n=n))
    if counts["dropped"]:
        n = counts["dropped"]
        summary.append(ngettext("{n} dropped", "{n} dropped", n).format(n=n))
    if counts["added"]:
        n = counts["added"]
        summary.append(ngettext("{n} added", "{n} added", n).format(n=n))
    planned = int(plan.session.participants)
    heads = ngettext("{n} participant planned", "{n} participants planned", planned).format(
        n=planned
    )
    if rp.retour and rp.retour.retour.participants is not None:
        there = rp.retour.retour.participants
        heads += ", " + ngettext("{n} there", "{n} there", there).format(n=there)
    return {
        "lang": lang,
        "title": _("Planned and run — {title}").format(title=tr(plan.session.title, lang)),
        "heading": session_heading(plan, lang),
        "note": _("For the facilitation team: not for publication."),
        "participants": heads,
        "summary": summary,
        "days": days,
        "silent": silent,
        "words": {
            "planned": _("Planned"),
            "run": _("Run"),
            "block": _("Block"),
            "change": _("Change"),
            "why": _("Why"),
            "silent": _("The retour says nothing yet of what these blocks produced"),
        },
    }
