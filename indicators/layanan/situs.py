"""DesaID: each village website's status, freshness, contact completeness, services listed, operator gaps.

The snapshot of a village for a month is the one the scoring core reads for ``brand_web_aktif`` (the
latest ≤ the month, not older than ``batas_umur_bulan``), with the core's derived columns
(``diperbarui``: updated within ``website_diperbarui_hari``; ``skor_kontak``: share of the framework's
contact items listed). Status of a village:

- ``aktif``: reachable and updated within the window (what ``brand_web_aktif`` counts);
- ``usang``: reachable, not updated within the window;
- ``tidak_aktif``: not reachable;
- ``tanpa_data``: no snapshot (the core leaves the village out of ``brand_web_aktif``'s denominator).

>>> STATUS
('aktif', 'usang', 'tidak_aktif', 'tanpa_data')
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.dasar import format as fmt
from indicators.dasar.label import teks
from indicators.layanan import nilai as layanan
from indicators.skor.kerangka import Kerangka, muat_kerangka
from indicators.skor.turunan import kolom_kontak
from indicators.wilayah.daftar import daftar_wilayah

STATUS = ("aktif", "usang", "tidak_aktif", "tanpa_data")
KOLOM = ["kode_wilayah", "nama", "kode_induk", "status", "periode", "url", "aktif", "diperbarui", "hari_sejak_update",
         "tanggal_update_terakhir", "posting_90_hari", "ada_alamat", "ada_email", "ada_telepon", "skor_kontak",
         "jumlah_layanan", "kekurangan", "jumlah_kekurangan"]


def status_situs(data: Mapping[str, pd.DataFrame], kode_kabupaten: str, periode: str,
                 kerangka: Kerangka | None = None) -> pd.DataFrame:
    """One row per village of the register: its snapshot for ``periode``, ``status`` and
    ``kekurangan`` (a tuple of gap codes, see :func:`kekurangan`).

    >>> web = pd.DataFrame({"kode_wilayah": ["18.02.01.2001"], "periode": ["2026-10"], "url": ["https://a.desa.id"],
    ...     "aktif": [True], "tanggal_update_terakhir": pd.to_datetime(["2026-10-20"]), "posting_90_hari": [5],
    ...     "ada_alamat": [True], "ada_email": [False], "ada_telepon": [True], "jumlah_layanan": [4]})
    >>> s = status_situs({"desa_website": web}, "18.02", "2026-10").set_index("kode_wilayah")
    >>> s.loc["18.02.01.2001", ["status", "kekurangan"]].tolist(), s.loc["18.02.01.2002", "status"]
    (['aktif', ('tanpa_email',)], 'tanpa_data')
    """
    k = kerangka or muat_kerangka()
    desa = daftar_wilayah(kode_kabupaten, "desa")[["kode_wilayah", "nama", "kode_induk"]]
    rows = layanan.baris(data, "brand_web_aktif", kode_kabupaten, layanan.Saringan(periode), k)
    rows = rows[rows["_kode"].astype(str).str.len() == 13] if len(rows) else rows
    kol = [c for c in KOLOM[4:-2] if c in rows]
    snap = rows.assign(kode_wilayah=rows["_kode"].astype(str))[["kode_wilayah", *kol]] if len(rows) else None
    out = desa.merge(snap, on="kode_wilayah", how="left") if snap is not None else desa.reindex(columns=KOLOM[:3] + kol)
    for c in KOLOM:
        if c not in out:
            out[c] = np.nan
    aktif = out["aktif"].astype("boolean")
    diperbarui = out["diperbarui"].astype("boolean").fillna(False).astype(bool)
    out["status"] = np.select([out["periode"].isna(), ~aktif.fillna(False).astype(bool), diperbarui],
                              ["tanpa_data", "tidak_aktif", "aktif"], "usang")
    out["kekurangan"] = kekurangan(out, periode, k)
    out["jumlah_kekurangan"] = out["kekurangan"].map(len)
    return out[KOLOM]


def kekurangan(status: pd.DataFrame, periode: str, kerangka: Kerangka | None = None) -> pd.Series:
    """Gap codes per village, what the operator has to fix, in order:

    ``tanpa_potret`` (no snapshot), ``potret_lama`` (the latest snapshot is of an earlier month),
    ``tidak_dapat_diakses``, ``tidak_diperbarui`` (not within ``website_diperbarui_hari``),
    ``posting_kurang`` (fewer than ``posting_minimum_90_hari`` posts), ``tanpa_<item>`` for each contact
    item of the framework's standard not listed, ``layanan_kurang`` (fewer than ``layanan_minimum``).
    """
    k = kerangka or muat_kerangka()
    d = layanan.deklarasi()
    ada = status["periode"].notna().to_numpy()

    def benar(kol):
        return status[kol].astype("boolean").fillna(False).to_numpy(bool)

    syarat = [
        ("tanpa_potret", ~ada),
        ("potret_lama", ada & (status["periode"].astype("string").fillna("").to_numpy(str) < periode)),
        ("tidak_dapat_diakses", ada & ~benar("aktif")),
        ("tidak_diperbarui", ada & benar("aktif") & ~benar("diperbarui")),
        ("posting_kurang", ada & (pd.to_numeric(status["posting_90_hari"], errors="coerce").fillna(0).to_numpy()
                                  < d["posting_minimum_90_hari"])),
        *[("tanpa_" + c.removeprefix("ada_"), ada & ~benar(c)) for c in kolom_kontak(k.pengaturan)],
        ("layanan_kurang", ada & (pd.to_numeric(status["jumlah_layanan"], errors="coerce").fillna(0).to_numpy()
                                  < d["layanan_minimum"])),
    ]
    kode = np.array([s[0] for s in syarat], dtype=object)
    tanda = np.column_stack([s[1] for s in syarat]) if len(status) else np.zeros((0, len(syarat)), bool)
    return pd.Series([tuple(kode[r]) for r in tanda], index=status.index, dtype=object)


def uraian_kekurangan(status: pd.DataFrame, bahasa: str = "id") -> pd.Series:
    """The gaps in words (``; ``-separated), with the snapshot month and days since the last update.

    >>> s = pd.DataFrame({"kekurangan": [("tidak_diperbarui", "tanpa_email"), ()], "hari_sejak_update": [45.0, 1.0],
    ...                   "periode": ["2026-10", "2026-10"]})
    >>> uraian_kekurangan(s, "en").tolist()
    ['not updated for 45 days; no email listed', '']
    """
    def satu(r) -> str:
        bagian = []
        for g in r["kekurangan"]:
            isi = {"hari": fmt.angka(r["hari_sejak_update"], 0, bahasa)} if g == "tidak_diperbarui" else {}
            if g == "potret_lama":
                isi = {"bulan": fmt.nama_periode(str(r["periode"]), bahasa)}
            bagian.append(teks(f"lay_gap_{g}", bahasa).format(**isi))
        return "; ".join(bagian)

    return status.apply(satu, axis=1).astype(object) if len(status) else pd.Series(dtype=object)


def ringkasan_situs(status: pd.DataFrame, kerangka: Kerangka | None = None) -> dict:
    """Headline counts of the villages in ``status`` (already limited to a unit).

    >>> s = pd.DataFrame({"status": ["aktif", "usang", "tanpa_data"], "hari_sejak_update": [3.0, 50.0, None],
    ...     "posting_90_hari": [5, 1, None], "ada_alamat": [True, True, None], "ada_email": [True, False, None],
    ...     "ada_telepon": [False, True, None], "jumlah_layanan": [4, 2, None], "jumlah_kekurangan": [1, 3, 1]})
    >>> r = ringkasan_situs(s)
    >>> r["desa"], r["aktif"], r["dengan_potret"], r["median_hari_update"], r["persen_kontak"]["ada_email"]
    (3, 1, 2, 26.5, 50.0)
    """
    k = kerangka or muat_kerangka()
    ada = status[status["status"] != "tanpa_data"]
    hitung = status["status"].value_counts()
    minimum = layanan.deklarasi()["posting_minimum_90_hari"]
    post = pd.to_numeric(ada["posting_90_hari"], errors="coerce")
    return {
        "desa": len(status), "dengan_potret": len(ada),
        **{s: int(hitung.get(s, 0)) for s in STATUS},
        "median_hari_update": float(pd.to_numeric(ada["hari_sejak_update"], errors="coerce").median())
        if len(ada) else np.nan,
        "persen_posting_cukup": float((post >= minimum).mean() * 100) if len(ada) else np.nan,
        "persen_kontak": {c: float(ada[c].astype("boolean").fillna(False).mean() * 100) if len(ada) else np.nan
                          for c in kolom_kontak(k.pengaturan)},
        "rata_layanan": float(pd.to_numeric(ada["jumlah_layanan"], errors="coerce").mean()) if len(ada) else np.nan,
        "perlu_perhatian": int((status["jumlah_kekurangan"] > 0).sum()),
    }


def status_per_kecamatan(status: pd.DataFrame, kode_kabupaten: str) -> pd.DataFrame:
    """Villages per kecamatan and status (long form: ``kode_induk, nama_kecamatan, status, desa``)."""
    kec = daftar_wilayah(kode_kabupaten, "kecamatan").set_index("kode_wilayah")["nama"]
    g = status.groupby(["kode_induk", "status"]).size().rename("desa").reset_index()
    full = pd.MultiIndex.from_product([sorted(status["kode_induk"].unique()), STATUS], names=["kode_induk", "status"])
    g = g.set_index(["kode_induk", "status"]).reindex(full, fill_value=0).reset_index()
    return g.assign(nama_kecamatan=g["kode_induk"].map(kec))
