"""The catalogue's texts in one language: the index of methods with what its filters need,
and each method's whole sheet, picked once for the run's language (set_language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.load.vocabulary import family_label, family_words, tag_label, tag_words
from facilitation.model.exercise import Exercise
from facilitation.model.words import arc_label, colour_label, own_language_name, support_kind_label
from facilitation.model.words import per_label as per_words
from facilitation.plan.steps import time_steps
from facilitation.plan.suggest import STOP, fits_people, shortest_for, tokens
from facilitation.text.aliases import other_words
from facilitation.text.durations import format_duration
from facilitation.text.i18n import LANGS, fold, tr
from facilitation.text.messages import _, language, ngettext
from facilitation.text.typography import number, typeset
from facilitation.view.words import duration_range, group_range, material_label, per_label

CONFIG_KINDS = ("plenary", "pairs", "groups", "individual")
# The order of the catalogue: the arc of a session, then the rest
CATALOGUE_ORDER = ("open", "explore", "converge", "close", "energise", "logistics")
TIME_CHOICES = (10, 15, 20, 30, 45, 60, 90, 120, 180, 240)
MAX_PEOPLE = 100  # the index knows the shortest run of each method for 1 to this many people


@dataclass
class Preview:
    """One printed file of a method, previewed by the image of its first page."""

    name: str  # the PNG written, from the catalogue's root
    width: int
    height: int
    title: str  # what the file holds (the supports' names)
    kind: str  # cards | facilitator | signs | canvas | sheet | canvas-tiled
    pages: int
    paper: str
    duplex: str


@dataclass
class Origin:
    """Where a method comes from: the built-in library or a user's folder, and whether it
    replaces a method of the same id or extends another."""

    builtin: bool
    folder: str = ""
    replaces: bool = False
    extends: str | None = None


@dataclass
class Links:
    """Methods that usually come before and after, as ids (the library's or not)."""

    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def strings_graph(exercises: list[Exercise]) -> dict[str, Links]:
    """Before and after of every method, from both ends: a method that says it comes
    before another also shows as coming after it there."""
    links = {ex.id: Links(list(ex.strings.before), list(ex.strings.after)) for ex in exercises}
    for ex in exercises:
        for other in ex.strings.after:
            if other in links and ex.id not in links[other].before:
                links[other].before.append(ex.id)
        for other in ex.strings.before:
            if other in links and ex.id not in links[other].after:
                links[other].after.append(ex.id)
    return links


def t(value: Any, lang: str) -> str:
    """A text of a file in the language, typeset for the screen."""
    return typeset(tr(value, lang), lang) if value else ""


def _dur(minutes: int, lang: str) -> str:
    return format_duration(minutes, lang)


def config_label(kind: str) -> str:
    return {
        "plenary": _("in plenary"),
        "pairs": _("in pairs"),
        "groups": _("in groups"),
        "individual": _("individually"),
    }[kind]


def people_range(ex: Exercise, lang: str) -> str:
    """'4–30 people', '4–30 personnes'."""
    return _("{range} people").format(range=group_range(ex, lang))


def _material(m: Any, ex: Exercise, lang: str) -> dict[str, str]:
    label = material_label(m, lang)
    if m.colour:
        label += f" ({colour_label(m.colour)})"
    qty = number(m.quantity, lang)
    if m.quantity_param:
        qty += f" × {ex.param_default(m.quantity_param, lang)}"
    return {
        "label": typeset(label, lang),
        "quantity": qty,
        "per": per_label(m.per, lang),
        "note": t(m.note, lang),
    }


def _value_lines(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, dict):
                parts = []
                for k, x in v.items():
                    x = "; ".join(map(str, x)) if isinstance(x, list) else x
                    parts.append(f"{k}: {x}")
                out.append(" — ".join(parts))
            else:
                out.append(str(v))
        return out
    return [str(value)]


def print_kind(kind: str) -> str:
    """What a printed file is, by the kind of its job."""
    return {
        "cards": _("participant cards"),
        "facilitator": _("facilitator card"),
        "signs": _("floor signs"),
        "canvas": _("wall canvas"),
        "canvas-tiled": _("wall canvas, tiled"),
        "sheet": _("sheets"),
    }.get(kind, kind)


def duplex_label(duplex: str) -> str:
    return {
        "long": _("double-sided, long edge"),
        "short": _("double-sided, short edge"),
        "fold": _("fold-over backs"),
        "none": _("single-sided"),
    }.get(duplex, duplex)


def method_view(
    ex: Exercise,
    lang: str,
    origin: Origin,
    links: Links,
    titles: dict[str, str],
    previews: list[Preview],
) -> dict[str, Any]:
    """Everything a method's page shows, in one language."""
    team = None
    if ex.team:
        team = {
            "count": typeset(
                ngettext("{n} facilitator", "{n} facilitators", ex.team.facilitators).format(
                    n=ex.team.facilitators
                ),
                lang,
            ),
            "take_part": ex.team.take_part,
            "roles": [{"role": t(r.role, lang), "task": t(r.task, lang)} for r in ex.team.roles],
        }
    prep = None
    if ex.preparation:
        prep = {
            "minutes": _dur(ex.preparation.minutes, lang),
            "when": t(ex.preparation.when, lang),
            "steps": [t(s, lang) for s in ex.preparation.steps],
        }
    steps = []
    for st in time_steps(ex).steps:  # a Transfo group (twenty people), the usual length
        s = st.step
        each = ""
        if s.each and s.per:
            each = _("{each} min {per}").format(each=s.each, per=per_words(s.per))
        steps.append(
            {
                "title": typeset(st.fill(tr(s.title, lang)), lang),
                "minutes": _dur(s.minutes, lang),
                "configuration": s.configuration.label(lang) if s.configuration else "",
                "each": each,
                "instructions": typeset(st.fill(tr(s.instructions, lang)), lang),
            }
        )
    variants = []
    for v in ex.variants:
        timed = time_steps(ex, variant=v.id).steps if v.steps else []
        dropped = [t(s.title, lang) if s.title else s.id for s in ex.supports if s.id in v.without]
        variants.append(
            {
                "id": v.id,
                "title": t(v.title, lang),
                "description": t(v.description, lang),
                "duration": (
                    f"{_dur(v.duration.typical, lang)} ({_dur(v.duration.min or 0, lang)}–"
                    f"{_dur(v.duration.max or 0, lang)})"
                    if v.duration
                    else ""
                ),
                "steps": [
                    {
                        "title": typeset(st.fill(tr(st.step.title, lang)), lang),
                        "minutes": _dur(st.step.minutes, lang),
                        "instructions": typeset(st.fill(tr(st.step.instructions, lang)), lang),
                    }
                    for st in timed
                ],
                "without": dropped,
            }
        )
    supports = []
    for s in ex.supports:
        bits = [support_kind_label(s.kind)]
        if s.each:
            bits.append(_("one per item of “{param}”").format(param=s.each))
        elif s.per != "session":
            bits.append(per_label(s.per, lang))
        supports.append({"title": t(s.title, lang) if s.title else s.id, "what": ", ".join(bits)})
    parameters = []
    for name, p in ex.parameters.items():
        parameters.append(
            {
                "name": name,
                "label": t(p.label, lang),
                "help": t(p.help, lang),
                "lines": [typeset(v, lang) for v in _value_lines(ex.param_default(name, lang))],
                "example": p.example,
            }
        )

    def link(ids: list[str]) -> list[dict[str, Any]]:
        return [{"id": i, "title": titles.get(i, i), "known": i in titles} for i in ids]

    other = next(x for x in LANGS if x != lang)
    return {
        "lang": lang,
        "other_lang": other,
        "other_name": own_language_name(other),
        "id": ex.id,
        "title": t(ex.title, lang),
        "tagline": t(ex.tagline, lang),
        "arc": {"id": ex.arc, "label": arc_label(ex.arc)},
        "duration": duration_range(ex, lang),
        "group": people_range(ex, lang),
        "configuration": ex.configuration.label(lang),
        "family": family_label(ex.family, lang),
        "tags": [{"id": tg, "label": tag_label(tg)} for tg in ex.tags],
        "origin": origin,
        "extends_title": titles.get(origin.extends or "", origin.extends or ""),
        "purpose": t(ex.purpose, lang),
        "invitation": t(ex.invitation, lang),
        "makes_possible": [t(x, lang) for x in ex.makes_possible],
        "outputs": [t(x, lang) for x in ex.outputs],
        "in_transfo": t(ex.in_transfo, lang),
        "space": t(ex.space, lang),
        "participation": t(ex.participation, lang),
        "team": team,
        "preparation": prep,
        "materials": [_material(m, ex, lang) for m in ex.materials],
        "steps": steps,
        "tips": [t(x, lang) for x in ex.tips],
        "pitfalls": [t(x, lang) for x in ex.pitfalls],
        "vigilance": [t(x, lang) for x in ex.vigilance],
        "variants": variants,
        "supports": supports,
        "previews": [
            {
                "image": p.name,
                "width": p.width,
                "height": p.height,
                "title": typeset(p.title, lang),
                "kind": print_kind(p.kind),
                "pages": ngettext("{n} page", "{n} pages", p.pages).format(n=p.pages),
                "paper": p.paper.upper(),
                "duplex": duplex_label(p.duplex),
            }
            for p in previews
        ],
        "parameters": parameters,
        "before": link(links.before),
        "after": link(links.after),
        "source": t(ex.source, lang),
        "credits": t(ex.credits, lang),
        "licence": ex.licence or "",
    }


def _haystack(ex: Exercise, lang: str, *fields: str) -> str:
    parts: list[str] = []
    for name in fields:
        value = getattr(ex, name)
        for v in value if isinstance(value, list) else [value]:
            if v:
                parts.append(tr(v, lang))
    return " ".join(parts)


def index_entry(ex: Exercise, lang: str) -> dict[str, Any]:
    """What the index's script knows of a method, to filter and search it."""
    known_tags = tag_words()
    tags_said = [w for tg in ex.tags for w in [tg, *known_tags.get(tg, [])]]
    arc_said = [ex.arc, *other_words("arc").get(ex.arc, [])]
    family_said = [ex.family, *family_words().get(ex.family, [])] if ex.family else []
    words = _haystack(ex, lang, "title", "tagline", "purpose", "makes_possible", "outputs")
    search = " ".join(
        [ex.id, words, _haystack(ex, lang, "invitation", "in_transfo")]
        + tags_said
        + arc_said
        + family_said
    )
    purpose = " ".join([words, *tags_said, *arc_said, *family_said])
    g = ex.group_size
    shortest: list[int] | int = ex.duration.min or ex.duration.typical
    if any(s.each for s in ex.steps):
        shortest = [shortest_for(ex, n) for n in range(1, MAX_PEOPLE + 1)]
    fits = [n for n in range(1, MAX_PEOPLE + 1) if fits_people(ex, n)]
    return {
        "id": ex.id,
        "arc": ex.arc,
        "min": ex.duration.min,
        "max": ex.duration.max,
        "short": shortest,
        "people": [fits[0], fits[-1]] if fits else [0, 0],
        "gmax": g.max,
        "conf": ex.configuration.kind,
        "family": ex.family or "",
        "tags": list(ex.tags),
        "s": fold(" ".join(search.split())),
        "p": sorted(set(tokens(purpose))),
    }


def catalogue_order(exercises: list[Exercise], lang: str) -> list[Exercise]:
    """The methods in the order of a session's arc, by title within each part."""
    rank = {a: i for i, a in enumerate(CATALOGUE_ORDER)}
    return sorted(exercises, key=lambda ex: (rank.get(ex.arc, 99), fold(tr(ex.title, lang)), ex.id))


def index_view(
    exercises: list[Exercise],
    lang: str,
    sources: list[str],
) -> dict[str, Any]:
    """The index page: the methods as cards, the filters' choices, the script's data."""
    exercises = catalogue_order(exercises, lang)
    used_tags = sorted({tg for ex in exercises for tg in ex.tags}, key=lambda x: fold(tag_label(x)))
    used_families = sorted(
        {ex.family for ex in exercises if ex.family}, key=lambda x: fold(family_label(x, lang))
    )
    arcs_used = [a for a in CATALOGUE_ORDER if any(ex.arc == a for ex in exercises)]
    conf_used = [k for k in CONFIG_KINDS if any(ex.configuration.kind == k for ex in exercises)]
    other = next(x for x in LANGS if x != lang)
    n = len(exercises)
    methods = [
        {
            "id": ex.id,
            "title": t(ex.title, lang),
            "tagline": t(ex.tagline, lang),
            "arc": {"id": ex.arc, "label": arc_label(ex.arc)},
            "duration": duration_range(ex, lang),
            "group": people_range(ex, lang),
            "configuration": ex.configuration.label(lang),
            "family": family_label(ex.family, lang),
            "tags": [{"id": tg, "label": tag_label(tg)} for tg in ex.tags],
        }
        for ex in exercises
    ]
    return {
        "lang": lang,
        "other_lang": other,
        "other_name": own_language_name(other),
        "title": _("Catalogue of methods"),
        "count": ngettext("{n} method", "{n} methods", n).format(n=n),
        "sources": sources,
        "methods": methods,
        "arcs": [{"id": a, "label": arc_label(a)} for a in arcs_used],
        "configurations": [{"id": k, "label": config_label(k)} for k in conf_used],
        "families": [{"id": f, "label": family_label(f, lang)} for f in used_families],
        "tags": [{"id": tg, "label": tag_label(tg)} for tg in used_tags],
        "times": [{"value": m, "label": _dur(m, lang)} for m in TIME_CHOICES],
        "data": {
            "lang": lang,
            "stop": sorted(STOP),
            "methods": [index_entry(ex, lang) for ex in exercises],
            "words": {
                "one": ngettext("{n} method", "{n} methods", 1),
                "other": ngettext("{n} method", "{n} methods", 2),
                "of": ngettext("{shown} of {total} methods", "{shown} of {total} methods", 2),
                "of_one": ngettext("{shown} of {total} methods", "{shown} of {total} methods", 1),
            },
        },
    }


def page_words() -> dict[str, str]:
    """The words of the pages, in the run's language, typeset for the screen."""
    lang = language()
    return {key: typeset(value, lang) for key, value in _page_words().items()}


def _page_words() -> dict[str, str]:
    return {
        "skip": _("Skip to the content"),
        "catalogue": _("Catalogue of methods"),
        "filters": _("Filter the methods"),
        "search": _("Search"),
        "search_hint": _("words of the title, purpose, tags…"),
        "purpose": _("What for"),
        "purpose_hint": _("e.g. close the day, decide, get to know each other"),
        "arc": _("Part of the session"),
        "any": _("Any"),
        "time": _("Time you have"),
        "time_fits": _("fits in {time}"),
        "people": _("Number of people"),
        "configuration": _("How people work"),
        "family": _("Family of methods"),
        "tags": _("Tags"),
        "tags_hint": _("all the ticked tags"),
        "reset": _("Clear the filters"),
        "none": _("No method matches these filters."),
        "results": _("Methods"),
        "from": _("Library"),
        "builtin": _("built-in library"),
        "user": _("your library"),
        "replaces": _("replaces the method of the same name"),
        "adapts": _("adapts the method of the same name: the rest of the sheet comes from it"),
        "extends": _("adapted from"),
        "facts": _("In short"),
        "duration": _("Duration"),
        "group": _("Group"),
        "family_of": _("Family"),
        "invitation": _("Invitation"),
        "purpose_h": _("Purpose"),
        "makes_possible": _("What it makes possible"),
        "outputs": _("Outputs"),
        "in_transfo": _("In a Transfo"),
        "space": _("Space"),
        "participation": _("Participation"),
        "team": _("Facilitation team"),
        "take_part": _("the facilitators take part too"),
        "preparation": _("Preparation"),
        "materials": _("Materials"),
        "item": _("Item"),
        "quantity": _("Quantity"),
        "per": _("Per"),
        "steps": _("Steps"),
        "tips": _("Tips"),
        "pitfalls": _("Pitfalls"),
        "vigilance": _("Points of vigilance"),
        "variants": _("Variants"),
        "leaves_out": _("Does not print"),
        "prints": _("What it prints"),
        "no_prints": _("Nothing to print but its facilitator card."),
        "facilitator_note": _("Like every method, it also prints its facilitator card (A6)."),
        "preview_of": _("First page of"),
        "parameters": _("Parameters"),
        "example": _("an example from a real case: replace it with your own"),
        "strings": _("Before and after"),
        "before": _("Usually comes after"),
        "after": _("Usually followed by"),
        "not_in_library": _("not in this library"),
        "source": _("Source"),
        "credits": _("Credits"),
        "licence": _("Licence"),
        "back": _("All the methods"),
    }
