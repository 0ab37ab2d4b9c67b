"""Field types shared by the exercise and session models."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel as _Base
from pydantic import (
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import core_schema

from facilitation.model.limits import MAX_ID, MAX_MINUTES
from facilitation.text.aliases import NUMBER, canonical, values
from facilitation.text.durations import DurationError, parse_duration
from facilitation.text.i18n import ANY, LANGS, is_localized
from facilitation.text.messages import _, ngettext


class Model(_Base):
    """Every model forbids unknown keys, so `duraton:` never passes silently."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


# --- text ---------------------------------------------------------------------------------------
def _text(value: Any) -> dict[str, str]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        return {ANY: value}
    if isinstance(value, dict):
        if ANY in value and len(value) == 1:
            return value
        bad = [k for k in value if k not in LANGS]
        if bad:
            msg = _(
                "a text is a string or a mapping of languages (fr, en); found key '{key}'"
            ).format(key=bad[0])
            if " " in str(bad[0]) or any(v is None for v in value.values()):
                msg += " " + _("(a text holding a comma or ': ' must be put in quotes)")
            raise ValueError(msg)
        out = {}
        for k, v in value.items():
            if not isinstance(v, (str, int, float)) or isinstance(v, bool):
                raise ValueError(
                    _("the '{lang}' text must be a string, found {found}").format(
                        lang=k, found=kind_of(v)
                    )
                )
            out[k] = str(v)
        if not out:
            raise ValueError(_("a text cannot be an empty mapping"))
        return out
    raise ValueError(
        _("expected a text (a string, or {{fr: ..., en: ...}}), found {found}").format(
            found=kind_of(value)
        )
    )


def kind_of(value: Any) -> str:
    """What a wrong value is, as a message says it: nothing, a list, a mapping, 'x'."""
    if value is None:
        return _("nothing")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return _("'{value}'").format(value=value)


# --- values typed in French or English ----------------------------------------------------------
class Aliased:
    """Marks a field whose value may be typed as any word of the aliases table for `kind`
    ('déjeuner' for lunch, 'ouvrir' for open): the word is read as the value before the field
    checks it, and the JSON Schema offers the other words too."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def read(value: Any) -> Any:
            return canonical(self.kind, value) or value

        return core_schema.no_info_before_validator_function(read, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        out = dict(handler(schema))
        if "enum" in out:
            words = [w for v in values(self.kind).values() for w in v if NUMBER not in w]
            out["enum"] = list(out["enum"]) + [w for w in dict.fromkeys(words)]
        return out


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"fr": {"type": "string"}, "en": {"type": "string"}},
            "additionalProperties": False,
        },
    ]
}
Text = Annotated[
    dict[str, str],
    PlainValidator(_text),
    PlainSerializer(lambda v: v),
    WithJsonSchema(_TEXT_SCHEMA),
]


# --- durations ----------------------------------------------------------------------------------
def _minutes(value: Any) -> int:
    try:
        minutes = parse_duration(value)
    except DurationError as exc:
        raise ValueError(str(exc)) from None
    if minutes > MAX_MINUTES:
        raise ValueError(
            ngettext(
                "{minutes} minute is more than a day: at most {limit}",
                "{minutes} minutes is more than a day: at most {limit}",
                minutes,
            ).format(minutes=minutes, limit=MAX_MINUTES)
        )
    return minutes


Minutes = Annotated[
    int,
    PlainValidator(_minutes),
    PlainSerializer(lambda v: v),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "examples": ["45 min", "1h30", "1 h 30", "90 min"]},
            ]
        }
    ),
]


# --- ids ----------------------------------------------------------------------------------------
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _id(value: Any) -> str:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise ValueError(
            _(
                "expected an id in lowercase letters, digits and dashes (like 'debat-mouvant'), "
                "found {found}"
            ).format(found=kind_of(value))
        )
    if len(value) > MAX_ID:
        raise ValueError(
            ngettext(
                "an id of {n} character: at most {limit}",
                "an id of {n} characters: at most {limit}",
                len(value),
            ).format(n=len(value), limit=MAX_ID)
        )
    return value


Id = Annotated[
    str,
    PlainValidator(_id),
    PlainSerializer(lambda v: v),
    WithJsonSchema({"type": "string", "pattern": ID_RE.pattern}),
]


# --- group configuration ------------------------------------------------------------------------
@dataclass(frozen=True)
class Configuration:
    """How people work: plenary, pairs, individual, groups (of N people, or N groups)."""

    kind: str  # plenary | pairs | individual | groups
    size: int | None = None  # groups of N
    count: int | None = None  # N groups

    def groups_for(self, participants: int) -> int:
        """How many working units a number of participants makes."""
        if self.kind == "plenary":
            return 1
        if self.kind == "individual":
            return participants
        if self.kind == "pairs":
            return max(1, participants // 2)
        if self.count:
            return self.count
        size = self.size or 5
        return max(1, round(participants / size))

    def label(self, lang: str | None = None) -> str:
        """How the configuration reads on paper, in the run's language."""
        if self.kind == "plenary":
            return _("plenary")
        if self.kind == "pairs":
            return _("in pairs")
        if self.kind == "individual":
            return _("individually")
        if self.size:
            return _("groups of {n}").format(n=self.size)
        if self.count:
            return ngettext("{n} group", "{n} groups", self.count).format(n=self.count)
        return _("in groups")

    def __str__(self) -> str:
        if self.size:
            return f"groups of {self.size}"
        if self.count:
            return f"{self.count} groups"
        return self.kind


_CONF_RE = re.compile(
    r"^\s*(?:(?P<plain>plenary|pairs|individual|groups)"
    r"|groups\s+of\s+(?P<size>\d+)|(?P<count>\d+)\s+groups)\s*$",
    re.IGNORECASE,
)


def _configuration(value: Any) -> Configuration:
    if isinstance(value, Configuration):
        return value
    typed = canonical("configuration", value) or value  # 'binômes', '4 groupes'...
    m = _CONF_RE.match(typed) if isinstance(typed, str) else None
    if not m:
        raise ValueError(
            _(
                "expected plenary, pairs, individual, groups, 'groups of 4' or '3 groups' "
                "(or binômes, 4 groupes...), found {found}"
            ).format(found=kind_of(value))
        )
    if m.group("plain"):
        return Configuration(m.group("plain").lower())
    if m.group("size"):
        size = int(m.group("size"))
        if size < 2:
            raise ValueError(_("a group has at least 2 people"))
        return Configuration("groups", size=size)
    count = int(m.group("count"))
    if count < 1:
        raise ValueError(_("at least one group"))
    return Configuration("groups", count=count)


def _configuration_schema() -> dict[str, Any]:
    """The values in English, and the other words of the aliases table (for editors)."""
    words = [w for v in values("configuration").values() for w in v if NUMBER not in w]
    numbered = [
        re.escape(w).replace(re.escape(NUMBER), r"\d+")
        for v in values("configuration").values()
        for w in v
        if NUMBER in w
    ]
    return {
        "anyOf": [
            {
                "type": "string",
                "pattern": r"^(plenary|pairs|individual|groups|groups of \d+|\d+ groups)$",
            },
            {"type": "string", "enum": list(dict.fromkeys(words))},
            {"type": "string", "pattern": "^(" + "|".join(numbered) + ")$"},
        ]
    }


ConfigurationField = Annotated[
    Configuration,
    PlainValidator(_configuration),
    PlainSerializer(str),
    WithJsonSchema(_configuration_schema()),
]


def localizable(value: Any) -> dict[str, Any]:
    """A parameter value, the same in every language or given per language."""
    if is_localized(value):
        return dict(value)
    return {ANY: value}
