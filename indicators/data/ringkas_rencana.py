"""An import's plan in words for the officer: what goes, what comes, which villages lack data.

>>> from indicators.data.gudang_rencana import RencanaImpor
>>> desa = frozenset(f"18.02.01.200{i}" for i in range(1, 7))
>>> r = RencanaImpor("layanan_permohonan", 12, 12, 0, 0, True, 55309, 0, {"2026-10": 12}, {"2026-10": desa},
...                  {"2026-10": desa})
>>> for k in kalimat_rencana(r, "18.02"):
...     print(k)
55.309 baris demo Smart Netizen dihapus
12 baris untuk 6 desa, Oktober 2026, ditambahkan
305 desa tidak punya data bulan itu
"""
from __future__ import annotations

from indicators.dasar.format import angka, nama_periode
from indicators.dasar.label import teks
from indicators.wilayah.daftar import daftar_wilayah


def kalimat_rencana(r, kode_kabupaten: str, bahasa: str = "id") -> list[str]:
    """One clause per change of :class:`~indicators.data.gudang_rencana.RencanaImpor` ``r``."""
    b = bahasa
    if not r.berubah:
        return [teks("data_rk_sama", b).format(n=angka(r.baris, 0, b))]
    nama = teks(f"data_nama_{r.dataset}", b)
    per_desa = r.dataset not in ("nilai_indikator", "ruas_jalan")
    unit = teks("data_unit_desa" if per_desa else "data_unit_wilayah", b)
    out = []
    if r.demo_dihapus:
        out.append(teks("data_rk_demo", b).format(n=angka(r.demo_dihapus, 0, b), dataset=nama))
    if r.baris_per_bulan:
        aksi = teks("data_rk_ditambahkan" if not (r.diperbarui or r.sama) else "data_rk_diimpor", b)
        semua = set(daftar_wilayah(kode_kabupaten, "desa")["kode_wilayah"]) if per_desa else set()
        for bulan in sorted(r.baris_per_bulan):
            desa = r.desa_berkas_per_bulan.get(bulan, frozenset())
            out.append(teks("data_rk_bulan", b).format(
                n=angka(r.baris_per_bulan[bulan], 0, b), desa=angka(len(desa), 0, b), unit=unit,
                bulan=nama_periode(bulan, b), aksi=aksi))
            if per_desa and desa:
                tanpa = len(semua - set(r.desa_per_bulan.get(bulan, frozenset())))
                out.append(teks("data_rk_tanpa", b).format(n=angka(tanpa, 0, b), unit=unit) if tanpa else
                           teks("data_rk_semua_ada", b).format(n=angka(len(semua), 0, b), unit=unit))
    else:
        out.append(teks("data_rk_tanpa_bulan", b).format(baru=angka(r.baru, 0, b),
                                                        diperbarui=angka(r.diperbarui, 0, b)))
    if r.dihapus:
        out.append(teks("data_rk_dihapus", b).format(n=angka(r.dihapus, 0, b)))
    return out
