"""`facilitation catalogue -o DIR`: a static website of the library in use (built-in methods
and the user's own, overrides applied), in French and English, that opens from the disk with
no server:

    DIR/index.html               sends to the index in the user's language
    DIR/fr/index.html            the methods, with filters and search (catalogue.js)
    DIR/fr/<id>.html             a method's whole sheet, what it prints, before and after
    DIR/en/...                   the same in English
    DIR/assets/                  the style sheet and the script
    DIR/previews/<lang>/*.png    the first page of each PDF a method prints

Previews: each method's cards, floor signs, canvases and sheets are printed as the
`cards` and `canvas` commands print them, into a temporary folder, and the first page of each
PDF is rasterised small. That is most of the build's time, so the images are kept in a cache
(the user's cache folder) under a hash of everything they depend on: the method as resolved,
the language, the print data and the program's own code. Building again after changing one
method prints that method only. The same library gives the same files, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from facilitation import __version__
from facilitation.jobs.canvases import CanvasOptions, write_exercise_canvases
from facilitation.jobs.cards import CardOptions, write_exercise_cards
from facilitation.jobs.job import Job
from facilitation.jobs.output import Outputs
from facilitation.jobs.shared import run_shared
from facilitation.load.library import Library
from facilitation.load.printdata import user_dirs
from facilitation.model.exercise import Exercise
from facilitation.model.words import own_language_name
from facilitation.render.catalogue_html import ASSETS, Pages, asset, rasterise
from facilitation.resources import PACKAGE_ROOT, data_dir
from facilitation.text.i18n import LANGS
from facilitation.text.messages import _, language, ngettext, set_language
from facilitation.view.catalogue import (
    Links,
    Origin,
    Preview,
    index_view,
    method_view,
    page_words,
    strings_graph,
    t,
)

CACHE_ENV = "FACILITATION_CACHE"
CACHE_DAYS = 30  # previews not used for this long are removed from the cache
CACHE_BYTES = 100_000_000  # and the least recently used beyond this size
PICTURES = (".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG")


@dataclass
class CatalogueReport:
    """What a build wrote: pages, previews (and how many came from the cache), time."""

    methods: int
    pages: int
    previews: int
    cached: int
    seconds: float


def cache_dir() -> Path:
    """Where previews are kept between builds: FACILITATION_CACHE, else the user's cache
    folder (XDG_CACHE_HOME or ~/.cache) under facilitation/previews."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "facilitation" / "previews"


def _tree_hash(root: Any, suffixes: tuple[str, ...], contents: bool = True) -> str:
    """A hash of the files below a folder with these endings: their names and contents (or,
    for pictures, their sizes and times). Links are not followed."""
    h = hashlib.sha256()
    found = []
    for dirpath, dirnames, filenames in os.walk(str(root), followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and not d.startswith("."))
        found += [Path(dirpath) / f for f in filenames if f.endswith(suffixes)]
    for p in sorted(found):
        h.update(str(p.relative_to(str(root))).encode())
        if contents:
            h.update(p.read_bytes())
        else:
            st = p.stat()
            h.update(f"{st.st_size} {st.st_mtime_ns}".encode())
    return h.hexdigest()


def code_and_data_hash(folders: list[Path]) -> str:
    """What every preview depends on besides its method: the program's code and fonts, the
    built-in print data, and the print data of the user's folders (their cards/)."""
    h = hashlib.sha256(__version__.encode())
    h.update(_tree_hash(PACKAGE_ROOT, (".py", ".ttf")).encode())
    h.update(_tree_hash(data_dir("cards"), (".yaml",)).encode())
    for folder in folders:
        if (folder / "cards").is_dir():
            h.update(_tree_hash(folder / "cards", (".yaml", ".yml")).encode())
    return h.hexdigest()


def preview_key(ex: Exercise, lang: str, base: str, folder: Path | None = None) -> str:
    """The cache key of a method's previews in a language; a method of a user's folder also
    depends on the pictures there (personas' portraits)."""
    data = ex.model_dump_json(exclude={"origin"})
    pictures = _tree_hash(folder, PICTURES, contents=False) if folder else ""
    text = f"{base}\n{lang}\n{ex.id}\n{pictures}\n{data}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def render_previews(
    ex: Exercise, lang: str, picture_root: Any
) -> list[tuple[Job, bytes, int, int]]:
    """Print a method's PDFs in a temporary folder and rasterise the first page of each:
    (job, PNG bytes, width, height) in the order the commands print them. Its facilitator
    card is left out: every method has one, and the page shows the whole sheet already."""
    tmp = Path(tempfile.mkdtemp(prefix="facilitation-catalogue-"))
    try:
        with Outputs(tmp / "pdf") as out:
            jobs = write_exercise_cards(
                ex, CardOptions(lang=lang), out, picture_root=picture_root, facilitator=False
            )
            jobs += write_exercise_canvases(ex, CanvasOptions(lang=lang), out)
            return [(j, *rasterise(out.tmp / j.name)) for j in jobs if j.pages]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _origin(library: Library, ex: Exercise) -> Origin:
    entries = library.entries.get(ex.id, [])
    top = entries[0] if entries else None
    builtin = top is None or str(top.folder) == str(data_dir("exercises"))
    folder = "" if builtin or top is None else Path(str(top.folder)).name
    replaces = not builtin and len(entries) > 1
    return Origin(builtin=builtin, folder=folder, replaces=replaces, extends=ex.extends)


def build_catalogue(
    library: Library,
    out: Outputs,
    lang: str,
    previews: bool = True,
    cache: Path | None = None,
    template_dirs: list[Path] | None = None,
    progress: Any = None,
) -> CatalogueReport:
    """Write the whole catalogue into `out`; `lang` is the language the root page opens."""
    start = time.perf_counter()
    was = language()
    library.check()
    exercises = list(library.exercises.values())
    links = strings_graph(exercises)
    origins = {ex.id: _origin(library, ex) for ex in exercises}
    folders = list(library.folders)
    step = progress or (lambda label: None)

    # previews: from the cache, or printed and rasterised (on two processes when there are two
    # cores), then kept in the cache
    found: dict[tuple[str, str], list[Preview]] = {}
    cached = 0
    if previews:
        base = code_and_data_hash(folders + user_dirs())
        store = cache if cache is not None else cache_dir()
        todo: list[tuple[str, Any]] = []
        for lang_ in LANGS:
            for ex in exercises:
                origin = origins[ex.id]
                folder = library.folder_of(ex.id) if not origin.builtin else None
                key = preview_key(ex, lang_, base, folder if isinstance(folder, Path) else None)
                hit = _from_cache(store, key, out)
                if hit is not None:
                    found[(ex.id, lang_)] = hit
                    cached += 1
                    continue
                todo.append((f"{ex.id}/{lang_}", _preview_task(ex, lang_, key, store, library)))
        if todo:
            import facilitation.render.canvas_pdf  # noqa: F401  (imported once, before the fork)
            import facilitation.render.cards_pdf  # noqa: F401

            order = list(range(len(todo)))
            results = run_shared(todo, order, out, step)  # type: ignore[arg-type]
            for (label, _task), done in zip(todo, results, strict=True):
                ex_id, lang_ = label.split("/")
                found[(ex_id, lang_)] = list(done)  # type: ignore[arg-type]
        _prune(store)
        set_language(was)

    # pages, language by language
    pages = Pages(template_dirs or [])
    written = 0
    try:
        for lang_ in LANGS:
            set_language(lang_)
            words = page_words()
            colon = "\u00a0: " if lang_ == "fr" else ": "
            titles = {ex.id: t(ex.title, lang_) for ex in exercises}
            sources = [_("built-in library")] + [
                ngettext(
                    "{folder}: {n} method", "{folder}: {n} methods", _count(origins, f.name)
                ).format(folder=f.name, n=_count(origins, f.name))
                for f in folders
            ]
            index = index_view(exercises, lang_, sources)
            out.path(f"{lang_}/index.html").write_text(
                pages.render("catalogue-index.html.j2", words=words, colon=colon, **index),
                encoding="utf-8",
            )
            written += 1
            for ex in exercises:
                view = method_view(
                    ex,
                    lang_,
                    origins[ex.id],
                    links.get(ex.id, Links()),
                    titles,
                    found.get((ex.id, lang_), []),
                )
                html = pages.render(
                    "catalogue-method.html.j2",
                    m=view,
                    words=words,
                    colon=colon,
                    lang=lang_,
                    other_lang=view["other_lang"],
                    other_name=view["other_name"],
                )
                out.path(f"{lang_}/{ex.id}.html").write_text(html, encoding="utf-8")
                written += 1
            step(lang_)
        set_language(lang)
        root = pages.render(
            "catalogue-root.html.j2",
            lang=lang,
            title=_("Catalogue of methods"),
            languages=[
                {"id": x, "name": own_language_name(x)}
                for x in (lang, *[y for y in LANGS if y != lang])
            ],
        )
        out.path("index.html").write_text(root, encoding="utf-8")
        written += 1
    finally:
        set_language(was)
    for name in ASSETS:
        out.path(f"assets/{name}").write_bytes(asset(name))
    _manifest(out)
    n_previews = sum(len(v) for v in found.values())
    return CatalogueReport(len(exercises), written, n_previews, cached, time.perf_counter() - start)


MANIFEST = "catalogue-manifest.json"
MANIFEST_LANG = "fr+en"  # a catalogue holds both languages


def _manifest(out: Outputs) -> None:
    """List what the catalogue wrote, so that the next one into this folder removes the pages
    and previews of methods that have left the library (and only those: a file changed since,
    or that the catalogue did not write, is the user's and is never touched)."""
    from facilitation.jobs.kit import _sha256, previous_kit_files

    files = {n: _sha256(out.tmp / n) for n in out.written if n != MANIFEST}
    out.replaces(previous_kit_files(out, MANIFEST_LANG))
    data = {"kind": "catalogue", "lang": MANIFEST_LANG, "files": files}
    out.path(MANIFEST, last=True).write_text(
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def _count(origins: dict[str, Origin], folder: str) -> int:
    return sum(1 for o in origins.values() if not o.builtin and o.folder == folder)


def _png_name(lang: str, job: Job) -> str:
    stem = job.name.rsplit(".", 1)[0]
    return f"previews/{lang}/{stem}.png"


def _preview_task(ex: Exercise, lang: str, key: str, store: Path, library: Library) -> Any:
    """The work of one method's previews in one language: print, rasterise, keep."""
    folder = library.folder_of(ex.id)
    root = folder if isinstance(folder, Path) else None

    def task(out: Outputs) -> list[Preview]:
        set_language(lang)  # the printed words of the cards are the catalogue's
        done = []
        images = {}
        for job, png, w, h in render_previews(ex, lang, root):
            name = _png_name(lang, job)
            out.path(name).write_bytes(png)
            images[name] = png
            done.append(Preview(name, w, h, job.title, job.kind, job.pages, job.paper, job.duplex))
        _to_cache(store, key, done, images)
        return done

    return task


def _to_cache(store: Path, key: str, previews: list[Preview], images: dict[str, bytes]) -> None:
    """Keep a method's previews: <key>.json lists them, <key>-<n>.png hold them. Written
    beside and renamed, so that a build cut short never leaves half an entry."""
    try:
        store.mkdir(parents=True, exist_ok=True)
        for i, p in enumerate(previews):
            tmp = store / f".{key}-{i}.png.{os.getpid()}"
            tmp.write_bytes(images[p.name])
            os.replace(tmp, store / f"{key}-{i}.png")
        tmp = store / f".{key}.json.{os.getpid()}"
        tmp.write_text(json.dumps([asdict(p) for p in previews], sort_keys=True), "utf-8")
        os.replace(tmp, store / f"{key}.json")
    except OSError:
        pass  # a cache that cannot be written only makes the next build slower


def _from_cache(store: Path, key: str, out: Outputs) -> list[Preview] | None:
    """A method's previews from the cache, copied into the catalogue; None when missing."""
    index = store / f"{key}.json"
    try:
        previews = [Preview(**p) for p in json.loads(index.read_text(encoding="utf-8"))]
        for i, p in enumerate(previews):
            out.path(p.name).write_bytes((store / f"{key}-{i}.png").read_bytes())
        now = time.time()
        os.utime(index, (now, now))  # used: kept
    except (OSError, ValueError, TypeError):
        return None
    return previews


def _prune(store: Path) -> None:
    """Remove the previews no build has used for CACHE_DAYS, and the least recently used
    ones beyond CACHE_BYTES (every change of the program makes a new set)."""
    try:
        entries = sorted(
            ((index.stat().st_mtime, index) for index in store.glob("*.json")), reverse=True
        )
    except OSError:
        return
    limit = time.time() - CACHE_DAYS * 86400
    total = 0
    for mtime, index in entries:
        key = index.stem
        try:
            images = list(store.glob(f"{key}-*.png"))
            total += sum(p.stat().st_size for p in images) + index.stat().st_size
            if mtime < limit or total > CACHE_BYTES:
                for png in images:
                    png.unlink()
                index.unlink()
        except OSError:
            continue
