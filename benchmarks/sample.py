"""What the load test needs to know about the generated database: case types, some case
UUIDs, search terms and the benchmark logins. Read with plain SQL (no Django)."""

from __future__ import annotations

from typing import Any

import psycopg

NL_RSIN = "123456782"  # Gemeente Voorbeeldstad, the organisation the generator fills
# raadhuis.tools.generate.KOPIE_MARKER: the generator's copies of case types are named
# <identificatie>-BENCH-<n> (not imported: this module runs without Django).
BENCH_ZAAKTYPE = "%-BENCH-%"
# What generate.medewerkers_generate grants the benchmark users: up to vertrouwelijk.
ZICHTBARE_VERTROUWELIJKHEID = [
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
]


def _zichtbare_zaken(cur: psycopg.Cursor, org_id: int, sample: str) -> list[tuple[str, str]]:
    """(uuid, case number) of up to 5,000 cases of the benchmark's own case types at a granted
    level; without generated case types (an old database), of every case type at a granted
    level."""
    cur.execute(
        f"""SELECT z.uuid, z.identificatie FROM cases_zaak z {sample}
            JOIN catalog_zaaktype zt ON zt.id = z.zaaktype_id
            WHERE z.organisatie_id = %s AND z.vertrouwelijkheidaanduiding = ANY(%s)
              AND (zt.identificatie LIKE %s OR NOT EXISTS (
                  SELECT 1 FROM catalog_zaaktype b JOIN catalog_catalogus c
                    ON c.id = b.catalogus_id
                  WHERE c.organisatie_id = %s AND b.identificatie LIKE %s))
            LIMIT 5000""",  # noqa: S608 - `sample` is one of two constants above
        [org_id, ZICHTBARE_VERTROUWELIJKHEID, BENCH_ZAAKTYPE, org_id, BENCH_ZAAKTYPE],
    )
    return [(str(uuid), identificatie) for uuid, identificatie in cur.fetchall()]


def sample_data(database_url: str, *, password: str, users: str = "mw-bench-") -> dict[str, Any]:
    with psycopg.connect(database_url) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT id, zaak_prefix FROM organisations_organisatie WHERE rsin = %s", [NL_RSIN]
        )
        org_id, prefix = cur.fetchone()
        cur.execute(
            """SELECT zt.uuid FROM catalog_zaaktype zt
               JOIN catalog_catalogus c ON c.id = zt.catalogus_id
               WHERE c.organisatie_id = %s AND NOT zt.concept""",
            [org_id],
        )
        zaaktype_uuids = [str(r[0]) for r in cur.fetchall()]
        # A spread of cases the benchmark users may open (TABLESAMPLE avoids sorting a
        # million rows): of the generated case types only, up to the confidentiality they are
        # granted. The demo's own cases include complaints of other departments and secret
        # ones, which a detail request would rightly answer with 404.
        zaken_gezien = _zichtbare_zaken(cur, org_id, "TABLESAMPLE SYSTEM (2)")
        if len(zaken_gezien) < 100:
            zaken_gezien = _zichtbare_zaken(cur, org_id, "")
        # What people type in the case list's search box: a case number (from a letter or
        # the phone) or a word of the description.
        cur.execute(
            """SELECT DISTINCT omschrijving FROM cases_zaak TABLESAMPLE SYSTEM (1)
               WHERE organisatie_id = %s LIMIT 50""",
            [org_id],
        )
        zaak_woorden = sorted({r[0].split()[-1] for r in cur.fetchall() if r[0].strip()})
        cur.execute(
            """SELECT np.bsn FROM parties_natuurlijkpersoon np
               JOIN parties_partij p ON p.id = np.partij_ptr_id
               WHERE p.organisatie_id = %s AND np.bsn <> '' LIMIT 2000""",
            [org_id],
        )
        bsns = [r[0] for r in cur.fetchall()]
        cur.execute(
            """SELECT a.postcode, a.huisnummer FROM parties_adres a
               JOIN parties_partij p ON p.id = a.partij_id
               WHERE p.organisatie_id = %s AND a.land = 'NL' LIMIT 2000""",
            [org_id],
        )
        postcodes = [f"{pc[:4]} {pc[4:]} {nr}" for pc, nr in cur.fetchall()]
        cur.execute(
            """SELECT DISTINCT np.geslachtsnaam FROM parties_natuurlijkpersoon np
               JOIN parties_partij p ON p.id = np.partij_ptr_id
               WHERE p.organisatie_id = %s LIMIT 200""",
            [org_id],
        )
        namen = [r[0] for r in cur.fetchall()]
        cur.execute(
            """SELECT u.username FROM auth_user u
               JOIN organisations_medewerker m ON m.user_id = u.id
               WHERE m.organisatie_id = %s AND u.username LIKE %s ORDER BY u.username""",
            [org_id, f"{users}%"],
        )
        usernames = [r[0] for r in cur.fetchall()] or ["medewerker2"]
        cur.execute("SELECT count(*) FROM cases_zaak")
        zaken = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM parties_partij WHERE soort <> 'vestiging'")
        partijen = cur.fetchone()[0]
    return {
        "zaak_prefix": prefix,
        "zaaktype_uuids": zaaktype_uuids,
        "zaak_uuids": [uuid for uuid, _nummer in zaken_gezien],
        "zaak_nummers": [nummer for _uuid, nummer in zaken_gezien[:2000]],
        "zaak_woorden": zaak_woorden,
        "bsns": bsns,
        "postcodes": postcodes,
        "namen": namen,
        "usernames": usernames,
        "password": password,
        "counts": {"zaken": zaken, "partijen": partijen},
    }
