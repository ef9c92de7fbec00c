"""`dossier serve`: the web application over the same content folders and the same `dossier.api` as the command
line, for the several people who prepare a dossier together. Django supplies what must not be written by hand
(password hashing, sessions, CSRF, forms, the admin, migrations); django-axes throttles logins; waitress serves it.

    settings   Django configured from the command line's arguments (SQLite by default, DATABASE_URL for PostgreSQL)
    models     memberships (role per user and project), indicator assignments, the audit log, build runs
    access     the roles and the table of which role may use which route
    projects   the served content folders, their loaded state (cached by a fingerprint of the folder)
    storage    every write into a content folder: uploads with their 目录 row, withdrawals, the school table
    worker     builds in a background thread, one at a time per project, on a snapshot of the inputs
    views_*    the pages; urls, admin, server (waitress, --create-admin)
"""
