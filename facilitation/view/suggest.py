"""The matchmaker's answer as text in the run's language: each method proposed, its facts, and
why it is proposed."""

from __future__ import annotations

import textwrap

from facilitation.load.vocabulary import family_label, tag_label
from facilitation.model.words import arc_label, language_name
from facilitation.plan.suggest import Reason, Suggestions
from facilitation.text.durations import format_duration
from facilitation.text.i18n import tr
from facilitation.text.messages import _, ngettext
from facilitation.view.words import duration_range, group_range


def _dur(minutes: int, lang: str) -> str:
    return format_duration(minutes, lang).replace("\u00a0", " ")


def field_name(name: str) -> str:
    """The name of a field of a method, as a reason quotes it."""
    return {
        "purpose": _("its purpose"),
        "makes_possible": _("what it makes possible"),
        "outputs": _("what it produces"),
        "tagline": _("its summary"),
        "title": _("its title"),
    }.get(name, name)


def reason_text(r: Reason, lang: str) -> str:
    """One reason, as a sentence fragment."""
    if r.kind == "arc":
        return _("a method to {arc} (you wrote “{said}”)").format(
            arc=arc_label(r.what), said=r.said
        )
    if r.kind == "tag":
        return _("tagged “{tag}” (you wrote “{said}”)").format(tag=tag_label(r.what), said=r.said)
    if r.kind == "family":
        return _("of the family “{family}”").format(family=family_label(r.what, lang))
    if r.kind == "text":
        if r.lang:  # found in the other language's text
            return _("{field}, in {language}: “{text}”").format(
                field=field_name(r.what), language=language_name(r.lang), text=r.snippet
            )
        return _("{field}: “{text}”").format(field=field_name(r.what), text=r.snippet)
    if r.kind == "time":
        return _("fits in {time} ({low} to {high} for this group)").format(
            time=_dur(r.minutes, lang), low=_dur(r.low, lang), high=_dur(r.high, lang)
        )
    if r.kind == "time-spare":
        return _("takes {low} to {high}: time left over in {time}").format(
            time=_dur(r.minutes, lang), low=_dur(r.low, lang), high=_dur(r.high, lang)
        )
    if r.kind == "people":
        if r.high:
            return ngettext(
                "works for {n} person ({low} to {high})",
                "works for {n} people ({low} to {high})",
                r.minutes,
            ).format(n=r.minutes, low=r.low, high=r.high)
        return ngettext(
            "works for {n} person (from {low})", "works for {n} people (from {low})", r.minutes
        ).format(n=r.minutes, low=r.low)
    return r.kind


def suggestions_text(
    result: Suggestions,
    query: str,
    minutes: int | None,
    people: int | None,
    lang: str,
    width: int = 88,
) -> str:
    """The whole answer, wrapped to `width`."""
    head = []
    if query:
        head.append(_("“{query}”").format(query=query))
    if minutes is not None:
        head.append(_dur(minutes, lang))
    if people is not None:
        head.append(ngettext("{n} person", "{n} people", people).format(n=people))
    out = [" · ".join(head), ""]
    if not result.items:
        out.append(_("No method matches."))
    for i, s in enumerate(result.items, 1):
        ex = s.exercise
        out.append(f"{i}. {tr(ex.title, lang)}  [{ex.id}]")
        facts = " · ".join(
            [
                duration_range(ex, lang),
                _("{range} people").format(range=group_range(ex, lang)),
                ex.configuration.label(lang),
            ]
        )
        out.append(f"   {facts}")
        if ex.tagline:
            out.append(
                textwrap.fill(
                    tr(ex.tagline, lang), width, initial_indent="   ", subsequent_indent="   "
                )
            )
        out.append("   " + _("Why:"))
        for r in s.reasons:
            out.append(
                textwrap.fill(
                    reason_text(r, lang),
                    width,
                    initial_indent="   - ",
                    subsequent_indent="     ",
                    break_on_hyphens=False,
                )
            )
        out.append("")
    shown = len(result.items)
    out.append(
        ngettext(
            "{n} method proposed out of {total}.",
            "{n} methods proposed out of {total}.",
            shown,
        ).format(n=shown, total=result.considered)
    )
    if result.too_long and minutes is not None:
        n = len(result.too_long)
        out.append(
            ngettext(
                "Set aside: {n} method too long for {time}.",
                "Set aside: {n} methods too long for {time}.",
                n,
            ).format(n=n, time=_dur(minutes, lang))
        )
    if result.wrong_size and people is not None:
        n = len(result.wrong_size)
        out.append(
            ngettext(
                "Set aside: {n} method not made for {people}.",
                "Set aside: {n} methods not made for {people}.",
                n,
            ).format(n=n, people=ngettext("{n} person", "{n} people", people).format(n=people))
        )
    if result.items:
        out.append(
            _("To read one whole: facilitation show {id}").format(id=result.items[0].exercise.id)
        )
    text = "\n".join(out) + "\n"
    return text.replace("\u00a0", " ").replace("\u202f", " ")
