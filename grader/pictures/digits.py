"""Test images the learner's network read wrong (the capstone, ex23), each with what it read
and what it is."""

from __future__ import annotations

import html

from grader.pictures.terminal import SHADES

TITLE = "Test images (8×8 pixels) your network read wrong, with what it read"


def digits(images, predicted, true) -> dict:
    """`images`: 8×8 images as 64 values from 0 (white) to 16 (black), row by row;
    `predicted`: what the network read; `true`: the labels."""
    return {"kind": "digits", "images": [[float(v) for v in image] for image in images],
            "predicted": [int(p) for p in predicted], "true": [int(t) for t in true]}


def text(picture: dict) -> str:
    """The images side by side, two characters per pixel, in five shades."""
    images = picture["images"]
    rows = []
    for line in range(8):
        cells = []
        for image in images:
            pixels = image[line * 8:(line + 1) * 8]
            cells.append("".join(SHADES[min(4, round(p / 16 * 4))] * 2 for p in pixels))
        rows.append("    " + "   ".join(cells))
    labels = "   ".join(f"{f'read {p}, is {t}':<16}"
                        for p, t in zip(picture["predicted"], picture["true"], strict=True))
    return "\n".join([f"    {TITLE}", *rows, "    " + labels])


def svg(picture: dict, size: int = 6) -> str:
    """The images side by side, each pixel a grey square `size` wide."""
    parts = [f'<text x="0" y="12" font-size="12" font-weight="bold">{TITLE}</text>']
    top = 18
    for number, image in enumerate(picture["images"]):
        left = number * (8 * size + 16)
        for index, value in enumerate(image):
            shade = 255 - round(value / 16 * 255)
            parts.append(f'<rect x="{left + index % 8 * size}" y="{top + index // 8 * size}" '
                         f'width="{size}" height="{size}" fill="rgb({shade},{shade},{shade})"/>')
        label = f"read {picture['predicted'][number]}, is {picture['true'][number]}"
        parts.append(f'<text x="{left}" y="{top + 8 * size + 12}" font-size="10">'
                     f"{html.escape(label)}</text>")
    width = max(len(picture["images"]) * (8 * size + 16), 7 * len(TITLE))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
            f'height="{top + 8 * size + 16}" role="img" aria-label="{TITLE}" '
            f'font-family="sans-serif">{"".join(parts)}</svg>')
