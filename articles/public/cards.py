"""Quote cards: a 1200×630 PNG of a quote's words, speaker, date and the site's name; and
the site's own share image and logo, drawn the same way.

The image shared with a quote's permalink (Open Graph, Twitter cards). Drawn with
Pillow in the fonts of Debian's `fonts-dejavu-core` when they are installed (serif
words, sans-serif credit), else in the font Pillow carries. Pure: the caller passes
text, this returns bytes.
"""

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = "#fbfaf7"
INK = "#1a1a1a"
MUTED = "#555555"
ACCENT = "#8a1c1c"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
WORDS_FONT = "DejaVuSerif.ttf"
CREDIT_FONT = "DejaVuSans-Bold.ttf"
META_FONT = "DejaVuSans.ttf"
# The words are set as large as fits: from this size down to the smallest, then cut.
WORD_SIZES = (60, 54, 48, 43, 38, 34, 30)
WORDS_BOTTOM = HEIGHT - 190
LOGO_SIZE = 512


@dataclass(frozen=True)
class Card:
    words: str
    quoted: bool  # direct and partial quotes in quotation marks; reported speech without
    speaker: str
    title: str
    date: str
    site_name: str


@cache
def font(name, size):
    path = FONT_DIR / name
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def wrap(draw, text, face, width):
    """The text broken into lines no wider than `width` pixels (a long word is its own line)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and draw.textlength(candidate, font=face) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def one_line(draw, text, face, width, *, cut=False):
    """The text on one line of at most `width` pixels, ending in an ellipsis where it was cut
    (or where `cut` says more followed it)."""
    if not cut and draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(f"{text}…", font=face) > width:
        text = text[:-1]
    return f"{text.rstrip(' ,;:.')}…"


def fit_words(draw, text, width, height):
    """(face, lines, line height): the largest size at which the words fit the box; at the
    smallest size, the lines that fit, the last ending in an ellipsis."""
    for size in WORD_SIZES:
        face = font(WORDS_FONT, size)
        line_height = int(size * 1.3)
        lines = wrap(draw, text, face, width)
        if len(lines) * line_height <= height:
            return face, lines, line_height
    room = max(1, height // line_height)
    if len(lines) > room:
        lines = [*lines[: room - 1], one_line(draw, lines[room - 1], face, width, cut=True)]
    return face, lines, line_height


def render(card: Card) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)

    words = f"“{card.words}”" if card.quoted else card.words
    face, lines, line_height = fit_words(draw, words, WIDTH - 2 * MARGIN, WORDS_BOTTOM - MARGIN)
    y = MARGIN
    for line in lines:
        draw.text((MARGIN, y), line, font=face, fill=INK)
        y += line_height

    width = WIDTH - 2 * MARGIN
    credit = f"— {card.speaker}" if card.quoted else f"Reported: {card.speaker}"
    credit_face = font(CREDIT_FONT, 34)
    draw.text(
        (MARGIN, HEIGHT - 170),
        one_line(draw, credit, credit_face, width),
        font=credit_face,
        fill=INK,
    )
    meta = ", ".join(part for part in (card.title, card.date) if part)
    meta_face = font(META_FONT, 26)
    draw.text(
        (MARGIN, HEIGHT - 124), one_line(draw, meta, meta_face, width), font=meta_face, fill=MUTED
    )
    draw.line((MARGIN, HEIGHT - 74, WIDTH - MARGIN, HEIGHT - 74), fill="#d8d4cc", width=2)
    draw.text((MARGIN, HEIGHT - 60), card.site_name, font=font(CREDIT_FONT, 24), fill=ACCENT)

    return png(image)


def render_site_card(site_name: str, tagline: str) -> bytes:
    """The site's own share image (1200×630): its name and what it covers."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    width = WIDTH - 2 * MARGIN
    name_face = font(CREDIT_FONT, 96)
    draw.text((MARGIN, 180), one_line(draw, site_name, name_face, width), font=name_face, fill=INK)
    tagline_face = font(META_FONT, 40)
    y = 320
    for line in wrap(draw, tagline, tagline_face, width)[:3]:
        draw.text((MARGIN, y), line, font=tagline_face, fill=MUTED)
        y += 56
    return png(image)


def render_logo(site_name: str, size: int = LOGO_SIZE) -> bytes:
    """A square logo: the site's initials on the accent colour."""
    image = Image.new("RGB", (size, size), ACCENT)
    draw = ImageDraw.Draw(image)
    initials = "".join(c for c in site_name if c.isupper())[:3] or site_name[:2]
    face = font(CREDIT_FONT, size // 3)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=face)
    position = ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top)
    draw.text(position, initials, font=face, fill=BACKGROUND)
    return png(image)


def png(image):
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
