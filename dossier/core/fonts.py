"""CJK fonts for the PDFs dossier draws itself (covers, indexes, page numbers, typeset text).

reportlab embeds TrueType-outline fonts only; Debian's Noto CJK fonts are CFF, so the setup installs
AR PL UMing (a 宋体-like serif) and WenQuanYi Zen Hei (a 黑体-like sans), both TrueType collections.
Fonts are registered once per process and subset-embedded in every PDF that uses them.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from dossier.core.errors import DossierError, Problem

SERIF = "DossierSong"     # body text: 宋体-like
SANS = "DossierHei"       # headings: 黑体-like

_CANDIDATES = {
    SERIF: [("/usr/share/fonts/truetype/arphic/uming.ttc", 0), ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0)],
    SANS: [("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0), ("/usr/share/fonts/truetype/arphic/uming.ttc", 0)],
}

# Font files matplotlib may use for chart labels (it reads CFF/OTF collections too).
MATPLOTLIB_FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]


@lru_cache(maxsize=None)
def register() -> tuple[str, str]:
    """Register the serif and sans CJK fonts with reportlab; returns their names (SERIF, SANS)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, candidates in _CANDIDATES.items():
        for path, index in candidates:
            if Path(path).is_file():
                pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
                break
        else:
            raise DossierError(Problem(
                "找不到可嵌入 PDF 的中文字体",
                hint="请运行 make setup（或 apt-get install fonts-arphic-uming fonts-wqy-zenhei）"))
    return SERIF, SANS


def matplotlib_font() -> str | None:
    for path in MATPLOTLIB_FONTS:
        if Path(path).is_file():
            return path
    return None


FONTCONFIG = Path(__file__).resolve().parent / "fonts.conf"


def soffice_env(base: dict | None = None) -> dict:
    """Environment for a LibreOffice conversion: our fontconfig file maps the 公文 font names (仿宋_GB2312,
    方正小标宋简体, 黑体, 楷体_GB2312 …) to the installed Simplified Chinese faces."""
    import os
    env = dict(os.environ if base is None else base)
    if FONTCONFIG.is_file():
        env["FONTCONFIG_FILE"] = str(FONTCONFIG)
    return env
