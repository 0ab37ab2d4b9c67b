"""The cards of a deck in one language: the plan's supports, filled with their values, as
contents a card design can draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from facilitation.load.pictures import is_builtin_picture, safe_picture
from facilitation.model.exercise import Exercise, Support
from facilitation.plan.supports import card_supports, is_blank, support_value
from facilitation.text.i18n import tr
from facilitation.text.messages import _
from facilitation.view.words import field_label

PICTURE_CREDIT = "OpenMoji · CC BY-SA 4.0"  # printed on each card of the built-in deck


@dataclass
class CardContent:
    layout: str
    deck: str  # support id
    exercise: str
    index: int
    fields: dict[str, Any]
    title: str  # the deck's title (shown small on the front)
    arc: str
    lang: str
    instruction: str = ""  # one line: what participants do with the card
    family: str = ""  # the method's family: its pictogram on the card

    @property
    def name(self) -> str:
        return f"{self.exercise} / {self.deck} #{self.index + 1}"


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


def deck_cards(
    ex: Exercise, support: Support, lang: str, overrides: dict[str, Any], picture_root: Any
) -> list[CardContent]:
    """The cards of one card support, in order."""
    title = tr(support.title, lang) if support.title else tr(ex.title, lang)
    items: list[Any] = []
    blank = False
    if support.source:
        value = support_value(ex, support, support.source, lang, overrides)
        items = list(value or [])
        blank = is_blank(value)
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
        if blank:  # a card to fill in by hand: the fields' labels over ruled lines
            fields = {"_blank": True}
        elif support.layout == "starter":
            where = f"{ex.id}.parameters.{support.source}[{i}]"
            fields["path"] = safe_picture(picture_root, str(item), where)
            if is_builtin_picture(fields["path"]):
                fields["credit"] = PICTURE_CREDIT
        fields["_labels"] = {k: _card_label(k) for k in labels} or {
            k: _card_label(k) for k in fields if not k.startswith("_")
        }
        instruction = tr(support.instruction, lang) if support.instruction else ""
        cards.append(
            CardContent(
                support.layout,
                support.id,
                ex.id,
                i,
                fields,
                title,
                ex.arc,
                lang,
                instruction,
                family=ex.family or "",
            )
        )
    return cards


def _card_label(key: str) -> str:
    """A field's label on a card (those printed to fill in by hand: a persona's first name,
    their words), in the run's language."""
    own = {"name": _("First name"), "quote": _("Their words")}
    return own.get(key) or field_label(key)


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
