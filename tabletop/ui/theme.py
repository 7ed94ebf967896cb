"""The `projector` theme: maximum contrast for a room reading a projected terminal.

Projectors wash out dark greys and mid-tone colours, so this theme uses pure black and white,
saturated accents and no translucent text. Hex values live here because a Textual `Theme` is
where colours are defined; the `.tcss` files use only the theme's variables.
"""

from __future__ import annotations

from pathlib import Path

from textual.theme import Theme

STYLES = Path(__file__).resolve().parent / "styles"
"""The `.tcss` files, as an absolute path: a screen's CSS_PATH and the app's read of the same
file then name the same stylesheet source, which Textual loads once."""

PROJECTOR = Theme(
    name="projector",
    primary="#FFD500",
    secondary="#00E5FF",
    accent="#FF9F1C",
    warning="#FFD500",
    error="#FF4D4D",
    success="#4CFF72",
    foreground="#FFFFFF",
    background="#000000",
    surface="#0A0A0A",
    panel="#1A1A1A",
    boost="#262626",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#BBBBBB",
        "footer-key-foreground": "#FFD500",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-background": "#FFD500",
        "block-cursor-foreground": "#000000",
        "input-selection-background": "#00E5FF 40%",
        "text-muted": "#DDDDDD",
        # Labels such as "Next inject" and "speed" are read from the back of a room: near
        # white, never the translucent grey Textual derives.
        "foreground-muted": "#E6E6E6",
        "scrollbar": "#BBBBBB",
    },
)
"""High-contrast theme selectable with `--theme projector`."""
