"""Reading PDFs back in tests: text, fonts, boxes, metadata (with pypdf)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def check_fonts_embedded(path: Path) -> set[str]:
    """Every font is embedded (has a FontFile) and subset (ABCDEF+Name); returns base names."""
    names = set()
    for page in PdfReader(str(path)).pages:
        res = page.get("/Resources") or {}
        res = res.get_object() if hasattr(res, "get_object") else res
        fonts = res.get("/Font") or {}
        fonts = fonts.get_object() if hasattr(fonts, "get_object") else fonts
        stack = [f.get_object() for f in fonts.values()]
        xobjs = res.get("/XObject") or {}
        xobjs = xobjs.get_object() if hasattr(xobjs, "get_object") else xobjs
        for x in xobjs.values():
            xr = x.get_object().get("/Resources")
            if xr:
                xf = xr.get_object().get("/Font") or {}
                stack += [f.get_object() for f in xf.get_object().values()]
        for font in stack:
            base = str(font["/BaseFont"])
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert desc is not None, f"{path.name}: font {base} has no descriptor (base-14?)"
            desc = desc.get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                f"{path.name}: font {base} is not embedded"
            )
            assert "+" in base, f"{path.name}: font {base} is not subset"
            names.add(base.split("+", 1)[1])
    return names


def boxes(path: Path) -> list[tuple[list[float], list[float], list[float]]]:
    out = []
    for page in PdfReader(str(path)).pages:
        out.append(
            (
                [float(v) for v in page.mediabox],
                [float(v) for v in page.trimbox],
                [float(v) for v in page.bleedbox],
            )
        )
    return out


def has_trimbox_on_every_page(path: Path) -> bool:
    return all("/TrimBox" in page for page in PdfReader(str(path)).pages)


def metadata(path: Path) -> dict[str, str]:
    r = PdfReader(str(path))
    meta = {k: str(v) for k, v in (r.metadata or {}).items()}
    lang = r.trailer["/Root"].get("/Lang")
    meta["/Lang"] = str(lang) if lang else ""
    prefs = r.trailer["/Root"].get("/ViewerPreferences")
    meta["/ViewerPreferences"] = str(prefs.get_object()) if prefs else ""
    return meta


def raster(path: Path, dpi: int, first: int | None = None, last: int | None = None) -> list:
    """The pages of a PDF as grey images (poppler's pdftoppm): [(width, height, bytes)]."""
    import shutil
    import subprocess
    import tempfile

    if not shutil.which("pdftoppm"):
        import pytest

        pytest.skip("pdftoppm (poppler) is not installed")
    with tempfile.TemporaryDirectory() as d:
        args = ["pdftoppm", "-gray", "-r", str(dpi)]
        if first:
            args += ["-f", str(first)]
        if last:
            args += ["-l", str(last)]
        subprocess.run([*args, str(path), f"{d}/p"], check=True)
        return [_pgm(p.read_bytes()) for p in sorted(Path(d).glob("p-*.pgm"))]


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5"
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4][-w * h :]


def text_sizes(path: Path) -> list[tuple[int, float, str]]:
    """(page, size in points as printed, text) for every run of text the PDF shows, forms
    included: the font size times the scale of the text and current matrices."""
    out: list[tuple[int, float, str]] = []
    for i, page in enumerate(PdfReader(str(path)).pages):

        def visit(text: str, cm: list, tm: list, font: object, size: float, i: int = i) -> None:
            if not text.strip():
                return
            a = tm[0] * cm[0] + tm[1] * cm[2]
            b = tm[0] * cm[1] + tm[1] * cm[3]
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            out.append((i, abs(a * d - b * c) ** 0.5 * size, text.strip()))

        page.extract_text(visitor_text=visit)
    return out


def text_positions(path: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's runs of text as (x, y, text), y the baseline in points from the page's
    bottom (forms' own text included, placed by the matrices)."""
    pages: list[list[tuple[float, float, str]]] = []
    for page in PdfReader(str(path)).pages:
        runs: list[tuple[float, float, str]] = []

        def visit(
            text: str, cm: list, tm: list, font: object, size: float, runs: list = runs
        ) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def form_names(path: Path) -> list[set[str]]:
    """The names of the form XObjects each page uses, forms inside forms included."""
    out = []
    for page in PdfReader(str(path)).pages:
        names: set[str] = set()
        res = page.get("/Resources")
        stack = [res.get_object()] if res is not None else []
        seen: set[int] = set()
        while stack:
            r = stack.pop()
            xo = r.get("/XObject")
            if xo is None:
                continue
            for name, ref in xo.get_object().items():
                obj = ref.get_object()
                if id(obj) in seen:
                    continue
                seen.add(id(obj))
                if obj.get("/Subtype") == "/Form":
                    names.add(str(name))
                    sub = obj.get("/Resources")
                    if sub is not None:
                        stack.append(sub.get_object())
        out.append(names)
    return out


def image_count(path: Path) -> int:
    """Image XObjects anywhere in the file (bitmaps)."""
    reader = PdfReader(str(path))
    n = 0
    for page in reader.pages:
        res = page.get("/Resources")
        stack = [res.get_object()] if res is not None else []
        while stack:
            r = stack.pop()
            xo = r.get("/XObject")
            if xo is None:
                continue
            for ref in xo.get_object().values():
                obj = ref.get_object()
                if obj.get("/Subtype") == "/Image":
                    n += 1
                elif obj.get("/Subtype") == "/Form" and obj.get("/Resources") is not None:
                    stack.append(obj.get("/Resources").get_object())
    return n
