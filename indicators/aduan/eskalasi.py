"""The escalation pack for the province: provincial road sections, their complaints and condition.

One row per road section (``nama_ruas``) of the escalation authority (``data/aduan.yaml`` →
``eskalasi.kewenangan``, ``provinsi``): length and kemantapan from ``ruas_jalan``; unique
complaints, open backlog, open severe complaints, overdue, "not our road" closures, ages and
supporters from the complaints; the kecamatan affected. Downloadable as XLSX (through
:mod:`indicators.laporan.ekspor`, formula-safe) and as a PDF with a summary table and a map per section,
ready to attach to the regent's letter — those files are written by :mod:`indicators.laporan.eskalasi`.
"""
from __future__ import annotations

import pandas as pd

KOLOM = ["nama_ruas", "kecamatan", "panjang_km", "kemantapan_persen", "rusak_berat_km", "laporan", "aduan", "dukungan",
         "terbuka", "terbuka_berat", "terlambat", "bukan_kewenangan", "umur_median_hari", "umur_maks_hari",
         "aduan_per_10km", "laporan_pertama", "laporan_terakhir"]

def kewenangan_eskalasi() -> str:
    from indicators.aduan.aturan import deklarasi

    return str(deklarasi()["eskalasi"]["kewenangan"])


def tabel_eskalasi(df: pd.DataFrame, ruas: pd.DataFrame, kewenangan: str | None = None) -> pd.DataFrame:
    """One row per road section of ``kewenangan`` (default: the declared one), most open first.

    ``df`` is a frame of :func:`indicators.aduan.siapan.siapkan` (already filtered by period if wanted);
    ``ruas`` the ``ruas_jalan`` dataset. Counts of complaints are duplicate groups; ``laporan`` are
    all reports. Sections recorded in ``ruas_jalan`` without complaints are listed with zeros.
    """
    from indicators.aduan.aturan import URUTAN_KEWENANGAN
    from indicators.aduan.kondisi import kemantapan_ruas

    kew = kewenangan or kewenangan_eskalasi()
    if kew not in URUTAN_KEWENANGAN:
        raise ValueError(f"kewenangan harus salah satu dari {URUTAN_KEWENANGAN}, bukan {kew!r}")
    a = df[df["status_jalan"].astype(str) == kew]
    r = ruas[ruas["status_jalan"].astype(str) == kew]
    kondisi = kemantapan_ruas(r).set_index("nama_ruas")
    g = a.groupby(a["nama_ruas"].astype(str))
    buka = a[a["terbuka"]]
    gb = buka.groupby(buka["nama_ruas"].astype(str))
    satu_per_kelompok = buka.sort_values("umur_hari", ascending=False).drop_duplicates("kelompok")
    umur = satu_per_kelompok.groupby(satu_per_kelompok["nama_ruas"].astype(str))["umur_hari"]
    berat = buka[buka["tingkat"].astype(str) == "berat"]
    nama = sorted(set(kondisi.index) | set(g.groups))
    out = pd.DataFrame(index=pd.Index(nama, name="nama_ruas"))
    out["kecamatan"] = g["nama_kecamatan"].agg(lambda s: ", ".join(sorted(s.dropna().astype(str).unique())))
    out["panjang_km"] = kondisi["panjang_km"]
    out["kemantapan_persen"] = kondisi["kemantapan_persen"]
    out["rusak_berat_km"] = kondisi["rusak_berat_km"]
    out["laporan"] = g.size()
    out["aduan"] = g["kelompok"].nunique()
    out["dukungan"] = g["dukungan"].sum() if "dukungan" in a else 0
    out["terbuka"] = gb["kelompok"].nunique()
    out["terbuka_berat"] = berat.groupby(berat["nama_ruas"].astype(str))["kelompok"].nunique()
    out["terlambat"] = a[a["terlambat"]].groupby(a.loc[a["terlambat"], "nama_ruas"].astype(str))["kelompok"].nunique()
    out["bukan_kewenangan"] = a[a["status"].astype(str) == "bukan_kewenangan"].groupby("nama_ruas").size()
    out["umur_median_hari"] = umur.median()
    out["umur_maks_hari"] = umur.max()
    for k in ("laporan", "aduan", "dukungan", "terbuka", "terbuka_berat", "terlambat", "bukan_kewenangan"):
        out[k] = out[k].fillna(0).astype(int)
    out["aduan_per_10km"] = out["aduan"] / out["panjang_km"].where(out["panjang_km"] > 0) * 10
    out["laporan_pertama"] = g["waktu_lapor"].min()
    out["laporan_terakhir"] = g["waktu_lapor"].max()
    out["kecamatan"] = out["kecamatan"].fillna("")
    out = out.reset_index()[KOLOM]
    return out.sort_values(["terbuka", "aduan", "nama_ruas"], ascending=[False, False, True], ignore_index=True)


def judul_kolom(bahasa: str = "id") -> dict[str, str]:
    """Column headers of the pack in the reader's language (``data/label/aduan.yaml``)."""
    from indicators.aduan.aturan import judul_kolom as _judul

    return _judul(KOLOM, bahasa)
