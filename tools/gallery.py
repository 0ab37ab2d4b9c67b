"""A gallery of PNG previews of every kind of page the kit prints, built from the examples,
so that anyone can see the kit without printing it (nothing is committed: run it when needed).

    python tools/gallery.py OUT_FOLDER [--dpi 40] [--example dunkerque-2-reflex-energie]

Writes OUT_FOLDER/<file>-<page>.png for the first pages of each document and card file of the
example's kit (French), its wall and participants' agendas in both forms (list and timeline)
on A3 and A4, and an index.html that shows them all. Needs poppler's pdftoppm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, str(ROOT / "cli.py")]


def run(*args: str) -> None:
    subprocess.run([*CLI, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def previews(pdf: Path, out: Path, dpi: int, pages: int) -> list[Path]:
    stem = out / pdf.stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(pdf), str(stem)],
        check=True,
    )
    return sorted(out.glob(f"{pdf.stem}-*.png"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write the PNG files into")
    ap.add_argument("--dpi", type=int, default=40)
    ap.add_argument("--example", default="dunkerque-2-reflex-energie")
    ap.add_argument("--pages", type=int, default=4, help="pages shown of each file")
    args = ap.parse_args()
    if not shutil.which("pdftoppm"):
        print("pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 1
    session = ROOT / "examples" / f"{args.example}.yaml"
    args.out.mkdir(parents=True, exist_ok=True)
    shown: list[Path] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        run("kit", str(session), "-o", str(tmp / "kit"))
        run(
            "agenda",
            str(session),
            "-o",
            str(tmp / "timeline"),
            "--format",
            "pdf",
            "--wall",
            "a3",
            "--agenda-form",
            "timeline",
        )
        run(
            "agenda",
            str(session),
            "-o",
            str(tmp / "list"),
            "--format",
            "pdf",
            "--wall",
            "a3",
            "--wall-form",
            "list",
        )
        pdfs = sorted((tmp / "kit").glob("*.pdf")) + sorted((tmp / "kit" / "cartes").glob("*.pdf"))
        pdfs += sorted((tmp / "kit" / "canevas").glob("*.pdf"))[:3]
        for extra in ("timeline", "list"):
            for pdf in sorted((tmp / extra).glob("*.pdf")):
                target = tmp / f"{pdf.stem}-{extra}.pdf"
                shutil.copyfile(pdf, target)
                pdfs.append(target)
        for pdf in pdfs:
            shown += previews(pdf, args.out, args.dpi, args.pages)
    items = "\n".join(
        f'<figure><img src="{p.name}" loading="lazy"><figcaption>{p.name}</figcaption></figure>'
        for p in shown
    )
    (args.out / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><title>facilitation: gallery</title>"
        "<style>body{font-family:sans-serif;display:flex;flex-wrap:wrap;gap:12px}"
        "figure{margin:0}img{border:1px solid #ccc;max-height:420px}"
        "figcaption{font-size:12px}</style>\n" + items + "\n",
        encoding="utf-8",
    )
    print(f"{len(shown)} previews in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
