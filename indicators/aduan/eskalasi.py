"""The escalation pack for the province: provincial road sections, their complaints and condition.

One row per road section (``nama_ruas``) of the escalation authority (``data/aduan.yaml`` →
``eskalasi.kewenangan``, ``provinsi``): length and kemantapan from ``ruas_jalan``; unique
complaints, open backlog, open severe complaints, overdue, "not our road" closures, ages and
supporters from the complaints; the kecamatan affected. Downloadable as XLSX (through
:mod:`indicators.laporan.ekspor`, formula-safe) and as a PDF with a summary table and a map per section,
ready to attach to the regent's letter — those files are written by :mod:`indicators.laporan.eskalasi`.

The period filters what was *reported*, never hides what is still *open*: given the unfiltered frame
(``semua``), the backlog columns (open, open severe, overdue, ages) count every complaint still open,
however old, and :func:`daftar_terbuka` lists each of them with its place on the section (km from the
section's start along its stored line).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

KOLOM = ["nama_ruas", "kecamatan", "panjang_km", "kemantapan_persen", "rusak_berat_km", "laporan", "aduan", "dukungan",
         "terbuka", "terbuka_berat", "terlambat", "bukan_kewenangan", "umur_median_hari", "umur_maks_hari",
         "aduan_per_10km", "laporan_pertama", "laporan_terakhir"]

def kewenangan_eskalasi() -> str:
    from indicators.aduan.aturan import deklarasi

    return str(deklarasi()["eskalasi"]["kewenangan"])


def tabel_eskalasi(df: pd.DataFrame, ruas: pd.DataFrame, kewenangan: str | None = None,
                   semua: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per road section of ``kewenangan`` (default: the declared one), most open first.

    ``df`` is a frame of :func:`indicators.aduan.siapan.siapkan` (already filtered by period if wanted);
    ``semua`` the same frame unfiltered: when given, the open backlog (``terbuka``, ``terbuka_berat``,
    ``terlambat``, ages) is counted from it, so a period never hides an open complaint.
    ``ruas`` the ``ruas_jalan`` dataset. Counts of complaints are duplicate groups; ``laporan`` are
    all reports. Sections recorded in ``ruas_jalan`` without complaints are listed with zeros.
    """
    from indicators.aduan.aturan import URUTAN_KEWENANGAN
    from indicators.aduan.kondisi import kemantapan_ruas

    kew = kewenangan or kewenangan_eskalasi()
    if kew not in URUTAN_KEWENANGAN:
        raise ValueError(f"kewenangan harus salah satu dari {URUTAN_KEWENANGAN}, bukan {kew!r}")
    a = df[df["status_jalan"].astype(str) == kew]
    s = a if semua is None else semua[semua["status_jalan"].astype(str) == kew]
    r = ruas[ruas["status_jalan"].astype(str) == kew]
    kondisi = kemantapan_ruas(r).set_index("nama_ruas")
    g = a.groupby(a["nama_ruas"].astype(str))
    buka = s[s["terbuka"]]
    gb = buka.groupby(buka["nama_ruas"].astype(str))
    satu_per_kelompok = buka.sort_values("umur_hari", ascending=False).drop_duplicates("kelompok")
    umur = satu_per_kelompok.groupby(satu_per_kelompok["nama_ruas"].astype(str))["umur_hari"]
    berat = buka[buka["tingkat"].astype(str) == "berat"]
    nama = sorted(set(kondisi.index) | set(g.groups) | set(gb.groups))
    out = pd.DataFrame(index=pd.Index(nama, name="nama_ruas"))
    kena = pd.concat([a, buka])  # the kecamatan of the period's reports and of every open complaint
    out["kecamatan"] = kena.groupby(kena["nama_ruas"].astype(str))["nama_kecamatan"].agg(
        lambda x: ", ".join(sorted(x.dropna().astype(str).unique())))
    out["panjang_km"] = kondisi["panjang_km"]
    out["kemantapan_persen"] = kondisi["kemantapan_persen"]
    out["rusak_berat_km"] = kondisi["rusak_berat_km"]
    out["laporan"] = g.size()
    out["aduan"] = g["kelompok"].nunique()
    out["dukungan"] = g["dukungan"].sum() if "dukungan" in a else 0
    out["terbuka"] = gb["kelompok"].nunique()
    out["terbuka_berat"] = berat.groupby(berat["nama_ruas"].astype(str))["kelompok"].nunique()
    lambat = buka[buka["terlambat"]]
    out["terlambat"] = lambat.groupby(lambat["nama_ruas"].astype(str))["kelompok"].nunique()
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


KOLOM_TERBUKA = ["nama_ruas", "id_aduan", "waktu_lapor", "umur_hari", "tingkat", "jenis_kerusakan", "status", "lat",
                 "lon", "km_dari_awal", "nama_desa", "nama_kecamatan", "kelompok", "terlambat"]


def km_di_ruas(titik_lat, titik_lon, segmen) -> np.ndarray:
    """Km from a section's start for points: ``segmen`` the section's segments (GeoDataFrame of
    :func:`indicators.wilayah.jalan.jaringan`), laid end to end in ``id_ruas`` order; each point is
    projected onto its nearest segment in the UTM zone and placed at that segment's offset plus the
    distance along it. NaN without a line.

    >>> import geopandas as gpd
    >>> from shapely.geometry import LineString
    >>> seg = gpd.GeoDataFrame({"id_ruas": ["R.02", "R.01"]}, geometry=[LineString([(501000, 9450000),
    ...     (503000, 9450000)]), LineString([(500000, 9450000), (501000, 9450000)])], crs=32748).to_crs(4326)
    >>> p = gpd.GeoSeries.from_xy([500500, 502500], [9450020, 9449990], crs=32748).to_crs(4326)
    >>> km_di_ruas(p.y, p.x, seg).round(3).tolist()   # 0.5 km on R.01; 1 km (R.01) + 1.5 km on R.02
    [0.5, 2.5]
    """
    import shapely
    from pyproj import Transformer

    from indicators.wilayah.jalan import crs_metrik

    lat, lon = np.asarray(titik_lat, float), np.asarray(titik_lon, float)
    out = np.full(len(lat), np.nan)
    if segmen is None or not len(segmen) or not len(lat):
        return out
    m = crs_metrik(segmen.geometry)
    seg = segmen.sort_values("id_ruas", kind="stable").to_crs(m).geometry.array
    panjang = shapely.length(seg)
    awal = np.concatenate([[0.0], np.cumsum(panjang)[:-1]])
    ok = np.isfinite(lat) & np.isfinite(lon)
    x, y = Transformer.from_crs("EPSG:4326", m, always_xy=True).transform(lon[ok], lat[ok])
    pt = shapely.points(x, y)
    (ti, ri) = shapely.STRtree(seg).query_nearest(pt, all_matches=False)
    pos = np.full(len(pt), np.nan)
    pos[ti] = awal[ri] + shapely.line_locate_point(seg[ri], pt[ti])
    out[ok] = pos / 1000
    return out


def daftar_terbuka(semua: pd.DataFrame, ruas: pd.DataFrame, kewenangan: str | None = None) -> pd.DataFrame:
    """Every complaint still open on a section of ``kewenangan``, whatever the period: one row per
    report (:data:`KOLOM_TERBUKA`), by section then km from its start (``km_dari_awal``; NaN when the
    section has no stored line), oldest first where there is no km."""
    from indicators.wilayah.jalan import jaringan

    kew = kewenangan or kewenangan_eskalasi()
    b = semua[semua["terbuka"] & (semua["status_jalan"].astype(str) == kew)].copy()
    net = jaringan(ruas[ruas["status_jalan"].astype(str) == kew]) if ruas is not None and len(ruas) else None
    b["km_dari_awal"] = np.nan
    if net is not None and len(net):
        ok = b["titik_masalah"] == "" if "titik_masalah" in b else pd.Series(True, index=b.index)
        for nama, idx in b[ok].groupby(b.loc[ok, "nama_ruas"].astype(str)).groups.items():
            seg = net[net["nama_ruas"].astype(str) == nama]
            if len(seg):
                b.loc[idx, "km_dari_awal"] = km_di_ruas(b.loc[idx, "lat"], b.loc[idx, "lon"], seg)
    for k in KOLOM_TERBUKA:
        if k not in b:
            b[k] = None
    b["umur_hari"] = b["umur_hari"].round(1)
    b["km_dari_awal"] = b["km_dari_awal"].round(2)
    b = b.sort_values(["nama_ruas", "km_dari_awal", "waktu_lapor"], kind="stable", na_position="last")
    return b[KOLOM_TERBUKA].reset_index(drop=True)
