"""Every evidence document to PDF: the registry of converters by file extension (`base`), the bundled
converters (PDF, Office through LibreOffice, images, Markdown and text), and `Converter`, which runs them with
a content-hash cache (`runner`). Adding a file type is one `FileConverter` subclass decorated with `@register`.
"""
from dossier.evidence.converters import image, office, pdf, text  # noqa: F401  (register the bundled converters)
from dossier.evidence.converters.base import (ConversionError, Converted, FileConverter, converter_for, register,
                                              supported_extensions, unregister)
from dossier.evidence.converters.office import office_container_problem
from dossier.evidence.converters.runner import Converter
from dossier.evidence.converters.text import typeset

__all__ = ["ConversionError", "Converted", "Converter", "FileConverter", "converter_for", "office_container_problem",
           "register", "supported_extensions", "typeset", "unregister"]
