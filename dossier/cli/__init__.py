"""The command line: `dossier.cli.commands` (the commands, thin over `dossier.api`) with click's own words in
Chinese (`dossier.cli.zh`). The `dossier` entry point is `main`."""
from dossier.cli import zh

zh.install()

from dossier.cli.commands import main  # noqa: E402  (after the catalog is installed)

__all__ = ["main"]
