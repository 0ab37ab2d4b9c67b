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
    Configuration,
    ConfigurationField,
    Id,
    Minutes,
    Model,
    Text,
    localizable,
)
from facilitation.text.i18n import ANY, LANGS, pick
from facilitation.text.messages import _, ngettext

Arc = Literal["open", "explore", "converge", "close", "energise", "logistics"]
Per = Literal["participant", "pair", "group", "session", "facilitator"]
Colour = Literal["yellow", "blue", "orange", "pink", "green", "white", "red", "purple"]
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
                f"expected min <= typical <= max, found {self.min} <= {self.typical} <= {self.max}"
            )
        return self


class GroupSize(Model):
    """How many people the method works with."""

    min: int = Field(1, ge=1, le=MAX_PARTICIPANTS)
    max: int | None = Field(None, ge=1, le=MAX_PARTICIPANTS)

    @model_validator(mode="after")
    def _order(self) -> GroupSize:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is smaller than min ({self.min})")
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


TeamUnit = Literal["participant", "pair", "group"]


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
            raise ValueError("'each' and 'per' go together: minutes per team, and the team")
        return self


class Variant(Model):
    """Another way to run the method: its own steps and duration when they differ, and the
    printed supports it leaves out."""

    id: Id
    title: Text
    description: Text
    without: list[str] = []  # support ids the variant does not print
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
    kind: Literal["cards", "canvas", "sheet"]
    layout: Id
    source: str | None = None  # the parameter that feeds it
    per: Literal["session", "group", "pair", "participant"] = "session"
    each: str | None = None  # one copy per item of this parameter
    copies: int = Field(1, ge=1, le=MAX_COPIES)
    copies_param: str | None = None  # an integer parameter that multiplies the copies
    title: Text | None = None
    format: Id | None = None  # card format it prints on unless the user chooses one
    instruction: Text | None = None  # one line on each card: what participants do with it


class Parameter(Model):
    """A value a session can override: statements, personas, row labels..."""

    type: Literal["text", "integer", "list", "records"]
    label: Text
    help: Text | None = None
    fields: list[str] | None = None
    default: Any = None
    example: bool = False  # the default comes from one real case: warn before printing it

    @field_validator("default", mode="after")
    @classmethod
    def _per_lang(cls, value: Any) -> Any:
        return None if value is None else localizable(value)

    @model_validator(mode="after")
    def _check_default(self) -> Parameter:
        if self.default is None:
            return self
        for lang, value in self.default.items():
            where = "" if lang == ANY else f" ({lang})"
            problem = check_value(self, value)
            if problem:
                raise ValueError(f"default{where}: {problem}")
        return self


def check_value(param: Parameter, value: Any) -> str | None:
    """Why a value does not suit a parameter, or None."""
    t = param.type
    if t == "text":
        return None if isinstance(value, (str, int, float)) else "expected a text"
    if t == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        if ok and value > MAX_QUANTITY:
            return _("{value} is too large: at most {limit}").format(
                value=value, limit=MAX_QUANTITY
            )
        return None if ok else f"expected a whole number, found {value!r}"
    if not isinstance(value, list):
        return f"expected a list, found {type(value).__name__}"
    if len(value) > MAX_ITEMS:
        return ngettext(
            "{n} item: at most {limit}", "{n} items: at most {limit}", len(value)
        ).format(n=len(value), limit=MAX_ITEMS)
    if t == "list":
        for i, v in enumerate(value):
            if not isinstance(v, (str, int, float)) or isinstance(v, bool):
                return f"item {i + 1}: expected a text, found {type(v).__name__}"
        return None
    for i, rec in enumerate(value):
        if not isinstance(rec, dict):
            return f"item {i + 1}: expected a mapping of fields, found {type(rec).__name__}"
        if param.fields:
            unknown = [k for k in rec if k not in param.fields]
            if unknown:
                return (
                    f"item {i + 1}: unknown field '{unknown[0]}' "
                    f"(fields: {', '.join(param.fields)})"
                )
        for k, v in rec.items():
            if isinstance(v, list):
                if not all(isinstance(x, (str, int, float)) for x in v):
                    return f"item {i + 1}, {k}: expected texts"
            elif not isinstance(v, (str, int, float)) and v is not None:
                return f"item {i + 1}, {k}: expected a text or a list of texts"
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
    logistics: Literal["welcome", "break", "lunch", "travel"] | None = None
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
                        (("supports", i, key), f"no parameter named '{name}'", _near(name, params))
                    )
                elif params[name].type not in ("list", "records"):
                    out.append((("supports", i, key), f"parameter '{name}' is not a list", None))
        for i, s in enumerate(self.supports):
            if s.copies_param is not None:
                p = params.get(s.copies_param)
                if p is None or p.type != "integer":
                    out.append(
                        (
                            ("supports", i, "copies_param"),
                            f"no integer parameter named '{s.copies_param}'",
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
                            f"no integer parameter named '{m.quantity_param}'",
                            _near(m.quantity_param, params),
                        )
                    )
        support_ids = {s.id for s in self.supports}
        for i, v in enumerate(self.variants):
            for j, sid in enumerate(v.without):
                if sid not in support_ids:
                    out.append(
                        (
                            ("variants", i, "without", j),
                            f"no support named '{sid}'",
                            _near(sid, support_ids),
                        )
                    )
        if self.logistics and self.arc != "logistics":
            out.append(
                (("logistics",), "only a logistics entry (arc: logistics) has this key", None)
            )
        ids = [s.id for s in self.supports]
        for i, sid in enumerate(ids):
            if sid in ids[:i]:
                out.append((("supports", i, "id"), f"support id '{sid}' is used twice", None))
        return out

    def timing_lint(self, people: int = TRANSFO_SIZE) -> list[tuple[tuple[str | int, ...], str]]:
        """Steps whose minutes do not add up to the duration, and steps run by each team in
        turn that cannot fit their step for `people` participants: (path, message)."""
        out: list[tuple[tuple[str | int, ...], str]] = []

        def check(steps: list[Step], typical: int, path: tuple[str | int, ...]) -> None:
            total = sum(s.minutes for s in steps)
            if steps and total != typical:
                out.append(
                    (
                        path,
                        f"the steps add up to {total} min, the typical duration is {typical} min",
                    )
                )
            for i, st in enumerate(steps):
                if st.each is None or st.per is None:
                    continue
                conf = st.configuration or self.configuration
                teams = team_count(st.per, conf, people)
                need = st.each * teams
                if need > st.minutes:
                    out.append(
                        (
                            path + (i, "each"),
                            f"{teams} {st.per}s × {st.each} min = {need} min, "
                            f"more than the step's {st.minutes} min for {people} people",
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


def team_count(per: str, conf: Configuration, people: int) -> int:
    """How many teams of a kind `people` participants make (pairs: an odd one joins a trio)."""
    if per == "participant":
        return people
    if per == "pair":
        return max(1, people // 2)
    return conf.groups_for(people) if conf.kind == "groups" else 1


def _near(name: str, choices: Any) -> str | None:
    from facilitation.errors import did_you_mean

    return did_you_mean(name, list(choices))
