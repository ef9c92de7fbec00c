"""The offline site of a build (BUILD_DIR/网页/): static HTML pages that an inspector opens from a USB stick with
no server and no network (file://). `pages` gathers what the pages show from the build's state (the evaluation,
the bound volumes, the drafts, the set files, the checksums of the other outputs); `render` writes them with the
package's Jinja2 templates and assets; `svg` draws the bar charts inline. Same inputs, same bytes.
"""
from dossier.publish.site.render import SITE_DIR, write_site

__all__ = ["SITE_DIR", "write_site"]
