"""The catalogue's pages (jinja2 templates, HTML), its style sheet and script, and the
previews: the first page of a PDF the program prints, rasterised small (pypdfium2).

Templates are found by name, first in the user's template folders, then the built-in ones
(`catalogue-method.html.j2` in a user folder replaces ours); they run as the agenda's do
(render/templates.py: a sandbox, strict undefined names, a user's on a budget of time and
memory), since template folders may come from other programmes.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from facilitation.render import templates
from facilitation.resources import PACKAGE_ROOT

TEMPLATES = PACKAGE_ROOT / "templates"
ASSETS = ("catalogue.css", "catalogue.js")
PREVIEW_PX = 640  # the longer side of a preview, in pixels
PREVIEW_COLOURS = 64  # a small palette: pages of text and lines, a tenth of the size


def environment(template_dirs: list[Path]) -> SandboxedEnvironment:
    """The user's template folders first, then the built-in templates, through
    render/templates.py (a user's template read as a pack's file and run on a budget)."""
    env = templates.environment(template_dirs, html=True)
    env.filters["json_script"] = json_script
    return env


def json_script(value: Any) -> Markup:
    """JSON to put inside <script type="application/json">: sorted keys, and no '</' that
    would end the script element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("</", "<\\/"))


class Pages:
    """Renders the catalogue's pages with one environment (templates compiled once)."""

    def __init__(self, template_dirs: list[Path]) -> None:
        self.env = environment(template_dirs)

    def render(self, name: str, **data: Any) -> str:
        return templates.render(self.env, name, data)


def asset(name: str) -> bytes:
    """The style sheet or the script, as shipped."""
    return (TEMPLATES / name).read_bytes()


def rasterise(pdf: Path, longest: int = PREVIEW_PX) -> tuple[bytes, int, int]:
    """The first page of a PDF as PNG bytes, its longer side `longest` pixels, with a small
    palette; and its width and height. The same PDF gives the same bytes."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        w, h = page.get_size()
        bitmap = page.render(scale=longest / max(w, h), may_draw_forms=True)
        image = bitmap.to_pil().convert("RGB")
        page.close()
    finally:
        doc.close()
    small = image.quantize(PREVIEW_COLOURS, method=2)  # fast octree: deterministic
    out = io.BytesIO()
    small.save(out, "PNG")
    return out.getvalue(), image.width, image.height
