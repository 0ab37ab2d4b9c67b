"""The exercise: one workshop method, as a facilitator needs it on the day.

Modelled on the Liberating Structures description of a method (invitation; space and
materials; how participation is distributed; configuration; steps with times; what it makes
possible; tips and traps; variations), plus what public-sector work adds (points of vigilance)
and what printing needs (supports and parameters).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from facilitation.model.limits import (
    MAX_BLOCKS,
    MAX_COPIES,
    MAX_ITEMS,
    MAX_PARTICIPANTS,
    MAX_QUANTITY,
)
from facilitation.model.types import (
    Aliased,
    Configuration,
    ConfigurationField,
    Id,
    Minutes,
    Model,
    Text,
    kind_of,
    localizable,
)
from facilitation.text.i18n import ANY, LANGS, pick
from facilitation.text.messages import _, ngettext

ArcName = Literal["open", "explore", "converge", "close", "energise", "logistics"]
Arc = Annotated[ArcName, Aliased("arc")]
Per = Annotated[Literal["participant", "pair", "group", "session", "facilitator"], Aliased("per")]
Colour = Annotated[
    Literal["yellow", "blue", "orange", "pink", "green", "white", "red", "purple"],
    Aliased("colour"),
]
Logistics = Annotated[
    Literal["welcome", "break", "lunch", "travel", "dinner"], Aliased("logistics")
]
Meal = Annotated[Literal["lunch", "dinner"], Aliased("logistics")]
Setting = Annotated[Literal["room", "field"], Aliased("setting")]
TRANSFO_SIZE = 20  # the head count methods are written for: a Transfo group
ARC_ORDER = ["logistics", "open", "energise", "explore", "converge", "close"]


def _scalar_duration(value: Any) -> Any:
    return value if isinstance(value, dict) else {"typical": value}


class DurationRange(Model):
    """Typical, shortest and longest sensible duration, in minutes."""

    typical: Minutes
    min: Minutes | None = None
    max: Minutes | None = None

    @model_validator(mode="after")
    def _order(self) -> DurationRange:
        if self.min is None:
            self.min = self.typical
        if self.max is None:
            self.max = self.typical
        if not self.min <= self.typical <= self.max:
            raise ValueError(
                _("expected min <= typical <= max, found {min} <= {typical} <= {max}").format(
                    min=self.min, typical=self.typical, max=self.max
                )
            )
        return self


class GroupSize(Model):
    """How many people the method works with."""

    min: int = Field(1, ge=1, le=MAX_PARTICIPANTS)
    max: int | None = Field(None, ge=1, le=MAX_PARTICIPANTS)

    @model_validator(mode="after")
    def _order(self) -> GroupSize:
        if self.max is not None and self.max < self.min:
            raise ValueError(
                _("max ({max}) is smaller than min ({min})").format(max=self.max, min=self.min)
            )
        return self


class Material(Model):
    """An item to bring, and the rule to count it."""

    item: Id
    label: Text | None = None
    quantity: float = Field(1, gt=0, le=MAX_QUANTITY)
    per: Per = "session"
    colour: Colour | None = None
    quantity_param: str | None = None
    note: Text | None = None


TeamUnit = Annotated[Literal["participant", "pair", "group"], Aliased("per")]


class Step(Model):
    """One step of a method. `minutes` is its length at the typical duration; a step run by
    each team in turn (each pair presents in 3 minutes) also gives `each` and `per`, so that
    the scheduler can count it for the real head count. Its texts may say {each} and
    {minutes}: they print the minutes computed for the session."""

    title: Text
    minutes: Minutes
    each: Minutes | None = None  # minutes per team, for steps run by each team in turn
    per: TeamUnit | None = None  # the team that `each` counts
    configuration: ConfigurationField | None = None
    instructions: Text

    @model_validator(mode="after")
    def _each_per(self) -> Step:
        if (self.each is None) != (self.per is None):
            raise ValueError(_("'each' and 'per' go together: minutes per team, and the team"))
        return self


class Variant(Model):
    """Another way to run the method: its own steps and duration when they differ, and the
    printed supports and materials it leaves out."""

    id: Id
    title: Text
    description: Text
    without: list[str] = []  # ids of the supports it does not print, items it does not need
    duration: Annotated[DurationRange, BeforeValidator(_scalar_duration)] | None = None
    steps: list[Step] = []


class Role(Model):
    """A job in the facilitation team while the method runs (who reads, notes, keeps time)."""

    role: Text
    task: Text


class Team(Model):
    """The facilitation team a method needs at Transfo size (about twenty people)."""

    facilitators: int = Field(1, ge=1, le=20)
    take_part: bool = False  # whether facilitators also take part as participants
    roles: list[Role] = []


class Preparation(Model):
    """What to prepare before the session, and how long it takes."""

    minutes: Minutes
    when: Text | None = None  # "la veille", "une semaine avant"
    steps: list[Text] = Field(min_length=1)


class Strings(Model):
    """Methods that usually come before and after this one (ids)."""

    before: list[Id] = []
    after: list[Id] = []


class Support(Model):
    """A printed support the exercise calls for: a card set, a wall canvas or an A4 sheet."""

    id: Id
    kind: Annotated[Literal["cards", "canvas", "sheet"], Aliased("support kind")]
    layout: Id
    source: str | None = None  # the parameter that feeds it
    per: Annotated[Literal["session", "group", "pair", "participant"], Aliased("per")] = "session"
    each: str | None = None  # one copy per item of this parameter
    copies: int = Field(1, ge=1, le=MAX_COPIES)
    copies_param: str | None = None  # an integer parameter that multiplies the copies
    title: Text | None = None
    format: Id | None = None  # card format it prints on unless the user chooses one
    instruction: Text | None = None  # one line on each card: what participants do with it


class Blank(Model):
    """What the supports fed by a parameter print when nobody chose its value: so many blank
    items, to fill in by hand (one persona canvas per group), rather than the example."""

    per: Annotated[Literal["session", "group", "pair", "participant"], Aliased("per")] = "group"
    copies: int = Field(1, ge=1, le=50)
    supports: list[Id] = []  # the supports that print blank (all that it feeds, when empty)


class Parameter(Model):
    """A value a session can override: statements, personas, row labels..."""

    type: Literal["text", "integer", "list", "records"]
    label: Text
    help: Text | None = None
    fields: list[str] | None = None
    default: Any = None
    example: bool = False  # the default comes from one real case: warn before printing it
    # when no value is chosen (the example is not one), print blank items instead
    blank: Blank | None = None

    @field_validator("default", mode="after")
    @classmethod
    def _per_lang(cls, value: Any) -> Any:
        return None if value is None else localizable(value)

    @model_validator(mode="after")
    def _check_default(self) -> Parameter:
        if self.default is None:
            return self
        for lang, value in self.default.items():
            problem = check_value(self, value)
            if problem:
                if lang == ANY:
                    raise ValueError(_("default: {problem}").format(problem=problem))
                raise ValueError(
                    _("default ({lang}): {problem}").format(lang=lang, problem=problem)
                )
        return self


def check_value(param: Parameter, value: Any) -> str | None:
    """Why a value does not suit a parameter, or None."""
    t = param.type
    if t == "text":
        return None if isinstance(value, (str, int, float)) else _("expected a text")
    if t == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        if ok and value > MAX_QUANTITY:
            return _("{value} is too large: at most {limit}").format(
                value=value, limit=MAX_QUANTITY
            )
        return (
            None if ok else _("expected a whole number, found {found}").format(found=kind_of(value))
        )
    if not isinstance(value, list):
        return _("expected a list, found {found}").format(found=kind_of(value))
    if len(value) > MAX_ITEMS:
        return ngettext(
            "{n} item: at most {limit}", "{n} items: at most {limit}", len(value)
        ).format(n=len(value), limit=MAX_ITEMS)
    if t == "list":
        for i, v in enumerate(value):
            if not isinstance(v, (str, int, float)) or isinstance(v, bool):
                return _("item {n}: expected a text, found {found}").format(
                    n=i + 1, found=kind_of(v)
                )
        return None
    for i, rec in enumerate(value):
        if not isinstance(rec, dict):
            return _("item {n}: expected a mapping of fields, found {found}").format(
                n=i + 1, found=kind_of(rec)
            )
        if param.fields:
            unknown = [k for k in rec if k not in param.fields]
            if unknown:
                return _("item {n}: unknown field '{field}' (fields: {fields})").format(
                    n=i + 1, field=unknown[0], fields=", ".join(param.fields)
                )
        for k, v in rec.items():
            if isinstance(v, list):
                if not all(isinstance(x, (str, int, float)) for x in v):
                    return _("item {n}, {field}: expected texts").format(n=i + 1, field=k)
            elif not isinstance(v, (str, int, float)) and v is not None:
                return _("item {n}, {field}: expected a text or a list of texts").format(
                    n=i + 1, field=k
                )
    return None


class Exercise(Model):
    """A workshop method. Its id is its file name."""

    id: Id
    extends: Id | None = None
    title: Text
    tagline: Text | None = None
    purpose: Text | None = None
    invitation: Text | None = None
    arc: Arc = "explore"
    logistics: Logistics | None = None
    setting: Setting = "room"  # field: out of the room, in the street, at homes
    family: Id | None = None  # method family (vocabulary/families.yaml): its pictogram
    tags: list[Id] = []
    duration: Annotated[DurationRange, BeforeValidator(_scalar_duration)]
    group_size: GroupSize = GroupSize()
    configuration: ConfigurationField = Configuration("plenary")
    space: Text | None = None
    participation: Text | None = None  # how participation is distributed
    team: Team | None = None
    preparation: Preparation | None = None
    materials: list[Material] = []
    steps: list[Step] = Field(min_length=1, max_length=MAX_BLOCKS)
    tips: list[Text] = []
    pitfalls: list[Text] = []
    variants: list[Variant] = []
    vigilance: list[Text] = []
    makes_possible: list[Text] = []
    outputs: list[Text] = []
    in_transfo: Text | None = None  # a short example of how a Transfo used it
    strings: Strings = Strings()
    supports: list[Support] = []
    parameters: dict[Id, Parameter] = {}
    source: Text | None = None
    credits: Text | None = None
    licence: str | None = None
    origin: str | None = Field(None, exclude=True, json_schema_extra={"readOnly": True})

    # -- reading helpers ------------------------------------------------------------------------
    def variant_of(self, variant_id: str | None) -> Variant | None:
        """The variant of that id (None for the method as written, or an unknown id)."""
        return next((v for v in self.variants if v.id == variant_id), None)

    def param_default(self, name: str, lang: str) -> Any:
        """A parameter's default value in a language (falling back to the other)."""
        param = self.parameters[name]
        if param.default is None:
            return [] if param.type in ("list", "records") else None
        value, _ = pick(param.default, lang)
        return value

    def cross_problems(self) -> list[tuple[tuple[str | int, ...], str, str | None]]:
        """References inside the exercise that do not hold: (path, message, hint)."""
        out: list[tuple[tuple[str | int, ...], str, str | None]] = []
        params = self.parameters
        for i, s in enumerate(self.supports):
            for key in ("source", "each"):
                name = getattr(s, key)
                if name is None:
                    continue
                if name not in params:
                    out.append(
                        (
                            ("supports", i, key),
                            _("no parameter named '{name}'").format(name=name),
                            _near(name, params),
                        )
                    )
                elif params[name].type not in ("list", "records"):
                    out.append(
                        (
                            ("supports", i, key),
                            _("parameter '{name}' is not a list").format(name=name),
                            None,
                        )
                    )
        for i, s in enumerate(self.supports):
            if s.copies_param is not None:
                p = params.get(s.copies_param)
                if p is None or p.type != "integer":
                    out.append(
                        (
                            ("supports", i, "copies_param"),
                            _("no integer parameter named '{name}'").format(name=s.copies_param),
                            _near(s.copies_param, params),
                        )
                    )
        for i, m in enumerate(self.materials):
            if m.quantity_param is not None:
                p = params.get(m.quantity_param)
                if p is None or p.type != "integer":
                    out.append(
                        (
                            ("materials", i, "quantity_param"),
                            _("no integer parameter named '{name}'").format(name=m.quantity_param),
                            _near(m.quantity_param, params),
                        )
                    )
        support_ids = {s.id for s in self.supports}
        droppable = support_ids | {m.item for m in self.materials}
        for i, v in enumerate(self.variants):
            for j, sid in enumerate(v.without):
                if sid not in droppable:
                    out.append(
                        (
                            ("variants", i, "without", j),
                            _("no support or material named '{name}'").format(name=sid),
                            _near(sid, droppable),
                        )
                    )
        for name, p in params.items():
            if p.blank is None:
                continue
            if p.type not in ("list", "records"):
                out.append(
                    (
                        ("parameters", name, "blank"),
                        _("only a list parameter prints blank"),
                        None,
                    )
                )
            for j, sid in enumerate(p.blank.supports):
                if sid not in support_ids:
                    out.append(
                        (
                            ("parameters", name, "blank", "supports", j),
                            _("no support named '{name}'").format(name=sid),
                            _near(sid, support_ids),
                        )
                    )
        if self.logistics and self.arc != "logistics":
            out.append(
                (("logistics",), _("only a logistics entry (arc: logistics) has this key"), None)
            )
        ids = [s.id for s in self.supports]
        for i, sid in enumerate(ids):
            if sid in ids[:i]:
                out.append(
                    (
                        ("supports", i, "id"),
                        _("support id '{id}' is used twice").format(id=sid),
                        None,
                    )
                )
        return out

    def steps_for(self, variant_id: str | None = None) -> list[Step]:
        """The steps a block runs: its variant's own steps when it has them, else the
        method's."""
        v = self.variant_of(variant_id)
        return v.steps if v is not None and v.steps else self.steps

    def duration_for(self, variant_id: str | None = None) -> DurationRange:
        """The duration of the method, or of its variant when the variant has its own."""
        v = self.variant_of(variant_id)
        return v.duration if v is not None and v.duration is not None else self.duration

    def timing_lint(
        self, people: int = TRANSFO_SIZE
    ) -> list[tuple[tuple[str | int, ...], str, dict[str, Any]]]:
        """Steps whose minutes do not add up to the duration, and steps run by each team in
        turn that cannot fit their step for `people` participants: (path, kind, numbers),
        kind being 'sum' (numbers: total, typical) or 'each' (numbers: teams, per, each,
        need, minutes, people)."""
        out: list[tuple[tuple[str | int, ...], str, dict[str, Any]]] = []

        def check(steps: list[Step], typical: int, path: tuple[str | int, ...]) -> None:
            total = sum(s.minutes for s in steps)
            if steps and total != typical:
                out.append((path, "sum", {"total": total, "typical": typical}))
            for i, st in enumerate(steps):
                if st.each is None or st.per is None:
                    continue
                teams = step_teams(st, self, people)
                need = st.each * teams
                if need > st.minutes:
                    out.append(
                        (
                            path + (i, "each"),
                            "each",
                            {
                                "teams": teams,
                                "per": st.per,
                                "each": st.each,
                                "need": need,
                                "minutes": st.minutes,
                                "people": people,
                            },
                        )
                    )

        check(self.steps, self.duration.typical, ("steps",))
        for v, variant in enumerate(self.variants):
            if variant.steps:
                typical = (variant.duration or self.duration).typical
                check(variant.steps, typical, ("variants", v, "steps"))
        return out

    def missing_translations(self) -> list[str]:
        """Field paths whose text lacks a language (for the built-in library test)."""
        missing: list[str] = []

        def walk(value: Any, path: str) -> None:
            if isinstance(value, dict) and (set(value) <= set(LANGS) | {ANY}) and value:
                if ANY not in value and all(isinstance(v, str) for v in value.values()):
                    for lang in LANGS:
                        if not value.get(lang):
                            missing.append(f"{path} ({lang})")
                    return
            if isinstance(value, dict):
                for k, v in value.items():
                    walk(v, f"{path}.{k}" if path else str(k))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, f"{path}[{i}]")

        data = self.model_dump(exclude={"id", "extends", "origin"})
        for name, p in self.parameters.items():
            if p.default is not None and ANY not in p.default and set(p.default) != set(LANGS):
                missing.append(f"parameters.{name}.default")
        walk(data, "")
        return missing


def team_words(per: str, n: int) -> str:
    """'10 pairs', '1 group', '20 participants', in the run's language."""
    if per == "pair":
        return ngettext("{n} pair", "{n} pairs", n).format(n=n)
    if per == "group":
        return ngettext("{n} group", "{n} groups", n).format(n=n)
    return ngettext("{n} participant", "{n} participants", n).format(n=n)


def team_count(per: str, conf: Configuration, people: int) -> int:
    """How many teams of a kind `people` participants make (pairs: an odd one joins a trio;
    groups: as `conf` makes them, whatever its kind: pairs, individuals, one plenary)."""
    if per == "participant":
        return max(1, people)
    if per == "pair":
        return max(1, people // 2)
    return max(1, conf.groups_for(people))


def group_configuration(
    step: Step, ex: Exercise, split: Configuration | None = None
) -> Configuration:
    """How the room is split into the groups that a step counts (`per: group`).

    A step whose own configuration is groups and differs from the method's (one group per
    hat) keeps it. Otherwise the block's `split` decides, else the method's configuration:
    a presentation to the whole room (configuration: plenary) still counts the groups the
    room works in."""
    own = step.configuration
    if own is not None and own.kind == "groups" and own != ex.configuration:
        return own
    if split is not None:
        return split
    if own is not None and own.kind == "groups":
        return own
    return ex.configuration


def step_teams(step: Step, ex: Exercise, people: int, split: Configuration | None = None) -> int:
    """How many teams take their turn in a step run `per` team (1 for other steps)."""
    if step.per is None:
        return 1
    return team_count(step.per, group_configuration(step, ex, split), people)


def _near(name: str, choices: Any) -> str | None:
    from facilitation.errors import did_you_mean

    return did_you_mean(name, list(choices))
