"""Generator of the example projects' evidence files (run ``scripts/make_example_evidence.py``).

Layout: ``data/*.yaml`` hold the documents' texts (one file per indicator group, plus shared data,
scans and drawings); ``common`` (paths, helpers, school data), ``people``, ``pdf``, ``office``,
``scan`` and ``docs`` are the engine; ``drawings`` and ``scans`` draw pictures; ``a1``,
``a2_conditions``, ``a2_teachers_enrolment``, ``a3``, ``a4`` and ``school`` generate the leaf
folders; ``generate`` runs it all.
"""
