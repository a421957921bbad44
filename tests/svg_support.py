"""Reading the SVG of charts and maps as a browser would: the font size of
each text from site.css, scaled by every viewBox above it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"
CSS = Path(__file__).resolve().parents[1] / "theme/static/css/site.css"


def css_font_px() -> dict[str, float]:
    """font-size in px of every `svg .class` rule of site.css."""
    sizes = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS.read_text()):
        m = re.search(r"font-size:\s*([\d.]+)px", body)
        if not m:
            continue
        for sel in selectors.split(","):
            for cls in re.findall(r"\.([\w-]+)", sel):
                sizes[cls] = float(m.group(1))
    return sizes


def screen_font_sizes(svg_markup: str, rendered_width: float) -> list[tuple[str, float]]:
    """(text, px on screen) of every <text> when the SVG is drawn ``rendered_width``
    px wide: its font size (attribute, else its classes' rule in site.css)
    times the scale of every viewBox above it."""
    root = ET.fromstring(str(svg_markup))
    sizes = css_font_px()
    out = []

    def walk(el, scale, viewport_px):
        if el.tag == SVG + "svg":
            width = el.get("width", "100%") if el is not root else "100%"
            own_px = viewport_px * float(width[:-1]) / 100 if width.endswith("%") else float(width) * scale
            if el.get("viewBox"):
                scale = own_px / float(el.get("viewBox").split()[2])
            viewport_px = own_px
        for child in el:
            if child.tag == SVG + "text":
                classes = (child.get("class") or "").split()
                px = child.get("font-size")
                size = float(px) if px else max((sizes[c] for c in classes if c in sizes), default=16.0)
                out.append(("".join(child.itertext()), size * scale))
            walk(child, scale, viewport_px)

    walk(root, 1.0, rendered_width)
    return out
