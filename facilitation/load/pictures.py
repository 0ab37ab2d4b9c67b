"""Pictures a pack names (starter images, logos): files inside the pack's own folder only.

Why: packs from other programmes are untrusted; a path may not leave its folder, by '..', an
absolute path or a link, and only regular image files are read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}


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
    if p.is_absolute() or ".." in p.parts:
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
    except (FileNotFoundError, OSError):
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
    try:
        from PIL import Image

        with Image.open(resolved) as im:
            im.verify()
    except Exception:
        raise UserError(Problem(f"{what} '{rel}' cannot be read as an image", path=where)) from None
    return resolved
