#!/usr/bin/env python3
"""Generate the fictional evidence (佐证材料) bundled with the two example projects.

Writes

* ``content/示例县/evidence/``: one folder per leaf indicator C1–C32 of youzhi-2017, named
  ``C<n> <title>``, each with 2–5 documents over 2023–2025: 公文-style PDFs with a red 版头, 文号,
  tables, signature and seal; some plain-named tables and rosters; a few .docx and .xlsx files;
  "scanned" JPEGs, one multi-page TIFF, one PNG screenshot, one Markdown and one text file; two
  folders carry a 目录 (目录.csv, 目录.xlsx), C1 uses year sub-folders;
* ``content/示例学校/evidence/``: a handful of documents of the example school for C1, C25, C28, C29.

Every unit, person and figure is fictional.  Figures come from the example projects' own data
(``学校基础数据.xlsx`` / ``.csv``, ``指标数据.yaml``, ``人员.yaml``) where those exist, so the evidence
agrees with the school table; fallbacks keep the script usable without them.

A few expected evidence items are left out on purpose so that the coverage report has something
to show (``缺失佐证`` in ``example_evidence/data/common.yaml``).

The output is deterministic (same bytes on every run): reportlab runs in invariant mode with
SOURCE_DATE_EPOCH set to each document's date, random numbers are seeded per document, Office
document properties are fixed and zip members carry a fixed timestamp.

The work is done by the package ``scripts/example_evidence/``: the documents' texts (titles, 文号,
prose, table headings and fixed tables) are in its ``data/*.yaml`` files, one per indicator group,
and the code that computes the figures and lays out the documents is in its modules.

    .venv/bin/python scripts/make_example_evidence.py
"""
from example_evidence.generate import main

if __name__ == "__main__":
    main()
