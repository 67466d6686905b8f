"""What the load test needs to know about the generated database: case types, some case
UUIDs, search terms and the benchmark logins. Read with plain SQL (no Django)."""

from __future__ import annotations

from typing import Any

import psycopg

NL_RSIN = "123456782"  # Gemeente Voorbeeldstad, the organisation the generator fills


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
        # A spread of cases (TABLESAMPLE avoids sorting a million rows).
        cur.execute(
            """SELECT uuid FROM cases_zaak TABLESAMPLE SYSTEM (2)
               WHERE organisatie_id = %s LIMIT 5000""",
            [org_id],
        )
        zaak_uuids = [str(r[0]) for r in cur.fetchall()]
        if len(zaak_uuids) < 100:
            cur.execute(
                "SELECT uuid FROM cases_zaak WHERE organisatie_id = %s LIMIT 5000", [org_id]
            )
            zaak_uuids = [str(r[0]) for r in cur.fetchall()]
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
        "zaak_uuids": zaak_uuids,
        "bsns": bsns,
        "postcodes": postcodes,
        "namen": namen,
        "usernames": usernames,
        "password": password,
        "counts": {"zaken": zaken, "partijen": partijen},
    }
