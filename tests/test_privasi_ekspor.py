"""Personal data of every kind — phone numbers as people type them, NIKs (16 digits, grouped or not) and
e-mail addresses — written inside free text (the description, and a road name where it does not
belong), through every export a viewer can download: CSV (tools and Excel), XLSX, GeoJSON, Open311, the
escalation pack (XLSX and PDF). For ``publik`` and ``pimpinan`` none of it is there; for ``petugas`` it is
masked (never in full); for ``admin`` it is in full. Values are generated (Hypothesis), the checks are
on the raw digits and addresses, independent of the masking code."""
from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from indicators.aduan import eskalasi as aduan_eskalasi
from indicators.aduan import open311, siapan
from indicators.akses import privasi
from indicators.laporan import ekspor
from indicators.laporan import eskalasi as paket
from tests.test_aduan import KINI, aduan_uji
from tests.test_aduan_privasi import nomor_telepon


@st.composite
def nik(draw) -> str:
    """16 digits (province and regency first, as a NIK starts), written plain or in groups of four."""
    d = draw(st.sampled_from(["18", "52", "32", "11"])) + draw(st.text("0123456789", min_size=14, max_size=14))
    pisah = draw(st.sampled_from(["", " ", ".", "-"]))
    return pisah.join(d[i:i + 4] for i in range(0, 16, 4)) if pisah else d


EMAIL = st.builds(lambda a, b, c: f"{a}@{b}.{c}", st.from_regex(r"[a-z][a-z0-9._]{2,10}[a-z0-9]", fullmatch=True),
                  st.from_regex(r"[a-z]{3,8}", fullmatch=True), st.sampled_from(["id", "go.id", "com", "co.id"]))
TEKS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,:!?", max_size=16)


def _teks_xlsx(isi: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def _semua_ekspor(a: pd.DataFrame, peran: str) -> dict[str, str]:
    from tests.bantu import demo

    df = siapan.siapkan(privasi.lindungi(a, "aduan_jalan", peran), None, "18.02", kini=KINI)
    ruas = demo()["ruas_jalan"]
    geo = list(shapely.points(df["lon"].to_numpy(float), df["lat"].to_numpy(float)))
    tabel = aduan_eskalasi.tabel_eskalasi(df, ruas, semua=df)
    terbuka = aduan_eskalasi.daftar_terbuka(df, ruas)
    pdf = paket.ke_pdf(tabel, df, "18.02", "id", "Oktober 2026", True, terbuka=terbuka, ruas=ruas)
    return {
        "csv": ekspor.ke_csv(df).decode("utf-8"),
        "csv_excel": ekspor.ke_csv_excel(df, ekspor.metadata("18.02"), "id").decode("utf-8-sig"),
        "xlsx": _teks_xlsx(ekspor.ke_xlsx(df, "aduan", ekspor.metadata("18.02"), "id")),
        "geojson": ekspor.ke_geojson(df, geo, "id").decode("utf-8"),
        "open311": open311.ke_json(open311.ke_open311(df, None, "18.02")),
        "eskalasi_xlsx": _teks_xlsx(paket.ke_xlsx(tabel, "Kabupaten Lampung Tengah", "id", terbuka=terbuka)),
        "eskalasi_pdf": " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages),
    }


def _padat(s: str) -> str:
    return re.sub(r"[\s.\-()\u2010-\u2015]", "", s)


def _nasional(nomor: str) -> str:
    d = re.sub(r"\D", "", nomor)
    return d[2:] if d.startswith("62") else d[1:]  # "8…", without the country or trunk prefix


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nomor=nomor_telepon(), nik_=nik(), email=EMAIL, kiri=TEKS, kanan=TEKS,
       peran=st.sampled_from(["publik", "pimpinan", "petugas"]))
def test_data_pribadi_dalam_teks_tidak_pernah_utuh_di_ekspor(nomor, nik_, email, kiri, kanan, peran):
    uraian = f"{kiri} hp {nomor}, NIK {nik_} {kanan} surel {email}"
    a = aduan_uji({"waktu_lapor": "2026-10-01 08:00", "deskripsi": uraian, "status": "diterima",
                   "nama_ruas": f"Ruas Uji {nomor}"})  # a phone typed into a non-personal column too
    digit_nik = re.sub(r"\D", "", nik_)
    for tempat, teks in _semua_ekspor(a, peran).items():
        padat = _padat(teks)
        assert _nasional(nomor) not in padat, (tempat, peran, nomor)
        assert digit_nik not in padat, (tempat, peran, nik_)
        assert email not in teks.lower(), (tempat, peran, email)
        assert "Siti Rahayu" not in teks and "081234565678" not in padat, (tempat, peran)  # the reporter's columns
        if peran != "petugas":
            assert "Siti" not in teks and "S. R." not in teks, (tempat, peran)


@pytest.mark.parametrize("peran", ["publik", "petugas", "admin"])
def test_tingkat_per_peran_pada_ekspor_csv(peran):
    """The three levels side by side on one complaint: removed, masked, full."""
    a = aduan_uji({"waktu_lapor": "2026-10-01 08:00", "status": "diterima",
                   "deskripsi": "hub 0812-7777-1234, NIK 1802123412341234, budi.s@desa.id"})
    teks = _semua_ekspor(a, peran)["csv"]
    harap = {"publik": ("[nomor disamarkan]", "[NIK disamarkan]", "[e-mail disamarkan]"),
             "petugas": ("0812****1234", "1802********1234", "b***@desa.id"),
             "admin": ("0812-7777-1234", "1802123412341234", "budi.s@desa.id")}[peran]
    for h in harap:
        assert h in teks, (peran, h)
    assert ("081234565678" in teks) == (peran == "admin")  # the phone column in full only for the admin
