"""Letters in the staff UI.

For the functional administrator: the list of templates, the editor with a live preview (htmx:
typing re-renders the letter with fictitious data or with a case the administrator may see),
the version history, and the letterhead. For the medewerker: the letters of a case with their
delivery status, "Brief versturen" on a case (template, recipient, channel, preview, send), and
the print queue. Teamleiders and auditors get a 403 everywhere.

The preview is the letter's own HTML document in an `<iframe srcdoc>`: exactly what WeasyPrint
turns into the PDF, kept apart from the page's own styles and scripts. An e-mail template is
previewed as an e-mail (`email_voorbeeld_html`: from, to, subject, a body of mail width).

Where things are: `sjablonen` (library, editor, versions, export/import), `briefhoofd` (the
letterhead), `zaak` (letters on a case), `printwachtrij` (the print queue), `voorbeeld` (the
previews they share), `forms`, and `urls` (included by raadhuis.web.urls).
"""

from raadhuis.web.views.brieven.urls import urlpatterns
from raadhuis.web.views.brieven.voorbeeld import email_voorbeeld_html

__all__ = ["email_voorbeeld_html", "urlpatterns"]
