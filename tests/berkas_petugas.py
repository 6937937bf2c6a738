"""Files data officers bring, built at test time from the seeded demo and named after their scenario.

Each builder returns ``(bytes, expected)`` where ``expected`` holds what the file says, worked out here
from the rows written (never from the importer)."""
from __future__ import annotations

import pandas as pd

from tests.bantu import demo, ke_teks


def smart_netizen_12_baris_6_desa(bulan: str = "2026-10", ganti_header: dict | None = None,
                                  tambah_kolom: dict | None = None) -> tuple[bytes, pd.DataFrame]:
    """Smart Netizen: 12 requests of ``bulan`` for the first 6 villages (2 each), ISO dates, ``;``, BOM."""
    d = ke_teks(demo()["layanan_permohonan"])
    bln = d[d["tanggal_masuk"].str.startswith(bulan)]
    desa = sorted(bln["kode_wilayah"].unique())[:6]
    f = bln[bln["kode_wilayah"].isin(desa)].groupby("kode_wilayah").head(2).reset_index(drop=True)
    f["id_permohonan"] = [f"SN-NYATA-{i:03d}" for i in range(len(f))]  # real rows, not the demo's own
    keluar = f.rename(columns=ganti_header or {})
    for k, v in (tambah_kolom or {}).items():
        keluar[k] = v
    return keluar.to_csv(index=False, sep=";").encode("utf-8-sig"), f


def ronda_titik_koma_koma_desimal_tanggal_indonesia() -> tuple[bytes, pd.DataFrame]:
    """Ronda Online as Indonesian Excel saves it: BOM, ``;``, decimal comma, ``dd/mm/yyyy hh:mm`` times,
    and two headers renamed by the operator (``Waktu Kejadian Tercatat``, ``Lama Respons (mnt)``)."""
    d = demo()["ronda_laporan"]
    d = d[d["waktu_respon_menit"].notna()]
    hari = pd.to_datetime(d["waktu"]).dt.day
    # days above 12 in the file: dd/mm is then unambiguous (a file of days <= 12 only must be asked about)
    f = pd.concat([d[hari > 12].head(4), d[hari <= 12].head(4)]).reset_index(drop=True).copy()
    f["waktu_respon_menit"] = [12.5, 7.25, 30.0, 4.75, 18.5, 9.0, 61.25, 3.5]
    f["waktu"] = pd.to_datetime(f["waktu"]).dt.floor("min")
    keluar = pd.DataFrame({
        "id_laporan": f["id_laporan"], "kode_wilayah": f["kode_wilayah"],
        "Waktu Kejadian Tercatat": f["waktu"].dt.strftime("%d/%m/%Y %H:%M"),
        "jenis": f["jenis"], "kategori": f["kategori"],
        "Lama Respons (mnt)": [f"{v:.2f}".replace(".", ",") for v in f["waktu_respon_menit"]],
        "jumlah_peserta": f["jumlah_peserta"].astype(int)})
    return keluar.to_csv(index=False, sep=";").encode("utf-8-sig"), f


def aduan_koordinat_tertukar_dan_di_luar(kode_kabupaten: str = "18.02") -> tuple[bytes, pd.DataFrame]:
    """Complaints with kode_wilayah: rows 0–2 fine, row 3 in Jakarta (outside), row 4 swapped lat/lon."""
    f = ke_teks(demo()["aduan_jalan"].head(5))
    f["id_aduan"] = [f"AJ-NYATA-{i}" for i in range(5)]
    f["lat"] = ["-4.97", "-5.10", "-4.85", "-6.2", "105.25"]
    f["lon"] = ["105.25", "105.26", "105.40", "106.8", "-4.97"]
    f["kode_wilayah"] = "18.02.04.2001"
    return f.to_csv(index=False).encode("utf-8"), f
