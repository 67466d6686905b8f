"""Every write of targeted communication: segments, mailings, sending, bounces, opt-outs.

Sending (`mailing_send`) happens once per mailing: under a row lock the mailing goes from
concept to verzonden, every relation of the segment becomes a `MailingOntvanger` (queued, or
'niet bezorgbaar' without an e-mail address, or 'afgemeld' after an opt-out), and each
recipient gets a contact moment (crm core `klantcontact_create`, kanaal e-mail). Relations
that opted out or whose company told the KvK it wants no unsolicited mail (non-mailing) are
skipped, with the reason. After commit the outbox is delivered (`ontvangers_deliver`); what
failed temporarily is retried by the kernel's own outbox round (`raadhuis werker`, job
'brieven', or `raadhuis brieven-versturen`), with its back-off. A permanent SMTP refusal (5xx)
is a bounce; a bounce reported later (a returned e-mail) is registered with `bounce_register`.
Either way the recipient's contact moment then reads 'E-mail onbestelbaar: …'.

A package of one module per subject; import from `raadhuis.modules.crm.mailing.services`.
"""

from __future__ import annotations

from raadhuis.modules.crm.mailing.services.afmelden import (
    afmeld_token_geldig,
    afmelden_met_token,
    afmelding_intrekken,
    afmelding_register,
)
from raadhuis.modules.crm.mailing.services.bezorging import (
    BezorgResultaat,
    bounce_register,
    ontvanger_uitkomst,
    ontvangers_deliver,
)
from raadhuis.modules.crm.mailing.services.mailings import (
    NIET_VERSTUURD,
    Bericht,
    VerzendOverzicht,
    bericht_render,
    bericht_voorbeeld,
    mailing_create,
    mailing_send,
    testmail_send,
)
from raadhuis.modules.crm.mailing.services.samenvoegvelden import (
    RELATIE_VELDEN,
    afmeld_token,
    afmeld_url,
    mailing_context,
    relatie_samenvoegvelden,
)
from raadhuis.modules.crm.mailing.services.segmenten import (
    AFMELD_SALT,
    BRON,
    MAY_MAIL,
    SEGMENT_VELDEN,
    segment_save,
)

__all__ = [
    "AFMELD_SALT",
    "BRON",
    "Bericht",
    "BezorgResultaat",
    "MAY_MAIL",
    "NIET_VERSTUURD",
    "RELATIE_VELDEN",
    "SEGMENT_VELDEN",
    "VerzendOverzicht",
    "afmeld_token",
    "afmeld_token_geldig",
    "afmeld_url",
    "afmelden_met_token",
    "afmelding_intrekken",
    "afmelding_register",
    "bericht_render",
    "bericht_voorbeeld",
    "bounce_register",
    "mailing_context",
    "mailing_create",
    "mailing_send",
    "ontvanger_uitkomst",
    "ontvangers_deliver",
    "relatie_samenvoegvelden",
    "segment_save",
    "testmail_send",
]
