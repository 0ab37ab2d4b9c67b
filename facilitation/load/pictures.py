"""Pictures a pack names (starter images, logos): files inside the pack's own folder only.

Why: packs from other programmes are untrusted; a path may not leave its folder, by '..', an
absolute path or a link, and only regular image files are read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitation.errors import Problem, UserError
from facilitation.text.messages import _

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}


def safe_picture(root: Any, rel: str, where: str, logo: bool = False) -> Path:
    """A picture path inside `root`, or a UserError: no absolute paths, no way out."""
    what = _("logo '{file}'") if logo else _("picture '{file}'")
    what = what.format(file=rel)
    if root is None or not isinstance(root, Path):
        raise UserError(
            Problem(
                _("{what}: built-in exercises hold no pictures").format(what=what),
                path=where,
                hint=_("give pictures in a session or your own folder"),
            )
        )
    p = Path(rel)
    if p.is_absolute() or ".." in p.parts:
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
    except (FileNotFoundError, OSError):
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
            Problem(_("{what} is not a JPEG or PNG file").format(what=what), path=where)
        )
    try:
        from PIL import Image

        with Image.open(resolved) as im:
            im.verify()
    except Exception:
        raise UserError(
            Problem(_("{what} cannot be read as an image").format(what=what), path=where)
        ) from None
    return resolved
