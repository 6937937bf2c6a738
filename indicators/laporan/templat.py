"""Templates officers fill in: per dataset an XLSX and a CSV, from the declarations of ``data/skema.yaml``.

The XLSX has the header (the column names the importer reads), one example row (``contoh``; region
codes and points from the district's own register and map), dropdowns of the allowed values, a sheet
of the district's kecamatan and village codes and names, and a sheet explaining each column in both
languages (type, required, allowed values, range, other names read, personal data). The CSV is the
header with a BOM and ``;`` (Excel with Indonesian settings opens it in columns).

>>> templat_csv("program_progres").decode("utf-8-sig").strip()
'id_program;periode;target_persen;realisasi_persen;realisasi_anggaran'
"""
from __future__ import annotations

import pandas as pd

from indicators.dasar.label import teks
from indicators.data import skema as _skema
from indicators.laporan.ekspor import BOM, Lembar, ke_xlsx_buku
from indicators.wilayah.daftar import daftar_wilayah

BOOLEAN = ("ya", "tidak")


def templat_csv(dataset: str) -> bytes:
    """The header row, ``;``-separated, UTF-8 with BOM."""
    return (BOM + ";".join(_skema.skema(dataset).kolom) + "\r\n").encode("utf-8")


def _contoh_wilayah(dataset: str, kode_kabupaten: str) -> dict[str, object]:
    """Example region code (and point) of the district itself."""
    if dataset == "nilai_indikator":
        return {"kode_wilayah": kode_kabupaten}
    if dataset == "ruas_jalan":
        return {"kode_wilayah": daftar_wilayah(kode_kabupaten, "kecamatan")["kode_wilayah"].iloc[0]}
    from indicators.wilayah.batas import batas

    g = batas(kode_kabupaten, "desa").iloc[0]
    titik = g.geometry.representative_point()
    out = {"kode_wilayah": g["kode_wilayah"], "lat": round(titik.y, 5), "lon": round(titik.x, 5)}
    if dataset == "aduan_jalan":
        out["kode_wilayah"] = ""  # derived from the point once official boundaries are imported
    return out


def _nilai(c: _skema.Kolom, contoh: str | None):
    """The example as a spreadsheet cell: numbers numeric, dates as dates, the rest as text."""
    if contoh in (None, ""):
        return None
    if c.tipe in ("bulat", "angka"):
        x = float(str(contoh).replace(".", "").replace(",", ".")) if "," in str(contoh) else float(contoh)
        return int(x) if c.tipe == "bulat" else x
    if c.tipe in ("tanggal", "waktu"):
        return pd.Timestamp(contoh).to_pydatetime()
    return str(contoh)


def contoh_baris(dataset: str, kode_kabupaten: str) -> dict[str, object]:
    """The template's example row (declared ``contoh`` values; region and point of the district)."""
    ds = _skema.skema(dataset)
    wilayah = _contoh_wilayah(dataset, kode_kabupaten)
    out = {}
    for k, c in ds.kolom.items():
        out[k] = (wilayah[k] or None) if k in wilayah else _nilai(c, c.contoh)
    return out


def penjelasan(dataset: str) -> pd.DataFrame:
    """One row per column: what it is and what the importer accepts, in both languages."""
    ds = _skema.skema(dataset)
    rows = []
    for k, c in ds.kolom.items():
        rows.append({"kolom": k, "tipe": c.tipe, "wajib": "ya" if c.wajib else "tidak",
                     "kunci": "ya" if k in ds.kunci else "",
                     "nilai_diizinkan": ", ".join(c.nilai) if c.nilai else ("ya, tidak" if c.tipe == "boolean" else ""),
                     "min": c.min, "max": c.max, "nama_lain_dibaca": ", ".join(c.sinonim),
                     "data_pribadi": "ya" if c.pribadi else "", "deskripsi_id": c.deskripsi["id"],
                     "description_en": c.deskripsi["en"]})
    return pd.DataFrame(rows)


def daftar_kode(kode_kabupaten: str) -> pd.DataFrame:
    """The district's kecamatan and villages: codes and names (for filling ``kode_wilayah``)."""
    kec = daftar_wilayah(kode_kabupaten, "kecamatan").set_index("kode_wilayah")["nama"]
    desa = daftar_wilayah(kode_kabupaten, "desa")
    return pd.DataFrame({"kode_kecamatan": desa["kode_induk"], "kecamatan": desa["kode_induk"].map(kec),
                         "kode_wilayah": desa["kode_wilayah"], "desa_kelurahan": desa["nama"], "jenis": desa["jenis"]})


def templat_xlsx(dataset: str, kode_kabupaten: str, bahasa: str = "id") -> bytes:
    """The XLSX template of a dataset for a district (see the module docstring)."""
    ds = _skema.skema(dataset)
    contoh = pd.DataFrame([contoh_baris(dataset, kode_kabupaten)], columns=list(ds.kolom))
    pilihan = {k: list(c.nilai) for k, c in ds.kolom.items() if c.nilai}
    pilihan |= {k: list(BOOLEAN) for k, c in ds.kolom.items() if c.tipe == "boolean"}
    desimal = {k: (0 if c.tipe == "bulat" else None) for k, c in ds.kolom.items() if c.tipe in ("bulat", "angka")}
    contoh.attrs["desimal"] = {k: d for k, d in desimal.items() if d is not None}
    kode = daftar_kode(kode_kabupaten)
    if dataset == "ruas_jalan":
        kode = kode.drop_duplicates("kode_kecamatan")[["kode_kecamatan", "kecamatan"]]
    return ke_xlsx_buku([
        Lembar("data", contoh, pilihan),
        Lembar(teks("templat_lembar_wilayah", bahasa), kode),
        Lembar(teks("templat_lembar_penjelasan", bahasa), penjelasan(dataset)),
    ])
