"""The embedded store: one DuckDB file, one table per dataset, every import a recorded transaction.

An import is all or nothing: rows are written inside one transaction together with their entry in
``log_impor``; an error (or a crash) before COMMIT leaves the store exactly as it was. Demo rows are
placeholders: the first real import of a dataset replaces them.

>>> import tempfile, pathlib
>>> g = Gudang(pathlib.Path(tempfile.mkdtemp()) / "t.duckdb")
>>> g.status()["datasets"]["program"]["rows"]
0
"""
from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import duckdb
import pandas as pd

from indicators.dasar.pengaturan import ambil, path_gudang
from indicators.dasar.waktu import sebagai_utc, sekarang_utc
from indicators.data import skema as _skema
from indicators.data.sql import daftar_sql as _daftar
from indicators.data.sql import id_sql as _id
from indicators.data.sql import syarat_sql as _syarat

log = logging.getLogger(__name__)

# Timestamps the store writes (import and audit logs) are UTC; DuckDB keeps them as naive TIMESTAMP
# (TIMESTAMPTZ would need pytz at run time) and every read marks them UTC again (sebagai_utc).
# SQL: values are always bound parameters; identifiers come only through indicators.data.sql (the
# `noqa: S608` lines build SQL text from nothing else).
VERSI_SKEMA = 2  # version of the store's own layout (meta 'versi_skema'); see Gudang._migrasi
_SQL_TIPE = {"teks": "VARCHAR", "kode_wilayah": "VARCHAR", "periode": "VARCHAR", "bulat": "BIGINT",
             "angka": "DOUBLE", "boolean": "BOOLEAN", "tanggal": "TIMESTAMP", "waktu": "TIMESTAMP"}


@dataclass(frozen=True)
class RencanaImpor:
    """What an import would change: rows new, rows updated, identical rows skipped."""
    dataset: str
    baris: int
    baru: int
    diperbarui: int
    sama: int
    ganti_demo: bool


class Gudang:
    """A DuckDB store. One instance per process and path; methods are thread-safe."""

    _bawaan: ClassVar[dict[str, Gudang]] = {}
    _kunci_kelas = threading.Lock()

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect(str(self.path))
        self._kunci = threading.RLock()
        self._buat_tabel()

    @classmethod
    def bawaan(cls, muat_demo: bool = True) -> Gudang:
        """The store at the ``path_gudang`` setting, with the demo loaded on first use."""
        path = str(path_gudang())
        with cls._kunci_kelas:
            g = cls._bawaan.get(path)
            if g is None:
                g = cls._bawaan[path] = cls(path)
        if muat_demo:
            g.pastikan_demo()
        return g

    def _buat_tabel(self) -> None:
        with self._kunci:
            c = self._con
            c.execute("CREATE TABLE IF NOT EXISTS log_impor (id BIGINT PRIMARY KEY, waktu TIMESTAMP, pengguna VARCHAR,"
                      " berkas VARCHAR, dataset VARCHAR, baris BIGINT, baru BIGINT, diperbarui BIGINT, sama BIGINT,"
                      " sumber VARCHAR)")
            c.execute("CREATE TABLE IF NOT EXISTS log_audit (waktu TIMESTAMP, peristiwa VARCHAR, pengguna VARCHAR,"
                      " dataset VARCHAR, detail VARCHAR)")
            c.execute("CREATE TABLE IF NOT EXISTS meta (kunci VARCHAR PRIMARY KEY, nilai VARCHAR)")
            for ds in _skema.muat_skema().values():
                kol = ", ".join(f"{_id(k)} {_SQL_TIPE[v.tipe]}" for k, v in ds.kolom.items())
                c.execute(f"CREATE TABLE IF NOT EXISTS {_id(ds.nama)} ({kol}, _impor_id BIGINT)")
            self._migrasi()

    def _migrasi(self) -> None:
        """Bring an older store up to ``VERSI_SKEMA`` (logged; each step in its own transaction).

        Version 2: log timestamps are UTC. Stores written before wrote the server's local time; the
        server's current UTC offset is taken off (nothing to do on a server that keeps UTC).
        """
        c = self._con
        r = c.execute("SELECT nilai FROM meta WHERE kunci = 'versi_skema'").fetchall()
        versi = int(r[0][0]) if r else (1 if c.execute("SELECT count(*) FROM log_impor").fetchall()[0][0] else 0)
        if versi >= VERSI_SKEMA:
            return
        c.execute("BEGIN TRANSACTION")
        try:
            if versi == 1:
                geser = int(datetime.now().astimezone().utcoffset().total_seconds())  # the server's own zone
                for tabel in ("log_impor", "log_audit"):
                    c.execute(f"UPDATE {_id(tabel)} SET waktu = waktu - to_seconds(?)", [geser])  # noqa: S608
                log.info("gudang %s: migrasi skema 1 -> %d (waktu log ke UTC, geser %d detik)",
                         self.path.name, VERSI_SKEMA, geser)
            c.execute("INSERT OR REPLACE INTO meta VALUES ('versi_skema', ?)", [str(VERSI_SKEMA)])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    # ---- reading -------------------------------------------------------------------------
    def baca(self, dataset: str) -> pd.DataFrame:
        """All rows of a dataset, typed as declared in the schema."""
        ds = _skema.skema(dataset)
        with self._kunci:
            df = self._con.execute(
                f"SELECT {_daftar(ds.kolom)} FROM {_id(dataset)} ORDER BY {_daftar(ds.kunci)}").df()  # noqa: S608
        return _skema.ketik(df, dataset)

    def versi(self) -> int:
        """Id of the latest import: changes whenever data changes (a cache key for pages)."""
        with self._kunci:
            return int(self._con.execute("SELECT coalesce(max(id), 0) FROM log_impor").fetchall()[0][0])

    def meta(self, kunci: str) -> str | None:
        with self._kunci:
            r = self._con.execute("SELECT nilai FROM meta WHERE kunci = ?", [kunci]).fetchall()
        return r[0][0] if r else None

    def dataset_demo(self) -> set[str]:
        """Datasets that still hold simulated (demo) rows."""
        with self._kunci:
            rows = self._con.execute("SELECT DISTINCT dataset FROM log_impor WHERE sumber = 'demo'").fetchall()
            out = set()
            for (d,) in rows:
                n = self._con.execute(f"SELECT count(*) FROM {_id(d)} WHERE _impor_id IN "  # noqa: S608
                                      "(SELECT id FROM log_impor WHERE sumber = 'demo')").fetchall()[0][0]
                if n:
                    out.add(d)
        return out

    def riwayat_impor(self) -> pd.DataFrame:
        """Every import, newest first; ``waktu`` in UTC (timezone-aware)."""
        with self._kunci:
            df = self._con.execute("SELECT * FROM log_impor ORDER BY id DESC").df()
        return df.assign(waktu=sebagai_utc(df["waktu"]))

    def log_audit(self) -> pd.DataFrame:
        """Every audit event, newest first; ``waktu`` in UTC (timezone-aware)."""
        with self._kunci:
            df = self._con.execute("SELECT * FROM log_audit ORDER BY waktu DESC").df()
        return df.assign(waktu=sebagai_utc(df["waktu"]))

    def status(self) -> dict:
        """Rows and last import per dataset (the ``status`` CLI command prints this as JSON)."""
        out = {}
        with self._kunci:
            for nama in _skema.muat_skema():
                n = self._con.execute(f"SELECT count(*) FROM {_id(nama)}").fetchall()[0][0]  # noqa: S608
                r = self._con.execute("SELECT max(waktu) FROM log_impor WHERE dataset = ?", [nama]).fetchall()[0][0]
                out[nama] = {"rows": int(n),
                             "last_import": None if r is None else sebagai_utc(r).isoformat(timespec="seconds")}
            kab = self.meta("kode_kabupaten")
        return {"path": str(self.path), "kode_kabupaten": kab, "versi": self.versi(),
                "dataset_demo": sorted(self.dataset_demo()), "datasets": out}

    # ---- writing -------------------------------------------------------------------------
    def catat_audit(self, peristiwa: str, pengguna: str = "sistem", dataset: str = "", detail: str = "") -> None:
        """One audit event (import, export, sign-in). Never pass personal data in ``detail``."""
        with self._kunci:
            self._con.execute("INSERT INTO log_audit VALUES (?, ?, ?, ?, ?)",
                              [sekarang_utc(), peristiwa, pengguna, dataset, detail])

    def _siapkan(self, data: pd.DataFrame, dataset: str) -> pd.DataFrame:
        ds = _skema.skema(dataset)
        hasil = _skema.validasi(data.astype("string"), dataset) if not _sudah_bertipe(data, ds) else None
        if hasil is not None and not hasil.valid:
            raise ValueError(f"{len(hasil.galat)} galat validasi; gunakan validasi() untuk laporan per baris")
        return _skema.ketik(hasil.data if hasil is not None else data, dataset)

    def rencana(self, data: pd.DataFrame, dataset: str) -> RencanaImpor:
        """What ``impor`` would do with these (valid, typed) rows, without writing anything."""
        data = self._siapkan(data, dataset)
        _tolak_kosong(data)
        with self._kunci:
            return self._rencana(self._con, data, dataset)

    def _rencana(self, con, data: pd.DataFrame, dataset: str) -> RencanaImpor:
        ds = _skema.skema(dataset)
        ganti_demo = dataset in self.dataset_demo()
        if ganti_demo:
            return RencanaImpor(dataset, len(data), len(data), 0, 0, True)
        con.register("_baru", data)
        try:
            on = _syarat(ds.kunci, "b.{k} = t.{k}")
            sama_kol = _syarat(ds.kolom, "b.{k} IS NOT DISTINCT FROM t.{k}")
            tabel = _id(dataset)
            ada = con.execute(f"SELECT count(*) FROM _baru b JOIN {tabel} t ON {on}").fetchall()[0][0]  # noqa: S608
            sama = con.execute(
                f"SELECT count(*) FROM _baru b JOIN {tabel} t ON {on} AND {sama_kol}").fetchall()[0][0]  # noqa: S608
        finally:
            con.unregister("_baru")
        return RencanaImpor(dataset, len(data), len(data) - ada, ada - sama, sama, False)

    def impor(self, data: pd.DataFrame, dataset: str, berkas: str = "", pengguna: str = "operator",
              sumber: str = "impor", sebelum_commit: Callable[[], None] | None = None) -> RencanaImpor:
        """Write rows in one transaction (all or nothing) and record the import.

        Rows whose key already exists are replaced; identical rows are skipped. ``sebelum_commit``
        runs inside the open transaction (used by tests to crash there).
        """
        data = self._siapkan(data, dataset)
        if sumber != "demo":
            _tolak_kosong(data)  # before anything is deleted: an empty file never replaces a dataset
        ds = _skema.skema(dataset)
        tabel = _id(dataset)
        with self._kunci:
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                rencana = (self._rencana(con, data, dataset) if sumber != "demo"
                           else RencanaImpor(dataset, len(data), len(data), 0, 0, False))
                if rencana.ganti_demo:
                    con.execute(f"DELETE FROM {tabel} WHERE _impor_id IN "  # noqa: S608
                                "(SELECT id FROM log_impor WHERE sumber = 'demo')")
                nid = int(con.execute("SELECT coalesce(max(id), 0) + 1 FROM log_impor").fetchall()[0][0])
                con.register("_masuk", data)
                # identical rows are skipped, so their import id (provenance) stays as it was
                sama = _syarat(ds.kolom, "t.{k} IS NOT DISTINCT FROM m.{k}")
                con.execute("CREATE OR REPLACE TEMP TABLE _ubah AS SELECT * FROM _masuk m "  # noqa: S608
                            f"WHERE NOT EXISTS (SELECT 1 FROM {tabel} t WHERE {sama})")
                con.unregister("_masuk")
                on = _syarat(ds.kunci, f"{tabel}.{{k}} = _ubah.{{k}}")
                con.execute(f"DELETE FROM {tabel} WHERE EXISTS (SELECT 1 FROM _ubah WHERE {on})")  # noqa: S608
                con.execute(f"INSERT INTO {tabel} SELECT {_daftar(ds.kolom)}, ? FROM _ubah", [nid])  # noqa: S608
                con.execute("DROP TABLE _ubah")
                con.execute("INSERT INTO log_impor VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [nid, sekarang_utc(), pengguna, berkas, dataset, rencana.baris,
                             rencana.baru, rencana.diperbarui, rencana.sama, sumber])
                con.execute("INSERT INTO log_audit VALUES (?, ?, ?, ?, ?)",
                            [sekarang_utc(), "impor", pengguna, dataset,
                             f"{rencana.baris} baris dari {Path(berkas).name or '-'} ({sumber})"])
                if sebelum_commit is not None:
                    sebelum_commit()
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        log.info("impor %s: %d baris (%d baru, %d diperbarui, %d sama), sumber %s, impor #%d%s",
                 dataset, rencana.baris, rencana.baru, rencana.diperbarui, rencana.sama, sumber, nid,
                 ", data demo diganti" if rencana.ganti_demo else "")
        return rencana

    def pastikan_demo(self, kode_kabupaten: str | None = None) -> bool:
        """Load the simulated demo data when the store is empty. Returns True when it loaded."""
        from indicators.data.demo import buat_demo

        kode = kode_kabupaten or str(ambil("kode_kabupaten"))
        with self._kunci:
            if self.versi() > 0:
                if self.meta("kode_kabupaten") in (None, kode):
                    return False
                nyata = self._con.execute("SELECT count(*) FROM log_impor WHERE sumber <> 'demo'").fetchall()[0][0]
                if nyata:
                    raise ValueError(f"gudang {self.path} berisi data impor kabupaten {self.meta('kode_kabupaten')}; "
                                     f"gunakan berkas gudang lain (pengaturan path_gudang) untuk {kode}")
                self._kosongkan_demo()  # only simulated data of another district: replace it
            log.info("gudang %s kosong: memuat data demo tersimulasi kabupaten %s", self.path.name, kode)
            data = buat_demo(kode)
            for nama, df in data.items():
                self.impor(df, nama, berkas="demo", pengguna="sistem", sumber="demo")
            self._con.execute("INSERT OR REPLACE INTO meta VALUES ('kode_kabupaten', ?)", [kode])
        return True

    def _kosongkan_demo(self) -> None:
        self._con.execute("BEGIN TRANSACTION")
        try:
            for nama in _skema.muat_skema():
                self._con.execute(f"DELETE FROM {_id(nama)}")  # noqa: S608
            self._con.execute("DELETE FROM log_impor")
            self._con.execute("DELETE FROM meta")
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise

    # ---- imported boundaries ---------------------------------------------------------------
    def simpan_batas(self, gdf, tingkat: str, kode_kabupaten: str, laporan: dict, berkas: str = "",
                     pengguna: str = "operator", sebelum_commit: Callable[[], None] | None = None) -> Path:
        """Keep joined boundaries (``kode_wilayah, nama, geometry`` in EPSG:4326, as
        :func:`indicators.wilayah.batas.baca_batas` returns them) as the district's boundary layer: a
        GeoPackage in ``batas/`` beside the store, which every map then draws
        (:func:`indicators.wilayah.batas.berkas_aktif`).

        All or nothing: the file is written aside first, and put in place inside the transaction that
        records the import (``log_impor``, dataset ``batas_<tingkat>``), the report summary (``meta``)
        and one audit event; an error or a crash before COMMIT leaves the previous layer and the store
        as they were. ``sebelum_commit`` runs inside the open transaction (tests crash there).
        """
        from indicators.wilayah.berkas_batas import path_batas_impor

        if tingkat not in ("kecamatan", "desa"):
            raise ValueError(f"tingkat batas harus 'kecamatan' atau 'desa', bukan {tingkat!r}")
        if gdf is None or not len(gdf):
            raise ValueError("tidak ada unit yang cocok dengan daftar wilayah: batas tidak disimpan")
        tujuan = path_batas_impor(self.path.parent, kode_kabupaten, tingkat)
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        sementara = tujuan.with_name(f".{tujuan.stem}.{os.getpid()}.baru.gpkg")
        cadangan = tujuan.with_name(f".{tujuan.stem}.{os.getpid()}.lama.gpkg")
        sementara.unlink(missing_ok=True)
        try:
            gdf[["kode_wilayah", "nama", "geometry"]].to_crs("EPSG:4326").to_file(
                sementara, driver="GPKG", layer="batas", engine="pyogrio")
        except Exception as e:  # pyogrio raises several types
            sementara.unlink(missing_ok=True)
            raise ValueError(f"batas tidak dapat ditulis: {e}") from e
        ringkas = {"berkas": Path(berkas).name, "tingkat": tingkat, "matched": int(laporan.get("matched", len(gdf))),
                   "missing": list(laporan.get("missing", [])), "unmatched": list(laporan.get("unmatched", [])),
                   "code_system": laporan.get("code_system"), "crs": laporan.get("crs"),
                   "waktu": sekarang_utc().isoformat()}
        ditukar = False
        with self._kunci:
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                nid = con.execute("SELECT coalesce(max(id), 0) + 1 FROM log_impor").fetchall()[0][0]
                con.execute("INSERT INTO log_impor VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [nid, sekarang_utc(), pengguna, Path(berkas).name,
                             f"batas_{tingkat}", len(gdf), len(gdf), 0, 0, "batas"])
                con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                            [f"batas_{kode_kabupaten}_{tingkat}", json.dumps(ringkas, ensure_ascii=False)])
                con.execute("INSERT INTO log_audit VALUES (?, ?, ?, ?, ?)",
                            [sekarang_utc(), "impor_batas", pengguna, f"batas_{tingkat}",
                             f"{ringkas['matched']} unit dari {ringkas['berkas'] or '-'}; "
                             f"{len(ringkas['missing'])} unit tanpa batas"])
                if sebelum_commit is not None:
                    sebelum_commit()
                if tujuan.exists():
                    os.replace(tujuan, cadangan)
                os.replace(sementara, tujuan)
                ditukar = True
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                if ditukar:  # put the previous layer back
                    tujuan.unlink(missing_ok=True)
                if cadangan.exists():
                    os.replace(cadangan, tujuan)
                sementara.unlink(missing_ok=True)
                raise
        cadangan.unlink(missing_ok=True)
        log.info("batas %s %s disimpan: %d unit, %d tanpa batas, impor #%d", kode_kabupaten, tingkat,
                 ringkas["matched"], len(ringkas["missing"]), nid)
        return tujuan

    def batas_tersimpan(self, kode_kabupaten: str, tingkat: str) -> dict | None:
        """Summary of the imported boundary layer (file, matched, missing, code system, time), or None."""
        from indicators.wilayah.berkas_batas import path_batas_impor

        nilai = self.meta(f"batas_{kode_kabupaten}_{tingkat}")
        if nilai is None or not path_batas_impor(self.path.parent, kode_kabupaten, tingkat).exists():
            return None
        return json.loads(nilai)

    def hapus_batas(self, kode_kabupaten: str, tingkat: str, pengguna: str = "operator") -> bool:
        """Stop using an imported boundary layer (maps fall back to the settings or schematic). Audited."""
        from indicators.wilayah.berkas_batas import path_batas_impor

        p = path_batas_impor(self.path.parent, kode_kabupaten, tingkat)
        if not p.exists():
            return False
        with self._kunci:
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                nid = con.execute("SELECT coalesce(max(id), 0) + 1 FROM log_impor").fetchall()[0][0]
                con.execute("INSERT INTO log_impor VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [nid, sekarang_utc(), pengguna, "", f"batas_{tingkat}",
                             0, 0, 0, 0, "batas_dihapus"])
                con.execute("DELETE FROM meta WHERE kunci = ?", [f"batas_{kode_kabupaten}_{tingkat}"])
                con.execute("INSERT INTO log_audit VALUES (?, ?, ?, ?, ?)",
                            [sekarang_utc(), "hapus_batas", pengguna, f"batas_{tingkat}", ""])
                p.unlink()
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        log.info("batas %s %s dihapus (impor #%d)", kode_kabupaten, tingkat, nid)
        return True

    # ---- freshness -----------------------------------------------------------------------
    def bulan_per_desa(self, dataset: str) -> pd.DataFrame:
        """Distinct (``kode_wilayah``, ``bulan`` YYYY-MM) pairs present in a dataset; ``kode_wilayah``
        is None for datasets without one. Empty for datasets without a time column."""
        kol = kolom_bulan(dataset)
        if kol is None:
            return pd.DataFrame(columns=["kode_wilayah", "bulan"])
        ds = _skema.skema(dataset)
        bulan = _id(kol) if ds.kolom[kol].tipe == "periode" else f"strftime({_id(kol)}, '%Y-%m')"
        kode = _id("kode_wilayah") if "kode_wilayah" in ds.kolom else "NULL"
        with self._kunci:
            return self._con.execute(
                f"SELECT DISTINCT {kode} AS kode_wilayah, {bulan} AS bulan FROM {_id(dataset)} "  # noqa: S608
                f"WHERE {_id(kol)} IS NOT NULL ORDER BY 1, 2").df()

    def tutup(self) -> None:
        with self._kunci:
            self._con.close()
        Gudang._bawaan.pop(str(self.path), None)


def _tolak_kosong(data: pd.DataFrame) -> None:
    if not len(data):
        raise ValueError("berkas tidak berisi data: tidak ada baris untuk diimpor; data yang ada tidak diubah")


def kolom_bulan(dataset: str) -> str | None:
    """The column that dates a dataset's rows: its first ``periode`` column, else its first required
    date or time column; None for datasets without one (profiles, roads, programmes).

    >>> kolom_bulan("aduan_jalan"), kolom_bulan("desa_website"), kolom_bulan("program")
    ('waktu_lapor', 'periode', None)
    """
    ds = _skema.skema(dataset)
    periode = [k for k, c in ds.kolom.items() if c.tipe == "periode"]
    waktu = [k for k, c in ds.kolom.items() if c.tipe in ("tanggal", "waktu") and c.wajib]
    return (periode or waktu or [None])[0]


def _sudah_bertipe(df: pd.DataFrame, ds: _skema.Dataset) -> bool:
    """True for frames already typed as the schema declares (demo output, validated uploads)."""
    return all(k in df and str(df[k].dtype) == _skema.TIPE_DTYPE[c.tipe] for k, c in ds.kolom.items())
