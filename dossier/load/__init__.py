"""The first stage: the content folder read into `Facts` (the school table, the county facts, the people and the
work plan), the inventory of its files walked once, and the skeleton `dossier init` writes.
"""
