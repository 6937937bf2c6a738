"""The store's accounts (table ``akun``) and its audit log (``log_audit``), part of
:class:`indicators.data.gudang.Gudang`. Only rows are kept here; hashing, lockout and roles are
decided in :mod:`indicators.akses.akun`.

``akun``: ``id`` (the sign-in name), ``nama`` (shown name), ``peran``, ``hash`` (argon2id; empty for
an OIDC-only account), ``dataset`` (datasets assigned, comma-separated; ``*`` = all), ``aktif``,
``gagal`` (failed sign-ins in a row), ``terkunci_sampai`` (UTC), ``dibuat``/``diubah`` (UTC).
"""
from __future__ import annotations

import pandas as pd

from indicators.dasar.waktu import sebagai_utc, sekarang_utc

KOLOM_AKUN = ("id", "nama", "peran", "hash", "dataset", "aktif", "gagal", "terkunci_sampai", "dibuat", "diubah")
SQL_AKUN = ("CREATE TABLE IF NOT EXISTS akun (id VARCHAR PRIMARY KEY, nama VARCHAR, peran VARCHAR, hash VARCHAR,"
            " dataset VARCHAR, aktif BOOLEAN, gagal BIGINT, terkunci_sampai TIMESTAMP, dibuat TIMESTAMP,"
            " diubah TIMESTAMP)")


def tulis_audit(con, peristiwa: str, pengguna: str, dataset: str = "", detail: str = "", peran: str = "") -> None:
    """One audit row on an open connection (inside the caller's transaction, when there is one)."""
    con.execute("INSERT INTO log_audit (waktu, peristiwa, pengguna, dataset, detail, peran) "
                "VALUES (?, ?, ?, ?, ?, ?)", [sekarang_utc(), peristiwa, pengguna, dataset, detail, peran])


class AkunGudang:
    """Account rows of the store; the class using it provides ``_sambung``."""

    def akun(self, id_: str) -> dict | None:
        """One account as a dict (times UTC), or None."""
        with self._sambung.pakai() as con:
            r = con.execute(f"SELECT {', '.join(KOLOM_AKUN)} FROM akun WHERE id = ?", [id_]).fetchall()  # noqa: S608
        if not r:
            return None
        a = dict(zip(KOLOM_AKUN, r[0], strict=True))
        for k in ("terkunci_sampai", "dibuat", "diubah"):
            a[k] = None if a[k] is None else sebagai_utc(a[k]).to_pydatetime()
        return a

    def daftar_akun(self) -> pd.DataFrame:
        """Every account without its hash, by id."""
        with self._sambung.pakai() as con:
            df = con.execute("SELECT id, nama, peran, dataset, aktif, gagal, terkunci_sampai, dibuat, diubah "
                             "FROM akun ORDER BY id").df()
        for k in ("terkunci_sampai", "dibuat", "diubah"):
            df[k] = sebagai_utc(df[k])
        return df

    def simpan_akun(self, id_: str, audit: tuple[str, str, str, str] | None = None, **nilai) -> None:
        """Create or change an account (only the columns given); with ``audit`` = (event, user, role,
        detail) one audit event in the same transaction."""
        asing = set(nilai) - set(KOLOM_AKUN)
        if asing:
            raise ValueError(f"kolom akun tidak dikenal: {sorted(asing)}")
        nilai["diubah"] = sekarang_utc()
        with self._sambung.pakai(tulis=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                ada = con.execute("SELECT count(*) FROM akun WHERE id = ?", [id_]).fetchall()[0][0]
                if ada:
                    pasang = ", ".join(f"{k} = ?" for k in nilai)
                    con.execute(f"UPDATE akun SET {pasang} WHERE id = ?", [*nilai.values(), id_])  # noqa: S608
                else:
                    baris = {"gagal": 0, "aktif": True, "dataset": "", "hash": "", "dibuat": nilai["diubah"],
                             **nilai, "id": id_}
                    con.execute(f"INSERT INTO akun ({', '.join(baris)}) "  # noqa: S608
                                f"VALUES ({', '.join('?' for _ in baris)})", list(baris.values()))
                if audit is not None:
                    peristiwa, pengguna, peran, detail = audit
                    tulis_audit(con, peristiwa, pengguna, "akun", detail, peran)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
