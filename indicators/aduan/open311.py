"""Road complaints as Open311 GeoReport v2 service requests (``GET /requests.json`` shape).

Field mapping (https://wiki.open311.org/GeoReport_v2/#get-service-requests):

=====================  ==============================================================================
``service_request_id``  ``id_aduan``
``status``              ``open``/``closed`` from ``data/aduan.yaml`` (each lifecycle status declares it)
``status_notes``        the status in words, the duplicate group, the last history note (phones masked)
``service_name``        damage type label; ``service_code`` the damage type code (``lubang`` …)
``description``         the reporter's text as a viewer may see it: phone numbers removed
``agency_responsible``  the road authority's agency (``kewenangan.*.instansi``)
``requested_datetime``  ``waktu_lapor``; ``updated_datetime`` ``waktu_status`` (ISO 8601 with the
                        province's UTC offset, ``zona_waktu``)
``expected_datetime``   report time + fix target (open complaints only; closed ones: null)
``address``             road, village, kecamatan
``lat``/``long``        the point; null when it was flagged (swapped or outside Indonesia)
=====================  ==============================================================================

Personal data never leaves: names and phone columns are not read, descriptions and notes are
cleaned with the role ``publik`` (:func:`indicators.akses.privasi.lindungi`).
"""
from __future__ import annotations

import json
import math

import pandas as pd

from indicators.akses import privasi

STATUS_OPEN311 = ("open", "closed")
FIELD = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
         "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
         "address", "address_id", "zipcode", "lat", "long", "media_url"]


def zona_waktu(kode_kabupaten: str) -> str:
    """UTC offset of the district's province (``+07:00`` WIB, ``+08:00`` WITA, ``+09:00`` WIT).

    >>> zona_waktu("18.02"), zona_waktu("52.02"), zona_waktu("94.01")
    ('+07:00', '+08:00', '+09:00')
    """
    from indicators.aduan.aturan import deklarasi

    z = deklarasi()["zona_waktu"]
    return str(z["provinsi"].get(str(kode_kabupaten).split(".")[0], z["bawaan"]))


def _iso(t, zona: str) -> str | None:
    if t is None or pd.isna(t):
        return None
    return pd.Timestamp(t).floor("s").strftime("%Y-%m-%dT%H:%M:%S") + zona


def _instansi(kode_kabupaten: str) -> dict[str, str]:
    from indicators.aduan.aturan import deklarasi
    from indicators.wilayah.daftar import nama_wilayah

    nama = {"provinsi": nama_wilayah(kode_kabupaten.split(".")[0]), "kabupaten": nama_wilayah(kode_kabupaten)}
    return {k: v["instansi"].replace("{provinsi}", nama["provinsi"]).replace("{kabupaten}", nama["kabupaten"])
            for k, v in deklarasi()["kewenangan"].items()}


def _angka(x) -> float | None:
    return None if x is None or pd.isna(x) or not math.isfinite(float(x)) else round(float(x), 6)


def ke_open311(df: pd.DataFrame, riwayat: pd.DataFrame | None, kode_kabupaten: str, bahasa: str = "id") -> list[dict]:
    """GeoReport v2 service requests, one dict per complaint (JSON-ready, no personal data).

    ``df`` is a frame of :func:`indicators.aduan.siapan.siapkan` (any role: it is protected again here).
    """
    from indicators.aduan.aturan import deklarasi, label_kategori

    terlindungi = privasi.lindungi(df.drop(columns=["pelapor_nama", "pelapor_telepon"], errors="ignore"),
                                   "aduan_jalan", "publik")
    status = deklarasi()["status"]
    st_label, jenis = label_kategori("status", bahasa), label_kategori("jenis_kerusakan", bahasa)
    kew = label_kategori("kewenangan", bahasa)
    instansi = _instansi(kode_kabupaten)
    zona = zona_waktu(kode_kabupaten)
    catatan = {}
    if riwayat is not None and len(riwayat) and "catatan" in riwayat:
        akhir = riwayat.sort_values("waktu").groupby(riwayat["id_aduan"].astype(str)).tail(1)
        catatan = dict(zip(akhir["id_aduan"].astype(str), akhir["catatan"], strict=True))
    kec_kata, desa_kata = ("Kecamatan", "Desa") if bahasa == "id" else ("Kecamatan (district)", "Village")
    hasil = []
    for r in terlindungi.itertuples(index=False):
        s = str(r.status)
        buka = status[s]["open311"] == "open"
        nota = [st_label[s]]
        if getattr(r, "laporan_kelompok", 1) > 1 and not r.utama:
            nota.append(teks_duplikat(r.kelompok, bahasa))
        c = catatan.get(str(r.id_aduan))
        if isinstance(c, str) and c.strip():
            nota.append(privasi.bersihkan_teks(c.strip(), "publik"))
        desa = r.nama_desa if isinstance(r.nama_desa, str) else None
        kec = f"{kec_kata} {r.nama_kecamatan}" if isinstance(r.nama_kecamatan, str) else ""
        alamat = ", ".join(x for x in (str(r.nama_ruas), f"{desa_kata} {desa}" if desa else "", kec) if x)
        agensi = instansi[str(r.status_jalan)].replace("{desa}", desa or kew["desa"])
        titik_ok = r.titik_masalah == ""
        uraian = r.deskripsi if isinstance(r.deskripsi, str) else ""
        hasil.append({
            "service_request_id": str(r.id_aduan),
            "status": "open" if buka else "closed",
            "status_notes": ". ".join(nota),
            "service_name": jenis[str(r.jenis_kerusakan)],
            "service_code": str(r.jenis_kerusakan),
            "description": uraian,
            "agency_responsible": agensi,
            "service_notice": None,
            "requested_datetime": _iso(r.waktu_lapor, zona),
            "updated_datetime": _iso(r.waktu_status, zona),
            "expected_datetime": _iso(pd.Timestamp(r.waktu_lapor) + pd.Timedelta(days=float(r.target_perbaikan_hari)),
                                      zona) if buka else None,
            "address": alamat,
            "address_id": None,
            "zipcode": None,
            "lat": _angka(r.lat) if titik_ok else None,
            "long": _angka(r.lon) if titik_ok else None,
            "media_url": None,
        })
    return hasil


def teks_duplikat(kelompok: str, bahasa: str = "id") -> str:
    return (f"Kemungkinan duplikat dari {kelompok}" if bahasa == "id" else f"Possible duplicate of {kelompok}")


def ke_json(permintaan: list[dict]) -> str:
    """The requests as a JSON list (UTF-8 text, one request per line block)."""
    return json.dumps(permintaan, ensure_ascii=False, indent=1)


def cek_permintaan(p: dict) -> list[str]:
    """What is wrong with one request against GeoReport v2 (empty list = valid).

    >>> cek_permintaan({"service_request_id": "A", "status": "pending"})[:1]
    ["status harus 'open' atau 'closed', bukan 'pending'"]
    """
    salah = []
    if set(p) != set(FIELD):
        hilang, lebih = sorted(set(FIELD) - set(p)), sorted(set(p) - set(FIELD))
        salah.append(f"medan tidak sesuai (hilang {hilang}, lebih {lebih})")
    if p.get("status") not in STATUS_OPEN311:
        salah.insert(0, f"status harus 'open' atau 'closed', bukan {p.get('status')!r}")
    if not isinstance(p.get("service_request_id"), str) or not p.get("service_request_id"):
        salah.append("service_request_id kosong")
    for k in ("requested_datetime", "updated_datetime", "expected_datetime"):
        v = p.get(k)
        if v is None:
            if k == "requested_datetime":
                salah.append("requested_datetime kosong")
            continue
        try:
            t = pd.Timestamp(v)
        except (ValueError, TypeError):
            salah.append(f"{k} bukan ISO 8601: {v!r}")
            continue
        if t.tzinfo is None:
            salah.append(f"{k} tanpa zona waktu: {v!r}")
    if p.get("status") == "closed" and p.get("expected_datetime") is not None:
        salah.append("expected_datetime harus kosong untuk permintaan closed")
    for k, lo, hi in (("lat", -90, 90), ("long", -180, 180)):
        v = p.get(k)
        if v is not None and not (isinstance(v, float | int) and lo <= v <= hi):
            salah.append(f"{k} di luar rentang: {v!r}")
    return salah
