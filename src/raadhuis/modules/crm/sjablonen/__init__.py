"""The CRM template library (issue 6, item 8): letters, quotations and e-mails for complaints,
contracts, leads, relation management, communication, events, subsidies and companies, seeded
into the kernel's template library. See bibliotheek.py and docs/crm/sjablonen-bibliotheek.md.

No models: the templates live in kernel.messaging once seeded; a functional administrator
adapts them there (versions, preview). Import from `raadhuis.modules.crm.sjablonen.bibliotheek`.

Sending one of them to a relation is shared by the sub-apps: brieven.py (the category's letters,
preview, brief_send, the message afterwards), forms.py (the letter form) and scherm.py (the
screen: choose, preview, send), with the template crm/brieven/bibliotheekbrief.html.
"""
