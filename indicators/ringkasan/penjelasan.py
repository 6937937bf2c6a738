"""Why the district's index moved (or did not) while its kecamatan moved: said in words, from numbers.

The district index is not the mean of the kecamatan indices: it is computed from the pooled data of
the whole district (a rate over every request, not a mean of kecamatan rates) and includes
indicators that exist only at district level (SPBE, spatial plan, tourism...). Month to month most
of its indicators come from annual or fixed sources and do not change, and a pooled monthly rate
barely moves; a kecamatan's index, from far fewer records, moves more, up and down, so the moves
largely cancel. :func:`penjelasan_perubahan` measures each of these facts for one pair of periods
and names the indicators that moved the index most (``indicators.skor.perubahan``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.dasar.format import angka, daftar, format_selisih, nama_periode
from indicators.dasar.label import BAHASA, teks
from indicators.skor.kerangka import Kerangka
from indicators.skor.perubahan import kontribusi_perubahan
from indicators.skor.pipeline import HasilSkor

N_PENGGERAK = 2


@dataclass(frozen=True)
class Penjelasan:
    """The measured facts (``angka``), the indicators that moved the index most (``penggerak``:
    indikator, kontribusi, skor_lalu, skor), the headline sentence (``teks``) and the reasons with the
    drivers (``rinci``), both in both languages."""
    angka: dict
    penggerak: pd.DataFrame
    teks: dict = field(default_factory=dict)
    rinci: dict = field(default_factory=dict)


def selisih_tampil(x: float, bahasa: str) -> str:
    """A change as the page writes it: one decimal, or two when one decimal would show 0,0 for a
    change that is not zero ("−0,04": the index did move, a little).

    >>> selisih_tampil(-0.0412, "id"), selisih_tampil(1.26, "id"), selisih_tampil(0.0, "en")
    ('-0,04', '+1,3', '0.0')
    """
    satu = format_selisih(x, bahasa, 1)
    if satu == angka(0, 1, bahasa) and x == x and abs(x) >= 0.005:
        return format_selisih(x, bahasa, 2)
    return satu


def penjelasan_perubahan(kini: HasilSkor, lalu: HasilSkor, kecamatan: pd.DataFrame, kerangka: Kerangka,
                         periode_lalu: str) -> Penjelasan | None:
    """The district's change from ``lalu`` to ``kini`` (kabupaten-level ``HasilSkor``) explained;
    ``kecamatan`` is the kecamatan table with ``selisih``. None without an index in both periods or
    for a non-arithmetic aggregation."""
    kode = str(kini.skor["kode_wilayah"].iloc[0])
    i1, i0 = float(kini.skor["indeks"].iloc[0]), float(lalu.skor["indeks"].iloc[0])
    if np.isnan(i1) or np.isnan(i0) or kini.pengaturan.agregasi != "aritmetika":
        return None
    k = kontribusi_perubahan(kini, lalu, kode)
    dihitung = k[(k["bobot"] > 0) | (k["bobot_lalu"] > 0)]
    tetap = dihitung[(dihitung["skor"] == dihitung["skor_lalu"])]
    ids_kec = {i.id for i in kerangka.untuk_tingkat("kecamatan").indikator}
    ada = set(dihitung["indikator"])
    khusus = [i.id for i in kerangka.indikator if i.id in ada and i.id not in ids_kec]
    tahunan = {i.id for i in kerangka.indikator if i.frekuensi == "tahunan"}
    s = kecamatan["selisih"].astype(float).dropna()
    naik = dihitung[dihitung["kontribusi"] > 0].head(N_PENGGERAK)
    turun = dihitung[dihitung["kontribusi"] < 0].head(N_PENGGERAK)
    penggerak = pd.concat([naik, turun]).sort_values("kontribusi", key=abs, ascending=False, kind="stable")
    fakta = {"selisih": i1 - i0, "indikator": len(dihitung), "tetap": len(tetap),
             "tetap_tahunan": int(tetap["indikator"].isin(tahunan).sum()), "khusus_kabupaten": khusus,
             "kecamatan_naik": int((s > 0).sum()), "kecamatan_turun": int((s < 0).sum()),
             "kecamatan_min": float(s.min()) if len(s) else np.nan,
             "kecamatan_maks": float(s.max()) if len(s) else np.nan,
             "kecamatan_rata": float(s.mean()) if len(s) else np.nan}
    nama = {i.id: i.nama for i in kerangka.indikator}

    def gerak(b: str) -> str:
        return daftar([f"{nama[r.indikator][b]} ({format_selisih(r.kontribusi, b, 2)})"
                       for r in penggerak.itertuples()], b)

    diam = abs(fakta["selisih"]) < 0.05        # shown as 0,0 to one decimal
    bergerak = len(s) and fakta["kecamatan_maks"] - fakta["kecamatan_min"] >= 0.1
    kunci = "rk_jelas_diam" if diam and bergerak else "rk_jelas_gerak"
    def isi(b: str) -> dict:
        return {"selisih": selisih_tampil(fakta["selisih"], b), "periode": nama_periode(periode_lalu, b),
                "min": format_selisih(fakta["kecamatan_min"], b), "maks": format_selisih(fakta["kecamatan_maks"], b),
                "naik": angka(fakta["kecamatan_naik"], 0, b), "turun": angka(fakta["kecamatan_turun"], 0, b),
                "tetap": angka(fakta["tetap"], 0, b), "n": angka(fakta["indikator"], 0, b),
                "tahunan": angka(fakta["tetap_tahunan"], 0, b), "khusus": angka(len(khusus), 0, b),
                "daftar_khusus": daftar([nama[i][b] for i in khusus], b), "penggerak": gerak(b)}
    kalimat = {b: teks(kunci, b).format(**isi(b)) for b in BAHASA}
    rinci = {b: teks("rk_jelas_rinci", b).format(**isi(b)) if kunci == "rk_jelas_diam" else "" for b in BAHASA}
    return Penjelasan(fakta, penggerak.reset_index(drop=True), kalimat, rinci)
