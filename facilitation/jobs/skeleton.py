"""`facilitation new exercise ID`: a commented skeleton that validates as it is."""

from __future__ import annotations

import os
from pathlib import Path

from facilitation.errors import Problem, UserError
from facilitation.jobs.output import fault_reason
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
    if not ID_RE.fullmatch(exercise_id):
        raise UserError(
            Problem(
                f"'{exercise_id}' is not a valid id",
                hint="use lowercase letters, digits and dashes, like 'debat-mouvant-metz'",
            )
        )
    if not folder.is_dir():
        raise UserError(Problem("no such folder", file=str(folder)))
    path = folder / f"{exercise_id}.yaml"
    data = SKELETON.format(id=exercise_id).encode("utf-8")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:  # never over a file, nor through a link (O_EXCL refuses both)
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        raise UserError(
            Problem(
                "the file exists already; nothing was written",
                file=str(path),
                hint="choose another id, or edit the file",
            )
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
    return path
