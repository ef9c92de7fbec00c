"""Preloaded by the forkserver that draft workers are forked from (never imported by a build itself): importing
it readies the server once — matplotlib with the CJK font registered, docxtpl, the renderer — so every worker
forked from it starts ready."""
import docxtpl  # noqa: F401

from dossier.drafts import charts, render  # noqa: F401

charts._plt()
