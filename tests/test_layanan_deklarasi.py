"""The village-services declarations are complete and declared once: data/layanan.yaml is consistent,
service-level targets and the website window live only in the framework, and every code the page can
show has a label in both languages."""
import itertools
import re
from pathlib import Path

import pytest
import yaml

from indicators.dasar.label import BAHASA, semua_label
from indicators.dasar.pengaturan import DATA_DIR
from indicators.data.skema import skema
from indicators.layanan import mutu as layanan_mutu
from indicators.layanan import nilai as layanan
from indicators.layanan import situs as layanan_situs
from indicators.skor.kerangka import muat_kerangka
from indicators.skor.turunan import KONTAK_SITUS

D = layanan.deklarasi()
AKAR = Path(__file__).resolve().parents[1]


def test_pengaturan_layanan_konsisten():
    assert D["jendela_bulan"][0] == 1 and D["jendela_bulan"] == sorted(D["jendela_bulan"])
    assert D["umur_antrean_hari"] == sorted(D["umur_antrean_hari"]) and D["umur_antrean_hari"][0] > 0
    jam = sorted(D["waktu_hari"].values())
    assert jam[0][0] == 0 and jam[-1][1] == 24
    assert all(a[1] == b[0] for a, b in itertools.pairwise(jam))          # the buckets cover the day exactly once
    assert set(D["sinyal"]) == set(skema("profil_desa").kolom["sinyal"].nilai)
    assert list(D["status_situs"]) == list(layanan_situs.STATUS[:-1])
    assert 0 < D["online_rendah_persen"] < 100 and D["bulan_tren"] >= 1


def test_target_dan_jendela_situs_tidak_dideklarasikan_dua_kali():
    teks = (DATA_DIR / "layanan.yaml").read_text(encoding="utf-8")
    aktif = [b.split("#")[0] for b in teks.splitlines()]
    for kunci in ("target_layanan_hari", "website_diperbarui_hari", "kontak_situs", "target_verifikasi_aduan_hari"):
        assert not any(re.match(rf"\s*{kunci}\s*:", b) for b in aktif), f"{kunci} belongs to data/kerangka.yaml"
    k = muat_kerangka()
    # every service type of the schema has a target in the framework
    assert set(skema("layanan_permohonan").kolom["jenis_layanan"].nilai) <= set(k.pengaturan["target_layanan_hari"])
    assert "website_diperbarui_hari" in k.pengaturan


KODE = {
    "jenis": skema("layanan_permohonan").kolom["jenis_layanan"].nilai,
    "kanal": skema("layanan_permohonan").kolom["kanal"].nilai,
    "kategori": [*skema("ronda_laporan").kolom["kategori"].nilai, "semua"],
    "sinyal": [*D["sinyal"], "tidak_diketahui"],
    "waktu": list(D["waktu_hari"]),
    "status": list(layanan_situs.STATUS),
    "tanda": list(layanan_mutu.TANDA),
    "dataset": list(layanan.DATASET_WAKTU),
    "gap": ["tanpa_potret", "potret_lama", "tidak_dapat_diakses", "tidak_diperbarui", "posting_kurang",
            *[f"tanpa_{k.removeprefix('ada_')}" for k in KONTAK_SITUS], "layanan_kurang"],
    "rincian": ["selesai_kilat", "masa_depan", "sebelum_awal", "selesai_sebelum_masuk", "tutup_tanpa_tanggal",
                "terbuka_bertanggal", "update_setelah_potret", "respon_tidak_wajar", "duplikat", "duplikat_kunci"],
    "kontak": list(KONTAK_SITUS), "persen": list(KONTAK_SITUS), "keadaan": ["belum_pernah", "terlambat"],
    "banding": ["kecamatan", "desa"], "menurut": ["jenis", "kanal"],
    "grafik_permohonan_bulanan": ["jenis", "kanal"],
}


@pytest.mark.parametrize("kelompok", sorted(KODE))
def test_setiap_kode_berlabel_dua_bahasa(kelompok):
    label = semua_label()
    for kode in KODE[kelompok]:
        kunci = f"lay_{kelompok}_{kode}"
        assert kunci in label, f"label {kunci} belum dideklarasikan di data/label/layanan.yaml"
        assert all(label[kunci].get(b) for b in BAHASA), kunci


def test_label_layanan_lengkap_dan_berawalan():
    isi = yaml.safe_load((DATA_DIR / "label" / "layanan.yaml").read_text(encoding="utf-8"))
    for k, v in isi.items():
        assert k.startswith("lay_"), k
        assert set(v) == set(BAHASA) and all(isinstance(v[b], str) and v[b] for b in BAHASA), k
        # the same placeholders in both languages
        assert set(re.findall(r"{(\w+)}", v["id"])) == set(re.findall(r"{(\w+)}", v["en"])), k


def test_setiap_label_yang_dipakai_ada():
    kode = "\n".join(f.read_text() for f in [AKAR / "pages" / "layanan-desa.py",
                                            *sorted((AKAR / "indicators").glob("layanan*.py"))])
    dipakai = set(re.findall(r"\"(lay_[a-z0-9_]+)\"", kode))
    assert dipakai and dipakai <= set(semua_label()), sorted(dipakai - set(semua_label()))
