"""'Scanned' pages drawn with Pillow: a millimetre canvas, handwriting, seals, and the scan finish.

Owns ``Sheet`` (an A4 or other page in millimetres with text, grids, handwriting-like text, ticks,
seals and ID photos), ``finish`` (paper tone, blur, rotation, noise and dust) and ``save_jpeg``.
It knows nothing of the example documents' texts.
"""
from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

SERIF_TTC = "/usr/share/fonts/truetype/arphic/uming.ttc"
SANS_TTC = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

_FONT_CACHE: dict = {}


def pil_font(px: int, sans: bool = False) -> ImageFont.FreeTypeFont:
    key = (px, sans)
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(SANS_TTC if sans else SERIF_TTC, size=max(6, px), index=0)
    return _FONT_CACHE[key]


INK = (22, 22, 24)
BLUE_INK = (28, 40, 105)
SEAL_RED = (214, 38, 42)


class Sheet:
    """An A4 (or other) page drawn with Pillow, in millimetres, to be 'scanned' by finish()."""

    def __init__(self, dpi: int = 110, w_mm: float = 210, h_mm: float = 297, rng: random.Random | None = None):
        self.dpi = dpi
        self.W, self.H = round(w_mm / 25.4 * dpi), round(h_mm / 25.4 * dpi)
        self.img = Image.new("RGB", (self.W, self.H), "white")
        self.d = ImageDraw.Draw(self.img)
        self.ink_layer = Image.new("RGB", (self.W, self.H), "white")   # seals, multiplied in at the end
        self.rng = rng or random.Random(0)

    def px(self, v_mm: float) -> int:
        return round(v_mm / 25.4 * self.dpi)

    def fpx(self, pt: float) -> int:
        return round(pt * self.dpi / 72)

    def text(self, x, y, s, pt=12, sans=False, fill=INK, anchor="la"):
        self.d.text((self.px(x), self.px(y)), s, font=pil_font(self.fpx(pt), sans), fill=fill, anchor=anchor)

    def ctext(self, y, s, pt=12, sans=False, fill=INK, cx=None):
        self.text(cx if cx is not None else self.W / self.dpi * 25.4 / 2, y, s, pt, sans, fill, anchor="ma")

    def wrap_text(self, x, y, w, s, pt=12, lead=1.7, indent=2, sans=False, fill=INK):
        """Simple CJK wrapping; returns the y below the paragraph."""
        f = pil_font(self.fpx(pt), sans)
        maxw = self.px(w)
        line, lines = "　" * indent, []
        for ch in s:
            if f.getlength(line + ch) > maxw and ch not in "，。、；：？！”’》）":   # punctuation hangs
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
        for ln in lines:
            self.d.text((self.px(x), self.px(y)), ln, font=f, fill=fill)
            y += pt * lead * 25.4 / 72
        return y

    def line(self, x1, y1, x2, y2, w=1.6, fill=INK):
        self.d.line([(self.px(x1), self.px(y1)), (self.px(x2), self.px(y2))], fill=fill, width=max(1, round(w)))

    def rect(self, x1, y1, x2, y2, w=1.6, fill=None, outline=INK):
        self.d.rectangle([self.px(x1), self.px(y1), self.px(x2), self.px(y2)], fill=fill, outline=outline,
                         width=max(1, round(w)))

    def grid(self, x0, y0, widths, heights, w=1.4):
        xs = [x0]
        for cw in widths:
            xs.append(xs[-1] + cw)
        ys = [y0]
        for rh in heights:
            ys.append(ys[-1] + rh)
        for x in xs:
            self.line(x, ys[0], x, ys[-1], w)
        for y in ys:
            self.line(xs[0], y, xs[-1], y, w)
        return xs, ys

    def cell_text(self, xs, ys, i, j, s, pt=10, sans=False, fill=INK):
        cx = (xs[j] + xs[j + 1]) / 2
        cy = (ys[i] + ys[i + 1]) / 2
        self.d.text((self.px(cx), self.px(cy)), s, font=pil_font(self.fpx(pt), sans), fill=fill, anchor="mm")

    def hand(self, x, y, s, pt=12, ink=BLUE_INK, anchor_center=False):
        """Handwriting-like text: each character jittered in place, size and angle."""
        r = self.rng
        size = self.fpx(pt)
        f = pil_font(size, True)
        total = sum(f.getlength(ch) * 0.98 for ch in s)
        cx = self.px(x) - (total / 2 if anchor_center else 0)
        cy = self.px(y)
        for ch in s:
            cs = max(6, int(size * r.uniform(0.9, 1.12)))
            tile = Image.new("L", (cs * 2, cs * 2), 0)
            ImageDraw.Draw(tile).text((cs // 2, cs // 2), ch, font=pil_font(cs, True), fill=255)
            tile = tile.rotate(r.uniform(-7, 7), resample=Image.BICUBIC)
            self.img.paste(Image.new("RGB", tile.size, ink),
                           (int(cx - cs // 2), int(cy - cs // 2 + r.uniform(-1.5, 1.5) * self.dpi / 100)), tile)
            cx += f.getlength(ch) * r.uniform(0.9, 1.02)

    def tick(self, x, y, size=4.0, ink=BLUE_INK):
        r = self.rng
        pts = [(x, y + size * 0.5), (x + size * 0.35, y + size), (x + size, y - size * 0.2 + r.uniform(-0.4, 0.4))]
        self.d.line([(self.px(a), self.px(b)) for a, b in pts], fill=ink, width=max(2, self.px(0.5)))

    def seal(self, cx, cy, r_mm, text, bottom: str | None = None, star=True, color=SEAL_RED):
        """A red round seal drawn on the multiply layer (ink shows through)."""
        layer, d = self.ink_layer, ImageDraw.Draw(self.ink_layer)
        R, X, Y = self.px(r_mm), self.px(cx), self.px(cy)
        d.ellipse([X - R, Y - R, X + R, Y + R], outline=color, width=max(2, round(R * 0.06)))
        if star:
            pts = []
            for i in range(10):
                a = math.radians(-90 + i * 36)
                rr = R * 0.3 if i % 2 == 0 else R * 0.3 * 0.382
                pts.append((X + rr * math.cos(a), Y + rr * math.sin(a)))
            d.polygon(pts, fill=color)
        n = len(text)
        span = min(250.0, 21.0 * n + 20)
        fs = max(8, round(R * 0.3 * 12 / max(n, 12) + R * 0.05))
        for i, ch in enumerate(text):
            ang = 90 + span / 2 - span * (i + 0.5) / n      # degrees, counter-clockwise from east
            a = math.radians(ang)
            tile = Image.new("L", (fs * 2, fs * 2), 0)
            ImageDraw.Draw(tile).text((fs, fs), ch, font=pil_font(fs, True), fill=255, anchor="mm")
            tile = tile.rotate(ang - 90, resample=Image.BICUBIC)
            px_, py_ = X + R * 0.74 * math.cos(a), Y - R * 0.74 * math.sin(a)
            layer.paste(Image.new("RGB", tile.size, color), (round(px_ - fs), round(py_ - fs)), tile)
        if bottom:
            d.text((X, Y + R * 0.55), bottom, font=pil_font(max(8, round(R * 0.2)), True), fill=color, anchor="mm")

    def photo_box(self, x1, y1, x2, y2):
        """A pasted ID photo: grey head-and-shoulders silhouette."""
        self.rect(x1, y1, x2, y2, 1, fill=(120, 150, 200), outline=(80, 80, 80))
        cx, w, h = (x1 + x2) / 2, x2 - x1, y2 - y1
        self.d.ellipse([self.px(cx - w * 0.2), self.px(y1 + h * 0.15), self.px(cx + w * 0.2),
                        self.px(y1 + h * 0.55)], fill=(70, 62, 58))
        self.d.ellipse([self.px(cx - w * 0.42), self.px(y1 + h * 0.6), self.px(cx + w * 0.42),
                        self.px(y2 + h * 0.3)], fill=(40, 44, 60))
        self.rect(x1, y1, x2, y2, 1, outline=(80, 80, 80))


def finish(sheet: Sheet, rng: random.Random, *, angle: float, gray: bool = False, copy: bool = False,
           paper=(244, 242, 236)) -> Image.Image:
    """Turn a clean page into a scan: paper tone and texture, slight blur, rotation, noise, specks."""
    img = ImageChops.multiply(sheet.img, sheet.ink_layer)
    W, H = img.size
    sw, sh = W // 28 + 2, H // 28 + 2
    tex = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh)).point(lambda v: 236 + v * 16 // 255)
    tex = tex.resize((W, H), Image.BILINEAR)
    tint = Image.merge("RGB", [tex.point(lambda v, d=d: max(0, min(255, v + d)))
                               for d in (paper[0] - 244, paper[1] - 242, paper[2] - 236)])
    if copy:   # photocopies: greyer, a dark band at one edge
        band = Image.new("L", (W, H), 255)
        bd = ImageDraw.Draw(band)
        for k in range(40):
            bd.line([(0, k), (W, k)], fill=150 + k * 2)
        tint = ImageChops.multiply(tint, Image.merge("RGB", [band] * 3))
    img = ImageChops.multiply(img, tint)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(206, 206, 202))
    noise = Image.frombytes("L", (W, H), rng.randbytes(W * H)).point(lambda v: 128 + (v - 128) // 48)
    img = ImageChops.add(img, Image.merge("RGB", [noise] * 3), 1.0, -128)
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(6, 14)):     # dust
        x, y, s = rng.randrange(W), rng.randrange(H), rng.choice((1, 1, 2, 2, 3))
        g = rng.randint(60, 150)
        d.ellipse([x, y, x + s, y + s], fill=(g, g, g))
    return img.convert("L") if gray else img


def save_jpeg(path: Path, img: Image.Image, dpi: int, quality: int = 70) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)

