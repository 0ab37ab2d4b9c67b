"""`facilitation new exercise ID` and `facilitation new session NAME`: commented skeletons
that validate (and, for a session, check without a warning) as they are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from facilitation.errors import Problem, UserError
from facilitation.model.types import ID_RE
from facilitation.text.messages import _

SKELETON = """\
# yaml-language-server: $schema=exercise.schema.json
# (for completion in your editor, write that file once: facilitation schema > exercise.schema.json)
# A new exercise. Its id is the file name: {id}.
# Every text is either one string, or {{fr: ..., en: ...}} for both languages.
# Check it with:  facilitation validate {id}.yaml   and read it with:  facilitation show {id}

# To adapt an existing exercise instead, keep only the keys you change, e.g.:
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
tags: [terrain]         # lowercase words, used by: facilitation list --tag
duration: {{typical: 45 min, min: 30 min, max: 1h}}   # 45, 45 min, 1h30, 1 h 30, 90 min
group_size: {{min: 4, max: 24}}
configuration: groups of 4   # plenary | pairs | individual | groups | groups of N | N groups
space:
  fr: Des tables pour quatre, un mur libre pour afficher.
  en: Tables for four, a free wall to pin things on.
materials:               # per: participant | pair | group | session | facilitator
  - item: sticky-notes   # ids from the built-in catalogue, or your own id with a label
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
vigilance: []            # consent, image rights, personal data, accessibility...
variants: []             # - {{id: short, title: ..., description: ...}}
outputs:
  - fr: Des idées classées par groupe.
    en: Ideas sorted by group.
supports: []             # printed supports: {{id, kind: cards|canvas|sheet, layout, source}}
parameters: {{}}           # values a session can override
source:
  fr: Écrit par notre équipe.
  en: Written by our team.
licence: CC-BY-SA-4.0
"""


def write_exercise(exercise_id: str, folder: Path, lang: str = "fr") -> Path:
    if not ID_RE.match(exercise_id):
        raise UserError(
            Problem(
                f"'{exercise_id}' is not a valid id",
                hint="use lowercase letters, digits and dashes, like 'debat-mouvant-metz'",
            )
        )
    if not folder.is_dir():
        raise UserError(Problem("no such folder", file=str(folder)))
    path = folder / f"{exercise_id}.yaml"
    if path.exists():
        raise UserError(
            Problem(
                "the file exists already; nothing was written",
                file=str(path),
                hint="choose another id, or edit the file",
            )
        )
    path.write_text(SKELETON.format(id=exercise_id), encoding="utf-8")
    return path


SESSION_SKELETON = {
    "fr": """\
# yaml-language-server: $schema=session.schema.json
# (complétion dans l'éditeur : facilitation schema session > session.schema.json, une fois)
# Une session : un programme, des lieux, des personnes, des jours faits de blocs.
# Vérifier :  facilitation check {name}.yaml     Imprimer :  facilitation kit {name}.yaml -o kit/
# Un texte est une chaîne, ou {{fr: ..., en: ...}} pour les deux langues.

programme: Transfo de ma collectivité
number: 1
title: Titre de la session
language: fr
participants: 18          # le groupe ; un jour peut avoir le sien (participants: sous le jour)
places:
  - id: salle
    name: Salle du conseil
    address: 1 place de la Mairie, 00000 Ma Ville   # imprimée sur les programmes et dans le .ics
facilitators: [Résidente designer, Résident sociologue]
people:                   # les personnes que la session nomme, avec leur rôle ; lead: les désigne
  - id: anne
    name: Anne
    role: porteur-de-cas  # rôles intégrés : ambassadeur, porteur-de-cas, resident,
    title: porteuse du cas #   resident-a-domicile, relais, coordination, elu, direction...
# roles: [{{id: mon-role, name: Mon rôle}}]   # vos propres rôles
before:                   # ce que les participants apportent ou préparent (imprimé au programme)
  - Une photo d'un lieu de votre travail qui vous agace
after:                    # ce qui vient ensuite
  - La prochaine session, le mois prochain, reprend les pistes retenues.
# timing: markers         # horaires indicatifs : matin, fin de matinée… ; ou : rounded
# checks: {{break_after: 2h, day_limit: 10h}}   # limites des avertissements (ou facilitation.yaml)
days:
  - date: {date}          # les jours dans l'ordre des dates ; un jour libre entre deux est possible
    start: 9:00
    end: 15:30            # après minuit : end: 0:30
    place: salle
    # arrivals: [{{at: "10:00", people: 4, who: navette}}]      # arrivées après le début du jour
    # departures: [{{at: "15:00", people: 2}}]                   # départs avant la fin
    # guests: [{{role: relais, people: 10, leaves: "12:00"}}]    # invités : qui, combien, quand
    blocks:
      - logistics: welcome   # welcome | break | lunch | travel | dinner
        duration: 30 min     # 45, 45 min, 1h30, 1 h 30, 90 min
      - free: La session et ses objectifs
        duration: 30 min
        lead: Résidente designer   # un nom écrit, ou l'id d'une personne (people)
      - exercise: debat-mouvant    # facilitation list : les méthodes connues
        duration: 45 min
        params:
          statements:
            - Première affirmation à débattre, qui divise vraiment.
            - Deuxième affirmation.
      - logistics: break
        duration: 15 min
      - exercise: un-deux-quatre-tous
        duration: 45 min
        params:
          questions: [La question précise et ouverte de votre session ?]
      - exercise: jeu-de-la-bombe
        duration: 15 min
      - logistics: lunch
        duration: 1h
      - free: Le cas pratique
        duration: 1h30
        lead: anne
        purpose: Comprendre la demande et ce qu'elle laisse ouvert
        # guests: [{{who: Élus et directeurs, people: 6}}]     # invités pour ce bloc seulement
        # during:                                              # un moment à heure fixe dans le bloc
        #   - {{at: "14:00", duration: 15 min, free: Visite de la directrice}}
        # meal: lunch                                          # ce bloc tient lieu de déjeuner
        # setting: field                                       # hors de la salle (terrain)
      - logistics: break
        duration: 15 min
      - exercise: debrief
        duration: 45 min
        after: Chacun note une chose à essayer d'ici la prochaine session.
""",
    "en": """\
# yaml-language-server: $schema=session.schema.json
# (completion in your editor: write once  facilitation schema session > session.schema.json)
# A session: a programme, places, people, days made of blocks.
# Check it:  facilitation check {name}.yaml     Print it:  facilitation kit {name}.yaml -o kit/
# A text is a string, or {{fr: ..., en: ...}} for both languages.

programme: Our authority's Transfo
number: 1
title: Title of the session
language: en
participants: 18          # the group; a day can have its own (participants: under the day)
places:
  - id: room
    name: Council room
    address: 1 Town Hall Square, My Town   # printed on the agendas and in the .ics
facilitators: [Resident designer, Resident sociologist]
people:                   # the people the session names, with their role; lead: names them
  - id: anne
    name: Anne
    role: porteur-de-cas  # built-in roles: ambassadeur, porteur-de-cas, resident,
                          #   resident-a-domicile, relais, coordination, elu, direction...
# roles: [{{id: my-role, name: My role}}]   # your own roles
before:                   # what participants bring or prepare (printed on the agenda)
  - A photo of a place at work that annoys you
after:                    # what comes next
  - The next session, next month, picks up the ideas kept.
# timing: markers         # indicative times: morning, late morning...; or: rounded
# checks: {{break_after: 2h, day_limit: 10h}}   # limits of the warnings (or facilitation.yaml)
days:
  - date: {date}          # days in the order of their dates; a day off in between is fine
    start: 9:00
    end: 15:30            # past midnight: end: 0:30
    place: room
    # arrivals: [{{at: "10:00", people: 4, who: shuttle}}]     # arriving after the day starts
    # departures: [{{at: "15:00", people: 2}}]                  # leaving before it ends
    # guests: [{{role: relais, people: 10, leaves: "12:00"}}]   # guests: who, how many, when
    blocks:
      - logistics: welcome   # welcome | break | lunch | travel | dinner
        duration: 30 min     # 45, 45 min, 1h30, 1 h 30, 90 min
      - free: The session and its aims
        duration: 30 min
        lead: Resident designer    # a name written out, or the id of a person (people)
      - exercise: debat-mouvant    # facilitation list: the methods it knows
        duration: 45 min
        params:
          statements:
            - A first statement to debate, one that really divides.
            - A second statement.
      - logistics: break
        duration: 15 min
      - exercise: un-deux-quatre-tous
        duration: 45 min
        params:
          questions: [The precise, open question of your session?]
      - exercise: jeu-de-la-bombe
        duration: 15 min
      - logistics: lunch
        duration: 1h
      - free: The live case
        duration: 1h30
        lead: anne
        purpose: Understand the request and what it leaves open
        # guests: [{{who: Councillors and directors, people: 6}}]   # guests for this block only
        # during:                                                  # a moment at a set time in it
        #   - {{at: "14:00", duration: 15 min, free: The director drops in}}
        # meal: lunch                                              # this block takes lunch's place
        # setting: field                                           # out of the room (field work)
      - logistics: break
        duration: 15 min
      - exercise: debrief
        duration: 45 min
        after: Everyone notes one thing to try before the next session.
""",
}


def write_session(name: str, folder: Path, lang: str = "fr", today: dt.date | None = None) -> Path:
    """NAME.yaml, a session skeleton in `lang` dated a month from `today`."""
    if not ID_RE.match(name):
        raise UserError(
            Problem(
                _("'{name}' is not a valid file name for a session").format(name=name),
                hint="use lowercase letters, digits and dashes, like 'transfo-metz-5'",
            )
        )
    if not folder.is_dir():
        raise UserError(Problem("no such folder", file=str(folder)))
    path = folder / f"{name}.yaml"
    if path.exists():
        raise UserError(
            Problem(
                "the file exists already; nothing was written",
                file=str(path),
                hint="choose another name, or edit the file",
            )
        )
    day = (today or dt.date.today()) + dt.timedelta(days=30)
    while day.weekday() >= 5:  # a working day
        day += dt.timedelta(days=1)
    text = SESSION_SKELETON[lang].format(name=name, date=day.isoformat())
    path.write_text(text, encoding="utf-8")
    return path
