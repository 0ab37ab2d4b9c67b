"""Languages: texts are stored per language, read with a visible fallback.

A text in a file is either one string (the same in every language) or a mapping
{fr: ..., en: ...}. Reading a text in a language that it lacks gives the other language,
marked "[fr] ..." so the gap shows on screen and on paper.
"""

from __future__ import annotations

from typing import Any

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"
ANY = "*"  # key of a language-neutral text
LANG_NAMES = {"fr": {"fr": "français", "en": "French"}, "en": {"fr": "anglais", "en": "English"}}


def is_localized(value: Any) -> bool:
    """A mapping whose keys are all language codes: {fr: ..., en: ...}."""
    return isinstance(value, dict) and bool(value) and set(value) <= set(LANGS)


def pick(value: Any, lang: str) -> tuple[Any, str | None]:
    """(value in `lang`, the language actually used when it is a fallback, else None)."""
    if isinstance(value, dict) and (ANY in value or is_localized(value)):
        if ANY in value:
            return value[ANY], None
        if lang in value and value[lang] not in (None, ""):
            return value[lang], None
        for other in LANGS:
            if other in value and value[other] not in (None, ""):
                return value[other], other
        return "", None
    return value, None


def tr(value: Any, lang: str) -> str:
    """A text in `lang`, or in another language with a visible '[xx] ' mark."""
    if value is None:
        return ""
    text, fallback = pick(value, lang)
    if text is None:
        return ""
    return f"[{fallback}] {text}" if fallback else str(text)


def has(value: Any, lang: str) -> bool:
    """Whether a text exists in `lang` itself (not by fallback)."""
    if value is None:
        return True
    _, fallback = pick(value, lang)
    return fallback is None


# Words of the interface, in both languages.
WORDS: dict[str, dict[str, str]] = {
    "id": {"fr": "id", "en": "id"},
    "title": {"fr": "titre", "en": "title"},
    "duration": {"fr": "durée", "en": "duration"},
    "group": {"fr": "groupe", "en": "group"},
    "arc": {"fr": "phase", "en": "arc"},
    "purpose": {"fr": "Objectif", "en": "Purpose"},
    "invitation": {"fr": "Invitation", "en": "Invitation"},
    "configuration": {"fr": "Configuration", "en": "Configuration"},
    "space": {"fr": "Espace", "en": "Space"},
    "materials": {"fr": "Matériel", "en": "Materials"},
    "steps": {"fr": "Déroulé", "en": "Steps"},
    "tips": {"fr": "Conseils", "en": "Tips"},
    "pitfalls": {"fr": "Pièges", "en": "Pitfalls"},
    "variants": {"fr": "Variantes", "en": "Variants"},
    "vigilance": {"fr": "Points de vigilance", "en": "Watch out for"},
    "outputs": {"fr": "Ce que le groupe obtient", "en": "Outputs"},
    "supports": {"fr": "Supports imprimés", "en": "Printed supports"},
    "parameters": {"fr": "Paramètres", "en": "Parameters"},
    "source": {"fr": "Source", "en": "Source"},
    "credits": {"fr": "Crédits", "en": "Credits"},
    "licence": {"fr": "Licence", "en": "Licence"},
    "makes_possible": {"fr": "Ce que cela permet", "en": "What it makes possible"},
    "tags": {"fr": "Mots-clés", "en": "Tags"},
    "people": {"fr": "pers.", "en": "people"},
    "participants": {"fr": "participants", "en": "participants"},
    "typical": {"fr": "habituellement", "en": "typically"},
    "min": {"fr": "min", "en": "min"},
    "extends": {"fr": "Dérive de", "en": "Extends"},
    "per_participant": {"fr": "par participant", "en": "per participant"},
    "per_pair": {"fr": "par binôme", "en": "per pair"},
    "per_group": {"fr": "par groupe", "en": "per group"},
    "per_session": {"fr": "pour la session", "en": "per session"},
    "per_facilitator": {"fr": "par animateur", "en": "per facilitator"},
    "exercises": {"fr": "exercices", "en": "exercises"},
    "no_match": {"fr": "Aucun exercice ne correspond.", "en": "No exercise matches."},
}

ARCS: dict[str, dict[str, str]] = {
    "open": {"fr": "ouvrir", "en": "open"},
    "explore": {"fr": "explorer", "en": "explore"},
    "converge": {"fr": "converger", "en": "converge"},
    "close": {"fr": "conclure", "en": "close"},
    "energise": {"fr": "dynamiser", "en": "energise"},
    "logistics": {"fr": "logistique", "en": "logistics"},
}

COLOURS: dict[str, dict[str, str]] = {
    "yellow": {"fr": "jaunes", "en": "yellow"},
    "blue": {"fr": "bleus", "en": "blue"},
    "orange": {"fr": "orange", "en": "orange"},
    "pink": {"fr": "roses", "en": "pink"},
    "green": {"fr": "verts", "en": "green"},
    "white": {"fr": "blancs", "en": "white"},
    "red": {"fr": "rouges", "en": "red"},
    "purple": {"fr": "violets", "en": "purple"},
}


def word(key: str, lang: str) -> str:
    return WORDS[key].get(lang, WORDS[key]["en"])
