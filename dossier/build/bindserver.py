"""Preloaded by the forkserver that binding workers are forked from (never imported by a build itself):
importing it readies the server once, so workers start with the binding code loaded and the fonts registered."""
from dossier.build import bindworker  # noqa: F401
from dossier.core.fonts import register
from dossier.evidence import front, stamp

register()
front.warm_up()
stamp.warm_up()
