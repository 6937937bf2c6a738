"""Village-service figures: DesaID websites, Smart Netizen requests, Ronda Online.

Issue 6 grows this module; the scoring core must reuse these functions, not recompute.
"""
from __future__ import annotations

import pandas as pd

from indicators.wilayah import daftar_wilayah


def status_situs_terakhir(web: pd.DataFrame, kode_kabupaten: str) -> pd.DataFrame:
    """The latest DesaID snapshot per village, every village of the register included.

    ``skor_situs`` is the share (0–100) of four checks met: active, address, email, phone;
    empty for a village with no snapshot.
    """
    desa = daftar_wilayah(kode_kabupaten, "desa")[["kode_wilayah", "nama", "kode_induk"]]
    akhir = web.sort_values("periode").groupby("kode_wilayah", as_index=False).tail(1)
    cek = akhir[["aktif", "ada_alamat", "ada_email", "ada_telepon"]].astype(float)
    akhir = akhir.assign(skor_situs=cek.mean(axis=1) * 100)
    kol = ["kode_wilayah", "periode", "url", "aktif", "posting_90_hari", "ada_alamat", "ada_email", "ada_telepon", "skor_situs"]
    return desa.merge(akhir[kol], on="kode_wilayah", how="left")


def permohonan_per_bulan(mohon: pd.DataFrame) -> pd.DataFrame:
    """Requests per month (``YYYY-MM``) and channel."""
    p = mohon.assign(periode=mohon["tanggal_masuk"].dt.strftime("%Y-%m"))
    return p.groupby(["periode", "kanal"], as_index=False).size().rename(columns={"size": "jumlah"})


def ringkasan_layanan(web: pd.DataFrame, mohon: pd.DataFrame, ronda: pd.DataFrame, kode_kabupaten: str) -> dict:
    """Headline figures of the village-services page."""
    desa = daftar_wilayah(kode_kabupaten, "desa")
    situs = status_situs_terakhir(web, kode_kabupaten)
    ada = situs["aktif"].notna()
    return {
        "persen_situs_aktif": float(situs.loc[ada, "aktif"].astype(float).mean() * 100) if ada.any() else float("nan"),
        "jumlah_permohonan": int(len(mohon)),
        "jumlah_laporan_ronda": int(len(ronda)),
        "desa_tanpa_data": int((~desa.kode_wilayah.isin(mohon.kode_wilayah)).sum()),
    }
