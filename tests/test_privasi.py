"""Personal data: one decision per role, for views and exports alike."""
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.akses import privasi
from indicators.laporan.ekspor import ke_csv, ke_xlsx
from tests.bantu import demo

POLA_QUALITY = re.compile(r"(\+62|0)8\d{7,11}")  # docs/mutu.md's phone pattern


@given(
    st.sampled_from(["0", "+62", "62"]),
    st.text("0123456789", min_size=8, max_size=11),
    st.sampled_from(["", " ", "-", "."]),
    st.text(alphabet="abc ,.", max_size=15),
    st.text(alphabet="abc ,.", max_size=15),
)
def test_nomor_dalam_teks_tidak_pernah_lolos_ke_publik(awal, angka_, pemisah, kiri, kanan):
    nomor = awal + "8" + pemisah.join([angka_[:3], angka_[3:]])
    teks = f"{kiri} {nomor} {kanan}"
    bersih = privasi.bersihkan_teks(teks, "publik")
    assert not re.search(r"8\d", re.sub(r"\D", "", bersih.replace(kiri, "").replace(kanan, "")))
    samar = privasi.bersihkan_teks(teks, "petugas")
    assert not POLA_QUALITY.search(samar.replace(" ", "").replace("-", "").replace(".", ""))


def test_samaran_telepon_seperti_contoh_issue():
    assert privasi.samarkan_telepon("0812-3456-5678") == "0812****5678"
    assert privasi.samarkan_nama("Siti Rahayu") == "S. R."


@pytest.mark.parametrize(("peran", "ada_kolom", "nomor_terlihat"), [
    ("publik", False, False), ("petugas", True, False), ("admin", True, True)])
def test_matriks_peran(peran, ada_kolom, nomor_terlihat):
    a = demo()["aduan_jalan"].head(300)
    out = privasi.lindungi(a, "aduan_jalan", peran)
    assert ("pelapor_telepon" in out) == ada_kolom and ("pelapor_nama" in out) == ada_kolom
    teks = out.to_csv(index=False)
    assert bool(POLA_QUALITY.search(teks)) == nomor_terlihat
    for nama in a.pelapor_nama.head(20):
        assert (nama in teks) == (peran == "admin")


@pytest.mark.parametrize("peran", ["publik", "petugas"])
def test_ekspor_tanpa_nomor(peran):
    a = privasi.lindungi(demo()["aduan_jalan"].head(300), "aduan_jalan", peran)
    assert not POLA_QUALITY.search(ke_csv(a).decode())
    import io

    import openpyxl
    ws = openpyxl.load_workbook(io.BytesIO(ke_xlsx(a))).active
    semua = " ".join(str(c.value) for r in ws.iter_rows() for c in r)
    assert not POLA_QUALITY.search(semua)


def test_peran_tidak_dikenal_ditolak():
    with pytest.raises(ValueError, match="peran"):
        privasi.lindungi(pd.DataFrame(), "aduan_jalan", "tamu")
