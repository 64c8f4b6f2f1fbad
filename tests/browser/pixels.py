"""Screenshots compared with baselines, the way Streamlit's own e2e suite does (``assert_snapshot``):
pixelmatch's per-pixel colour distance (YIQ) with its anti-aliasing detection, and a failure past a
small share of the image's pixels.

Most shots match their baseline exactly, and most differences are a few pixels: numpy rules out the
pixels within the colour threshold first, and pixelmatch (pure Python, slow on a whole page) only
looks at the box around what is left.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image
from pixelmatch.contrib.PIL import pixelmatch

# pixelmatch's threshold: the largest colour distance (0-1, YIQ) two pixels may have and still match.
PIXEL_THRESHOLD = 0.05
# pixelmatch's YIQ distance squared, for an all-black against all-white pixel.
MAX_YIQ_DELTA = 35215.0
# Around the differing pixels, what pixelmatch also sees to tell an anti-aliased edge.
MARGIN = 2


@dataclass(frozen=True)
class Comparison:
    """How a screenshot differs from its baseline: mismatched pixels, their share, and the image that
    shows them in red over a faded baseline (``None`` when nothing differs beyond the threshold)."""

    mismatched: int
    share: float
    diff: Image.Image | None
    size_changed: str = ""


def _yiq_delta(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """pixelmatch's colour distance, squared, of each pixel (RGB on white, as pixelmatch blends alpha)."""
    a, b = a[..., :3].astype(np.float64), b[..., :3].astype(np.float64)

    def yiq(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r, g, bl = rgb[..., 0], rgb[..., 1], rgb[..., 2]
        return (
            r * 0.29889531 + g * 0.58662247 + bl * 0.11448223,
            r * 0.59597799 - g * 0.27417610 - bl * 0.32180189,
            r * 0.21147017 - g * 0.52261711 + bl * 0.31114694,
        )

    (y1, i1, q1), (y2, i2, q2) = yiq(a), yiq(b)
    return 0.5053 * (y1 - y2) ** 2 + 0.299 * (i1 - i2) ** 2 + 0.1957 * (q1 - q2) ** 2


def compare(baseline: Image.Image, shot: Image.Image) -> Comparison:
    """``shot`` against ``baseline``, pixel by pixel."""
    if baseline.size != shot.size:
        return Comparison(0, 1.0, None, f"size {shot.size} against the baseline's {baseline.size}")
    a = np.asarray(baseline.convert("RGBA"))
    b = np.asarray(shot.convert("RGBA"))
    total = a.shape[0] * a.shape[1]
    far = _yiq_delta(a, b) > MAX_YIQ_DELTA * PIXEL_THRESHOLD**2
    if not far.any():
        return Comparison(0, 0.0, None)
    rows, cols = np.nonzero(far)
    top, left = max(int(rows.min()) - MARGIN, 0), max(int(cols.min()) - MARGIN, 0)
    bottom, right = min(int(rows.max()) + MARGIN + 1, a.shape[0]), min(int(cols.max()) + MARGIN + 1, a.shape[1])
    box = (left, top, right, bottom)
    crop_a, crop_b = baseline.convert("RGBA").crop(box), shot.convert("RGBA").crop(box)
    marked = Image.new("RGBA", crop_a.size)
    mismatched = pixelmatch(crop_a, crop_b, marked, threshold=PIXEL_THRESHOLD)
    if not mismatched:
        return Comparison(0, 0.0, None)
    diff = Image.blend(baseline.convert("RGBA"), Image.new("RGBA", baseline.size, "white"), 0.8)
    diff.paste(marked, box[:2])
    return Comparison(mismatched, mismatched / total, diff)


def load_image(data: bytes) -> Image.Image:
    """An encoded image (a screenshot, a baseline) as RGBA pixels."""
    return Image.open(io.BytesIO(data)).convert("RGBA")


def save_image(image: Image.Image, path: Path) -> None:
    """Write ``image`` losslessly, as PNG or WebP by ``path``'s suffix (the committed baselines are
    WebP: the same pixels in a third of a PNG's bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".webp":
        image.save(path, "WEBP", lossless=True, quality=100, method=6)
    else:
        image.save(path, optimize=True)
