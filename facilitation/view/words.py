"""Small words of the interface in one language: ranges, "per pair", material labels, the
units the checklist counts in."""

from __future__ import annotations

from typing import Any

from facilitation.load.printdata import catalogue
from facilitation.model import words
from facilitation.model.exercise import Exercise
from facilitation.text.durations import format_duration
from facilitation.text.i18n import pick, tr
from facilitation.text.messages import _, plural_index


def duration_range(ex: Exercise, lang: str) -> str:
    d = ex.duration
    text = format_duration(d.typical, lang)
    if d.min != d.typical or d.max != d.typical:
        text += f" ({format_duration(d.min or 0, lang)}–{format_duration(d.max or 0, lang)})"
    return text.replace("\u00a0", " ")


def group_range(ex: Exercise, lang: str) -> str:
    g = ex.group_size
    if g.max is None:
        return f"{g.min}+"
    return f"{g.min}–{g.max}"


def per_label(per: str, lang: str | None = None) -> str:
    """'per pair', 'par binôme'... in the run's language."""
    return words.per_label(per)


def unit_word(unit: dict[str, tuple[str, str]] | None, quantity: float, lang: str) -> str:
    """The word a quantity of an item is counted in, singular or plural as the number
    wants it in the run's language ('1 feutre', '3 feutres'; '1 marker', '3 markers')."""
    if not unit:
        return ""
    forms, _fallback = pick(unit, lang)
    return forms[plural_index(quantity)]


def material_label(material: Any, lang: str) -> str:
    """A material's name: its own label, else the catalogue's, else its id."""
    if material.label:
        return tr(material.label, lang)
    entry = catalogue().get(material.item)
    if entry:
        return tr(entry.label, lang)
    return material.item


def field_label(key: str) -> str:
    """The label printed before a field of a record (a persona's needs, a role's brief), in
    the run's language; an unknown field shows its own name."""
    labels = {
        "name": _("Name"),
        "situation": _("Situation"),
        "quote": _("Quote"),
        "needs": _("Needs"),
        "brakes": _("Obstacles"),
        "motivations": _("Motivations"),
        "brief": _("Your role"),
        "questions": _("Questions"),
        "question": _("Question"),
        "stance": _("Stance"),
        "age": _("Age"),
        "colour": _("Colour"),
        "description": _("Description"),
        "status": _("Status"),
        "test": _("Test"),
        "island": _("Island"),
        "green": _("Green light"),
        "red": _("Red light"),
        "left": _("One pole"),
        "right": _("The other pole"),
        "text": _("Text"),
        "title": _("Title"),
        "made_by": _("Made by"),
        "what": _("What"),
        "how": _("How"),
        "shows": _("What it shows"),
        "site": _("Site"),
        "team": _("Team"),
        "address": _("Address"),
        "transport": _("Getting there"),
        "contact": _("Contact"),
        "back": _("Return"),
    }
    if key in labels:
        return labels[key]
    return key.replace("_", " ").capitalize()
