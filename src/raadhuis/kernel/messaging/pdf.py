"""HTML letters to PDF with WeasyPrint, and a print queue's letters as one PDF.

WeasyPrint may fetch nothing but `data:` URIs: a template that names an image on another
server (or a file on this one) cannot make the server fetch it. The stylesheet and the font
configuration are parsed once per process, which is most of the speed of a batch run.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

STYLESHEET = Path(__file__).resolve().parent / "static" / "messaging" / "brief.css"

# WeasyPrint logs every step of every document at INFO ("Step 5 - Creating layout"): a batch of
# a thousand letters would flood the log. Its warnings (a CSS rule it cannot use) stay visible.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@cache
def _stylesheet() -> CSS:
    return CSS(string=STYLESHEET.read_text(encoding="utf-8"), font_config=_font_config())


@cache
def _fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def brief_render_pdf(html: str) -> bytes:
    """The letter (brief_render_html's document) as an A4 PDF."""
    document = HTML(string=html, url_fetcher=_fetcher(), base_url=None)
    return document.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config())


def pdfs_combine(pdfs: Iterable[bytes]) -> bytes:
    """Several PDFs as one, in order (the print queue's download)."""
    from pypdf import PdfWriter  # only the print queue needs it

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    uitvoer = io.BytesIO()
    writer.write(uitvoer)
    return uitvoer.getvalue()
