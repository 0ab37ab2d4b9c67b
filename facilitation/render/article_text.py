"""The compte rendu as Markdown and HTML (the article, the skeleton, the planned-versus-run
table), from jinja2 templates found by name: the user's template folders first, then ours
(`compte-rendu.html.j2` in a library's `templates/` replaces the built-in one). Templates run
as every template does (render/templates.py: a sandbox, strict undefined names, a user's on a
budget of time and memory). Texts are typeset for their language (French
spaces and quotes) before the template sees them; HTML escapes them, Markdown gets them with
the characters that would turn into markup escaped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from facilitation.render import templates
from facilitation.text.typography import typeset

# values that are not prose: never typeset
_RAW = {
    "lang",
    "src",
    "key",
    "kind",
    "date",
    "first_date",
    "images",
    "width",
    "height",
    "start",
    "number",
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])(?=\s)", re.MULTILINE)


def md(text: Any) -> str:
    """User text inside Markdown: what would become markup (emphasis, links, HTML, a heading
    or a list at the start of a line) escaped, so that the text reads as written."""
    s = _MD_SPECIAL.sub(r"\\\1", str(text))
    s = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), s)
    return s.replace("\n", "  \n")


def md_quote(text: Any) -> str:
    """User text as the lines of a Markdown block quote."""
    return "\n> ".join(md(text).split("  \n"))


def _typeset_tree(value: Any, lang: str, key: str = "") -> Any:
    if key in _RAW:
        return value
    if isinstance(value, str):
        return typeset(value, lang)
    if isinstance(value, list):
        return [_typeset_tree(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: _typeset_tree(v, lang, k) for k, v in value.items()}
    return value


def environment(template_dirs: list[Path], html: bool) -> SandboxedEnvironment:
    """The user's folders first, then the built-in templates, through render/templates.py
    (a user's template read as a pack's file and run on a budget, errors with its file and
    line), with the Markdown filters."""
    env = templates.environment(template_dirs, html, trim_blocks=html)  # HTML: no blank lines
    env.filters["md"] = md
    env.filters["mdquote"] = md_quote
    env.filters["mdcell"] = lambda t: md(t).replace("  \n", " ")
    return env


def render(name: str, view: dict[str, Any], template_dirs: list[Path], html: bool) -> str:
    """A template filled with a view (typeset for its language)."""
    lang = view["lang"]
    data = _typeset_tree({k: v for k, v in view.items() if k != "images"}, lang)
    data["colon"] = "\u00a0: " if lang == "fr" else ": "
    data["colon_end"] = "\u00a0:" if lang == "fr" else ":"  # at the end of a line
    data["q"] = ("«\u00a0", "\u00a0»") if lang == "fr" else ("“", "”")
    body = templates.render(environment(template_dirs, html), name, data)
    # Markdown: one blank line between blocks, whatever the template's loops leave
    return body if html else re.sub(r"\n{3,}", "\n\n", body)
