"""Fetch the starter picture deck again from the OpenMoji package (npm), and copy the chosen
pictures into facilitation/pictures/starters/ with the set's licence and credits.

    python tools/fetch_starter_pictures.py            # the version below
    python tools/fetch_starter_pictures.py --check    # say what would change, write nothing

Why a script: the pictures are data taken from another project; anyone must be able to see
where they come from and take them again (a newer OpenMoji, another choice). The tests never
run it: it needs npm and the network.

The choice: pictures that shift the viewpoint rather than illustrate a topic (objects,
places, gestures, food, transport, care, repair, culture), for `derive-creative` and
`photolangage`. File names are English slugs; the OpenMoji annotation is the key.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "17.0.0"
ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "facilitation" / "pictures" / "starters"

# slug -> OpenMoji annotation
PICTURES = {
    # getting around
    "bicycle": "bicycle",
    "bus": "bus",
    "train": "locomotive",
    "scooter": "kick scooter",
    "sailboat": "sailboat",
    "ambulance": "ambulance",
    # places
    "house": "house",
    "office": "office building",
    "hospital": "hospital",
    "school": "school",
    "town-hall": "classical building",
    "tent": "tent",
    "bridge": "bridge at night",
    "fountain": "fountain",
    "mountain": "mountain",
    "corner-shop": "convenience store",
    # things
    "key": "key",
    "tools": "hammer and wrench",
    "toolbox": "toolbox",
    "light-bulb": "light bulb",
    "books": "books",
    "envelope": "envelope",
    "mobile-phone": "mobile phone",
    "hourglass": "hourglass done",
    "shopping-cart": "shopping cart",
    "umbrella": "umbrella",
    "teddy-bear": "teddy bear",
    "ladder": "ladder",
    "door": "door",
    "chair": "chair",
    "magnifying-glass": "magnifying glass tilted left",
    "compass": "compass",
    "megaphone": "megaphone",
    "puzzle-piece": "puzzle piece",
    "gift": "wrapped gift",
    "identity-card": "identification card",
    "basket": "basket",
    "camera": "camera",
    # food
    "bread": "bread",
    "cooking": "cooking",
    "carrot": "carrot",
    "hot-drink": "hot beverage",
    # care and the living
    "seedling": "seedling",
    "tree": "deciduous tree",
    "stethoscope": "stethoscope",
    "bandage": "adhesive bandage",
    "crutch": "crutch",
    "baby-bottle": "baby bottle",
    "dog": "dog",
    # gestures and people
    "handshake": "handshake",
    "waving-hand": "waving hand",
    "open-hands": "open hands",
    "ear": "ear",
    "footprints": "footprints",
    "speech-balloon": "speech balloon",
    "hug": "people hugging",
    # culture and play
    "theatre": "performing arts",
    "palette": "artist palette",
    "guitar": "guitar",
    "football": "soccer ball",
}

CREDITS = (
    "Starter pictures: emojis designed by OpenMoji, the open-source emoji and icon project "
    f"(openmoji.org, version {VERSION}). Licence: CC BY-SA 4.0 (LICENSE.txt beside them)."
)


def fetch(tmp: Path) -> Path:
    """The npm package, unpacked; returns its folder."""
    subprocess.run(
        ["npm", "pack", f"openmoji@{VERSION}", "--silent"], cwd=tmp, check=True, capture_output=True
    )
    (tgz,) = tmp.glob("openmoji-*.tgz")
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / "package"


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--check", action="store_true", help="say what would change, write nothing")
    opts = args.parse_args()
    with tempfile.TemporaryDirectory() as d:
        pkg = fetch(Path(d))
        data = json.loads((pkg / "data" / "openmoji.json").read_text(encoding="utf-8"))
        by_name = {e["annotation"]: e for e in data}
        missing = [a for a in PICTURES.values() if a not in by_name]
        if missing:
            print("not in OpenMoji " + VERSION + ": " + ", ".join(missing), file=sys.stderr)
            return 1
        if opts.check:
            for slug, name in PICTURES.items():
                src = pkg / "color" / "svg" / f"{by_name[name]['hexcode']}.svg"
                old = DEST / f"{slug}.svg"
                if not old.is_file() or old.read_bytes() != src.read_bytes():
                    print(f"would update {slug}.svg")
            return 0
        if DEST.exists():
            shutil.rmtree(DEST)
        DEST.mkdir(parents=True)
        for slug, name in PICTURES.items():
            src = pkg / "color" / "svg" / f"{by_name[name]['hexcode']}.svg"
            shutil.copyfile(src, DEST / f"{slug}.svg")
        shutil.copyfile(pkg / "LICENSE.txt", DEST / "LICENSE.txt")
        lines = [CREDITS, "", "slug: OpenMoji annotation (hexcode)"]
        lines += [f"{s}: {n} ({by_name[n]['hexcode']})" for s, n in PICTURES.items()]
        (DEST / "CREDITS.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(PICTURES)} pictures in {DEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
