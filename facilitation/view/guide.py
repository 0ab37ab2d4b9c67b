"""The printing guide's warnings in one language: content the session did not choose, so
that whoever prints the kit sees it before the paper is cut."""

from __future__ import annotations

from facilitation.plan.examples import unchosen_uses
from facilitation.plan.timeline import Plan
from facilitation.text.dates import clock
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext


def example_flags(plan: Plan, lang: str) -> list[str]:
    """One line for each parameter printed without being chosen: the exercise, the content,
    what prints instead of the session's own, and the first block (and how many more)."""
    out = []
    for use in unchosen_uses(plan):
        first = use.slots[0]
        ex = use.exercise
        where = _("day {day}, {time}").format(day=first.path[1] + 1, time=clock(first.start, lang))
        if len(use.slots) > 1:
            n = len(use.slots) - 1
            where += " " + ngettext("and {n} other block", "and {n} other blocks", n).format(n=n)
        what = tr(ex.parameters[use.param].label, lang)
        if use.kind == "blank":
            line = ngettext(
                "{exercise} — {what}: nothing chosen, {n} blank one to fill in by hand ({where})",
                "{exercise} — {what}: nothing chosen, {n} blank ones to fill in by hand ({where})",
                use.blanks,
            ).format(exercise=tr(ex.title, lang), what=what, n=use.blanks, where=where)
        else:
            line = _(
                "{exercise} — {what}: the built-in example, written for another case ({where})"
            ).format(exercise=tr(ex.title, lang), what=what, where=where)
        out.append(line)
    return out
