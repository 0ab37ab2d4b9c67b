"""Fetch the kit's pictograms again from the Tabler Icons package (npm), and copy the chosen
outline icons into facilitation/icons/ with the set's licence and a credits file.

    python tools/fetch_icons.py            # the version below
    python tools/fetch_icons.py --check    # say what would change, write nothing

Why a script: the pictograms are data taken from another project (Tabler Icons, MIT licence);
anyone must be able to see where they come from and take them again (a newer version, another
choice). The tests never run it: it needs npm and the network.

The icons are cleaned as they are copied: the invisible bounding-box path that every Tabler
icon starts with is dropped, and `currentColor` becomes black, so that the SVG reads the same
in any viewer and the kit can tell the strokes to draw (render/icons.py draws them in the
colour of the page, as PDF forms drawn once per file). Which icon stands for what is the
theme's business (cards/themes.yaml): this list is only what the package ships.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "3.52.0"
ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "facilitation" / "icons"

ICONS = [
    # arcs
    "door-enter",  # open
    "bolt",  # energise
    "compass",  # explore
    "filter",  # converge
    "flag",  # close
    "clock",  # logistics
    # method families
    "messages",  # talking round
    "scale",  # debate
    "map-pin",  # fieldwork and survey
    "bulb",  # ideas
    "sitemap",  # analysis and synthesis
    "checkbox",  # choosing and deciding
    "user-circle",  # stories and personas
    "tools",  # making and testing
    "puzzle",  # games and energisers
    "users-group",  # group life
    "presentation",  # sharing and presenting
    "clipboard-list",  # logistics
    # kinds of blocks
    "coffee",  # break
    "tools-kitchen-2",  # lunch
    "glass-full",  # dinner
    "bus",  # travel
    "arrows-split-2",  # parallel tracks
    "notes",  # free block
]

CREDITS = (
    f"Pictograms: Tabler Icons {VERSION} (tabler.io/icons), by Paweł Kuna and contributors, "
    "MIT licence (LICENSE beside them). Outline icons, the bounding-box path removed and "
    "currentColor written black."
)


def fetch(tmp: Path) -> Path:
    """The npm package, unpacked; returns its folder."""
    subprocess.run(
        ["npm", "pack", f"@tabler/icons@{VERSION}", "--silent"],
        cwd=tmp,
        check=True,
        capture_output=True,
    )
    (tgz,) = tmp.glob("tabler-icons-*.tgz")
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / "package"


def clean(svg: str) -> str:
    """Drop the invisible bounding box and the class; currentColor as black."""
    svg = re.sub(r'\s*<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*/>', "", svg)
    svg = re.sub(r'\s*class="[^"]*"', "", svg)
    return svg.replace("currentColor", "#000000").strip() + "\n"


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--check", action="store_true", help="say what would change, write nothing")
    opts = args.parse_args()
    with tempfile.TemporaryDirectory() as d:
        pkg = fetch(Path(d))
        src = pkg / "icons" / "outline"
        missing = [n for n in ICONS if not (src / f"{n}.svg").is_file()]
        if missing:
            print(f"not in Tabler Icons {VERSION}: " + ", ".join(missing), file=sys.stderr)
            return 1
        if opts.check:
            for name in ICONS:
                new = clean((src / f"{name}.svg").read_text(encoding="utf-8"))
                old = DEST / f"{name}.svg"
                if not old.is_file() or old.read_text(encoding="utf-8") != new:
                    print(f"would update {name}.svg")
            return 0
        for old in DEST.glob("*.svg"):
            old.unlink()
        DEST.mkdir(parents=True, exist_ok=True)
        for name in ICONS:
            text = clean((src / f"{name}.svg").read_text(encoding="utf-8"))
            (DEST / f"{name}.svg").write_text(text, encoding="utf-8")
        shutil.copyfile(pkg / "LICENSE", DEST / "LICENSE")
        (DEST / "CREDITS.txt").write_text(CREDITS + "\n", encoding="utf-8")
    print(f"{len(ICONS)} icons in {DEST.relative_to(ROOT)}")
    subprocess.run([sys.executable, str(ROOT / "tools" / "icon_shapes.py")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
