"""Which cards an exercise prints: the plan step between the model and the card designs.

Participant cards come from an exercise's `cards` supports, fed by its parameters (defaults,
or a session's overrides). Pictures are files in the exercise's own folder (or the session's
folder for a session's overrides): a path may not leave that folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.text.i18n import tr
from facilitation.layout.card_design import CardContent
from facilitation.model.exercise import Exercise, Support

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}


@dataclass
class Deck:
    exercise: Exercise
    support: Support
    cards: list[CardContent]
    copies: int = 1
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.support.id


def safe_picture(root: Any, rel: str, where: str) -> Path:
    """A picture path inside `root`, or a UserError: no absolute paths, no way out."""
    if root is None or not isinstance(root, Path):
        raise UserError(
            Problem(
                f"picture '{rel}': built-in exercises hold no pictures",
                path=where,
                hint="give pictures in a session or your own folder",
            )
        )
    p = Path(rel)
    if p.is_absolute() or ".." in p.parts:
        raise UserError(
            Problem(
                f"picture '{rel}' must be a path inside its folder",
                path=where,
                hint="no absolute paths and no '..'",
            )
        )
    full = root / p
    real_root = root.resolve()
    try:
        resolved = full.resolve(strict=True)
    except (FileNotFoundError, OSError):
        raise UserError(Problem(f"picture '{rel}' not found in {root}", path=where)) from None
    if not resolved.is_relative_to(real_root):
        raise UserError(
            Problem(
                f"picture '{rel}' leads outside its folder",
                path=where,
                hint="links out of a pack are not followed",
            )
        )
    if resolved.suffix.lower() not in IMAGE_SUFFIXES:
        raise UserError(Problem(f"picture '{rel}' is not a JPEG or PNG file", path=where))
    try:
        from PIL import Image

        with Image.open(resolved) as im:
            im.verify()
    except Exception:
        raise UserError(
            Problem(f"picture '{rel}' cannot be read as an image", path=where)
        ) from None
    return resolved


def param_value(ex: Exercise, name: str, lang: str, overrides: dict[str, Any]) -> Any:
    if name in overrides:
        from facilitation.text.i18n import is_localized, pick

        value = overrides[name]
        return pick(value, lang)[0] if is_localized(value) else value
    return ex.param_default(name, lang)


def deck_cards(
    ex: Exercise, support: Support, lang: str, overrides: dict[str, Any], picture_root: Any
) -> list[CardContent]:
    """The cards of one card support, in order."""
    title = tr(support.title, lang) if support.title else tr(ex.title, lang)
    items: list[Any] = []
    if support.source:
        value = param_value(ex, support.source, lang, overrides)
        items = list(value or [])
    elif support.layout == "capture":
        items = [title]
    labels = {}
    if support.source:
        p = ex.parameters[support.source]
        labels = {f: f for f in (p.fields or [])}
    cards = []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            fields = {k: v for k, v in item.items() if v not in (None, "", [])}
        else:
            fields = {"text": str(item)}
        if support.layout == "starter":
            where = f"{ex.id}.parameters.{support.source}[{i}]"
            fields["path"] = safe_picture(picture_root, str(item), where)
        fields["_labels"] = {k: _field_label(k, lang) for k in labels} or {
            k: _field_label(k, lang) for k in fields
        }
        cards.append(CardContent(support.layout, support.id, ex.id, i, fields, title, ex.arc, lang))
    return cards


_FIELD_LABELS = {
    "situation": {"fr": "Situation", "en": "Situation"},
    "needs": {"fr": "Besoins", "en": "Needs"},
    "brakes": {"fr": "Freins", "en": "Brakes"},
    "motivations": {"fr": "Motivations", "en": "Motivations"},
    "brief": {"fr": "Votre rôle", "en": "Your role"},
    "questions": {"fr": "Questions", "en": "Questions"},
    "stance": {"fr": "Posture", "en": "Stance"},
    "age": {"fr": "Âge", "en": "Age"},
}


def _field_label(key: str, lang: str) -> str:
    if key in _FIELD_LABELS:
        return _FIELD_LABELS[key][lang]
    return key.replace("_", " ").capitalize()


def card_supports(ex: Exercise, variant: str | None = None) -> list[Support]:
    dropped: set[str] = set()
    if variant:
        for v in ex.variants:
            if v.id == variant:
                dropped = set(v.without)
    return [s for s in ex.supports if s.kind == "cards" and s.id not in dropped]


def decks(
    ex: Exercise,
    lang: str,
    overrides: dict[str, Any] | None = None,
    picture_root: Any = None,
    variant: str | None = None,
) -> list[Deck]:
    out = []
    for s in card_supports(ex, variant):
        cards = deck_cards(ex, s, lang, overrides or {}, picture_root)
        out.append(Deck(ex, s, cards))
    return out
