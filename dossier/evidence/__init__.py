"""The evidence volumes: the documents collected from evidence/ (collect, catalog, names), converted to PDF
(converters), matched against what each leaf expects (coverage), and bound into archival volumes (volume,
front, stamp).
"""
