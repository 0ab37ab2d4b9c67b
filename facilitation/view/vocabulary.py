"""The vocabulary as tables to read, in the run's language: tags, the materials catalogue,
card layouts, canvas layouts, themes, card formats, papers, method families, and the values
typed in French or English (`facilitation vocabulary WHAT`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from facilitation.errors import Problem, UserError, did_you_mean
from facilitation.load import printdata
from facilitation.load.vocabulary import families, tags
from facilitation.model.types import Configuration
from facilitation.model.words import (
    arc_label,
    colour_label,
    logistics_label,
    per_label,
    setting_label,
    timing_label,
)
from facilitation.text.aliases import NUMBER, values
from facilitation.text.i18n import LANGS, tr
from facilitation.text.messages import _, ngettext
from facilitation.text.typography import number

Table = tuple[list[str], list[list[str]], tuple[int, ...]]  # head, rows, flexible columns

KINDS: dict[str, Callable[[], str]] = {
    "tags": lambda: _("the tags of the methods, with their words in both languages"),
    "materials": lambda: _("the materials catalogue: ids to give as 'item'"),
    "card-layouts": lambda: _("the card designs a 'cards' support can use"),
    "canvases": lambda: _("the canvas and sheet layouts"),
    "themes": lambda: _("the themes of the printed kit"),
    "formats": lambda: _("the card formats"),
    "papers": lambda: _("the paper sizes"),
    "families": lambda: _("the method families"),
    "values": lambda: _("the values the files take, and the other words they accept"),
}

# Other names people type for what to list (French first).
_KIND_WORDS = {
    "tags": ["tag", "mots-cles", "mots-clés", "mot-cle", "etiquettes", "étiquettes"],
    "materials": ["material", "materiel", "matériel", "catalogue", "fournitures"],
    "card-layouts": ["cards", "cartes", "layouts", "modeles", "modèles", "cartes-modeles"],
    "canvases": ["canvas", "canevas", "canvas-layouts", "affiches"],
    "themes": ["theme", "thème", "thèmes"],
    "formats": ["format", "card-formats", "formats-de-cartes"],
    "papers": ["paper", "papier", "papiers", "sheets", "feuilles"],
    "families": ["family", "familles", "famille"],
    "values": ["value", "valeurs", "aliases", "alias"],
}


def read_kind(typed: str) -> str:
    """What to list, as typed (English or French), or UserError."""
    from facilitation.text.i18n import fold

    for kind, words in _KIND_WORDS.items():
        if fold(typed) == kind or fold(typed) in (fold(w) for w in words):
            return kind
    raise UserError(
        Problem(
            _("nothing called '{what}' to list").format(what=typed),
            hint=did_you_mean(typed, KINDS, other_names=_KIND_WORDS)
            or _("one of: {names}").format(names=", ".join(KINDS)),
        )
    )


def _other(value: Any, lang: str) -> str:
    """A text in the languages other than the run's (for the 'also' columns)."""
    if not isinstance(value, dict):
        return ""
    return ", ".join(str(value[k]) for k in LANGS if k != lang and value.get(k))


def listing(kind: str, lang: str, exercises: list[Any] | None = None) -> Table:
    """The table of one kind of vocabulary: heading, rows, and which columns may shrink."""
    if kind == "tags":
        used: dict[str, int] = {}
        for ex in exercises or []:
            for t in ex.tags:
                used[t] = used.get(t, 0) + 1
        rows = [
            [
                k,
                tr(t.label, lang),
                _other(t.label, lang),
                ", ".join(t.synonyms.get(lang, [])),  # type: ignore[call-overload]
                str(used.get(k, 0)),
            ]
            for k, t in sorted(tags().items())
        ]
        return [_("id"), _("label"), _("other language"), _("also"), _("methods")], rows, (3,)
    if kind == "materials":
        rows = []
        for k, m in sorted(printdata.catalogue().items()):
            unit = ""
            if m.unit:
                forms = m.unit.get(lang) or next(iter(m.unit.values()))
                unit = " / ".join(forms)
            rows.append(
                [
                    k,
                    tr(m.label, lang),
                    unit,
                    str(m.pack or ""),
                    _("reusable") if m.reusable else _("consumable"),
                ]
            )
        head = [_("item"), _("label"), _("counted in"), _("pack of"), _("kind")]
        return head, rows, (1,)
    if kind == "card-layouts":
        rows = [
            [k, tr(c.label, lang), c.format, _("yes") if c.needs_source else _("no")]
            for k, c in sorted(printdata.card_layouts().items())
        ]
        return [_("layout"), _("label"), _("format"), _("needs a source")], rows, (1,)
    if kind == "canvases":
        rows = []
        for k in printdata.canvas_layout_ids():
            c = printdata.canvas_layout(k)
            size = (c.size or "").upper() + (" " + _("landscape") if c.landscape else "")
            rows.append([k, tr(c.title, lang), c.kind, size.strip()])
        return [_("layout"), _("title"), _("kind"), _("paper")], rows, (1,)
    if kind == "themes":
        rows = []
        for k in printdata.theme_ids():
            t = printdata.theme(k)
            rows.append([k, t.font, t.back_style, t.ink, " ".join(a.mark for a in t.arcs.values())])
        return [_("theme"), _("font"), _("backs"), _("ink"), _("arc marks")], rows, ()
    if kind == "formats":
        rows = [
            [k, f.label, _size(f.width, f.height, lang), f"{number(f.safe, lang)} mm"]
            for k, f in printdata.card_formats().items()
        ]
        return [_("format"), _("label"), _("size"), _("safe margin")], rows, (1,)
    if kind == "papers":
        rows = [[k, s.label, _size(s.width, s.height, lang)] for k, s in printdata.sheets().items()]
        return [_("paper"), _("label"), _("size")], rows, ()
    if kind == "families":
        rows = [[k, tr(f.label, lang), _other(f.label, lang)] for k, f in families().items()]
        return [_("family"), _("label"), _("other language")], rows, (1, 2)
    return _values_table()


def _size(width: float, height: float, lang: str) -> str:
    return f"{number(width, lang)} × {number(height, lang)} mm"


def _configuration_label(value: str) -> str:
    """How a configuration value reads ('en binômes', 'groupes de N')."""
    if value == "groups of {n}":
        return _("groups of {n}").format(n="N")
    if value == "{n} groups":
        return ngettext("{n} group", "{n} groups", 2).format(n="N")
    m = re.match(r"^groups of (\d+)$", value)
    if m:
        return Configuration("groups", size=int(m.group(1))).label()
    return Configuration(value).label()


def _values_table() -> Table:
    """Each value of the formats with the other words the files and the command line accept."""
    shown = {
        "configuration": (_("configuration"), _configuration_label),
        "logistics": (_("logistics"), logistics_label),
        "arc": (_("arc"), arc_label),
        "per": (_("per"), per_label),
        "colour": (_("colour"), colour_label),
        "audience": (_("audience"), lambda v: v),
        "support kind": (_("support kind"), lambda v: v),
        "setting": (_("setting"), setting_label),
        "timing": (_("timing"), timing_label),
    }
    rows = []
    for kind, (name, label) in shown.items():
        for value, others in values(kind).items():
            words = [w.replace(NUMBER, "N") for w in others]
            rows.append([name, value.replace(NUMBER, "N"), label(value), ", ".join(words)])
    return [_("key"), _("value"), _("says"), _("also accepted")], rows, (3,)
