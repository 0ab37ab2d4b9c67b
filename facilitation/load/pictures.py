"""Pictures a pack names (starter images, logos): files inside the pack's own folder only,
or pictures of the starter deck that ships with the package (`starters/bicycle.svg`).

Why: packs from other programmes are untrusted; a path may not leave its folder, by '..', an
absolute path or a link, and only regular image files are read (a pipe named `x.png` would
block whoever opens it), no larger than MAX_PICTURE_BYTES and MAX_PIXELS once decoded.
"""

from __future__ import annotations

import io
import os
from functools import cache
from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.load.files import read_regular
from facilitation.resources import picture_dir
from facilitation.text.messages import _

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".svg"}
DECK = "starters"  # the built-in deck's folder: pictures named starters/<name>.svg
MAX_PICTURE_BYTES = 20_000_000  # a photo straight from a camera is 5 to 15 MB
MIN_SVG_PT, MAX_SVG_PT = 0.01, 100_000.0  # an SVG's size, in points (a card: 180 to 420)
MAX_PIXELS = 50_000_000  # 8 000 x 6 000: more than any card or canvas needs at 300 dpi


def deck_pictures() -> list[str]:
    """The pictures of the built-in starter deck, as exercises name them."""
    folder = picture_dir() / DECK
    return sorted(f"{DECK}/{f.name}" for f in folder.glob("*.svg"))


def is_builtin_picture(path: Path) -> bool:
    """Whether a picture comes from the package's own deck (and so carries its credit)."""
    try:
        return path.resolve().is_relative_to(picture_dir().resolve())
    except OSError:
        return False


def safe_picture(root: Any, rel: str, where: str, logo: bool = False) -> Path:
    """A picture path inside `root`, or a UserError: no absolute paths, no way out. A picture
    the pack does not hold but the built-in deck does (built-in exercises name those) comes
    from the deck."""
    what = (_("logo '{file}'") if logo else _("picture '{file}'")).format(file=rel)
    builtin = picture_dir()
    if root is None or not isinstance(root, Path):
        root = builtin
    elif not logo and "\x00" not in rel and not (root / rel).exists() and (builtin / rel).is_file():
        root = builtin
    p = Path(rel)
    if p.is_absolute() or ".." in p.parts or "\x00" in rel:
        raise UserError(
            Problem(
                _("{what} must be a path inside its folder").format(what=what),
                path=where,
                hint=_("no absolute paths and no '..'"),
            )
        )
    full = root / p
    real_root = root.resolve()
    try:
        resolved = full.resolve(strict=True)
    except (OSError, RuntimeError):
        raise UserError(
            Problem(_("{what} not found in {folder}").format(what=what, folder=root), path=where)
        ) from None
    if not resolved.is_relative_to(real_root):
        raise UserError(
            Problem(
                _("{what} leads outside its folder").format(what=what),
                path=where,
                hint=_("links out of a pack are not followed"),
            )
        )
    if resolved.suffix.lower() not in IMAGE_SUFFIXES:
        raise UserError(
            Problem(_("{what} is not a JPEG, PNG or SVG file").format(what=what), path=where)
        )
    try:
        found = _image(resolved, _display(full), where)
    except UserError as exc:  # not a regular file, too large: said of the picture, where named
        raise UserError(
            [
                Problem(
                    _("{what}: {problem}").format(what=what, problem=p.message),
                    path=where,
                    hint=p.hint,
                )
                for p in exc.problems
            ]
        ) from None
    if found == "unreadable":
        raise UserError(
            Problem(_("{what} cannot be read as an image").format(what=what), path=where)
        )
    if isinstance(found, tuple):
        width, height = found
        raise UserError(
            Problem(
                _("{what} is {width} x {height} pixels: at most {limit} million pixels").format(
                    what=what, width=width, height=height, limit=MAX_PIXELS // 1_000_000
                ),
                path=where,
                hint=_("reduce the picture (2 000 pixels a side is plenty for print)"),
            )
        )
    return resolved


@cache
def _image(path: Path, display: str, where: str) -> str | tuple[int, int]:
    """'ok', 'unreadable', or (width, height) of a picture too large once decoded; the file
    read as a regular file within MAX_PICTURE_BYTES (else a UserError, not kept). Read once a
    run (SVG: as a drawing svglib can render as vectors)."""
    raw = read_regular(path, MAX_PICTURE_BYTES, display, field=where)
    try:
        if path.suffix.lower() == ".svg":
            return "ok" if svg_drawing(path) is not None else "unreadable"
        import warnings

        from PIL import Image

        with warnings.catch_warnings():  # the size is checked here, against MAX_PIXELS
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as im:
                width, height = im.size
                if width * height > MAX_PIXELS:
                    return (width, height)
                im.load()  # decoded whole: a file whose header is fine but data is not fails
        return "ok"
    except Exception:
        return "unreadable"


@cache
def svg_drawing(path: Path) -> Any:
    """An SVG file as a reportlab drawing (svglib), read once; None when it cannot be read.

    Why svglib: the pictures stay vectors in the PDF (sharp at any card size, small files),
    drawn once per file as a form."""
    import logging

    from svglib.svglib import svg2rlg

    logging.getLogger("svglib").setLevel(logging.ERROR)  # unsupported bits are skipped quietly
    try:
        drawing = svg2rlg(str(path))
    except Exception:
        return None
    if drawing is None:
        return None
    w, h = drawing.width, drawing.height
    if not (MIN_SVG_PT <= w <= MAX_SVG_PT and MIN_SVG_PT <= h <= MAX_SVG_PT):
        return None  # no size (an empty or broken file), or a size no page could hold
    return drawing


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
