#!/usr/bin/env python3
"""Benchmark: kits of all examples, `--help`, card decks of 100 / 1 000 / 10 000 cards, the
catalogue (with and without cached previews) and `watch` rebuilding a three-day session, as
median wall times over several runs, with ratios to the reference floor measured in the same
run (../shared/bench/floor.py: 49 A4 pages drawn as fast as reportlab can).

    python bench/run.py [--runs 5] [--quick]

Whole processes are timed (start-up included), as a facilitator meets them. Only public
tools: the standard library and the project itself.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ROOT.parent / "shared" / "bench" / "floor.py"
CLI = [sys.executable, str(ROOT / "cli.py")]


def timed(cmd: list[str], runs: int, cwd: Path | None = None) -> float:
    """Median wall time of `runs` runs, after one warm-up run."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(
            cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def pdf_pages(folder: Path) -> int:
    import re

    total = 0
    for pdf in folder.rglob("*.pdf"):
        dicts = re.findall(rb"<<[^<>]*?/Type\s*/Pages\b[^<>]*>>", pdf.read_bytes())
        counts = [int(m) for d in dicts for m in re.findall(rb"/Count\s+(\d+)", d)]
        total += max(counts) if counts else 0
    return total


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def deck_library(tmp: Path, n: int) -> Path:
    """A user exercise whose statements make a deck of n cards."""
    lib = tmp / f"lib{n}"
    lib.mkdir()
    lines = "\n".join(
        f'        - "Affirmation numéro {i} : faut-il vraiment tout changer ?"' for i in range(n)
    )
    (lib / "deck.yaml").write_text(
        "extends: debat-mouvant\nsupports:\n  - {id: affirmations, kind: cards, layout: "
        "statement, source: statements}\nparameters:\n  statements:\n    default:\n      fr:\n"
        + lines
        + "\n",
        encoding="utf-8",
    )
    return lib


def catalogue_times(tmp: Path, runs: int) -> tuple[float, float, int]:
    """Median wall times of `facilitation catalogue` with an empty preview cache (every PDF
    printed and rasterised) and with the cache of the run before; and the site's size."""
    cold, warm = [], []
    for i in range(max(1, runs // 2)):
        env = dict(os.environ, FACILITATION_CACHE=str(tmp / f"cache{i}"))
        for times in (cold, warm):
            out = tmp / f"catalogue{i}-{len(times)}"
            start = time.perf_counter()
            subprocess.run(
                CLI + ["catalogue", "-o", str(out)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            times.append(time.perf_counter() - start)
    return statistics.median(cold), statistics.median(warm), size_of(out)


def watch_times(tmp: Path, session: Path, saves: int) -> tuple[float, float, float]:
    """`facilitation watch` on a copy of a session, saved `saves` times: the medians of the
    time it reports for the timeline and warnings, of the time it reports for the whole
    rebuild (agendas written), and of the time from the save to the rebuild's last line."""
    import re
    import threading

    copy = tmp / session.name
    text = session.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        CLI + ["watch", str(copy), "-o", str(tmp / "watched"), "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    arrived = threading.Condition()

    def read() -> None:
        for line in proc.stdout or []:
            with arrived:
                lines.append(line)
                arrived.notify_all()

    threading.Thread(target=read, daemon=True).start()

    def wait_rebuilt(n: int) -> None:
        with arrived:
            while sum("rebuilt in" in x for x in lines) < n:
                if not arrived.wait(timeout=60):
                    raise RuntimeError("watch did not rebuild: " + "".join(lines[-5:]))

    timeline, whole, latency = [], [], []
    try:
        wait_rebuilt(1)
        for i in range(saves):
            time.sleep(0.4)
            start = time.perf_counter()
            copy.write_text(text + f"# save {i}\n", encoding="utf-8")
            wait_rebuilt(i + 2)
            latency.append(time.perf_counter() - start)
        for line in lines:
            m = re.search(r"timed in (\d+) ms", line)
            if m:
                timeline.append(int(m.group(1)) / 1000)
            m = re.search(r"rebuilt in ([\d.]+) s", line)
            if m:
                whole.append(float(m.group(1)))
    finally:
        proc.terminate()
        proc.wait()
    return (
        statistics.median(timeline[1:]),
        statistics.median(whole[1:]),
        statistics.median(latency),
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="skip the 10 000-card deck")
    args = ap.parse_args()
    # pip compiles a package's bytecode when it installs it; the bench runs from the source
    # tree, so it does the same first (else, with PYTHONDONTWRITEBYTECODE set, every run
    # would compile the project's ~45 modules again).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "facilitation")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    tmp = Path(tempfile.mkdtemp(prefix="facilitation-bench-"))
    try:
        rows: list[tuple[str, float, str]] = []
        floor = None
        if FLOOR.is_file():
            fdir = tmp / "floor"
            subprocess.run(
                [sys.executable, str(FLOOR), "--prepare", "--out", str(fdir)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            floor = timed([sys.executable, str(FLOOR), "--out", str(fdir)], args.runs)
            rows.append(("floor: 49 A4 pages", floor, f"{floor / 49 * 1000:.1f} ms/page"))
        help_t = timed(CLI + ["--help"], args.runs)
        rows.append(("facilitation --help", help_t, "target < 0.3 s"))
        examples = sorted((ROOT / "examples").glob("*.yaml"))
        for ex in examples:
            out = tmp / f"kit-{ex.stem}"
            t = timed(CLI + ["kit", str(ex), "-o", str(out)], args.runs)
            pages = pdf_pages(out)
            per_page = t / pages
            note = f"{pages} pages, {size_of(out) / 1e6:.2f} MB"
            if floor:
                note += f", {per_page / (floor / 49):.2f}x floor per page"
            rows.append((f"kit {ex.stem}", t, note))
        sizes = [100, 1000] + ([] if args.quick else [10000])
        for n in sizes:
            lib = deck_library(tmp, n)
            out = tmp / f"deck{n}"
            runs = max(1, args.runs if n < 10000 else 1)
            t = timed(CLI + ["cards", "deck", "--library", str(lib), "-o", str(out)], runs)
            rows.append(
                (f"cards: {n} cards", t, f"{t / n * 1000:.2f} ms/card, {pdf_pages(out)} pages")
            )
        cold, warm, size = catalogue_times(tmp, args.runs)
        methods = len(list((ROOT / "exercises").glob("*.yaml")))
        note = f"{methods} methods x 2 languages, previews printed, {size / 1e6:.1f} MB"
        rows.append(("catalogue, empty cache", cold, note))
        rows.append(("catalogue, cached previews", warm, "only the pages written"))
        dunkerque = ROOT / "examples" / "dunkerque-2-reflex-energie.yaml"
        timeline, whole, latency = watch_times(tmp, dunkerque, max(5, args.runs * 2))
        rows.append(("watch: timeline + warnings", timeline, "dunkerque, 3 days, as reported"))
        rows.append(("watch: rebuild with agendas", whole, "6 agenda files, as reported"))
        rows.append(("watch: save to last line", latency, "includes the 0.25 s polling"))
        width = max(len(r[0]) for r in rows)
        print(f"{'what'.ljust(width)}  median s  ratio to floor  notes")
        for name, t, note in rows:
            ratio = f"{t / floor:6.2f}x" if floor else "   n/a"
            print(f"{name.ljust(width)}  {t:8.3f}  {ratio:>14}  {note}")
        print(f"(medians of {args.runs} runs after a warm-up; {os.cpu_count()} cores)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
