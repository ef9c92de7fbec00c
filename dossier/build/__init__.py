"""`dossier build`: the pipeline that runs the builders (drafts, 评估表, volumes, set files) in order over one
state, the cache whose keys follow the code each stage imports, the build folder's lock and atomic swap, and
progress events for listeners.
"""
