"""The compte rendu as Markdown and HTML (the article, the skeleton, the planned-versus-run
table), from jinja2 templates found by name: the user's template folders first, then ours
(`compte-rendu.html.j2` in a library's `templates/` replaces the built-in one). Templates run
in a sandbox with strict undefined variables. Texts are typeset for their language (French
spaces and quotes) before the template sees them; HTML escapes them, Markdown gets them with
the characters that would turn into markup escaped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from facilitation.errors import Problem, UserError
from facilitation.resources import PACKAGE_ROOT
from facilitation.text.messages import _
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
    """The user's folders first, then the built-in templates."""
    loaders: list[jinja2.BaseLoader] = (
        [jinja2.FileSystemLoader([str(d) for d in template_dirs])] if template_dirs else []
    )
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_ROOT / "templates")))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=html,  # HTML: no blank lines where a tag gives nothing
        lstrip_blocks=html,
    )
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
    try:
        body = env_render(environment(template_dirs, html), name, data)
        # Markdown: one blank line between blocks, whatever the template's loops leave
        return body if html else re.sub(r"\n{3,}", "\n\n", body)
    except jinja2.TemplateSyntaxError as exc:
        raise UserError(
            Problem(
                _("template error: {message}").format(message=exc.message),
                file=exc.filename or name,
                line=exc.lineno,
            )
        ) from None
    except jinja2.UndefinedError as exc:
        raise UserError(
            Problem(
                _("template error: {message}").format(message=exc.message),
                file=name,
                hint=_("the template uses a name the compte rendu does not have"),
            )
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise UserError(
            Problem(_("template refused: {message}").format(message=str(exc)), file=name)
        ) from None
    except jinja2.TemplateError as exc:
        raise UserError(
            Problem(_("template error: {message}").format(message=str(exc)), file=name)
        ) from None


def env_render(env: SandboxedEnvironment, name: str, data: dict[str, Any]) -> str:
    return env.get_template(name).render(**data)
