"""The attention statements: the things that need a decision, each computed from the data.

Candidates (``perhatian_*``) are complaints on roads of another authority, villages without data,
late programmes, pillars and kecamatan that dropped or trail; ``pilih_perhatian`` keeps the first
three in the declared order. Each statement carries its text in both languages, the figures behind
it, the page where the evidence is and the URL settings of that page (``tautan``: period, tab and
filter) that make it show the same number. A tie is said as a tie: every subject that shares the
extreme is named ("pilar A, B dan C (masing-masing 2)"), kept in ``seri``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.aduan.aturan import terbuka_pada
from indicators.dasar.format import angka, daftar, nama_periode, persen
from indicators.dasar.label import BAHASA, teks
from indicators.ringkasan.aturan import TOPIK
from indicators.skor.kerangka import PILAR, Kerangka

# the Layanan Desa tab where each dataset's data gaps are counted (its ?bagian= value is the tab label)
TAB_DATASET = {"layanan_permohonan": "lay_tab_netizen", "desa_website": "lay_tab_desaid",
               "ronda_laporan": "lay_tab_ronda"}

__all__ = [
    "Pernyataan",
    "aduan_per_kewenangan",
    "bulan_tanpa_data",
    "perhatian_aduan",
    "perhatian_data_kosong",
    "perhatian_kecamatan_terbawah",
    "perhatian_kecamatan_turun",
    "perhatian_pilar_terlemah",
    "perhatian_pilar_turun",
    "perhatian_program",
    "pilih_perhatian",
    "teratas",
    "terbuka_pada",
]


@dataclass(frozen=True)
class Pernyataan:
    """One attention statement: its topic, the text in both languages, the figures behind it and the
    page where the evidence is."""
    topik: str
    teks: dict
    angka: dict = field(default_factory=dict)
    halaman: str = ""
    tautan: dict = field(default_factory=dict)   # query parameters of ``halaman`` (a ``Label`` is a word in the
    seri: tuple = ()                             # reader's language); ``seri``: every subject sharing the extreme

    def parameter(self, bahasa: str) -> dict[str, str]:
        """The evidence page's query parameters in ``bahasa`` (tab labels are words).

        >>> Pernyataan("x", {}, tautan={"periode": "2026-10", "bagian": Label("lay_tab_netizen")}).parameter("en")
        {'periode': '2026-10', 'bagian': 'Smart Netizen'}
        """
        return {k: teks(v.kunci, bahasa) if isinstance(v, Label) else str(v) for k, v in self.tautan.items()}


@dataclass(frozen=True)
class Label:
    """A query-parameter value that is a label in the reader's language (a tab's title)."""
    kunci: str


def teratas(nilai: pd.Series, terbesar: bool = True, desimal: int | None = None) -> list:
    """Every label of ``nilai`` that shares its extreme (largest or smallest; compared at ``desimal``
    places when given, as the reader sees them), in label order.

    >>> teratas(pd.Series({"b": 2, "a": 2, "c": 1})), teratas(pd.Series({"x": 40.04, "y": 39.96}), False, 1)
    (['a', 'b'], ['x', 'y'])
    """
    v = nilai.dropna().astype(float)
    if v.empty:
        return []
    if desimal is not None:
        v = v.round(desimal)
    ujung = v.max() if terbesar else v.min()
    return sorted(v.index[v == ujung].tolist(), key=str)


def _urut_pilar(ids) -> list:
    """Pillar ids in the framework's order (Governance … Environment)."""
    ids = [str(x) for x in ids]
    return [x for x in PILAR if x in ids] + [x for x in ids if x not in PILAR]


def _n_desa(n: int, b: str) -> str:
    return teks("rk_n_desa_1" if n == 1 else "rk_n_desa", b).format(n=angka(n, 0, b))


def _masing(teks_angka, n: int, b: str) -> str:
    """"2" for one subject, "masing-masing 2" / "2 each" for a tie."""
    return teks("rk_masing_masing", b).format(n=teks_angka) if n > 1 else teks_angka


def _kalimat(kunci: str, **isi) -> dict:
    """A label filled in both languages; a value may be a function of the language."""
    return {b: teks(kunci, b).format(**{k: (v(b) if callable(v) else v) for k, v in isi.items()}) for b in BAHASA}


def aduan_per_kewenangan(aduan: pd.DataFrame, akhir: pd.Timestamp) -> pd.DataFrame:
    """Open complaints at ``akhir`` per road authority: ``status_jalan, jumlah`` (duplicate groups
    counted once: column ``kelompok`` of ``aduan.siapkan``), ``persen`` and ``kecamatan`` (how many
    kecamatan they lie in), every authority of ``data/aduan.yaml`` listed."""
    from indicators.aduan.aturan import URUTAN_KEWENANGAN

    buka = aduan[terbuka_pada(aduan, akhir).to_numpy()]
    kel = buka["kelompok"] if "kelompok" in buka else buka["id_aduan"]
    kec = (buka["kode_kecamatan"] if "kode_kecamatan" in buka else buka["kode_wilayah"].astype("string").str[:8])
    kew = buka["status_jalan"].astype(str)
    jumlah = kel.groupby(kew).nunique().reindex(URUTAN_KEWENANGAN, fill_value=0)
    n_kec = kec.groupby(kew).nunique().reindex(URUTAN_KEWENANGAN, fill_value=0)
    total = int(jumlah.sum())
    return pd.DataFrame({"status_jalan": URUTAN_KEWENANGAN, "jumlah": jumlah.to_numpy(dtype=int),
                         "persen": (jumlah / total * 100 if total else jumlah * np.nan).to_numpy(dtype=float),
                         "kecamatan": n_kec.to_numpy(dtype=int)})


def perhatian_aduan(aduan: pd.DataFrame | None, akhir: pd.Timestamp, ambang_persen: float = 20.0,
                    kewenangan_luar: Sequence[str] = ("provinsi", "nasional"), periode: str | None = None
                    ) -> Pernyataan | None:
    """"63 % of open road complaints are on provincial roads — 412 complaints, 7 kecamatan": the
    authority outside the regency with the largest share of the open backlog at ``akhir``, when that
    share reaches ``ambang_persen``."""
    if aduan is None or aduan.empty:
        return None
    t = aduan_per_kewenangan(aduan, akhir)
    total = int(t["jumlah"].sum())
    luar = t[t["status_jalan"].isin(list(kewenangan_luar)) & (t["jumlah"] > 0)]
    if not total or luar.empty:
        return None
    r = luar.sort_values(["jumlah", "status_jalan"], ascending=[False, True], kind="stable").iloc[0]
    if r["persen"] < ambang_persen:
        return None
    kew = str(r["status_jalan"])
    return Pernyataan(
        "aduan_kewenangan",
        _kalimat("rk_p_aduan", persen=lambda b: persen(r["persen"], 0, b), jalan=lambda b: teks(f"rk_jalan_{kew}", b),
                 jumlah=lambda b: angka(int(r["jumlah"]), 0, b), total=lambda b: angka(total, 0, b),
                 kecamatan=lambda b: angka(int(r["kecamatan"]), 0, b), pemilik=lambda b: teks(f"rk_pemilik_{kew}", b)),
        {"kewenangan": kew, "persen": float(r["persen"]), "jumlah": int(r["jumlah"]), "total": total,
         "kecamatan": int(r["kecamatan"])}, "pages/aduan-jalan.py",
        {"posisi": periode or (akhir - pd.Timedelta(days=1)).strftime("%Y-%m")})


def bulan_tanpa_data(df: pd.DataFrame, kolom_waktu: str, desa: Sequence[str], periode: str) -> pd.DataFrame:
    """Per village: the last month with a row up to ``periode`` and how many months in a row, ending
    with ``periode``, have none (0 = data this month). A village that never had a row counts every
    month from the dataset's first month (``tidak_pernah``).

    >>> d = pd.DataFrame({"kode_wilayah": ["a", "a", "b"], "periode": ["2026-07", "2026-08", "2026-10"]})
    >>> bulan_tanpa_data(d, "periode", ["a", "b", "c"], "2026-10")[["bulan_kosong", "tidak_pernah"]].values.tolist()
    [[2, False], [0, False], [4, True]]
    """
    akhir = pd.Period(periode, freq="M")
    waktu = df[kolom_waktu]
    bulan = (pd.PeriodIndex(waktu.astype(str), freq="M") if kolom_waktu == "periode" or waktu.dtype == object
             or pd.api.types.is_string_dtype(waktu) else pd.to_datetime(waktu).dt.to_period("M"))
    t = pd.DataFrame({"kode_wilayah": df["kode_wilayah"].astype(str).to_numpy(), "bulan": np.asarray(bulan)})
    t = t[t["bulan"] <= akhir]
    pertama = t["bulan"].min() if len(t) else akhir
    terakhir = t.groupby("kode_wilayah")["bulan"].max().reindex(list(desa))
    pernah = terakhir.notna()
    jarak = [(akhir - b).n if isinstance(b, pd.Period) else (akhir - pertama).n + 1 for b in terakhir]
    return pd.DataFrame({"kode_wilayah": list(desa),
                         "bulan_terakhir": [str(b) if isinstance(b, pd.Period) else "" for b in terakhir],
                         "bulan_kosong": np.asarray(jarak, dtype=int), "tidak_pernah": ~pernah.to_numpy()})


def perhatian_data_kosong(data: Mapping[str, pd.DataFrame], desa: pd.DataFrame, periode: str,
                          dataset: Sequence[str] = ("layanan_permohonan",), min_bulan: int = 2) -> Pernyataan | None:
    """"23 villages have no Smart Netizen data for 2 months": the first dataset of ``dataset`` in which
    some villages (``desa``: kode_wilayah, kode_induk) have no row in the last ``min_bulan`` months."""
    from indicators.data.gudang import kolom_bulan

    kec = desa.set_index("kode_wilayah")["kode_induk"]
    for nama in dataset:
        df = data.get(nama)
        if df is None or df.empty or "kode_wilayah" not in df:
            continue
        b = bulan_tanpa_data(df, kolom_bulan(nama), desa["kode_wilayah"].astype(str).tolist(), periode)
        kosong = b[b["bulan_kosong"] >= min_bulan]
        if len(kosong):
            return _pernyataan_data_kosong(nama, kosong, kec, desa, periode, min_bulan)
    return None


def _pernyataan_data_kosong(nama: str, kosong: pd.DataFrame, kec: pd.Series, desa: pd.DataFrame, periode: str,
                            min_bulan: int) -> Pernyataan:
    per_kec = kosong["kode_wilayah"].map(kec).value_counts().sort_index().sort_values(ascending=False, kind="stable")
    dari = (pd.Period(periode, freq="M") - (min_bulan - 1)).strftime("%Y-%m")
    seri = teratas(per_kec)
    kec_teratas = str(seri[0])
    nama_kec = desa.drop_duplicates("kode_induk").set_index("kode_induk").get("nama_induk")

    def label(k):
        return str(nama_kec[k]) if nama_kec is not None and k in nama_kec else str(k)
    n, pernah_tidak = len(kosong), int(kosong["tidak_pernah"].sum())
    kunci = ("rk_p_data_kosong" if pernah_tidak == 0 else "rk_p_data_belum_pernah" if pernah_tidak == n
             else "rk_p_data_kosong_pernah")
    sejak = (pd.Period(periode, freq="M") - (int(kosong["bulan_kosong"].max()) - 1)).strftime("%Y-%m")
    return Pernyataan(
        "data_kosong",
        _kalimat(kunci, n=lambda b: angka(n, 0, b), layanan=lambda b: teks(f"rk_dataset_{nama}", b),
                 bulan=lambda b: angka(min_bulan, 0, b), sejak=lambda b: nama_periode(sejak, b),
                 rentang=lambda b: f"{nama_periode(dari, b)} – {nama_periode(periode, b)}",
                 tidak_pernah=lambda b: angka(pernah_tidak, 0, b), kecamatan=lambda b: daftar(map(label, seri), b),
                 n_kec=lambda b: _masing(_n_desa(int(per_kec.iloc[0]), b), len(seri), b)),
        {"dataset": nama, "desa": n, "tidak_pernah": pernah_tidak, "bulan": min_bulan,
         "kecamatan": kec_teratas, "desa_kecamatan": int(per_kec.iloc[0])}, "pages/layanan-desa.py",
        {"periode": periode, "bulan": str(min_bulan),
         "bagian": Label(TAB_DATASET.get(nama, "lay_tab_mutu"))},
        tuple(seri))


def perhatian_program(status: pd.DataFrame | None, kerangka: Kerangka, periode: str | None = None) -> Pernyataan | None:
    """"5 of 31 masterplan programmes are late": from ``progres.status_program`` at the period; the
    pillar(s) with most late programmes and the programme furthest behind."""
    if status is None or status.empty:
        return None
    telat = status[status["status"] == "terlambat"]
    if telat.empty:
        return None
    nama_pilar = {p.id: p.nama for p in kerangka.pilar}
    per_pilar = telat["pilar"].astype(str).value_counts().sort_index().sort_values(ascending=False, kind="stable")
    seri = _urut_pilar(teratas(per_pilar))
    pilar = str(seri[0])
    paling = telat.sort_values(["selisih", "id_program"], kind="stable").iloc[0]
    return Pernyataan(
        "program_terlambat",
        _kalimat("rk_p_program", n=lambda b: angka(len(telat), 0, b), total=lambda b: angka(len(status), 0, b),
                 pilar=lambda b: daftar([nama_pilar.get(x, {b: x})[b] for x in seri], b),
                 n_pilar=lambda b: _masing(angka(int(per_pilar.iloc[0]), 0, b), len(seri), b),
                 program=str(paling["nama"]), opd=str(paling.get("opd", "")),
                 selisih=lambda b: angka(abs(float(paling["selisih"])), 1, b)),
        {"terlambat": len(telat), "total": len(status), "pilar": pilar, "program": str(paling["id_program"]),
         "selisih": float(paling["selisih"])}, "pages/progres.py", {"posisi": periode} if periode else {},
        tuple(seri))


def _tautan_pilar(periode: str | None, **isi) -> dict:
    """The Pilar page at the period and level of the statement (kecamatan), with the subject chosen."""
    return {"periode": periode, "tingkat": "kecamatan", **isi} if periode else {}


def perhatian_pilar_turun(pilar: pd.DataFrame, periode_lalu: str, ambang: float = 1.0,
                          periode: str | None = None) -> Pernyataan | None:
    """The pillar(s) that fell most since the previous period, when by ``ambang`` points or more
    (pillars falling by the same amount, as shown to one decimal, are named together)."""
    p = pilar[(pilar["ukuran"] != "indeks") & pilar["selisih"].notna()].set_index("ukuran")
    if p.empty:
        return None
    seri = _urut_pilar(teratas(p["selisih"], terbesar=False, desimal=1))
    r = p.loc[seri[0]]
    if r["selisih"] > -ambang:
        return None
    if len(seri) > 1:
        kalimat = _kalimat("rk_p_pilar_turun_seri", pilar=lambda b: daftar([p.loc[x, f"nama_{b}"] for x in seri], b),
                           selisih=lambda b: angka(-r["selisih"], 1, b),
                           periode=lambda b: nama_periode(periode_lalu, b))
    else:
        kalimat = _kalimat("rk_p_pilar_turun", pilar=lambda b: r[f"nama_{b}"],
                           selisih=lambda b: angka(-r["selisih"], 1, b), lalu=lambda b: angka(r["skor_lalu"], 1, b),
                           kini=lambda b: angka(r["skor"], 1, b), periode=lambda b: nama_periode(periode_lalu, b))
    return Pernyataan("pilar_turun", kalimat, {"pilar": seri[0], "selisih": float(r["selisih"])}, "pages/pilar.py",
                      _tautan_pilar(periode, pilar=seri[0]), tuple(seri))


def perhatian_pilar_terlemah(pilar: pd.DataFrame, periode: str | None = None) -> Pernyataan | None:
    """The weakest pillar(s) and the gap to the target (equal scores at one decimal are named together)."""
    p = pilar[(pilar["ukuran"] != "indeks") & pilar["skor"].notna()].set_index("ukuran")
    if p.empty:
        return None
    seri = _urut_pilar(teratas(p["skor"], terbesar=False, desimal=1))
    r = p.loc[seri[0]]
    kunci = "rk_p_pilar_terlemah_seri" if len(seri) > 1 else "rk_p_pilar_terlemah"
    return Pernyataan(
        "pilar_terlemah",
        _kalimat(kunci, pilar=lambda b: daftar([p.loc[x, f"nama_{b}"] for x in seri], b),
                 skor=lambda b: _masing(angka(r["skor"], 1, b), len(seri), b),
                 target=lambda b: angka(r["target"], 0, b),
                 selisih=lambda b: angka(max(r["target"] - r["skor"], 0), 1, b)),
        {"pilar": seri[0], "skor": float(r["skor"]), "target": float(r["target"])}, "pages/pilar.py",
        _tautan_pilar(periode, pilar=seri[0]), tuple(seri))


def perhatian_kecamatan_turun(kecamatan: pd.DataFrame, periode_lalu: str, ambang: float = 1.0,
                              periode: str | None = None) -> Pernyataan | None:
    """The kecamatan whose index fell most since the previous period (``kecamatan`` has ``nama``,
    ``indeks``, ``indeks_lalu``, ``selisih``), when it fell by ``ambang`` points or more; kecamatan
    falling by the same amount (one decimal) are named together."""
    k = kecamatan[kecamatan["selisih"].notna()].set_index("kode_wilayah")
    if k.empty:
        return None
    seri = teratas(k["selisih"], terbesar=False, desimal=1)
    r = k.loc[seri[0]]
    if r["selisih"] > -ambang:
        return None
    if len(seri) > 1:
        kalimat = _kalimat("rk_p_kecamatan_turun_seri", nama=lambda b: daftar([k.loc[x, "nama"] for x in seri], b),
                           selisih=lambda b: angka(-r["selisih"], 1, b),
                           periode=lambda b: nama_periode(periode_lalu, b))
    else:
        kalimat = _kalimat("rk_p_kecamatan_turun", nama=str(r["nama"]), selisih=lambda b: angka(-r["selisih"], 1, b),
                           lalu=lambda b: angka(r["indeks_lalu"], 1, b), kini=lambda b: angka(r["indeks"], 1, b),
                           periode=lambda b: nama_periode(periode_lalu, b))
    return Pernyataan("kecamatan_turun", kalimat, {"kode_wilayah": seri[0], "selisih": float(r["selisih"])},
                      "pages/pilar.py", _tautan_pilar(periode, unit=seri[0]), tuple(seri))


def perhatian_kecamatan_terbawah(kecamatan: pd.DataFrame, kerangka: Kerangka,
                                 periode: str | None = None) -> Pernyataan | None:
    """The last-ranked kecamatan and its weakest pillar(s) (equal at one decimal: named together)."""
    k = kecamatan[kecamatan["indeks"].notna()]
    if k.empty:
        return None
    r = k.sort_values(["indeks", "kode_wilayah"], kind="stable").iloc[0]
    nilai_pilar = r[list(PILAR)].astype(float).dropna()
    if nilai_pilar.empty:
        return None
    lemah = _urut_pilar(teratas(nilai_pilar, terbesar=False, desimal=1))
    nama_pilar = {p.id: p.nama for p in kerangka.pilar}
    return Pernyataan(
        "kecamatan_terbawah",
        _kalimat("rk_p_kecamatan_terbawah", nama=str(r["nama"]), indeks=lambda b: angka(r["indeks"], 1, b),
                 n=lambda b: angka(len(k), 0, b), pilar=lambda b: daftar([nama_pilar[x][b] for x in lemah], b),
                 skor=lambda b: _masing(angka(nilai_pilar[lemah[0]], 1, b), len(lemah), b)),
        {"kode_wilayah": r["kode_wilayah"], "pilar": lemah[0]}, "pages/pilar.py",
        _tautan_pilar(periode, unit=r["kode_wilayah"]), tuple(lemah))


def pilih_perhatian(kandidat: Mapping[str, Pernyataan | None], urutan: Sequence[str] = TOPIK,
                    n: int = 3) -> tuple[Pernyataan, ...]:
    """The first ``n`` statements that fired, in the declared order.

    >>> p = {"a": None, "b": Pernyataan("b", {"id": "B", "en": "B"}), "c": Pernyataan("c", {"id": "C", "en": "C"})}
    >>> [x.topik for x in pilih_perhatian(p, ["a", "c", "b"], n=1)]
    ['c']
    """
    return tuple(kandidat[t] for t in urutan if kandidat.get(t) is not None)[:n]
