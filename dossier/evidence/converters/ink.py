"""Whether a converted PDF shows anything: every page rendered small (poppler's pdftoppm, greyscale) and looked
at. A conversion whose every page is blank (a damaged presentation LibreOffice opens as empty slides) is a
Problem, not pages to bind."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from dossier.core import cleanup

INK = 245            # a pixel darker than this is ink
MIN_INK = 3          # pixels of ink a page needs at the small resolution


def all_blank(pdf: Path, timeout: float = 60) -> bool:
    """True when every page of `pdf` renders without ink; False when any page has some, or poppler is
    missing or fails (then nothing is claimed)."""
    from PIL import Image

    exe = shutil.which("pdftoppm")
    if exe is None:
        return False
    with tempfile.TemporaryDirectory(prefix=cleanup.prefix("ink")) as tmp:
        try:
            subprocess.run([exe, "-r", "12", "-gray", str(pdf), str(Path(tmp) / "p")], check=True, timeout=timeout,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            return False
        pages = sorted(Path(tmp).glob("p*.pgm"))
        if not pages:
            return False
        for page in pages:
            with Image.open(page) as im:
                hist = im.histogram()
            if sum(hist[:INK]) >= MIN_INK:
                return False
    return True
