"""Write facilitation/icons/shapes.json: the strokes of every pictogram the package ships, as
svglib reads them, with each SVG's SHA-256 (an icon whose SVG changed is read again with
svglib at run time until this is run again; a test checks the file is up to date).

    python tools/icon_shapes.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitation.load.icons import SHAPES_FILE, shapes_table  # noqa: E402
from facilitation.resources import icon_dir  # noqa: E402


def main() -> None:
    path = icon_dir() / SHAPES_FILE
    path.write_text(json.dumps(shapes_table(), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
