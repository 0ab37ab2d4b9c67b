"""The values of the formats as the run's language says them: arcs, logistics kinds, colours,
'per' units. The values stay English in files and code; these words are what prints."""

from __future__ import annotations

from facilitation.text.messages import _, pgettext, translations


def arc_label(arc: str) -> str:
    """'ouvrir', 'explorer'... (French) or 'open', 'explore'... (English)."""
    words = {
        "open": pgettext("arc", "open"),
        "explore": pgettext("arc", "explore"),
        "converge": pgettext("arc", "converge"),
        "close": pgettext("arc", "close"),
        "energise": pgettext("arc", "energise"),
        "logistics": pgettext("arc", "logistics"),
    }
    return words.get(arc, arc)


def logistics_label(kind: str) -> str:
    """'accueil', 'pause', 'déjeuner', 'trajet', 'dîner' in French."""
    words = {
        "welcome": pgettext("logistics", "welcome"),
        "break": pgettext("logistics", "break"),
        "lunch": pgettext("logistics", "lunch"),
        "travel": pgettext("logistics", "travel"),
        "dinner": pgettext("logistics", "dinner"),
    }
    return words.get(kind, kind)


def setting_label(setting: str) -> str:
    """Where a block happens: 'en salle', 'sur le terrain'."""
    words = {"room": _("in the room"), "field": _("out of the room")}
    return words.get(setting, setting)


def timing_label(show: str) -> str:
    """How the participants' agendas show times (timing: show)."""
    words = {
        "exact": _("exact times"),
        "markers": _("time markers (morning, late morning...)"),
        "rounded": _("rounded times"),
    }
    return words.get(show, show)


def colour_label(colour: str) -> str:
    """A sticky-note colour as it follows the item's name ('Post-it jaunes')."""
    words = {
        "yellow": pgettext("sticky notes", "yellow"),
        "blue": pgettext("sticky notes", "blue"),
        "orange": pgettext("sticky notes", "orange"),
        "pink": pgettext("sticky notes", "pink"),
        "green": pgettext("sticky notes", "green"),
        "white": pgettext("sticky notes", "white"),
        "red": pgettext("sticky notes", "red"),
        "purple": pgettext("sticky notes", "purple"),
    }
    return words.get(colour, colour)


def per_label(per: str) -> str:
    """'per pair', 'per group'... as a quantity is counted."""
    words = {
        "participant": _("per participant"),
        "pair": _("per pair"),
        "group": _("per group"),
        "session": _("per session"),
        "facilitator": _("per facilitator"),
    }
    return words.get(per, per)


def per_short(per: str) -> str:
    """'/pers.', '/binôme'... after a quantity on a card ('' per session)."""
    words = {
        "participant": _("/person"),
        "pair": _("/pair"),
        "group": _("/group"),
        "session": "",
        "facilitator": _("/facilitator"),
    }
    return words.get(per, "")


def support_kind_label(kind: str) -> str:
    words = {"cards": _("cards"), "canvas": _("wall canvas"), "sheet": _("A4 sheet")}
    return words.get(kind, kind)


def language_name(lang: str) -> str:
    """'français', 'anglais' (French), 'French', 'English' (English): a language as the run's
    language names it."""
    words = {"fr": _("French"), "en": _("English")}
    return words.get(lang, lang)


def own_language_name(lang: str) -> str:
    """A language as it names itself ('Français', 'English'), whatever the run's language:
    the link to the other language of a page."""
    name = {"fr": "French", "en": "English"}.get(lang, lang)
    said = translations(lang).gettext(name)
    return said[:1].upper() + said[1:]
