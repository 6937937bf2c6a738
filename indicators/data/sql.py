"""SQL text from declared names only: the store's one guard for identifiers.

Values always go to DuckDB as bound parameters. Identifiers (tables, columns) cannot be bound, so
they come only from names declared in ``data/skema.yaml`` or from the store's own tables, checked and
quoted here; the ``noqa: S608`` lines of :mod:`indicators.data.gudang` build SQL text from nothing else.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from indicators.data import skema as _skema

TABEL_SENDIRI = ("log_impor", "log_audit", "meta", "pemetaan_kolom", "akun")
# provenance and data-quality flags of every dataset row; the actor's role in the audit log
KOLOM_SENDIRI = ("_impor_id", "_catatan_mutu", "peran")
_POLA_NAMA = re.compile(r"^[a-z_][a-z0-9_]*$")


def nama_sah() -> frozenset[str]:
    ds = _skema.muat_skema().values()
    return frozenset({*TABEL_SENDIRI, *KOLOM_SENDIRI, *(d.nama for d in ds), *(k for d in ds for k in d.kolom)})


def id_sql(nama: str) -> str:
    """A quoted SQL identifier, only for a name the schema declares (or one of the store's tables).

    >>> id_sql("aduan_jalan"), id_sql("kode_wilayah")
    ('"aduan_jalan"', '"kode_wilayah"')
    """
    if not isinstance(nama, str) or not _POLA_NAMA.match(nama) or nama not in nama_sah():
        raise ValueError(f"nama tabel/kolom tidak dikenal dalam skema: {nama!r}")
    return f'"{nama}"'


def daftar_sql(nama: Iterable[str], awalan: str = "") -> str:
    """``"a", "b"`` (or ``t."a", t."b"`` with ``awalan="t."``) from declared names."""
    return ", ".join(awalan + id_sql(k) for k in nama)


def syarat_sql(nama: Iterable[str], pola: str) -> str:
    """``pola`` for each declared name joined with AND; ``pola`` holds ``{k}`` for the quoted name."""
    return " AND ".join(pola.format(k=id_sql(k)) for k in nama)
