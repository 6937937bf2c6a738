"""Fixable problems of an upload: warnings listed by file row, imported with a data-quality flag.

Impossible values are errors (the schema refuses the file). What an officer can fix at the source but
need not block an import is a warning: a point whose latitude and longitude are swapped, a point
outside the district, a village name matched to the register through a different spelling. Each is
one row of the report (row as in the file, column, rule — the value only when it is not personal:
coordinates and village names) and becomes the row's ``catatan_mutu`` in the store, which the pages
show.

>>> import pandas as pd
>>> t = periksa_titik(pd.Series([-4.97, 105.25, -8.7]), pd.Series([105.25, -4.97, 116.3]), "18.02")
>>> t.tolist()
['', 'tertukar', 'luar']
"""
from __future__ import annotations

import pandas as pd

ATURAN_TERTUKAR = "lintang/bujur tampaknya tertukar: titik disimpan apa adanya dan ditandai"
ATURAN_LUAR = "titik di luar wilayah kabupaten: disimpan dan ditandai"
ATURAN_EJAAN = "nama wilayah dicocokkan dengan ejaan berbeda"
CATATAN = {"tertukar": "lintang/bujur tertukar", "luar": "titik di luar kabupaten",
           "ejaan": "nama wilayah dicocokkan dengan ejaan berbeda"}
_TEPI_DERAJAT = 0.05  # a point this close outside the district's extent still counts as inside


def _luas_kabupaten(kode_kabupaten: str):
    """The district's area: the real village polygons when imported, else the extent of the
    (schematic) kecamatan cells widened by a small margin; ``(geometry or None, bounds)``."""
    from indicators.wilayah.batas import batas

    g = batas(kode_kabupaten, "desa")
    nyata = g[~g["geometri_skematis"]] if "geometri_skematis" in g else g.iloc[0:0]
    x0, y0, x1, y1 = g.total_bounds
    kotak = (x0 - _TEPI_DERAJAT, y0 - _TEPI_DERAJAT, x1 + _TEPI_DERAJAT, y1 + _TEPI_DERAJAT)
    return (nyata.union_all() if len(nyata) == len(g) and len(g) else None), kotak


def periksa_titik(lat: pd.Series, lon: pd.Series, kode_kabupaten: str) -> pd.Series:
    """Per point: ``""`` inside the district, ``tertukar`` when swapping latitude and longitude puts
    it inside, ``luar`` otherwise; missing coordinates are ``""`` (the schema reports them)."""
    import shapely

    bidang, (x0, y0, x1, y1) = _luas_kabupaten(kode_kabupaten)
    lat = pd.to_numeric(lat, errors="coerce")
    lon = pd.to_numeric(lon, errors="coerce")

    def di_dalam(y: pd.Series, x: pd.Series) -> pd.Series:
        kotak = y.between(y0, y1) & x.between(x0, x1)
        if bidang is None or not kotak.any():
            return kotak
        out = kotak.copy()
        out[kotak] = shapely.contains_xy(bidang, x[kotak].to_numpy(), y[kotak].to_numpy())
        return out

    ada = lat.notna() & lon.notna()
    dalam = di_dalam(lat, lon)
    tukar = ~dalam & di_dalam(lon, lat)
    hasil = pd.Series("", index=lat.index, dtype=object)
    hasil[ada & ~dalam & tukar] = "tertukar"
    hasil[ada & ~dalam & ~tukar] = "luar"
    return hasil


def peringatan_titik(status: pd.Series, lat: pd.Series, lon: pd.Series, nomor: pd.Series) -> list[dict]:
    """Report rows for :func:`periksa_titik`'s findings (``nomor``: file row per index)."""
    out = []
    for i in status.index[status != ""]:
        out.append({"baris": int(nomor[i]), "kolom": "lat+lon",
                    "aturan": ATURAN_TERTUKAR if status[i] == "tertukar" else ATURAN_LUAR,
                    "nilai": f"{float(lat[i]):.5f}, {float(lon[i]):.5f}"})
    return out


def peringatan_ejaan(resolusi: pd.DataFrame, kunci_baris: pd.Series, nomor: pd.Series, kolom: str,
                     nama_kode: dict[str, str]) -> list[dict]:
    """Report rows for names the resolver matched through another spelling: every file row of each
    such name (``kunci_baris``: per index the ``nama\\x00kecamatan`` key of the row)."""
    fuzzy = resolusi[(resolusi["match"] == "fuzzy") & ~resolusi["dipilih"]]
    if fuzzy.empty:
        return []
    per_kunci = {n + "\x00" + k: (kode, skor) for n, k, kode, skor in
                 zip(fuzzy["nama"], fuzzy["kecamatan"], fuzzy["kode_wilayah"], fuzzy["score"], strict=True)}
    out = []
    for i, k in kunci_baris.items():
        if k in per_kunci:
            kode, skor = per_kunci[k]
            out.append({"baris": int(nomor[i]), "kolom": kolom,
                        "aturan": f"{ATURAN_EJAAN}: {nama_kode.get(kode, kode)} ({kode}), skor {float(skor):.0f}",
                        "nilai": k.split("\x00", 1)[0]})
    return out


def catatan_per_baris(peringatan: pd.DataFrame, nomor: pd.Series) -> pd.Series:
    """The data-quality flag of each row (index as ``nomor``), from the warnings: ``""`` for none."""
    jenis = peringatan["aturan"].map(lambda a: CATATAN["tertukar"] if a == ATURAN_TERTUKAR else
                                     CATATAN["luar"] if a == ATURAN_LUAR else
                                     CATATAN["ejaan"] if str(a).startswith(ATURAN_EJAAN) else str(a))
    per_baris = pd.Series(jenis.to_numpy(), index=peringatan["baris"].to_numpy()).groupby(level=0).agg(
        lambda s: "; ".join(dict.fromkeys(s)))
    balik = pd.Series(nomor.index, index=nomor.to_numpy())
    out = pd.Series("", index=nomor.index, dtype=object)
    ada = per_baris.index.intersection(balik.index)
    out[balik[ada].to_numpy()] = per_baris[ada].to_numpy()
    return out
