"""dossier: materials for the compulsory-education balanced-development inspection, from structured facts.

The package is one sub-package per stage, in the order data flows: core, config, load, compute, drafts,
evidence, publish; build runs them; api exposes them as functions; cli is the command line over api.
"""
__version__ = "0.1.0"
