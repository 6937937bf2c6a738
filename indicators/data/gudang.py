"""The embedded store: one DuckDB file, one table per dataset, every import a recorded transaction.

An import is all or nothing: rows are written inside one transaction together with their entry in
``log_impor``; an error (or a crash) before COMMIT leaves the store exactly as it was. Demo rows are
placeholders: the first real import of a dataset replaces them. A dataset declared ``impor:
ganti_bulan`` (monthly village exports) has the months of each village in a file replaced: rows the
new file no longer holds go; re-importing the same file changes nothing (and writes nothing).

Rows carry their provenance (``_impor_id``) and the data-quality flags of their import
(``_catatan_mutu``: e.g. swapped coordinates kept as received). Column mappings officers chose are
kept per dataset and file header (``pemetaan_kolom``) and offered again next month.

The file is shared with other processes (the app and the command line at the same time): see
:mod:`indicators.data.koneksi` — reads never block each other, a write waits for the file.

>>> import tempfile, pathlib
>>> g = Gudang(pathlib.Path(tempfile.mkdtemp()) / "t.duckdb")
>>> g.status()["datasets"]["program"]["rows"]
0
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import pandas as pd

from indicators.dasar.pengaturan import ambil, path_gudang
from indicators.dasar.waktu import sebagai_utc, sekarang_utc
from indicators.data import skema as _skema
from indicators.data.gudang_akun import SQL_AKUN, AkunGudang, tulis_audit
from indicators.data.gudang_batas import BatasGudang
from indicators.data.gudang_rencana import DEMO as _DEMO
from indicators.data.gudang_rencana import RencanaImpor, kolom_bulan, rencana_sql, syarat_ganti_bulan
from indicators.data.gudang_rencana import ekspr_bulan as _ekspr_bulan
from indicators.data.koneksi import Sambungan
from indicators.data.sql import daftar_sql as _daftar
from indicators.data.sql import id_sql as _id
from indicators.data.sql import syarat_sql as _syarat

log = logging.getLogger(__name__)

# Timestamps the store writes (import and audit logs) are UTC; DuckDB keeps them as naive TIMESTAMP
# (TIMESTAMPTZ would need pytz at run time) and every read marks them UTC again (sebagai_utc).
# SQL: values are always bound parameters; identifiers come only through indicators.data.sql (the
# `noqa: S608` lines build SQL text from nothing else).
VERSI_SKEMA = 4  # version of the store's own layout (meta 'versi_skema'); see Gudang._migrasi
_SQL_TIPE = {"teks": "VARCHAR", "kode_wilayah": "VARCHAR", "periode": "VARCHAR",
             "bulat": "BIGINT", "angka": "DOUBLE", "boolean": "BOOLEAN", "tanggal": "TIMESTAMP", "waktu": "TIMESTAMP"}


class Gudang(BatasGudang, AkunGudang):
    """A DuckDB store. Instances of one path share one connection per process; methods are thread-safe."""

    _bawaan: ClassVar[dict[str, Gudang]] = {}

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._sambung = Sambungan.untuk(self.path)
        self._buat_tabel()

    @classmethod
    def bawaan(cls, muat_demo: bool = True) -> Gudang:
        """The store at the ``path_gudang`` setting, with the demo loaded on first use."""
        path = str(path_gudang())
        with Sambungan._kunci_kelas:
            g = cls._bawaan.get(path)
        if g is None:
            g = cls(path)
            with Sambungan._kunci_kelas:
                g = cls._bawaan.setdefault(path, g)
        if muat_demo:
            g.pastikan_demo()
        return g

    # ---- layout ----------------------------------------------------------------------------
    def _kolom_kurang(self, con) -> list[tuple[str, str, str]]:
        """(table, column, SQL type) the store still lacks; the store's own tables count as one column."""
        ada = {(t, k) for t, k in con.execute(
            "SELECT table_name, column_name FROM information_schema.columns").fetchall()}
        tabel = {t for t, _ in ada}
        kurang = [(t, "", "") for t in ("log_impor", "log_audit", "meta", "pemetaan_kolom", "akun") if t not in tabel]
        if "log_audit" in tabel and ("log_audit", "peran") not in ada:  # version 4: the actor's role
            kurang.append(("log_audit", "peran", "VARCHAR"))
        for ds in _skema.muat_skema().values():
            for k, v in (*((k, _SQL_TIPE[c.tipe]) for k, c in ds.kolom.items()),
                         ("_impor_id", "BIGINT"), ("_catatan_mutu", "VARCHAR")):
                if (ds.nama, k) not in ada:
                    kurang.append((ds.nama, k, v))
        return kurang

    def _buat_tabel(self) -> None:
        """Create what is missing and migrate; a store already up to date is only read (so a reading
        command never needs the file to itself)."""
        if self.path.exists():
            with self._sambung.pakai() as con:
                if not self._kolom_kurang(con) and self._versi_skema(con) >= VERSI_SKEMA:
                    return
        with self._sambung.pakai(tulis=True) as c:
            c.execute("CREATE TABLE IF NOT EXISTS log_impor (id BIGINT PRIMARY KEY, waktu TIMESTAMP, pengguna VARCHAR,"
                      " berkas VARCHAR, dataset VARCHAR, baris BIGINT, baru BIGINT, diperbarui BIGINT, sama BIGINT,"
                      " sumber VARCHAR)")
            c.execute("CREATE TABLE IF NOT EXISTS log_audit (waktu TIMESTAMP, peristiwa VARCHAR, pengguna VARCHAR,"
                      " dataset VARCHAR, detail VARCHAR, peran VARCHAR)")
            c.execute(SQL_AKUN)
            c.execute("CREATE TABLE IF NOT EXISTS meta (kunci VARCHAR PRIMARY KEY, nilai VARCHAR)")
            c.execute("CREATE TABLE IF NOT EXISTS pemetaan_kolom (dataset VARCHAR, sidik VARCHAR, peta VARCHAR,"
                      " berkas VARCHAR, pengguna VARCHAR, waktu TIMESTAMP, PRIMARY KEY (dataset, sidik))")
            for ds in _skema.muat_skema().values():
                kol = ", ".join(f"{_id(k)} {_SQL_TIPE[v.tipe]}" for k, v in ds.kolom.items())
                c.execute(f"CREATE TABLE IF NOT EXISTS {_id(ds.nama)} ({kol}, _impor_id BIGINT, "
                          "_catatan_mutu VARCHAR)")
            for tabel, kolom, tipe in self._kolom_kurang(c):  # columns declared after the table was made
                if kolom:
                    c.execute(f"ALTER TABLE {_id(tabel)} ADD COLUMN {_id(kolom)} {tipe}")
            self._migrasi(c)

    @staticmethod
    def _versi_skema(c) -> int:
        r = c.execute("SELECT nilai FROM meta WHERE kunci = 'versi_skema'").fetchall()
        if r:
            return int(r[0][0])
        return 1 if c.execute("SELECT count(*) FROM log_impor").fetchall()[0][0] else 0

    def _migrasi(self, c) -> None:
        """Bring an older store up to ``VERSI_SKEMA`` (logged; in one transaction).

        Version 2: log timestamps are UTC. Stores written before wrote the server's local time; the
        server's current UTC offset is taken off (nothing to do on a server that keeps UTC).
        Version 3: remembered column mappings (``pemetaan_kolom``) and per-row data-quality flags
        (``_catatan_mutu``), both created above.
        Version 4: local accounts (``akun``) and the actor's role in every audit event
        (``log_audit.peran``; events written before keep it empty), both created above.
        """
        versi = self._versi_skema(c)
        if versi >= VERSI_SKEMA:
            return
        c.execute("BEGIN TRANSACTION")
        try:
            if versi == 1:
                geser = int(datetime.now().astimezone().utcoffset().total_seconds())  # the server's own zone
                for tabel in ("log_impor", "log_audit"):
                    c.execute(f"UPDATE {_id(tabel)} SET waktu = waktu - to_seconds(?)", [geser])  # noqa: S608
                log.info("gudang %s: migrasi skema 1 -> 2 (waktu log ke UTC, geser %d detik)", self.path.name, geser)
            if 0 < versi < 3:
                log.info("gudang %s: migrasi skema %d -> 3 (pemetaan kolom tersimpan, catatan mutu per baris)",
                         self.path.name, max(versi, 2))
            if 0 < versi < 4:
                log.info("gudang %s: migrasi skema %d -> 4 (akun lokal, peran pelaku di log audit)",
                         self.path.name, max(versi, 3))
            c.execute("INSERT OR REPLACE INTO meta VALUES ('versi_skema', ?)", [str(VERSI_SKEMA)])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    # ---- reading -------------------------------------------------------------------------
    def baca(self, dataset: str) -> pd.DataFrame:
        """All rows of a dataset, typed as declared in the schema."""
        ds = _skema.skema(dataset)
        with self._sambung.pakai() as con:
            df = con.execute(
                f"SELECT {_daftar(ds.kolom)} FROM {_id(dataset)} ORDER BY {_daftar(ds.kunci)}").df()  # noqa: S608
        return _skema.ketik(df, dataset)

    def catatan_mutu(self, dataset: str) -> pd.DataFrame:
        """The rows of a dataset imported with a data-quality flag: key columns and ``catatan_mutu``."""
        ds = _skema.skema(dataset)
        with self._sambung.pakai() as con:
            return con.execute(f"SELECT {_daftar(ds.kunci)}, _catatan_mutu AS catatan_mutu "  # noqa: S608
                               f"FROM {_id(dataset)} WHERE _catatan_mutu IS NOT NULL "
                               f"ORDER BY {_daftar(ds.kunci)}").df()

    def _menurut_cap(self, kunci: tuple, hitung):
        """``hitung()`` remembered until the store file changes (:meth:`Sambungan.cap`): what every page asks
        on every run (the version, the district, the demo datasets) costs a ``stat`` instead of a query."""
        cap = self._sambung.cap()  # read before the query: a write meanwhile only makes the next call ask again
        ingat = self.__dict__.setdefault("_ingat_cap", {})
        ada = ingat.get(kunci)
        if ada is not None and ada[0] == cap:
            return ada[1]
        nilai = hitung()
        ingat[kunci] = (cap, nilai)
        return nilai

    def versi(self) -> int:
        """Id of the latest import: changes whenever data changes (a cache key for pages)."""
        def _hitung() -> int:
            with self._sambung.pakai() as con:
                return int(con.execute("SELECT coalesce(max(id), 0) FROM log_impor").fetchall()[0][0])
        return self._menurut_cap(("versi",), _hitung)

    def meta(self, kunci: str) -> str | None:
        def _hitung() -> str | None:
            with self._sambung.pakai() as con:
                r = con.execute("SELECT nilai FROM meta WHERE kunci = ?", [kunci]).fetchall()
            return r[0][0] if r else None
        return self._menurut_cap(("meta", kunci), _hitung)

    def _jumlah_demo(self, con, dataset: str) -> int:
        return int(con.execute(f"SELECT count(*) FROM {_id(dataset)} WHERE {_DEMO}").fetchall()[0][0])  # noqa: S608

    def dataset_demo(self) -> set[str]:
        """Datasets that still hold simulated (demo) rows; every page asks on every run, so the answer is
        remembered until the store changes."""
        def _hitung() -> frozenset:
            with self._sambung.pakai() as con:
                rows = con.execute("SELECT DISTINCT dataset FROM log_impor WHERE sumber = 'demo'").fetchall()
                return frozenset(d for (d,) in rows if d in _skema.muat_skema() and self._jumlah_demo(con, d))
        return set(self._menurut_cap(("demo",), _hitung))

    def riwayat_impor(self) -> pd.DataFrame:
        """Every import, newest first; ``waktu`` in UTC (timezone-aware)."""
        with self._sambung.pakai() as con:
            df = con.execute("SELECT * FROM log_impor ORDER BY id DESC").df()
        return df.assign(waktu=sebagai_utc(df["waktu"]))

    def log_audit(self) -> pd.DataFrame:
        """Every audit event, newest first (events of the same instant: the later written first); ``waktu`` in UTC
        (timezone-aware)."""
        with self._sambung.pakai() as con:
            df = con.execute("SELECT * FROM log_audit ORDER BY waktu DESC, rowid DESC").df()
        return df.assign(waktu=sebagai_utc(df["waktu"]))

    def status(self) -> dict:
        """Per dataset: rows, simulated rows, real or simulated (``sumber``: ``nyata``, ``tersimulasi``,
        ``campuran``, ``kosong``), villages of the district's register covered, months present and the
        last import (the ``status`` CLI command prints this as JSON)."""
        from indicators.wilayah.daftar import daftar_wilayah

        out = {}
        with self._sambung.pakai() as con:
            kab = self.meta("kode_kabupaten") or str(ambil("kode_kabupaten"))
            desa = set(daftar_wilayah(kab, "desa")["kode_wilayah"])
            for nama, ds in _skema.muat_skema().items():
                n = con.execute(f"SELECT count(*) FROM {_id(nama)}").fetchall()[0][0]  # noqa: S608
                demo = self._jumlah_demo(con, nama) if n else 0
                r = con.execute("SELECT max(waktu) FROM log_impor WHERE dataset = ? AND sumber <> 'demo'",
                                [nama]).fetchall()[0][0]
                v = {"rows": int(n), "rows_simulated": demo,
                     "sumber": "kosong" if not n else "tersimulasi" if demo == n else "campuran" if demo else "nyata",
                     "last_import": None if r is None else sebagai_utc(r).isoformat(timespec="seconds")}
                if "kode_wilayah" in ds.kolom:
                    kode = {k for (k,) in con.execute(
                        f"SELECT DISTINCT {_id('kode_wilayah')} FROM {_id(nama)}").fetchall()}  # noqa: S608
                    v["villages_covered"] = len(kode & desa)
                    v["villages_total"] = len(desa)
                bulan = [b for b in self._bulan(con, nama) if b]
                v["periods"] = {"first": bulan[0], "last": bulan[-1], "months": len(bulan)} if bulan else None
                out[nama] = v
        return {"path": str(self.path), "kode_kabupaten": self.meta("kode_kabupaten"), "versi": self.versi(),
                "dataset_demo": sorted(self.dataset_demo()), "datasets": out}

    def _bulan(self, con, dataset: str) -> list[str]:
        kol = kolom_bulan(dataset)
        if kol is None:
            return []
        return [b for (b,) in con.execute(f"SELECT DISTINCT {_ekspr_bulan(dataset)} AS b FROM {_id(dataset)} "  # noqa: S608
                                          "ORDER BY b").fetchall()]

    # ---- remembered column mappings ------------------------------------------------------------
    def pemetaan_tersimpan(self, dataset: str) -> pd.DataFrame:
        """Column mappings kept for a dataset, newest first: ``sidik`` (the file header's fingerprint),
        ``peta`` (dict target column → file column), ``berkas``, ``pengguna``, ``waktu`` (UTC)."""
        with self._sambung.pakai() as con:
            df = con.execute("SELECT sidik, peta, berkas, pengguna, waktu FROM pemetaan_kolom WHERE dataset = ? "
                             "ORDER BY waktu DESC", [dataset]).df()
        return df.assign(peta=[json.loads(p) for p in df["peta"]], waktu=sebagai_utc(df["waktu"]))

    def simpan_pemetaan(self, dataset: str, sidik: str, peta: dict, berkas: str = "", pengguna: str = "") -> None:
        """Keep the mapping used for a file header (replaces the one kept for the same header)."""
        with self._sambung.pakai(tulis=True) as con:
            con.execute("INSERT OR REPLACE INTO pemetaan_kolom VALUES (?, ?, ?, ?, ?, ?)",
                        [dataset, sidik, json.dumps(peta, ensure_ascii=False, sort_keys=True), Path(berkas).name,
                         pengguna, sekarang_utc()])

    # ---- writing -------------------------------------------------------------------------
    def catat_audit(self, peristiwa: str, pengguna: str = "sistem", dataset: str = "", detail: str = "",
                    peran: str = "") -> None:
        """One audit event (import, export, sign-in) by ``pengguna`` acting as ``peran``. Never pass
        personal data in ``detail``."""
        with self._sambung.pakai(tulis=True) as con:
            tulis_audit(con, peristiwa, pengguna, dataset, detail, peran)

    def _siapkan(self, data: pd.DataFrame, dataset: str) -> pd.DataFrame:
        ds = _skema.skema(dataset)
        hasil = _skema.validasi(data.astype("string"), dataset) if not _sudah_bertipe(data, ds) else None
        if hasil is not None and not hasil.valid:
            raise ValueError(f"{len(hasil.galat)} galat validasi; gunakan validasi() untuk laporan per baris")
        return _skema.ketik(hasil.data if hasil is not None else data, dataset)

    def _dengan_catatan(self, data: pd.DataFrame, dataset: str, catatan_mutu: pd.Series | None) -> pd.DataFrame:
        data = self._siapkan(data, dataset)
        catatan = (pd.Series(pd.NA, index=data.index, dtype="string") if catatan_mutu is None
                   else catatan_mutu.reindex(data.index).astype("string"))
        return data.assign(_catatan_mutu=catatan.mask(catatan == "").to_numpy())

    def rencana(self, data: pd.DataFrame, dataset: str, catatan_mutu: pd.Series | None = None) -> RencanaImpor:
        """What ``impor`` would do with these (valid, typed) rows, without writing anything."""
        data = self._dengan_catatan(data, dataset, catatan_mutu)
        _tolak_kosong(data)
        with self._sambung.pakai() as con:
            return self._rencana(con, data, dataset)

    def _rencana(self, con, data: pd.DataFrame, dataset: str) -> RencanaImpor:
        return rencana_sql(con, data, dataset, self._jumlah_demo(con, dataset) if len(data) else 0)

    def impor(self, data: pd.DataFrame, dataset: str, berkas: str = "", pengguna: str = "operator",
              sumber: str = "impor", sebelum_commit: Callable[[], None] | None = None,
              catatan_mutu: pd.Series | None = None, peran: str = "") -> RencanaImpor:
        """Write rows in one transaction (all or nothing) and record the import.

        Rows whose key already exists are replaced; identical rows are skipped; see the module
        docstring for simulated rows and ``ganti_bulan`` datasets. When nothing would change, nothing
        is written (no import entry; one audit event says so). ``catatan_mutu``: a data-quality flag
        per row (aligned on ``data``'s index), kept with the row. ``sebelum_commit`` runs inside the
        open transaction (used by tests to crash there).
        """
        data = self._dengan_catatan(data, dataset, catatan_mutu)
        if sumber != "demo":
            _tolak_kosong(data)  # before anything is deleted: an empty file never replaces a dataset
        ds = _skema.skema(dataset)
        tabel = _id(dataset)
        kolom = [*ds.kolom, "_catatan_mutu"]
        with self._sambung.pakai(tulis=True) as con:
            rencana = (self._rencana(con, data, dataset) if sumber != "demo"
                       else RencanaImpor(dataset, len(data), len(data), 0, 0, False))
            if not rencana.berubah:
                tulis_audit(con, "impor", pengguna, dataset,
                            f"{rencana.baris} baris dari {Path(berkas).name or '-'}: tidak ada perubahan", peran)
                log.info("impor %s: %d baris sama dengan yang tersimpan; tidak ada yang ditulis", dataset,
                         rencana.baris)
                return rencana
            con.execute("BEGIN TRANSACTION")
            try:
                if rencana.ganti_demo:
                    con.execute(f"DELETE FROM {tabel} WHERE {_DEMO}")  # noqa: S608
                nid = int(con.execute("SELECT coalesce(max(id), 0) + 1 FROM log_impor").fetchall()[0][0])
                con.register("_masuk", data)
                if rencana.dihapus:
                    con.execute(f"DELETE FROM {tabel} WHERE rowid IN (SELECT t.rowid FROM {tabel} t "  # noqa: S608
                                f"WHERE {syarat_ganti_bulan(dataset, '_masuk')})")
                # identical rows are skipped, so their import id (provenance) stays as it was
                sama = _syarat(kolom, "t.{k} IS NOT DISTINCT FROM m.{k}")
                con.execute("CREATE OR REPLACE TEMP TABLE _ubah AS SELECT * FROM _masuk m "  # noqa: S608
                            f"WHERE NOT EXISTS (SELECT 1 FROM {tabel} t WHERE {sama})")
                con.unregister("_masuk")
                on = _syarat(ds.kunci, f"{tabel}.{{k}} = _ubah.{{k}}")
                con.execute(f"DELETE FROM {tabel} WHERE EXISTS (SELECT 1 FROM _ubah WHERE {on})")  # noqa: S608
                con.execute(f"INSERT INTO {tabel} ({_daftar(ds.kolom)}, _impor_id, _catatan_mutu) "  # noqa: S608
                            f"SELECT {_daftar(ds.kolom)}, ?, _catatan_mutu FROM _ubah", [nid])
                con.execute("DROP TABLE _ubah")
                con.execute("INSERT INTO log_impor VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [nid, sekarang_utc(), pengguna, berkas, dataset, rencana.baris,
                             rencana.baru, rencana.diperbarui, rencana.sama, sumber])
                tulis_audit(con, "impor", pengguna, dataset,
                            f"{rencana.baris} baris dari {Path(berkas).name or '-'} ({sumber})", peran)
                if sebelum_commit is not None:
                    sebelum_commit()
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        log.info("impor %s: %d baris (%d baru, %d diperbarui, %d sama)%s, sumber %s, impor #%d%s",
                 dataset, rencana.baris, rencana.baru, rencana.diperbarui, rencana.sama,
                 f", {rencana.dihapus} baris bulan yang sama dihapus" if rencana.dihapus else "", sumber, nid,
                 f", {rencana.demo_dihapus} baris demo diganti" if rencana.ganti_demo else "")
        return rencana

    def pastikan_demo(self, kode_kabupaten: str | None = None) -> bool:
        """Load the simulated demo data when the store is empty. Returns True when it loaded."""
        from indicators.data.demo import buat_demo

        kode = kode_kabupaten or str(ambil("kode_kabupaten"))
        with self._sambung.kunci:
            if self.versi() > 0:
                if self.meta("kode_kabupaten") in (None, kode):
                    return False
                with self._sambung.pakai() as con:
                    nyata = con.execute("SELECT count(*) FROM log_impor WHERE sumber <> 'demo'").fetchall()[0][0]
                if nyata:
                    raise ValueError(f"gudang {self.path} berisi data impor kabupaten {self.meta('kode_kabupaten')}; "
                                     f"gunakan berkas gudang lain (pengaturan path_gudang) untuk {kode}")
                self._kosongkan_demo()  # only simulated data of another district: replace it
            log.info("gudang %s kosong: memuat data demo tersimulasi kabupaten %s", self.path.name, kode)
            data = buat_demo(kode)
            with self._sambung.pakai(tulis=True) as con:  # one write session: the file is taken once
                for nama, df in data.items():
                    self.impor(df, nama, berkas="demo", pengguna="sistem", sumber="demo")
                con.execute("INSERT OR REPLACE INTO meta VALUES ('kode_kabupaten', ?)", [kode])
        return True

    def _kosongkan_demo(self) -> None:
        with self._sambung.pakai(tulis=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                for nama in _skema.muat_skema():
                    con.execute(f"DELETE FROM {_id(nama)}")  # noqa: S608
                con.execute("DELETE FROM log_impor")
                con.execute("DELETE FROM meta WHERE kunci <> 'versi_skema'")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    # ---- freshness -----------------------------------------------------------------------
    def bulan_per_desa(self, dataset: str) -> pd.DataFrame:
        """Distinct (``kode_wilayah``, ``bulan`` YYYY-MM) pairs present in a dataset; ``kode_wilayah``
        is None for datasets without one. Empty for datasets without a time column."""
        kol = kolom_bulan(dataset)
        if kol is None:
            return pd.DataFrame(columns=["kode_wilayah", "bulan"])
        ds = _skema.skema(dataset)
        kode = _id("kode_wilayah") if "kode_wilayah" in ds.kolom else "NULL"
        with self._sambung.pakai() as con:
            return con.execute(
                f"SELECT DISTINCT {kode} AS kode_wilayah, {_ekspr_bulan(dataset)} AS bulan "  # noqa: S608
                f"FROM {_id(dataset)} WHERE {_id(kol)} IS NOT NULL ORDER BY 1, 2").df()

    def tutup(self) -> None:
        """Release the file now (other processes may then write it)."""
        self._sambung.tutup()
        Gudang._bawaan.pop(str(self.path), None)


def _tolak_kosong(data: pd.DataFrame) -> None:
    if not len(data):
        raise ValueError("berkas tidak berisi data: tidak ada baris untuk diimpor; data yang ada tidak diubah")


def _sudah_bertipe(df: pd.DataFrame, ds: _skema.Dataset) -> bool:
    """True for frames already typed as the schema declares (demo output, validated uploads)."""
    return all(k in df and str(df[k].dtype) == _skema.TIPE_DTYPE[c.tipe] for k, c in ds.kolom.items())
