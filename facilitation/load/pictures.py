"""Pictures a pack names (starter images, logos): files inside the pack's own folder only.

Why: packs from other programmes are untrusted; a path may not leave its folder, by '..', an
absolute path or a link, and only regular image files are read (a pipe named `x.png` would
block whoever opens it), no larger than MAX_PICTURE_BYTES and MAX_PIXELS once decoded.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.load.files import read_regular
from facilitation.text.messages import _

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}
MAX_PICTURE_BYTES = 20_000_000  # a photo straight from a camera is 5 to 15 MB
MAX_PIXELS = 50_000_000  # 8 000 x 6 000: more than any card or canvas needs at 300 dpi


def safe_picture(root: Any, rel: str, where: str, what: str = "picture") -> Path:
    """A picture path inside `root`, or a UserError: no absolute paths, no way out."""
    if root is None or not isinstance(root, Path):
        raise UserError(
            Problem(
                f"{what} '{rel}': built-in exercises hold no pictures",
                path=where,
                hint="give pictures in a session or your own folder",
            )
        )
    p = Path(rel)
    if p.is_absolute() or ".." in p.parts or "\x00" in rel:
        raise UserError(
            Problem(
                f"{what} '{rel}' must be a path inside its folder",
                path=where,
                hint="no absolute paths and no '..'",
            )
        )
    full = root / p
    real_root = root.resolve()
    try:
        resolved = full.resolve(strict=True)
    except (OSError, RuntimeError):
        raise UserError(Problem(f"{what} '{rel}' not found in {root}", path=where)) from None
    if not resolved.is_relative_to(real_root):
        raise UserError(
            Problem(
                f"{what} '{rel}' leads outside its folder",
                path=where,
                hint="links out of a pack are not followed",
            )
        )
    if resolved.suffix.lower() not in IMAGE_SUFFIXES:
        raise UserError(Problem(f"{what} '{rel}' is not a JPEG or PNG file", path=where))
    raw = read_regular(resolved, MAX_PICTURE_BYTES, _display(full), field=where)
    try:
        from PIL import Image

        with Image.open(io.BytesIO(raw)) as im:
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise UserError(
                    Problem(
                        _(
                            "{what} '{rel}' is {width} x {height} pixels: at most {limit} "
                            "million pixels"
                        ).format(
                            what=what,
                            rel=rel,
                            width=width,
                            height=height,
                            limit=MAX_PIXELS // 1_000_000,
                        ),
                        path=where,
                        hint=_("reduce the picture (2 000 pixels a side is plenty for print)"),
                    )
                )
            im.verify()
    except UserError:
        raise
    except Exception:
        raise UserError(Problem(f"{what} '{rel}' cannot be read as an image", path=where)) from None
    return resolved


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
