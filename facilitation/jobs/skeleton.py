"""`facilitation new exercise ID` and `facilitation new session NAME`: commented skeletons
that validate (and, for a session, check without a warning) as they are."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from facilitation.errors import Problem, UserError
from facilitation.jobs.output import fault_reason
from facilitation.model.types import ID_RE
from facilitation.model.words import logistics_label
from facilitation.text.messages import _, pgettext

SKELETON = """\
# yaml-language-server: $schema=exercise.schema.json
# {schema}
# {new}
# {texts}
# {check}

# {adapt}
#   extends: debat-mouvant
#   parameters: {{statements: {{default: {{fr: [Une autre affirmation.]}}}}}}

title:
  fr: Mon exercice
  en: My exercise
tagline:
  fr: Ce que l'exercice fait, en une ligne.
  en: What the exercise does, in one line.
purpose:
  fr: Pourquoi le faire, et à quel moment d'une session.
  en: Why run it, and at what point in a session.
arc: explore            # open | explore | converge | close | energise | logistics
tags: [terrain]         # {tags}
duration: {{typical: 45 min, min: 30 min, max: 1h}}   # 45, 45 min, 1h30, 1 h 30, 90 min
group_size: {{min: 4, max: 24}}
configuration: groups of 4   # {configuration}
space:
  fr: Des tables pour quatre, un mur libre pour afficher.
  en: Tables for four, a free wall to pin things on.
materials:               # per: participant | pair | group | session | facilitator
  - item: sticky-notes   # {materials}
    quantity: 20
    per: group
    colour: yellow       # yellow | blue | orange | pink | green | white
  - item: markers
    quantity: 1
    per: participant
steps:
  - title: {{fr: Présenter la consigne, en: Explain the task}}
    minutes: 5
    configuration: plenary
    instructions:
      fr: Dire ce que l'on attend des groupes et combien de temps ils ont.
      en: Say what the groups are asked to do and how long they have.
  - title: {{fr: Travail en groupes, en: Group work}}
    minutes: 30
    configuration: groups of 4
    instructions:
      fr: Chaque groupe note ses idées, une par post-it.
      en: Each group writes its ideas, one per sticky note.
  - title: {{fr: Mise en commun, en: Sharing}}
    minutes: 10
    configuration: plenary
    instructions:
      fr: Chaque groupe présente ses trois idées les plus fortes.
      en: Each group presents its three strongest ideas.
tips:
  - fr: Annoncer le temps restant à mi-parcours.
    en: Announce the time left halfway through.
pitfalls: []
vigilance: []            # {vigilance}
variants: []             # - {{id: short, title: ..., description: ...}}
outputs:
  - fr: Des idées classées par groupe.
    en: Ideas sorted by group.
supports: []             # {supports}
parameters: {{}}           # {parameters}
source:
  fr: Écrit par notre équipe.
  en: Written by our team.
licence: CC-BY-SA-4.0
"""


def skeleton(exercise_id: str) -> str:
    """The skeleton of a new exercise, its comments in the run's language."""
    return SKELETON.format(
        schema=_(
            "(for completion in your editor, write that file once: "
            "facilitation schema > exercise.schema.json)"
        ),
        new=_("A new exercise. Its id is the file name: {id}.").format(id=exercise_id),
        texts=_(
            "Every text is either one string, or {{fr: ..., en: ...}} for both languages."
        ).format(),
        check=_(
            "Check it with:  facilitation validate {id}.yaml   and read it with:  "
            "facilitation show {id}"
        ).format(id=exercise_id),
        adapt=_("To adapt an existing exercise instead, keep only the keys you change, e.g.:"),
        tags=_("ids of the vocabulary: facilitation vocabulary tags"),
        configuration=_(
            "plenary | pairs | individual | groups | groups of N | N groups "
            "(or en plénière, binômes, individuel, groupes de N, N groupes)"
        ),
        materials=_(
            "ids of the catalogue (facilitation vocabulary materials), or your own id with a label"
        ),
        vigilance=_("consent, image rights, personal data, accessibility..."),
        supports=_("printed supports: {{id, kind: cards|canvas|sheet, layout, source}}").format(),
        parameters=_("values a session can override"),
    )


def write_exercise(exercise_id: str, folder: Path, lang: str = "fr") -> Path:
    if not ID_RE.fullmatch(exercise_id):
        raise UserError(
            Problem(
                _("'{id}' is not a valid id").format(id=exercise_id),
                hint=_("use lowercase letters, digits and dashes, like 'debat-mouvant-metz'"),
            )
        )
    if not folder.is_dir():
        raise UserError(Problem(_("no such folder"), file=str(folder)))
    path = folder / f"{exercise_id}.yaml"
    write_new(path, skeleton(exercise_id), hint=_("choose another id, or edit the file"))
    return path


SESSION_SKELETON = """\
# yaml-language-server: $schema=session.schema.json
# {schema}
# {what}
# {check}
# {texts}

programme: {programme}
number: 1
title: {title}
language: {lang}
participants: 18          # {participants}
places:
  - id: {room_id}
    name: {room}
    address: {address}
    # {address_note}
facilitators: [{facilitators}]
people:                   # {people}
  - id: anne
    name: Anne
    role: porteur-de-cas  # {roles}
    title: {case_owner}
# roles: [{{id: {role_id}, name: {role_name}}}]   # {own_roles}
before:                   # {before}
  - {before_item}
after:                    # {after}
  - {after_item}
# timing: markers         # {timing}
# checks: {{break_after: 2h, day_limit: 10h}}   # {checks}
days:
  - date: {date}          # {dates}
    start: 9:00
    end: 15:30            # {end}
    place: {room_id}
    # arrivals: [{{at: "10:00", people: 4, who: {shuttle}}}]   # {arrivals}
    # departures: [{{at: "15:00", people: 2}}]   # {departures}
    # guests: [{{role: relais, people: 10, leaves: "12:00"}}]   # {guests}
    blocks:
      - logistics: {welcome}   # {kinds}
        duration: 30 min     # 45, 45 min, 1h30, 1 h 30, 90 min
      - free: {opening}
        duration: 30 min
        lead: {lead}
        # {lead_note}
      - exercise: debat-mouvant    # {list}
        duration: 45 min
        params:
          statements:
            - {statement_1}
            - {statement_2}
      - logistics: {pause}
        duration: 15 min
      - exercise: un-deux-quatre-tous
        duration: 45 min
        params:
          questions: [{question}]
      - exercise: jeu-de-la-bombe
        duration: 15 min
      - logistics: {lunch}
        duration: 1h
      - free: {case}
        duration: 1h30
        lead: anne
        purpose: {case_purpose}
        # guests: [{{who: {block_guests}, people: 6}}]   # {block_guests_note}
        # during:   # {during}
        #   - {{at: "14:00", duration: 15 min, free: {visit}}}
        # meal: {lunch}   # {meal}
        # setting: field   # {setting}
      - logistics: {pause}
        duration: 15 min
      - exercise: debrief
        duration: 45 min
        after: {next_step}
"""


def session_skeleton(name: str, date: str, lang: str) -> str:
    """The skeleton of a new session, in the run's language: its comments, and the values
    to replace (a session is written in one language, the one it gives as `language`)."""
    return SESSION_SKELETON.format(
        schema=_(
            "(for completion in your editor, write that file once: "
            "facilitation schema session > session.schema.json)"
        ),
        what=_("A session: a programme, places, people, days made of blocks."),
        check=_(
            "Check it with:  facilitation check {name}.yaml   and print it with:  "
            "facilitation kit {name}.yaml -o kit/"
        ).format(name=name),
        texts=_("A text is one string, or {{fr: ..., en: ...}} for both languages.").format(),
        programme=_("Our authority's Transfo"),
        title=_("Title of the session"),
        lang=lang,
        participants=_("the group; a day can have its own (participants: under the day)"),
        room_id=pgettext("session skeleton", "room"),
        room=_("Council room"),
        address=_("1 Town Hall Square, My Town"),
        address_note=_("the address prints on the agendas and in the calendar (.ics)"),
        facilitators=_("Resident designer, Resident sociologist"),
        people=_("the people the session names, with their role; lead: names them"),
        roles=_(
            "built-in roles: ambassadeur, porteur-de-cas, resident, resident-a-domicile, "
            "relais, coordination, elu, direction..."
        ),
        case_owner=_("case owner"),
        role_id=pgettext("session skeleton", "my-role"),
        role_name=_("My role"),
        own_roles=_("your own roles"),
        before=_("what participants bring or prepare (printed on the agenda)"),
        before_item=_("A photo of a place at work that annoys you"),
        after=_("what comes next"),
        after_item=_("The next session, next month, picks up the ideas kept."),
        timing=_("indicative times: morning, late morning...; or: rounded"),
        checks=_("limits of the warnings (or in facilitation.yaml)"),
        date=date,
        welcome=logistics_label("welcome"),
        pause=logistics_label("break"),
        lunch=logistics_label("lunch"),
        kinds=" | ".join(
            logistics_label(k) for k in ("welcome", "break", "lunch", "travel", "dinner")
        ),
        dates=_("days in the order of their dates; a day off in between is fine"),
        end=_("past midnight: end: 0:30"),
        shuttle=_("shuttle"),
        arrivals=_("arriving after the day starts"),
        departures=_("leaving before it ends"),
        guests=_("guests: who, how many, until when"),
        opening=_("The session and its aims"),
        lead=_("Resident designer"),
        lead_note=_("lead: a name written out, or the id of a person declared under 'people'"),
        list=_("facilitation list: the methods it knows"),
        statement_1=_("A first statement to debate, one that really divides."),
        statement_2=_("A second statement."),
        question=_("The precise, open question of your session?"),
        case=_("The live case"),
        case_purpose=_("Understand the request and what it leaves open"),
        block_guests=_("Councillors and directors"),
        block_guests_note=_("guests for this block only"),
        during=_("a moment at a set time in the block"),
        visit=_("The director drops in"),
        meal=_("this block takes lunch's place"),
        setting=_("out of the room (field work)"),
        next_step=_("Everyone notes one thing to try before the next session."),
    )


def write_session(name: str, folder: Path, lang: str = "fr", today: dt.date | None = None) -> Path:
    """NAME.yaml, a session skeleton in `lang` dated a month from `today`."""
    if not ID_RE.fullmatch(name):
        raise UserError(
            Problem(
                _("'{name}' is not a valid file name for a session").format(name=name),
                hint=_("use lowercase letters, digits and dashes, like 'transfo-metz-5'"),
            )
        )
    if not folder.is_dir():
        raise UserError(Problem(_("no such folder"), file=str(folder)))
    path = folder / f"{name}.yaml"
    day = (today or dt.date.today()) + dt.timedelta(days=30)
    while day.weekday() >= 5:  # a working day
        day += dt.timedelta(days=1)
    text = session_skeleton(name, day.isoformat(), lang)
    write_new(path, text, hint=_("choose another name, or edit the file"))
    return path


def write_new(path: Path, text: str, hint: str) -> None:
    """Write a new file: never over a file, nor through a link (O_EXCL refuses both), and
    nothing half-written if the disk fails."""
    data = text.encode("utf-8")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        raise UserError(
            Problem(_("the file exists already; nothing was written"), file=str(path), hint=hint)
        ) from None
    except OSError as exc:
        raise UserError(
            Problem(
                _("cannot write the file: {reason}").format(reason=fault_reason(exc)),
                file=str(path),
            )
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except OSError as exc:
        path.unlink(missing_ok=True)  # nothing half-written
        raise UserError(
            Problem(
                _("cannot write the file: {reason}").format(reason=fault_reason(exc)),
                file=str(path),
            )
        ) from None
