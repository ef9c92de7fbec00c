"""PDF/A-2b for the bound volumes: what makes a volume one, and a check of the rules a volume can break.

`make_pdfa` adds to a volume (a pikepdf.Pdf about to be saved) what ISO 19005-2 level B asks beyond what binding
already gives (embedded fonts, no encryption, an ID): the sRGB output intent (the ICC profile OCRmyPDF ships,
`ocrmypdf/data/sRGB.icc`, so no download is needed), XMP metadata matching the document information dictionary
(题名 as dc:title, 责任者 as dc:creator, 档号 as dc:identifier, the build's own date as the creation and
modification dates, so the bytes stay the same), every annotation printable, and no actions PDF/A forbids.

`check` is a structural checker of the PDF/A-2b rules a volume can break through its sources or its binding
(header, ID, encryption, output intent and its profile, XMP identification and its agreement with the document
information, font embedding, annotation flags, forbidden actions and filters, image interpolation). veraPDF, the
reference validator, is a Java program that no package registry this project installs from carries; `check`
covers the clauses that concern how dossier writes volumes, and `make_pdfa` claims PDF/A only when it passes.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from importlib import resources

PART, CONFORMANCE = "2", "B"
SRGB = "sRGB IEC61966-2.1"
_FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide",
                      "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@lru_cache(maxsize=None)
def srgb_profile() -> bytes:
    """The sRGB ICC profile shipped with OCRmyPDF (a dependency), read from its package folder without importing
    the package (a third of a second in every process that binds)."""
    import importlib.util
    spec = importlib.util.find_spec("ocrmypdf")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder) / "data" / "sRGB.icc"
        if path.is_file():
            return path.read_bytes()
    return resources.files("ocrmypdf").joinpath("data", "sRGB.icc").read_bytes()


def _xmp_date(t: dt.datetime) -> str:
    return t.replace(microsecond=0).isoformat()


def make_pdfa(pdf, *, title: str, author: str, subject: str, identifier: str, keywords: str,
              when: dt.datetime) -> bool:
    """Make `pdf` a PDF/A-2b file (before it is saved); False (and no PDF/A claim) when a source breaks a rule
    dossier cannot mend (e.g. a font that is not embedded)."""
    import pikepdf

    _printable_annotations(pdf)
    _strip_actions(pdf)
    icc = pdf.make_stream(srgb_profile())
    icc.N = 3
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1, OutputConditionIdentifier=pikepdf.String(SRGB),
        Info=pikepdf.String(SRGB), RegistryName=pikepdf.String("http://www.color.org"), DestOutputProfile=icc))])
    stamp = "D:" + when.strftime("%Y%m%d%H%M%S")
    pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(title), Author=pikepdf.String(author), Subject=pikepdf.String(subject),
        Keywords=pikepdf.String(keywords), Creator=pikepdf.String("dossier"), Producer=pikepdf.String("dossier"),
        CreationDate=pikepdf.String(stamp), ModDate=pikepdf.String(stamp)))
    if "/Metadata" in pdf.Root:
        del pdf.Root["/Metadata"]
    conformant = not [p for p in check_objects(pdf, fix_interpolation=True) if not p.startswith("XMP")]
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        if author:
            meta["dc:creator"] = [author]
        meta["dc:description"] = subject
        meta["dc:identifier"] = identifier
        meta["dc:format"] = "application/pdf"
        meta["pdf:Keywords"] = keywords
        meta["pdf:Producer"] = "dossier"
        meta["xmp:CreatorTool"] = "dossier"
        meta["xmp:CreateDate"] = _xmp_date(when)
        meta["xmp:ModifyDate"] = _xmp_date(when)
        meta["xmp:MetadataDate"] = _xmp_date(when)
        if conformant:
            meta["pdfaid:part"] = PART
            meta["pdfaid:conformance"] = CONFORMANCE
    return conformant


def _annotations(pdf):
    """Each page's annotation dictionaries (damaged sources hold nulls or numbers in /Annots: skipped)."""
    import pikepdf
    for page in pdf.pages:
        annots = page.obj.get("/Annots", None)
        if not isinstance(annots, pikepdf.Array):
            continue
        for annot in annots:
            if isinstance(annot, pikepdf.Dictionary):
                yield page, annot


def _printable_annotations(pdf) -> None:
    """Every annotation printed (flag 4) and never hidden or invisible (flags 1, 2, 32)."""
    for _, annot in _annotations(pdf):
        if annot.get("/Subtype") == "/Popup":
            continue
        flags = int(annot.get("/F", 0))
        annot.F = (flags | 4) & ~(1 | 2 | 32)


def _strip_actions(pdf) -> None:
    """Remove additional actions (/AA) and forbidden actions from pages and annotations, and document JavaScript."""
    import pikepdf
    for page in pdf.pages:
        if "/AA" in page.obj:
            del page.obj["/AA"]
    for _, annot in _annotations(pdf):
        if "/AA" in annot:
            del annot["/AA"]
        action = annot.get("/A")
        if action is not None and action.get("/S") in _FORBIDDEN_ACTIONS:
            del annot["/A"]
    names = pdf.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        del names["/JavaScript"]
    if "/AA" in pdf.Root:
        del pdf.Root["/AA"]
    action = pdf.Root.get("/OpenAction")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") in _FORBIDDEN_ACTIONS:
        del pdf.Root["/OpenAction"]


# ---------------------------------------------------------------------------------------------------- check

def check(path) -> list[str]:
    """What keeps the PDF file at `path` from being PDF/A-2b (an empty list: nothing found)."""
    import pikepdf

    with open(path, "rb") as f:
        head = f.read(1024)
    problems = []
    if not head.startswith(b"%PDF-1.") or head[7:8] not in b"01234567":
        problems.append(f"header: {head[:8]!r} (PDF/A-2 is based on PDF 1.7)")
    second = head.split(b"\n", 2)[1] if b"\n" in head else b""
    if not (second.startswith(b"%") and sum(1 for c in second[1:5] if c > 127) == 4):
        problems.append("header: no binary comment on the second line")
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return problems + ["encrypted"]
    with pdf:
        if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
            problems.append("encrypted")
        ids = pdf.trailer.get("/ID")
        if ids is None or len(ids) != 2:
            problems.append("trailer: no /ID")
        problems += check_objects(pdf)
    return problems


def check_objects(pdf, fix_interpolation: bool = False) -> list[str]:
    """The checks on an open pikepdf.Pdf (also used before saving, then turning image interpolation off)."""
    fonts, streams = _scan_objects(pdf, fix_interpolation)
    return _check_intent(pdf) + _check_xmp(pdf) + fonts + _check_annotations(pdf) + streams


def _check_intent(pdf) -> list[str]:
    intents = pdf.Root.get("/OutputIntents")
    if not intents:
        return ["output intent: missing"]
    out = []
    for oi in intents:
        if oi.get("/S") != "/GTS_PDFA1":
            out.append(f"output intent: /S is {oi.get('/S')}")
        prof = oi.get("/DestOutputProfile")
        if prof is None:
            out.append("output intent: no /DestOutputProfile")
            continue
        data = prof.read_bytes()
        if len(data) < 132 or data[36:40] != b"acsp":
            out.append("output intent: the ICC profile is not valid")
        elif data[16:20] == b"RGB " and int(prof.get("/N", 0)) != 3:
            out.append("output intent: /N does not match the profile")
    return out


def _check_xmp(pdf) -> list[str]:
    if "/Metadata" not in pdf.Root:
        return ["XMP: missing"]
    stream = pdf.Root.Metadata
    out = ["XMP: the metadata stream is filtered"] if stream.get("/Filter") is not None else []
    meta = pdf.open_metadata()
    if str(meta.get("pdfaid:part", "")) != PART or str(meta.get("pdfaid:conformance", "")) != CONFORMANCE:
        out.append("XMP: no PDF/A-2b identification")
    info = pdf.trailer.get("/Info")
    pairs = {"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description", "/Keywords": "pdf:Keywords",
             "/Producer": "pdf:Producer", "/Creator": "xmp:CreatorTool"}
    for key, prop in pairs.items():
        value = str(info.get(key, "")) if info is not None else ""
        xmp = meta.get(prop, "")
        xmp = "".join(xmp) if isinstance(xmp, list) else str(xmp or "")
        if value != xmp:
            out.append(f"XMP: {prop} ({xmp!r}) does not match {key} ({value!r})")
    for key, prop in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        value = str(info.get(key, "")) if info is not None else ""
        digits = "".join(c for c in str(meta.get(prop, "")) if c.isdigit())[:14]
        if value and value[2:16] != digits:
            out.append(f"XMP: {prop} does not match {key}")
    return out


def _scan_objects(pdf, fix_interpolation: bool) -> tuple[list[str], list[str]]:
    """Every object once (a volume has tens of thousands): fonts that are not embedded, and stream problems."""
    import pikepdf
    fonts, streams = [], set()
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
            problem = _font_problem(obj)
            if problem:
                fonts.append(problem)
        if isinstance(obj, pikepdf.Stream):
            streams.update(_stream_problems(obj, fix_interpolation))
    return fonts, sorted(streams)


def _font_problem(font) -> str | None:
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return None
    descendant = font.DescendantFonts[0] if subtype == "/Type0" and "/DescendantFonts" in font else font
    desc = descendant.get("/FontDescriptor")
    if desc is None or not any(k in desc for k in _FONT_FILES):
        return f"font not embedded: {font.get('/BaseFont')}"
    return None


def _check_annotations(pdf) -> list[str]:
    out = []
    for _, annot in _annotations(pdf):
        if annot.get("/Subtype") == "/Popup":
            continue
        flags = int(annot.get("/F", 0))
        if not flags & 4 or flags & (1 | 2 | 32):
            out.append(f"annotation {annot.get('/Subtype')}: not printable or hidden (F={flags})")
        action = annot.get("/A")
        if action is not None and action.get("/S") in _FORBIDDEN_ACTIONS:
            out.append(f"annotation action {action.get('/S')} forbidden")
    names = pdf.Root.get("/Names")
    if names is not None and "/JavaScript" in names:
        out.append("document JavaScript")
    if "/AA" in pdf.Root:
        out.append("document additional actions")
    return out


def _stream_problems(obj, fix_interpolation: bool) -> set[str]:
    import pikepdf
    out = set()
    filters = obj.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    if "/LZWDecode" in names:
        out.add("LZW compression")
    if obj.get("/Subtype") == "/Image" and obj.get("/Interpolate"):
        if fix_interpolation:
            obj.Interpolate = False
        else:
            out.add("image interpolation")
    if "/F" in obj:
        out.add("stream with an external file")
    return out
