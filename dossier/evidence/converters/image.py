"""Scans and photos (JPG, PNG, TIFF, multi-page TIFF): one A4 page per image (landscape for landscape images),
fitted inside margins. JPEG data is embedded as it is (img2pdf), never re-encoded; images img2pdf refuses
(alpha channels, odd colour spaces) are re-encoded losslessly; 16-bit and 32-bit greyscale (scanners' TIFFs)
is stretched to 8 bits over its own value range, never clipped to white or black. A single-frame JPEG whose
structure is whole from SOI to EOI (`jpeg_whole`) is placed as it is; every other image is decoded in full first, so
a truncated or damaged image is a Problem, not half a page of grey; a converted frame that comes out blank from a
source that is not is a Problem too. Images too large to place are a Problem. What libtiff and Pillow say on the
way is captured (`dossier.core.quiet`), never shown."""
from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from dossier.core.quiet import quiet
from dossier.evidence.converters.base import (MM, A4, ConversionError, Converted, FileConverter, atomic_write,
                                              finalize, register)
from dossier.evidence.model import EvidenceDoc

MAX_PIXELS = 100_000_000              # an image above this cannot be placed sensibly
MAX_SIDE = 30_000                     # pixels on either side
MAX_ASPECT = 50                       # long side / short side
_TOO_LARGE_HINT = "请缩小到 1 亿像素以内（A4 扫描用 300dpi 即可，约 2480×3508 像素）"


@register
class ImageConverter(FileConverter):
    name = "image"
    version = 5                       # 5: 16-bit greyscale stretched, truncated images refused
    parallel = True
    extensions = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff"})

    def convert(self, doc: EvidenceDoc, dst: Path) -> Converted:
        from PIL import Image

        with quiet(), warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)   # our own, clearer limit applies
            return self._checked(doc, dst)

    def _checked(self, doc: EvidenceDoc, dst: Path) -> Converted:
        import img2pdf
        from PIL import Image

        try:
            with Image.open(doc.path) as im:      # reads the header only
                frames = getattr(im, "n_frames", 1)
                sizes = []
                for i in range(frames):
                    if i:
                        im.seek(i)
                    sizes.append(im.size)
        except Image.DecompressionBombError as e:
            m = re.search(r"\((\d+) pixels\)", str(e))
            size = f"（约 {int(m.group(1)) / 1e6:.0f} 百万像素）" if m else ""
            raise ConversionError(f"图片过大{size}，无法排入 A4 页面", _TOO_LARGE_HINT)
        except Exception:  # noqa: BLE001
            raise ConversionError("图片无法读取，可能已损坏或格式与扩展名不符", "请用看图软件打开确认，必要时重新扫描或另存为 JPG")
        for w, h in sizes:
            if w <= 0 or h <= 0:
                raise ConversionError("图片尺寸无效", "请重新扫描或另存为 JPG")
            if w * h > MAX_PIXELS or max(w, h) > MAX_SIDE:
                raise ConversionError(f"图片过大（{w}×{h} 像素，约 {w * h / 1e6:.0f} 百万像素），无法排入 A4 页面",
                                      _TOO_LARGE_HINT)
            if max(w, h) / min(w, h) > MAX_ASPECT:
                raise ConversionError(f"图片长宽比异常（{w}×{h} 像素），无法排入 A4 页面", "请裁切或分段后再放入")
        layout = img2pdf.get_layout_fun(pagesize=A4, border=(18 * MM, 15 * MM), fit=img2pdf.FitMode.into,
                                        auto_orient=True)
        raw = doc.path.read_bytes() if len(sizes) == 1 else b""
        if raw and jpeg_whole(raw):                # most scans: no decoding, no second save
            data = img2pdf.convert(raw, layout_fun=layout, nodate=True, creator="dossier", producer="dossier")
            fixed = fixed_id(data, doc.sha256)
            if fixed is not None:                # else (an unexpected layout) the general path below
                atomic_write(dst, fixed)
                return Converted(dst, 1)
        deep = _decode_all(doc.path)
        try:
            if deep:
                raise ValueError("16-bit")       # img2pdf would embed it as it is: viewers show it white
            data = img2pdf.convert(str(doc.path), layout_fun=layout, nodate=True, creator="dossier",
                                   producer="dossier")
        except Exception:  # noqa: BLE001 - alpha channels, odd colour spaces, 16-bit: re-encode losslessly
            try:
                data = img2pdf.convert(*_flatten_frames(doc.path), layout_fun=layout, nodate=True,
                                       creator="dossier", producer="dossier")
            except Exception:  # noqa: BLE001
                raise ConversionError("图片无法转换为 PDF（颜色模式或编码不受支持）", "请另存为 JPG 或 PNG 后放入")
            except BlankFrame:
                raise ConversionError("图片转换后成了空白页（原图并非空白），未装入",
                                      "请用看图软件另存为 8 位的 JPG 或 PNG（或重新扫描为 8 位灰度）后放入")
        pages = finalize(data, dst)
        return Converted(dst, pages)


_ID = re.compile(rb"/ID \[ ?<([0-9a-f]{32})> ?<([0-9a-f]{32})> ?\]")


def fixed_id(data: bytes, seed: str) -> bytes | None:
    """img2pdf's PDF (written by qpdf through pikepdf) with its file identifier made from `seed` (the source's
    SHA-256): img2pdf asks qpdf for a deterministic ID only for pikepdf versions that compare above "6.2.0" as
    text, so 10.x gets a random one. The ID is replaced where it stands (the first page's trailer and the last),
    by one of the same length, so every offset stays valid; None when the file does not hold it as expected."""
    n = len(data)
    windows = [(0, n)] if n < 16384 else [(0, 8192), (n - 4096, n)]     # where qpdf writes its trailers
    spots = []
    for lo, hi in windows:
        at = data.find(b"/ID [", lo, hi)
        while at >= 0:
            m = _ID.match(data, at)
            if m is None:
                return None
            spots.append(m)
            at = data.find(b"/ID [", m.end(), hi)
    if not spots or len({m.group(0) for m in spots}) != 1 or len(seed) < 32:
        return None
    new = spots[0].group(0).replace(spots[0].group(1), seed[:32].encode()).replace(spots[0].group(2),
                                                                                 seed[:32].encode())
    pieces, last = [], 0
    for m in spots:
        pieces += [data[last:m.start()], new]
        last = m.end()
    return b"".join(pieces + [data[last:]])


def jpeg_whole(data: bytes) -> bool:
    """Whether `data` is a whole 8-bit baseline or progressive JPEG: every marker segment well formed (Huffman
    and quantisation tables, frame and scan headers of consistent lengths and counts) from SOI to EOI, with the
    entropy-coded data of every scan in between. A file cut short (a partial copy or upload) has no EOI. What this
    passes, libjpeg decodes without a fatal error (damaged entropy data is only a warning to it as well), so the
    image need not be decoded here; anything else is decoded in full (`_decode_all`), which names the damage.
    Scanned pages are read at several hundred MB/s this way, against tens decoded."""
    if not data.startswith(b"\xff\xd8"):
        return False
    pos, n, frame = 2, len(data), False
    while pos + 2 <= n:
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xFF:                      # fill bytes before a marker
            pos += 1
            continue
        if marker == 0xD9:                      # EOI
            return frame
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        if pos + 4 > n:
            return False
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        body = data[pos + 4:pos + 2 + length]
        if length < 2 or len(body) != length - 2 or not _segment_ok(marker, body):
            return False
        if marker in (0xC0, 0xC1, 0xC2):
            frame = True
        pos += 2 + length
        if marker == 0xDA:                      # SOS: entropy-coded data up to the next marker
            if not frame:
                return False
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= n:
                    return False
                nxt = data[pos + 1]
                if nxt == 0x00 or 0xD0 <= nxt <= 0xD7:
                    pos += 2
                elif nxt == 0xFF:
                    pos += 1
                else:
                    break
    return False


def _segment_ok(marker: int, body: bytes) -> bool:
    if 0xC3 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):   # lossless, hierarchical, arithmetic
        return False
    if marker in (0xC0, 0xC1, 0xC2):            # SOF: 8-bit precision, 1–4 components, sizes present
        if len(body) < 6 or body[0] != 8:
            return False
        comps = body[5]
        return 1 <= comps <= 4 and len(body) == 6 + 3 * comps and int.from_bytes(body[3:5], "big") > 0
    if marker == 0xC4:                          # DHT: each table's counts add up to its symbols (≤ 256)
        i = 0
        while i < len(body):
            if i + 17 > len(body) or (body[i] & 0x0F) > 3 or (body[i] >> 4) > 1:
                return False
            total = sum(body[i + 1:i + 17])
            if total > 256 or i + 17 + total > len(body):
                return False
            i += 17 + total
        return True
    if marker == 0xDB:                          # DQT: 64 entries of 1 or 2 bytes per table
        i = 0
        while i < len(body):
            size = 64 * (2 if body[i] >> 4 else 1)
            if (body[i] & 0x0F) > 3 or i + 1 + size > len(body):
                return False
            i += 1 + size
        return True
    if marker == 0xDA:                          # SOS: its component count matches its length
        return len(body) >= 1 and 1 <= body[0] <= 4 and len(body) == 4 + 2 * body[0]
    return True


DEEP_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I", "F")


class BlankFrame(Exception):
    """A frame with ink that came out of the 8-bit conversion as one flat colour."""


def _decode_all(path: Path) -> bool:
    """Decode every frame in full (a truncated or damaged file raises here, not later as grey); whether any
    frame is deeper than 8 bits."""
    from PIL import Image

    deep = False
    try:
        with Image.open(path) as im:
            for i in range(getattr(im, "n_frames", 1)):
                im.seek(i)
                im.load()
                deep = deep or im.mode in DEEP_MODES
    except (OSError, SyntaxError, ValueError, EOFError) as e:
        if "truncated" in str(e) or isinstance(e, EOFError):
            raise ConversionError("图片文件不完整（已截断，可能只复制或上传了一部分），未装入",
                                  "请从原始来源重新复制，或重新扫描")
        raise ConversionError("图片已损坏，无法完整读取，未装入", "请用看图软件打开确认，必要时重新扫描或另存为 JPG")
    return deep


def _to_8bit(frame):
    """A 16/32-bit greyscale frame as 8-bit L, its own darkest value black and brightest white (a scanner's
    12-bit data in 16 bits, or a narrow range, would otherwise come out black or white)."""
    from PIL import Image
    import numpy as np

    a = np.asarray(frame, dtype=np.float64)
    lo, hi = float(a.min()), float(a.max())
    if hi <= lo:
        return Image.new("L", frame.size, 255 if hi > 0 else 0)
    out = Image.fromarray(((a - lo) * 255.0 / (hi - lo)).round().astype(np.uint8), mode="L")
    if np.asarray(out).std() < 0.5:
        raise BlankFrame()
    return out


def _flatten_frames(path: Path) -> list[bytes]:
    """Every frame as a lossless 8-bit PNG (alpha flattened onto white), for images img2pdf refuses."""
    from PIL import Image, ImageOps

    out = []
    with Image.open(path) as im:
        for i in range(getattr(im, "n_frames", 1)):
            im.seek(i)
            frame = ImageOps.exif_transpose(im.copy()) if i == 0 else im.copy()
            if frame.mode in DEEP_MODES:
                frame = _to_8bit(frame)
            if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
                rgba = frame.convert("RGBA")
                bg = Image.new("RGB", rgba.size, "white")
                bg.paste(rgba, mask=rgba.getchannel("A"))
                frame = bg
            elif frame.mode not in ("RGB", "L", "1"):
                frame = frame.convert("RGB")
            buf = io.BytesIO()
            frame.save(buf, format="PNG")
            out.append(buf.getvalue())
    return out
