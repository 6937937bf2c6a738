"""Everything the Ringkasan page and the briefing PDF show, composed once.

The Ringkasan and Pilar pages and the ``briefing`` command call the same code, so the page, the PDF
and the command line agree.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from indicators.ringkasan.aturan import pengaturan_ringkasan
from indicators.ringkasan.cakupan import cakupan_desa, cakupan_total
from indicators.ringkasan.penjelasan import Penjelasan, penjelasan_perubahan
from indicators.ringkasan.perhatian import (
    Pernyataan,
    perhatian_aduan,
    perhatian_data_kosong,
    perhatian_kecamatan_terbawah,
    perhatian_kecamatan_turun,
    perhatian_pilar_terlemah,
    perhatian_pilar_turun,
    perhatian_program,
    pilih_perhatian,
)
from indicators.ringkasan.peringkat import pilar_kabupaten, teratas_terbawah
from indicators.ringkasan.periode import periode_sebelumnya
from indicators.skor.kerangka import PILAR, Kerangka
from indicators.skor.pipeline import HasilSkor


@dataclass(frozen=True)
class Ringkasan:
    """Everything the Ringkasan page and the briefing PDF show for one district and period.

    ``kabupaten``: the one-row ``skor`` table (index, pillars, maturity, coverage); ``pilar``: see
    ``pilar_kabupaten``; ``kecamatan``: the kecamatan ``skor`` table with ``indeks_lalu``, ``selisih``;
    ``teratas``/``terbawah``: three kecamatan each; ``perhatian``: the chosen statements;
    ``penjelasan``: why the district index moved or did not (None without two indices)."""
    kode_kabupaten: str
    nama_kabupaten: str
    periode: str
    periode_lalu: str
    kabupaten: pd.DataFrame
    pilar: pd.DataFrame
    kecamatan: pd.DataFrame
    teratas: pd.DataFrame
    terbawah: pd.DataFrame
    perhatian: tuple[Pernyataan, ...]
    catatan: dict
    penjelasan: Penjelasan | None = None

    @property
    def indeks(self) -> float:
        return float(self.kabupaten["indeks"].iloc[0])

    @property
    def selisih_indeks(self) -> float:
        return float(self.pilar.set_index("ukuran").loc["indeks", "selisih"])


def susun_ringkasan(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str, periode: str,
                    hasil_fn: Callable[[str, str], HasilSkor] | None = None, aduan_siap: pd.DataFrame | None = None,
                    n_teratas: int = 3, dataset_demo: Iterable[str] = ()) -> Ringkasan:
    """Compose the briefing of ``kode_kabupaten`` for ``periode``.

    ``hasil_fn(tingkat, periode)`` returns the core's ``HasilSkor`` (``skor`` with ``nama``); by
    default ``skor_wilayah`` on ``data`` (pages pass their cached version). ``aduan_siap`` is the
    output of ``aduan.siapkan`` (computed here when None and complaints exist). ``dataset_demo``:
    datasets still holding simulated rows (said in the coverage note).
    """
    from indicators.progres.status import status_program
    from indicators.skor.pipeline import skor_wilayah
    from indicators.wilayah.daftar import daftar_wilayah, nama_wilayah

    if hasil_fn is None:
        def hasil_fn(tingkat: str, p: str) -> HasilSkor:
            return skor_wilayah(data, kerangka, kode_kabupaten, tingkat, p)

    def skor_fn(tingkat: str, p: str) -> pd.DataFrame:
        return hasil_fn(tingkat, p).skor
    atur_semua = pengaturan_ringkasan(kerangka)
    atur = atur_semua["perhatian"]
    lalu = periode_sebelumnya(periode)
    kab, kab_lalu = skor_fn("kabupaten", periode), skor_fn("kabupaten", lalu)
    pilar = pilar_kabupaten(kab, kab_lalu, kerangka)
    kec, kec_lalu = skor_fn("kecamatan", periode), skor_fn("kecamatan", lalu)
    kec = kec.assign(indeks_lalu=kec["kode_wilayah"].map(kec_lalu.set_index("kode_wilayah")["indeks"]).astype(float))
    kec["selisih"] = kec["indeks"].astype(float) - kec["indeks_lalu"]
    atas, bawah = teratas_terbawah(kec, n_teratas)

    adu = data.get("aduan_jalan")
    if aduan_siap is None and adu is not None and len(adu):
        from indicators.aduan.siapan import siapkan
        aduan_siap = siapkan(adu, data.get("aduan_jalan_riwayat"), kode_kabupaten)
    akhir = pd.Period(periode, freq="M").end_time.ceil("D")
    status = None
    pp, prog = data.get("program_progres"), data.get("program")
    if pp is not None and len(pp):
        try:
            status = status_program(pp, prog if prog is not None and len(prog) else None, periode)
        except ValueError:
            status = None
    desa = daftar_wilayah(kode_kabupaten, "desa")[["kode_wilayah", "kode_induk"]]
    desa = desa.assign(nama_induk=desa["kode_induk"].map(daftar_wilayah(kode_kabupaten, "kecamatan")
                                                          .set_index("kode_wilayah")["nama"]))
    kandidat = {
        "aduan_kewenangan": perhatian_aduan(aduan_siap, akhir, atur["ambang_persen_aduan"], atur["kewenangan_luar"],
                                            periode),
        "data_kosong": perhatian_data_kosong(data, desa, periode, atur["dataset_tanpa_data"], atur["bulan_tanpa_data"]),
        "program_terlambat": perhatian_program(status, kerangka, periode),
        "pilar_turun": perhatian_pilar_turun(pilar, lalu, atur["ambang_turun_poin"], periode),
        "kecamatan_turun": perhatian_kecamatan_turun(kec, lalu, atur["ambang_turun_poin"], periode),
        "pilar_terlemah": perhatian_pilar_terlemah(pilar, periode),
        "kecamatan_terbawah": perhatian_kecamatan_terbawah(kec, kerangka, periode),
    }
    catatan = {
        "cakupan": float(kab["cakupan"].iloc[0]),
        "kecamatan_tanpa_indeks": int(kec["indeks"].isna().sum()),
        "jumlah_kecamatan": len(kec),
        "pilar_tanpa_skor": [p for p in PILAR if pd.isna(kab[p].iloc[0])],
    }
    c = cakupan_desa(data, kode_kabupaten, periode, atur_semua["cakupan"]["dataset"], dataset_demo)
    catatan |= {"cakupan_desa": c, "cakupan_desa_total": cakupan_total(c),
                "ambang_tipis_persen": atur_semua["cakupan"]["ambang_tipis_persen"]}
    jelas = penjelasan_perubahan(hasil_fn("kabupaten", periode), hasil_fn("kabupaten", lalu), kec, kerangka, lalu)
    return Ringkasan(kode_kabupaten, nama_wilayah(kode_kabupaten), periode, lalu, kab.reset_index(drop=True), pilar,
                     kec.reset_index(drop=True), atas, bawah, pilih_perhatian(kandidat, atur["urutan"]), catatan, jelas)
