"""The store's imported boundary layers: a GeoPackage beside the store per district and level, put in
place inside the transaction that records it (part of :class:`indicators.data.gudang.Gudang`)."""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

from indicators.dasar.waktu import sekarang_utc
from indicators.data.gudang_akun import tulis_audit

log = logging.getLogger(__name__)


class BatasGudang:
    """Boundary methods of the store; the class using it provides ``path``, ``_sambung`` and ``meta``."""

    def simpan_batas(self, gdf, tingkat: str, kode_kabupaten: str, laporan: dict, berkas: str = "",
                     pengguna: str = "operator", sebelum_commit: Callable[[], None] | None = None,
                     peran: str = "") -> Path:
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
        with self._sambung.pakai(tulis=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                nid = con.execute("SELECT coalesce(max(id), 0) + 1 FROM log_impor").fetchall()[0][0]
                con.execute("INSERT INTO log_impor VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [nid, sekarang_utc(), pengguna, Path(berkas).name,
                             f"batas_{tingkat}", len(gdf), len(gdf), 0, 0, "batas"])
                con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                            [f"batas_{kode_kabupaten}_{tingkat}", json.dumps(ringkas, ensure_ascii=False)])
                tulis_audit(con, "impor_batas", pengguna, f"batas_{tingkat}",
                            f"{ringkas['matched']} unit dari {ringkas['berkas'] or '-'}; "
                            f"{len(ringkas['missing'])} unit tanpa batas", peran)
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

    def hapus_batas(self, kode_kabupaten: str, tingkat: str, pengguna: str = "operator", peran: str = "") -> bool:
        """Stop using an imported boundary layer (maps fall back to the settings or schematic). Audited."""
        from indicators.wilayah.berkas_batas import path_batas_impor

        p = path_batas_impor(self.path.parent, kode_kabupaten, tingkat)
        if not p.exists():
            return False
        with self._sambung.pakai(tulis=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                nid = con.execute("SELECT coalesce(max(id), 0) + 1 FROM log_impor").fetchall()[0][0]
                con.execute("INSERT INTO log_impor VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [nid, sekarang_utc(), pengguna, "", f"batas_{tingkat}",
                             0, 0, 0, 0, "batas_dihapus"])
                con.execute("DELETE FROM meta WHERE kunci = ?", [f"batas_{kode_kabupaten}_{tingkat}"])
                tulis_audit(con, "hapus_batas", pengguna, f"batas_{tingkat}", "", peran)
                p.unlink()
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        log.info("batas %s %s dihapus (impor #%d)", kode_kabupaten, tingkat, nid)
        return True
