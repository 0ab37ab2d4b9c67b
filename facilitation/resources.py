"""Where built-in data lives: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_ROOT = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Any:
    """`exercises` or `cards`: an importlib Traversable (installed) or a Path (checkout)."""
    try:
        return importlib.resources.files(f"facilitation.{name}")
    except ModuleNotFoundError:
        return PACKAGE_ROOT.parent / name


def font_dir() -> Path:
    return PACKAGE_ROOT / "fonts"


def picture_dir() -> Path:
    """The pictures that ship with the package (the starter deck)."""
    return PACKAGE_ROOT / "pictures"


def icon_dir() -> Path:
    """The pictograms that ship with the package (Tabler Icons, MIT)."""
    return PACKAGE_ROOT / "icons"
