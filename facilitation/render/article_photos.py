"""Photos for the web: turned upright, at most 1600 pixels on their long side, as JPEG
without their metadata.

Why without metadata: a phone's EXIF holds where the photo was taken (GPS), the device and
the time; none of it belongs in a public article. The colour profile stays (browsers use it).
Why the size check again: the retour's check read the header when the session was checked;
the file may have changed since, and decoding is what a bomb attacks. JPEGs are decoded at a
reduced scale when they are much larger than needed (libjpeg's draft mode), which bounds the
memory of a 50-megapixel photo to a fraction of it.

The same photo gives the same bytes: no timestamp is written, and Pillow's resampling and
JPEG encoder are deterministic for a given Pillow.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from facilitation.errors import UserError
from facilitation.load.retour import MAX_PHOTO_PIXELS, PhotoFile
from facilitation.text.messages import _

WEB_SIDE = 1600  # pixels on the long side: sharp on a retina screen in a blog's column
QUALITY = 82


def web_photo(photo: PhotoFile, dest: Path, side: int = WEB_SIDE) -> tuple[int, int]:
    """Write the web copy of a photo to `dest`; return its size in pixels. A photo that
    cannot be decoded is a UserError at the photo's line in the retour."""
    from PIL import Image, ImageOps

    rel = photo.photo.file
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(photo.path) as im:
                w, h = im.size
                if w * h > MAX_PHOTO_PIXELS:
                    raise UserError(
                        photo.problem(
                            _(
                                "photo '{file}' is {w} × {h} pixels: more than the {max} "
                                "million pixels a photo may have"
                            ).format(file=rel, w=w, h=h, max=MAX_PHOTO_PIXELS // 1_000_000),
                            _(
                                "export a smaller copy of it (2000 pixels wide is plenty for "
                                "the web)"
                            ),
                        )
                    )
                source_mode = im.mode
                icc = im.info.get("icc_profile")
                if im.format in ("JPEG", "MPO"):
                    im.draft("RGB", (side, side))  # decode at 1/2, 1/4, 1/8 when enough
                im.load()
                out = ImageOps.exif_transpose(im) or im
                out = _rgb(out)
                out.thumbnail((side, side), Image.Resampling.LANCZOS)
                options: dict[str, object] = {
                    "quality": QUALITY,
                    "optimize": True,
                    "progressive": False,
                }
                if icc and source_mode in ("RGB", "RGBA", "P"):
                    options["icc_profile"] = icc
                dest.parent.mkdir(parents=True, exist_ok=True)
                out.save(dest, "JPEG", **options)
                return out.size
    except UserError:
        raise
    except Exception:
        raise UserError(
            photo.problem(
                _("photo '{file}' cannot be decoded: the file is damaged or cut short").format(
                    file=rel
                ),
                _("export it again as JPEG"),
            )
        ) from None


def _rgb(im: object) -> object:
    """An RGB image: transparency laid on white, greys and palettes in colour."""
    from PIL import Image

    assert isinstance(im, Image.Image)
    if im.mode == "RGB":
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    if im.mode.startswith("I;16") or im.mode == "I":
        im = im.point(lambda v: v / 256).convert("L")
    return im.convert("RGB")
