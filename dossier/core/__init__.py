"""Helpers every stage shares and that know nothing of indicators: problems and errors, files (hashes,
reproducible zips, text decoding), Chinese numerals and formatting (zh), and the CJK fonts.
"""
