"""Print data as validated models: paper sheets, card formats, card layouts, themes, the
materials catalogue and canvas layouts (the files of cards/, built-in or a library's own).

Why models: these files come from other programmes' packs too; a colour written `vert`, a card
format without a height or a canvas with a string where a list goes must be said with its file
and line, like any exercise, never met later as a traceback.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, PlainSerializer, PlainValidator, WithJsonSchema, model_validator

from facilitation.model.exercise import Arc, Colour
from facilitation.model.types import Id, Model, Text
from facilitation.text.i18n import LANGS
from facilitation.text.messages import _

_HEX_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")

MAX_PAPER_MM = 5000.0  # a 5 m banner: beyond that, a typing mistake
MAX_CARD_MM = 600.0


def _hex(value: Any) -> str:
    if isinstance(value, str) and _HEX_RE.match(value.strip()):
        return value.strip()
    raise ValueError(
        _("expected a colour written #RRGGBB (like #0072B2), found '{value}'").format(value=value)
    )


HexColour = Annotated[
    str,
    PlainValidator(_hex),
    PlainSerializer(lambda v: v),
    WithJsonSchema({"type": "string", "pattern": _HEX_RE.pattern}),
]


class Sheet(Model):
    """A paper size in millimetres, portrait (width <= height)."""

    width: float = Field(gt=0, le=MAX_PAPER_MM)
    height: float = Field(gt=0, le=MAX_PAPER_MM)
    label: str

    @model_validator(mode="after")
    def _portrait(self) -> Sheet:
        if self.width > self.height:
            raise ValueError(
                _(
                    "write the paper portrait: width ({width}) no larger than height ({height})"
                ).format(width=f"{self.width:g}", height=f"{self.height:g}")
            )
        return self


class CardFormat(Model):
    """A card size in millimetres, and the safe margin inside its trim that text keeps to."""

    id: str = Field("", exclude=True)
    width: float = Field(ge=20, le=MAX_CARD_MM)
    height: float = Field(ge=20, le=MAX_CARD_MM)
    label: str
    safe: float = Field(4, ge=0)
    min_type: float = Field(7, ge=4, le=30)  # no text on the card smaller than this, points

    @model_validator(mode="after")
    def _room(self) -> CardFormat:
        if 2 * self.safe >= min(self.width, self.height) - 10:
            raise ValueError(
                _("a safe margin of {safe} mm leaves no room on the card").format(
                    safe=f"{self.safe:g}"
                )
            )
        return self


class PaperUse(Model):
    """How small a canvas may print for one use (cards/paper.yaml): plenary canvases read
    from across the room (`wall`), canvases a group works on at a table (`group`), sheets
    and forms written on (`form`)."""

    min_scale: float = Field(gt=0, le=1)  # of the canvas's own size, in each direction
    stretch: float = Field(0.1, ge=0, le=0.5)  # how much one direction may exceed the other


class CardLayout(Model):
    """A participant card design the code knows, and what it needs."""

    label: Text
    format: Id = "poker"  # the format it prints on unless the support or the user choose one
    needs_source: bool = True  # fed by a parameter (statements, personas...)


class ArcStyle(Model):
    colour: HexColour
    mark: str = Field(min_length=1, max_length=2)
    icon: str = ""  # its pictogram (a name from facilitation/icons/)
    tint: HexColour | None = None  # a light fill of the colour, for areas text sits on


BlockKind = Literal["welcome", "break", "lunch", "dinner", "travel", "free", "parallel"]


class KindStyle(Model):
    """How a kind of block that is not a method shows on the documents: a break, a meal, a
    trip, a free block, parallel tracks."""

    colour: HexColour
    icon: str


class PageStyle(Model):
    """The header and footer every document page carries: a band in the arc's or the kit's
    colour at the top, the session's heading and the document's name, the page number."""

    band: float = Field(2.5, ge=0, le=10)  # mm, the coloured band at the top of each page
    accent: HexColour = "#0072B2"  # the kit's own colour: bands and rules of documents
    header_size: float = Field(8, ge=7, le=12)  # points
    footer_size: float = Field(8, ge=7, le=12)


BackStyle = Literal["pattern", "solid", "plain"]


class ThemePatch(Model):
    """A theme as written: every key optional, since `extends` may give the rest."""

    extends: Id | None = None
    font: str | None = None
    ink: HexColour | None = None
    muted: HexColour | None = None
    rule: HexColour | None = None
    paper: HexColour | None = None
    back_style: BackStyle | None = None
    logo: str | None = None
    arcs: dict[Arc, ArcStyle] | None = None
    kinds: dict[BlockKind, KindStyle] | None = None
    families: dict[str, str] | None = None
    pages: PageStyle | None = None
    swatches: dict[str, HexColour] | None = None


class Theme(Model):
    """Colours and marks of the printed kit, resolved (after `extends`)."""

    id: str = Field("", exclude=True)
    font: str
    ink: HexColour
    muted: HexColour
    rule: HexColour
    paper: HexColour
    back_style: BackStyle = "pattern"
    logo: str | None = None  # an image in the library folder that declares the theme
    arcs: dict[Arc, ArcStyle]
    # blocks that are not methods: breaks, meals, trips, free blocks, parallel tracks
    kinds: dict[BlockKind, KindStyle] = {}
    families: dict[str, str] = {}  # method family -> its pictogram
    pages: PageStyle = PageStyle()
    # colours by the word a card's `colour` field uses (the six hats: white, red...)
    swatches: dict[str, HexColour] = {}
    folder: Any = Field(None, exclude=True)  # the library folder that declared it
    logo_where: Any = Field(None, exclude=True)  # (file, line, column) of its `logo`

    @model_validator(mode="after")
    def _every_arc(self) -> Theme:
        missing = [a for a in ("open", "explore", "converge", "close", "energise", "logistics")]
        missing = [a for a in missing if a not in self.arcs]
        if missing:
            raise ValueError(
                _("the theme gives no colour for: {arcs}").format(arcs=", ".join(missing))
            )
        return self


def _unit(value: Any) -> dict[str, tuple[str, str]]:
    """{fr: [feutre, feutres], en: [marker, markers]}: the singular and the plural."""
    if not isinstance(value, dict) or not value or any(k not in LANGS for k in value):
        raise ValueError(
            _(
                "expected the word counted, singular and plural, in each language, such as "
                "{{fr: [feutre, feutres], en: [marker, markers]}}"
            )
        )
    out = {}
    for lang, forms in value.items():
        if (
            not isinstance(forms, list)
            or len(forms) != 2
            or not all(isinstance(f, str) and f.strip() for f in forms)
        ):
            raise ValueError(
                _(
                    "the '{lang}' unit must give the singular and the plural, such as "
                    "[feutre, feutres]"
                ).format(lang=lang)
            )
        out[lang] = (forms[0].strip(), forms[1].strip())
    return out


Unit = Annotated[
    dict[str, tuple[str, str]],
    PlainValidator(_unit),
    PlainSerializer(lambda v: {k: list(f) for k, f in v.items()}),
    WithJsonSchema(
        {
            "type": "object",
            "properties": {
                lang: {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}
                for lang in LANGS
            },
            "additionalProperties": False,
        }
    ),
]


class CatalogueItem(Model):
    """An item of the materials catalogue."""

    label: Text
    unit: Unit | None = None  # the word counted, singular and plural: [feutre, feutres]
    pack: int | None = Field(None, ge=1)  # sold by packs of
    reusable: bool = False  # equipment that serves again: counted at the largest need
    # for everyone in the room (meals, badges): counted per participant, the team counts too
    everyone: bool = False


# -- canvas layouts ---------------------------------------------------------------------------
class Detail(Model):
    """A field of a record shown under its label (a criterion's green and red signals)."""

    field: str
    label: Text | None = None
    colour: Colour | None = None  # a chip of that colour before it


class LabelSource(Model):
    """Labels taken from a parameter of the exercise ({param: stages}), from the support's
    source ({source: true}), with texts to use when there is none. For records, the label is
    the first field; `details` shows other fields under it."""

    param: Id | None = None
    source: bool | None = None
    default: list[Text] | None = None
    details: list[Detail] = []

    @model_validator(mode="after")
    def _one(self) -> LabelSource:
        if self.param is None and not self.source:
            raise ValueError(_("labels come from {{param: NAME}} or {{source: true}}"))
        return self


class Column(Model):
    title: Text
    prompt: Text | None = None
    mark: str | None = None
    colour: Colour | None = None  # the colour of the sticky notes that go there


class ParamValue(Model):
    """A value taken from a text (or list) parameter of the exercise: {param: change}."""

    param: Id


class FormField(Model):
    label: Text | None = None
    prompt: Text | None = None
    # what fills it: a field of the record the page is printed for (`each:`), `item` for the
    # whole item of a plain list, or {param: NAME} for a text parameter
    value: str | ParamValue | None = None
    lines: bool = True
    width: float = Field(1, gt=0, le=20)
    kind: Literal["zone", "check", "text"] = "zone"
    colour: Colour | None = None  # the colour of the sticky notes that go there


class FormRow(Model):
    height: float = Field(1, gt=0, le=20)
    fields: list[FormField] | None = None
    repeat: LabelSource | list[Text] | None = None

    @model_validator(mode="after")
    def _one(self) -> FormRow:
        if (self.fields is None) == (self.repeat is None):
            raise ValueError(_("a form row has either 'fields' or 'repeat'"))
        return self


class LegendItem(Model):
    colour: Colour
    label: Text


MAX_CELLS = 400  # rows x columns of a grid: beyond this no cell can be written in


class CanvasLayout(Model):
    """A wall canvas or an A4 sheet, as data: a kind and its labels."""

    id: str = Field("", exclude=True)
    title: Text
    prompt: Text | None = None
    subtitle: ParamValue | Text | None = None  # a line under the title: {param: change}
    size: Id | None = None  # a paper id of sheets.yaml
    landscape: bool = False
    # a form handed to someone outside the group (a consent form to sign): printed on its
    # own and single-sided, never on the back of the team's own sheets
    handout: bool = False
    kind: Literal["columns", "grid", "frames", "form"]
    columns: list[Column | Text] | LabelSource | None = None
    rows: list[Text] | LabelSource | None = None
    row_header: float | None = Field(None, gt=0, lt=1)
    row_text: Literal["body", "heading"] | None = None
    column_weights: list[Annotated[float, Field(gt=0)]] | None = None
    split: list[Text] | None = None
    legend: list[LegendItem] = []
    frames: int | None = Field(None, ge=1, le=24)
    fields: list[Text] | None = None
    form: list[FormRow] | None = None

    @model_validator(mode="after")
    def _kind(self) -> CanvasLayout:
        need = {"columns": ["columns"], "grid": ["rows", "columns"], "form": ["form"]}
        missing = [k for k in need.get(self.kind, []) if getattr(self, k) is None]
        if missing:
            raise ValueError(
                _("a '{kind}' canvas needs {keys}").format(
                    kind=self.kind, keys=_(" and ").join(missing)
                )
            )
        rows = self.rows if isinstance(self.rows, list) else []
        cols = self.columns if isinstance(self.columns, list) else []
        if len(rows) * max(1, len(cols)) > MAX_CELLS:
            raise ValueError(
                _("more than {n} cells: no one could write in them").format(n=MAX_CELLS)
            )
        return self

    def as_data(self) -> dict[str, Any]:
        """The layout as the plain mapping the canvas geometry reads."""
        return self.model_dump(exclude_none=True) | {"id": self.id}
