"""Road-file import: a GeoJSON, GeoPackage or zipped Shapefile of road lines becomes ``ruas_jalan`` rows.

The bytes go through the boundary files' front door (:func:`indicators.data.berkas.periksa_berkas_batas`:
extension, size, type, zip contents, before any parsing), the lines through the one geo reader
(:func:`indicators.wilayah.jalan.baca_garis`: any CRS, lines only, length in the UTM zone). Attributes
are mapped like any upload (:mod:`indicators.data.pemetaan`: same names, the synonyms of
``data/skema.yaml`` — BIG RBI ``JALAN_LN`` fields, OpenStreetMap ``name``/``highway``/``ref``, PU register
columns — and the officer's ``SRC=DST`` pairs); authority and condition values are read through
``data/jalan.yaml``; every row is then validated against the schema. What is left out is listed,
feature by feature, with the reason in Indonesian; nothing is stored unless the caller stores the rows.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import yaml

from indicators.dasar.pengaturan import DATA_DIR
from indicators.data import pemetaan as _peta
from indicators.data import skema as _skema
from indicators.data.impor_batas import berkas_sementara

STATUS = ("nasional", "provinsi", "kabupaten", "desa")
SELISIH_PANJANG = 0.2  # a stated length this far (relative) from the line's own length is reported


@lru_cache(maxsize=1)
def deklarasi() -> dict:
    """``data/jalan.yaml``: value aliases for authority and condition, OSM classes, snapping labels."""
    return yaml.safe_load((DATA_DIR / "jalan.yaml").read_text(encoding="utf-8"))


def _kunci(v) -> str:
    return re.sub(r"[\s._\-/]+", " ", str(v).strip().lower()).strip()


def _kamus(bagian: str) -> dict[str, str]:
    return {_kunci(a): nilai for nilai, alias in deklarasi()[bagian].items() for a in [nilai, *alias]}


def baca_nilai(nilai: pd.Series, bagian: str) -> pd.Series:
    """Values written another way read as the dataset's (``bagian``: ``status_jalan``, ``kondisi`` or
    ``kelas_osm``); empty stays empty (None), unknown becomes NaN-free text ``"?<value>"``.

    >>> baca_nilai(pd.Series(["Jalan Provinsi", "RB", None, "tol?"]), "status_jalan").tolist()
    ['provinsi', '?RB', None, '?tol?']
    >>> baca_nilai(pd.Series(["Rusak Berat", "b"]), "kondisi").tolist()
    ['rusak_berat', 'baik']
    """
    kamus = _kamus(bagian)
    out = []
    for v in nilai.astype(object):
        if v is None or (isinstance(v, float) and np.isnan(v)) or not str(v).strip():
            out.append(None)
        else:
            out.append(kamus.get(_kunci(v), "?" + str(v).strip()))
    return pd.Series(out, index=nilai.index, dtype=object)


def _teks(s: pd.Series) -> pd.Series:
    return s.astype(object).where(s.notna(), None).map(lambda v: None if v is None else str(v).strip() or None)


def susun_ruas(garis, kode_kabupaten: str, peta_argumen: list[str] | None = None) -> tuple[pd.DataFrame, dict]:
    """Road lines read by :func:`~indicators.wilayah.jalan.baca_garis` → typed ``ruas_jalan`` rows + report.

    The report (added to the reader's): ``kolom`` (target ← file column), ``diabaikan`` (file columns
    not read), ``catatan`` (how values were read: estimated authority, ids or names filled in, lengths
    computed), ``panjang_berbeda`` (features whose stated length is more than 20 % off the line's),
    ``ditolak`` (feature, reason), ``segments`` and ``km_per_status`` (total km by authority and ``total``).
    """
    from indicators.wilayah.jalan import ke_wkt

    lap: dict = {"kolom": {}, "diabaikan": [], "catatan": [], "panjang_berbeda": []}
    ditolak: list[dict] = []
    atribut = pd.DataFrame({_peta.normal(c): garis[c] for c in garis.columns
                            if c not in ("geometry", "fitur", "kode_kecamatan", "panjang_geom_km")})
    u = _peta.usul(atribut.columns, "ruas_jalan", mirip=False)
    peta = {t: s for t, s in _peta.otomatis(u).items() if t in ("id_ruas", "nama_ruas", "status_jalan",
                                                                  "panjang_km", "kondisi", "kode_wilayah")}
    peta.update(_peta.dari_argumen(peta_argumen or [], "ruas_jalan"))
    peta = {t: s for t, s in peta.items() if t != "geometry"}  # the line is the file's own geometry
    if "status_jalan" not in peta:
        raise ValueError("berkas jalan tidak punya kolom kewenangan (status_jalan: nasional/provinsi/kabupaten/desa)"
                         " dan tidak ada kelas jalan OSM (highway/fclass); petakan dengan --map KOLOM=status_jalan")
    data, lap["diabaikan"] = _peta.terapkan(atribut, peta, "ruas_jalan")
    lap["kolom"] = dict(peta)
    lap["catatan"] += _peta.catatan(peta, u)
    n = len(garis)
    fitur = garis["fitur"].to_numpy()

    # authority: declared values, or the OSM class read as an estimate
    osm = peta["status_jalan"] in deklarasi()["kolom_kelas_osm"]
    status = baca_nilai(data["status_jalan"], "kelas_osm" if osm else "status_jalan")
    if osm:
        lap["catatan"].append(f"status_jalan diperkirakan dari kelas jalan OSM ({peta['status_jalan']}), "
                              "bukan dari penetapan status ruas: periksa dengan SK status jalan")
    # id: the file's, else one made from the feature number; duplicates get a suffix
    ids = _teks(data["id_ruas"]) if "id_ruas" in data else pd.Series([None] * n, index=data.index, dtype=object)
    kosong_id = ids.isna()
    ids[kosong_id] = [f"{kode_kabupaten}-J{f:05d}" for f in fitur[kosong_id.to_numpy()]]
    if kosong_id.any():
        lap["catatan"].append(f"{int(kosong_id.sum())} ruas tanpa kode: diberi kode {kode_kabupaten}-J<nomor fitur>")
    ulang = ids.groupby(ids).cumcount()
    if (ulang > 0).any():
        ids = ids.where(ulang == 0, ids + "-" + (ulang + 1).astype(str))
        lap["catatan"].append(f"{int((ulang > 0).sum())} kode ruas ganda (mis. satu ruas terbagi beberapa garis): "
                              "diberi akhiran -2, -3, …")
    # name: the file's, else the OSM road number (ref), else marked unnamed
    nama = _teks(data["nama_ruas"]) if "nama_ruas" in data else pd.Series([None] * n, index=data.index, dtype=object)
    if "ref" in atribut and nama.isna().any():
        ref = _teks(atribut["ref"])
        isi = nama.isna() & ref.notna()
        nama[isi] = "Jalan " + ref[isi]
        if isi.any():
            lap["catatan"].append(f"{int(isi.sum())} ruas tanpa nama: dinamai dari nomor jalan (ref)")
            lap["diabaikan"] = [c for c in lap["diabaikan"] if c != "ref"]
    tanpa = nama.isna()
    nama[tanpa] = "(tanpa nama) " + ids[tanpa]
    if tanpa.any():
        lap["catatan"].append(f"{int(tanpa.sum())} ruas tanpa nama: ditulis '(tanpa nama) <kode ruas>'")
    # length: stated, else the line's own in the UTM zone
    geom_km = garis["panjang_geom_km"].to_numpy(float)
    if "panjang_km" in data:
        nyatakan = pd.to_numeric(_teks(data["panjang_km"]).str.replace(",", ".", regex=False), errors="coerce")
    else:
        nyatakan = pd.Series(np.nan, index=data.index)
    hitung = nyatakan.isna().to_numpy()
    panjang = np.where(hitung, geom_km, nyatakan.to_numpy(float))
    if hitung.any():
        lap["catatan"].append(f"{int(hitung.sum())} ruas tanpa panjang: dihitung dari garisnya dalam "
                              f"{garis.attrs.get('crs_metrik') or 'zona UTM'}")
    beda = ~hitung & (np.abs(panjang - geom_km) > SELISIH_PANJANG * np.maximum(geom_km, 1e-9))
    lap["panjang_berbeda"] = [{"fitur": int(f), "panjang_km": float(a), "panjang_garis_km": round(float(b), 3)}
                              for f, a, b in zip(fitur[beda], panjang[beda], geom_km[beda], strict=True)]
    kondisi = (baca_nilai(data["kondisi"], "kondisi") if "kondisi" in data
               else pd.Series([None] * n, index=data.index, dtype=object))
    if kondisi.isna().all():
        lap["catatan"].append("berkas tidak memuat kondisi ruas: kemantapan baru terhitung setelah kondisi diisi")
    # kecamatan: the file's code when it is one of the district's kecamatan, else from the line's midpoint
    from indicators.wilayah.daftar import daftar_wilayah
    from indicators.wilayah.resolver import normal_kode

    kec_sah = set(daftar_wilayah(kode_kabupaten, "kecamatan")["kode_wilayah"])
    kode = (data["kode_wilayah"].map(normal_kode) if "kode_wilayah" in data
            else pd.Series([None] * n, index=data.index, dtype=object))
    kode = kode.where(kode.isin(kec_sah), pd.Series(garis["kode_kecamatan"].to_numpy(), index=data.index))

    mentah = pd.DataFrame({
        "id_ruas": ids, "nama_ruas": nama, "status_jalan": status,
        "panjang_km": pd.Series(panjang, index=data.index).map(lambda v: f"{v:.4f}".replace(".", ",")),
        "kondisi": kondisi, "kode_wilayah": kode.astype(object).where(kode.notna(), None),
        "geometry": ke_wkt(garis.geometry.array)}, index=data.index)
    # values the declared tables do not know: refused with the value named (road attributes, not personal)
    for kol, apa in (("status_jalan", "kewenangan"), ("kondisi", "kondisi")):
        tak = mentah[kol].astype(str).str.startswith("?") & mentah[kol].notna()
        for i in np.flatnonzero(tak.to_numpy()):
            v = str(mentah[kol].iat[i])[1:]
            teks = v if _skema.boleh_digemakan(v) else "(disamarkan)"
            alasan = (f"kelas jalan OSM {teks!r} bukan jalan kendaraan yang diadukan" if osm and kol == "status_jalan"
                      else f"{apa} tidak dikenal: {teks!r} (nilai yang dikenal: data/jalan.yaml)")
            ditolak.append({"fitur": int(fitur[i]), "alasan": alasan})
    tak = np.zeros(n, bool)
    for kol in ("status_jalan", "kondisi"):
        tak |= (mentah[kol].astype(str).str.startswith("?") & mentah[kol].notna()).to_numpy()
    tak |= mentah["status_jalan"].isna().to_numpy()
    for i in np.flatnonzero(mentah["status_jalan"].isna().to_numpy()):
        ditolak.append({"fitur": int(fitur[i]), "alasan": "kewenangan (status_jalan) kosong"})
    sisa = mentah.loc[~tak]
    sisa.index = pd.RangeIndex(len(sisa))
    v = _skema.validasi(sisa, "ruas_jalan", baris_awal=0)
    f_sisa = fitur[~tak]
    for _, g in v.galat.iterrows():
        ditolak.append({"fitur": int(f_sisa[int(g["baris"])]), "alasan": f"{g['kolom']}: {g['aturan']}"})
    salah = sorted({int(b) for b in v.galat["baris"]}) if not v.galat.empty else []
    hasil = v.data.drop(index=salah).reset_index(drop=True)
    hasil["panjang_km"] = hasil["panjang_km"].round(3)
    lap["ditolak"] = sorted(ditolak, key=lambda d: d["fitur"])
    lap["segments"] = len(hasil)
    km = hasil.groupby(hasil["status_jalan"].astype(str))["panjang_km"].sum()
    lap["km_per_status"] = {s: round(float(km.get(s, 0.0)), 3) for s in STATUS}
    lap["km_per_status"]["total"] = round(float(hasil["panjang_km"].sum()), 3)
    return hasil, lap


def baca_jalan_unggahan(isi: bytes, nama_berkas: str, kode_kabupaten: str, peta_argumen: list[str] | None = None,
                        batas_byte: int | None = None) -> tuple[pd.DataFrame, dict]:
    """Check and read an uploaded road file; returns ``(ruas_jalan rows, report)`` (see :func:`susun_ruas`).

    The report's ``ditolak`` lists every feature left out: the reader's (not a line, empty, outside
    Indonesia or the district) and the attributes' (authority or condition not known, schema rules).
    """
    from indicators.wilayah.jalan import baca_garis

    with berkas_sementara(isi, nama_berkas, batas_byte) as path:
        garis, lap = baca_garis(path, kode_kabupaten)
    if garis.empty:
        raise ValueError("berkas jalan tidak memuat satu pun garis (LineString/MultiLineString) yang dapat dipakai: "
                         + "; ".join(f"fitur {d['fitur']}: {d['alasan']}" for d in lap["ditolak"][:5]))
    garis.attrs["crs_metrik"] = lap["crs_metrik"]
    ditolak_geo = lap.pop("ditolak")
    hasil, lap2 = susun_ruas(garis, kode_kabupaten, peta_argumen)
    lap2["ditolak"] = sorted(ditolak_geo + lap2["ditolak"], key=lambda d: d["fitur"])
    return hasil, {**lap, **lap2}
