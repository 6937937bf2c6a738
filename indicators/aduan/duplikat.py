"""Duplicate road complaints: reports of the same damage grouped under the first report.

A complaint joins the group of an earlier *first report* when both have the same key columns
(road and damage type, ``data/aduan.yaml`` → ``duplikat.kunci``), it lies within ``jarak_meter``
of that first report and was reported at most ``jendela_hari`` after it. Distances are measured to
the first report only, so a string of reports 90 m apart does not chain into one long group.
A report that matches no open window starts a group of its own. Points that cannot be trusted
(swapped or outside Indonesia, see :func:`indicators.aduan.siapan.titik_bermasalah`) stay alone.

>>> d = pd.DataFrame({"id_aduan": ["A", "B", "C"],
...                   "waktu_lapor": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03"]),
...                   "lat": [-5.0, -5.0005, -5.0010], "lon": [105.0, 105.0, 105.0], "nama_ruas": ["R"] * 3,
...                   "jenis_kerusakan": ["lubang"] * 3, "dukungan": [1, 2, 0]})
>>> kelompokkan(d, jarak_meter=100, jendela_hari=7)["kelompok"].tolist()
['A', 'A', 'C']
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

JARI_JARI_BUMI_M = 6_371_008.8  # mean Earth radius (IUGG)


def jarak_haversine(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in metres (haversine), element-wise.

    >>> round(float(jarak_haversine(-5.0, 105.0, -5.001, 105.0)), 1)  # 0.001° of latitude
    111.2
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2, float) - np.asarray(lon1, float))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * JARI_JARI_BUMI_M * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def _titik_sah(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    # a point usable for distances: inside Indonesia's extent as given (not swapped, not missing)
    return np.isfinite(lat) & np.isfinite(lon) & (lat >= -11.5) & (lat <= 6.5) & (lon >= 94.0) & (lon <= 141.5)


def kelompokkan(df: pd.DataFrame, jarak_meter: float | None = None, jendela_hari: float | None = None,
                kunci: Sequence[str] | None = None) -> pd.DataFrame:
    """Duplicate groups, one row per complaint in the order of ``df``.

    Columns: ``kelompok`` (the ``id_aduan`` of the group's first report), ``utama`` (True for the
    first report), ``laporan_kelompok`` (reports in the group) and ``dukungan_kelompok`` (sum of
    ``dukungan`` over the group; 0 when the column is absent). Defaults come from
    ``data/aduan.yaml``. ``ValueError`` for a negative distance or window, or missing columns.
    """
    from indicators.aduan.aturan import deklarasi

    aturan = deklarasi()["duplikat"]
    jarak = float(aturan["jarak_meter"] if jarak_meter is None else jarak_meter)
    jendela = float(aturan["jendela_hari"] if jendela_hari is None else jendela_hari)
    kunci = list(aturan["kunci"] if kunci is None else kunci)
    if jarak < 0 or jendela < 0:
        raise ValueError(f"jarak_meter dan jendela_hari tidak boleh negatif (jarak {jarak}, jendela {jendela})")
    kurang = [k for k in ["id_aduan", "waktu_lapor", "lat", "lon", *kunci] if k not in df.columns]
    if kurang:
        raise ValueError(f"kolom wajib untuk deteksi duplikat tidak ada: {kurang}")

    n = len(df)
    ids = df["id_aduan"].astype(str).to_numpy()
    t = pd.to_datetime(df["waktu_lapor"]).to_numpy("datetime64[s]").astype("int64").astype(float) / 86400.0
    lat = pd.to_numeric(df["lat"], errors="coerce").to_numpy(float)
    lon = pd.to_numeric(df["lon"], errors="coerce").to_numpy(float)
    sah = _titik_sah(lat, lon)
    induk = np.arange(n)  # position of each complaint's first report
    urut = np.lexsort((ids, t))  # by report time, then id: deterministic
    blok = pd.Series(urut).groupby([df[k].astype(str).to_numpy()[urut] for k in kunci], sort=False)
    for _, posisi in blok:
        p = posisi.to_numpy()
        p = p[sah[p]]
        if len(p) < 2:
            continue
        utama: list[int] = []  # first reports whose window may still be open, oldest first
        for i in p:
            while utama and t[i] - t[utama[0]] > jendela:
                utama.pop(0)
            if utama:
                u = np.asarray(utama)
                d = jarak_haversine(lat[u], lon[u], lat[i], lon[i])
                dekat = np.flatnonzero(d <= jarak)
                if len(dekat):
                    induk[i] = u[dekat[np.argmin(d[dekat])]]  # the nearest; on a tie the oldest
                    continue
            utama.append(i)
    kelompok = ids[induk]
    ukuran = pd.Series(kelompok).map(pd.Series(kelompok).value_counts()).to_numpy()
    dukungan = (pd.to_numeric(df["dukungan"], errors="coerce").fillna(0).to_numpy(float)
                if "dukungan" in df else np.zeros(n))
    total_dukungan = pd.Series(dukungan).groupby(kelompok).transform("sum").to_numpy()
    return pd.DataFrame({"kelompok": kelompok, "utama": induk == np.arange(n), "laporan_kelompok": ukuran.astype(int),
                         "dukungan_kelompok": total_dukungan.astype(int)}, index=df.index)


def daftar_kelompok(df: pd.DataFrame, bahasa: str = "id", minimal: int = 2) -> pd.DataFrame:
    """Groups with at least ``minimal`` reports, largest first: road, damage, reports, supporters, span.

    ``df`` is the frame of :func:`indicators.aduan.siapan.siapkan` (it carries ``kelompok``).
    """
    from indicators.aduan.aturan import label_kategori

    if "kelompok" not in df:
        raise ValueError("df belum dikelompokkan: gunakan indicators.aduan.siapan.siapkan()")
    g = df.groupby("kelompok", sort=False)
    out = pd.DataFrame({
        "kelompok": g.size().index, "laporan": g.size().to_numpy(),
        "dukungan": g["dukungan"].sum().to_numpy() if "dukungan" in df else 0,
        "terbuka": g["terbuka"].any().to_numpy(),
    })
    utama = df[df["utama"]].set_index("id_aduan")
    out = out[out["laporan"] >= minimal]
    u = utama.reindex(out["kelompok"])
    out = out.assign(
        nama_ruas=u["nama_ruas"].to_numpy(),
        kewenangan=u["status_jalan"].map(label_kategori("kewenangan", bahasa)).to_numpy(),
        jenis_kerusakan=u["jenis_kerusakan"].map(label_kategori("jenis_kerusakan", bahasa)).to_numpy(),
        nama_kecamatan=u["nama_kecamatan"].to_numpy() if "nama_kecamatan" in u else None,
        laporan_pertama=u["waktu_lapor"].to_numpy(),
        laporan_terakhir=g["waktu_lapor"].max().reindex(out["kelompok"]).to_numpy(),
    )
    return out.sort_values(["laporan", "dukungan", "kelompok"], ascending=[False, False, True], ignore_index=True)
