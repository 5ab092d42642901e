"""A chart Drawing as a PNG picture, drawn with Pillow, for the Word report.

reportlab's own bitmap renderer needs Cairo (rlPyCairo), which has no wheels for Linux; our
charts use six plain shapes, which Pillow draws well. Drawn at twice the size and reduced, so
lines and text are smooth.
"""
from __future__ import annotations

from functools import cache
from io import BytesIO
from math import hypot

from reportlab.graphics.shapes import (
    Circle,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)

from isodesk.report import fonts
from isodesk.support.paths import bundled

DPI = 200
OVERSAMPLE = 2
ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


@cache
def _font(name: str, pixels: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(bundled("resources") / "fonts" / f"{name}.ttf"), pixels)


def _rgb(colour) -> tuple[int, int, int] | None:
    if colour is None:
        return None
    return (round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255))


def drawing_png(drawing, dpi: int = DPI) -> bytes:
    """``drawing`` as PNG bytes at ``dpi`` (white background)."""
    from PIL import Image, ImageDraw

    fonts.register()
    scale = dpi / 72 * OVERSAMPLE
    width, height = round(drawing.width * scale), round(drawing.height * scale)
    image = Image.new("RGB", (width, height), (255, 255, 255))
    pen = ImageDraw.Draw(image)

    def point(x: float, y: float) -> tuple[float, float]:
        return x * scale, height - y * scale

    def stroke_width(shape) -> int:
        return max(1, round((getattr(shape, "strokeWidth", 1) or 1) * scale))

    def draw(shape) -> None:
        if isinstance(shape, Group):
            for child in shape.contents:
                draw(child)
        elif isinstance(shape, Rect):
            (x1, y1), (x2, y2) = point(shape.x, shape.y + shape.height), \
                point(shape.x + shape.width, shape.y)
            pen.rectangle((x1, y1, x2, y2), fill=_rgb(shape.fillColor),
                          outline=_rgb(shape.strokeColor),
                          width=stroke_width(shape) if shape.strokeColor is not None else 0)
        elif isinstance(shape, Line):
            _line(pen, [point(shape.x1, shape.y1), point(shape.x2, shape.y2)],
                  _rgb(shape.strokeColor), stroke_width(shape), shape.strokeDashArray, scale)
        elif isinstance(shape, Polygon):
            points = [point(x, y) for x, y in zip(shape.points[::2], shape.points[1::2])]
            if shape.fillColor is not None:
                pen.polygon(points, fill=_rgb(shape.fillColor))
            if shape.strokeColor is not None:
                pen.line(points + points[:1], fill=_rgb(shape.strokeColor),
                         width=stroke_width(shape), joint="curve")
        elif isinstance(shape, PolyLine):
            points = [point(x, y) for x, y in zip(shape.points[::2], shape.points[1::2])]
            pen.line(points, fill=_rgb(shape.strokeColor), width=stroke_width(shape),
                     joint="curve")
        elif isinstance(shape, Circle):
            x, y = point(shape.cx, shape.cy)
            r = shape.r * scale
            pen.ellipse((x - r, y - r, x + r, y + r), fill=_rgb(shape.fillColor),
                        outline=_rgb(shape.strokeColor),
                        width=stroke_width(shape) if shape.strokeColor is not None else 0)
        elif isinstance(shape, String):
            pen.text(point(shape.x, shape.y), shape.text, fill=_rgb(shape.fillColor),
                     font=_font(shape.fontName, max(1, round(shape.fontSize * scale))),
                     anchor=ANCHORS.get(shape.textAnchor, "ls"))
        else:
            raise TypeError(f"no bitmap rendering for {type(shape).__name__}")

    for shape in drawing.contents:
        draw(shape)
    image = image.resize((width // OVERSAMPLE, height // OVERSAMPLE), Image.Resampling.LANCZOS)
    out = BytesIO()
    image.save(out, "PNG", optimize=True, dpi=(dpi, dpi))
    return out.getvalue()


def _line(pen, points, colour, width: int, dashes, scale: float) -> None:
    if not dashes:
        pen.line(points, fill=colour, width=width)
        return
    (x1, y1), (x2, y2) = points
    length = hypot(x2 - x1, y2 - y1)
    on, off = (d * scale for d in dashes[:2])
    position = 0.0
    while position < length:
        end = min(position + on, length)
        pen.line([(x1 + (x2 - x1) * position / length, y1 + (y2 - y1) * position / length),
                  (x1 + (x2 - x1) * end / length, y1 + (y2 - y1) * end / length)],
                 fill=colour, width=width)
        position = end + off
