"""A heavy block font for the clock and the figures the room reads from the back: each glyph a
3x5 grid of solid pixels, drawn with full and half blocks so it stays bold on any terminal font
(Textual's `Digits` are thin box-drawing lines)."""

from __future__ import annotations

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    " ": ("..", "..", "..", "..", ".."),
    ".": (".", ".", ".", ".", "#"),
    "%": ("#.#", "..#", ".#.", "#..", "#.#"),
}
"""Pixel rows of each glyph, top first: '#' lit."""
PIXEL_ROWS = 5


def pixels(text: str) -> list[str]:
    """The text's pixel rows, one blank pixel column between glyphs; unknown characters are
    left out."""
    glyphs = [GLYPHS[c] for c in text if c in GLYPHS]
    return [".".join(g[row] for g in glyphs) for row in range(PIXEL_ROWS)]


def render_blocks(text: str, scale: int = 1) -> list[str]:
    """The text in blocks. Scale 1: 3 lines, pixels as half blocks; scale n > 1: 5·n/2
    lines rounded up, each pixel n columns wide and n/2 lines high."""
    rows = pixels(text)
    if not rows:
        return []
    wide = [r.replace("#", "#" * scale).replace(".", "." * scale) for r in rows]
    tall: list[str] = []
    for row in wide:
        tall.extend([row] * max(1, scale))  # n pixel rows, drawn two per line below
    if len(tall) % 2:
        tall.append("." * len(tall[0]))
    return [_halves(tall[i], tall[i + 1]) for i in range(0, len(tall), 2)]


def _halves(top: str, bottom: str) -> str:
    """Two pixel rows as one line of half blocks."""
    out = []
    for up, down in zip(top, bottom, strict=True):
        if up == "#" and down == "#":
            out.append("█")
        elif up == "#":
            out.append("▀")
        elif down == "#":
            out.append("▄")
        else:
            out.append(" ")
    return "".join(out)


def fitting_scale(text: str, width: int, height: int, largest: int = 8, step: int = 1) -> int:
    """The largest scale at which `text` fits `width` columns and `height` lines (at least 1);
    `step` 2 tries even scales only, whose pixels are whole lines (no ragged half blocks)."""
    for scale in range(largest, 1, -step):
        lines = render_blocks(text, scale)
        if len(lines) <= height and len(lines[0]) <= width:
            return scale
    return 1
