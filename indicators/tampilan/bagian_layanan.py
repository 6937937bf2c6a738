"""The sections of the village-services page, assembled from the core: tables and figures per filter.

:func:`hitung_inti` runs the scoring core once for a period, its months and the service types (every
unit of every level, and the rows its computations read); the ``bagian_*`` functions cut that to the
unit the filters select and draw it. A page caches each piece on the store version and the filters,
so a change of kecamatan or village does not run the core again.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.layanan import mutu as layanan_mutu
from indicators.layanan import netizen as layanan_netizen
from indicators.layanan import nilai as layanan
from indicators.layanan import ronda as layanan_ronda
from indicators.layanan import sinyal as layanan_sinyal
from indicators.layanan import situs as layanan_situs
from indicators.skor.kerangka import Kerangka, muat_kerangka
from indicators.tampilan import grafik_layanan as gr
from indicators.tampilan import grafik_ronda as gr_ronda
from indicators.wilayah.batas import batas
from indicators.wilayah.daftar import daftar_wilayah

BARIS = {  # indicator → the columns of its rows a section needs
    "gov_sla_layanan": ["_kode", "_bulan", "_pembilang", "jenis_layanan"],
    "gov_hari_proses": ["_kode", "_bulan", "_x", "jenis_layanan", "rating"],
    "gov_layanan_online": ["_kode", "_bulan", "_pembilang", "jenis_layanan"],
    "soc_respon_kejadian": ["_kode", "_bulan", "_x", "kategori"],
}


@dataclass
class Inti:
    """The core's values (``nilai[tingkat]``, every unit) and rows (``baris[indikator]``, kabupaten
    level) for one period, number of months and set of service types; ``tren``: the rows of
    ``gov_layanan_online`` over the trend months."""
    saringan: layanan.Saringan
    nilai: dict[str, pd.DataFrame] = field(default_factory=dict)
    baris: dict[str, pd.DataFrame] = field(default_factory=dict)
    tren: pd.DataFrame | None = None


def hitung_inti(data: Mapping[str, pd.DataFrame], kode_kabupaten: str, saringan: layanan.Saringan,
                kerangka: Kerangka | None = None) -> Inti:
    """Run the core for the filters' period, months and service types (the unit is not applied)."""
    k = kerangka or muat_kerangka()
    s = layanan.Saringan(saringan.periode, saringan.jendela, saringan.jenis)
    inti = Inti(s, {t: layanan.nilai(data, kode_kabupaten, t, s, k) for t in ("kabupaten", "kecamatan", "desa")})
    for ind, kol in BARIS.items():
        r = layanan.baris(data, ind, kode_kabupaten, s, k)
        inti.baris[ind] = r[[c for c in kol if c in r]].reset_index(drop=True)
    n = max(int(layanan.deklarasi()["bulan_tren"]), s.jendela)
    tren = layanan.baris(data, "gov_layanan_online", kode_kabupaten, layanan.Saringan(s.periode, n, s.jenis), k)
    inti.tren = tren[[c for c in BARIS["gov_layanan_online"] if c in tren]].reset_index(drop=True)
    return inti


def _unit(df: pd.DataFrame, unit: str, kolom: str = "_kode") -> pd.DataFrame:
    return df[layanan.di_unit(df[kolom], unit)] if len(df) else df


def _nama_kec(kode_kabupaten: str) -> pd.Series:
    return daftar_wilayah(kode_kabupaten, "kecamatan").set_index("kode_wilayah")["nama"]


def lingkup_banding(tingkat: str, unit: str) -> tuple[str, str]:
    """What a comparison shows: the kecamatan of the kabupaten, or the villages of the unit's kecamatan.

    >>> lingkup_banding("desa", "18.02.01.2001"), lingkup_banding("kabupaten", "18.02")
    (('desa', '18.02.01'), ('kecamatan', '18.02'))
    """
    return ("kecamatan", unit) if tingkat == "kabupaten" else ("desa", unit[:8])


def bagian_situs(status_semua: pd.DataFrame, kode_kabupaten: str, unit: str, bahasa: str) -> dict:
    """DesaID of the unit: summary, status map, status per kecamatan (the district) or the operators'
    gaps (a kecamatan or village), villages needing attention."""
    k = muat_kerangka()
    st = _unit(status_semua, unit, "kode_wilayah").copy()
    st["uraian_kekurangan"] = layanan_situs.uraian_kekurangan(st, bahasa)
    kec = _nama_kec(kode_kabupaten)
    perhatian = st[st["jumlah_kekurangan"] > 0].assign(nama_kecamatan=lambda d: d["kode_induk"].map(kec))
    perhatian = perhatian.assign(status=perhatian["status"].map(lambda s: gr.nama("status", s, bahasa)))
    perhatian = perhatian.sort_values(["jumlah_kekurangan", "kode_wilayah"], ascending=[False, True])[
        ["kode_wilayah", "nama", "nama_kecamatan", "status", "jumlah_kekurangan", "uraian_kekurangan", "periode",
         "hari_sejak_update", "posting_90_hari", "skor_kontak", "jumlah_layanan", "url"]]
    gdf = batas(kode_kabupaten, "desa")
    # the district: status per kecamatan; one kecamatan or village: what its operators lack
    if unit == kode_kabupaten:
        samping = gr.grafik_status_kecamatan(layanan_situs.status_per_kecamatan(st, kode_kabupaten), bahasa)
    else:
        samping = gr.grafik_kekurangan(st, bahasa, float(k.pengaturan.get("website_diperbarui_hari", 30)))
    return {"ringkasan": layanan_situs.ringkasan_situs(st), "perhatian": perhatian.reset_index(drop=True),
            "status": st, "f_peta": gr.peta_status_situs(st, gdf, bahasa), "f_samping": samping}


def bagian_netizen(inti: Inti, mohon: pd.DataFrame, penduduk: pd.Series, kode_kabupaten: str, unit: str,
                   tingkat: str, bahasa: str, kerangka: Kerangka | None = None) -> dict:
    """Smart Netizen of the unit: trend, processing time and service levels per type, backlog,
    comparison per 1,000 people, ratings, villages whose operator has not entered data."""
    k = kerangka or muat_kerangka()
    s = inti.saringan
    bulan = s.bulan()
    akhir = layanan.akhir_periode(s.periode)
    jenis = list(s.jenis)
    mohon = mohon[mohon["jenis_layanan"].astype(str).isin(jenis)] if jenis else mohon
    b = {i: _unit(r, unit) for i, r in inti.baris.items()}
    tren = _unit(inti.tren, unit)
    n_tren = max(int(layanan.deklarasi()["bulan_tren"]), s.jendela)
    per_bulan = layanan_netizen.per_bulan(_unit(mohon, unit, "kode_wilayah"), layanan.daftar_bulan(s.periode, n_tren))
    waktu = layanan_netizen.waktu_proses(b["gov_hari_proses"], b["gov_sla_layanan"],
                                         k.pengaturan["target_layanan_hari"])
    antrean = layanan_netizen.antrean(_unit(mohon, unit, "kode_wilayah"), akhir)
    terbuka = layanan_netizen.terbuka_per_desa(mohon, akhir)
    lingkup, induk = lingkup_banding(tingkat, unit)
    banding = layanan_netizen.per_wilayah(inti.nilai[lingkup], inti.baris["gov_layanan_online"],
                                          inti.baris["gov_hari_proses"], terbuka, penduduk, lingkup, kode_kabupaten,
                                          s.jendela)
    banding = banding[layanan.di_unit(banding["kode_wilayah"], induk)].reset_index(drop=True)
    desa = layanan_netizen.per_wilayah(inti.nilai["desa"], inti.baris["gov_layanan_online"],
                                       inti.baris["gov_hari_proses"], terbuka, penduduk, "desa", kode_kabupaten,
                                       s.jendela)
    desa = desa[layanan.di_unit(desa["kode_wilayah"], unit)].reset_index(drop=True)
    belum = layanan_netizen.belum_input(mohon, kode_kabupaten, bulan)
    belum = belum[layanan.di_unit(belum["kode_wilayah"], unit)].assign(
        nama_kecamatan=lambda d: d["kode_induk"].map(_nama_kec(kode_kabupaten)))
    daring = layanan_netizen.daring_per_bulan(tren)
    masuk = len(b["gov_layanan_online"])
    pend = float(penduduk[layanan.di_unit(pd.Series(penduduk.index, index=penduduk.index), unit)].sum()) \
        if len(penduduk) else np.nan
    rating = pd.to_numeric(b["gov_hari_proses"].get("rating", pd.Series(dtype=float)), errors="coerce")
    ringkas = {"permohonan": masuk, "per_1000_bulan": masuk / pend * 1000 / s.jendela if pend else np.nan,
               "p90_hari": waktu["p90_hari"].iloc[-1], "terbuka": int(antrean["terbuka"].sum()),
               "lewat_tenggat": int(antrean["lewat_tenggat"].sum()), "rating_rata": float(rating.mean()),
               "dinilai": int(rating.notna().sum()), "belum_input": len(belum),
               "belum_pernah": int((belum["keadaan"] == "belum_pernah").sum())}
    return {"ringkasan": ringkas, "waktu": waktu, "antrean": antrean, "banding": banding, "desa": desa,
            "belum": belum.reset_index(drop=True), "lingkup": lingkup,
            **{f"f_bulanan_{m}": gr.grafik_permohonan_bulanan(per_bulan, daring, bahasa, m)
               for m in ("jenis", "kanal")},
            "f_waktu": gr.grafik_waktu_proses(waktu, bahasa), "f_tepat": gr.grafik_tepat_waktu(waktu, bahasa),
            "f_antrean": gr.grafik_antrean(antrean, bahasa),
            "f_banding": gr.grafik_per_kecamatan(banding, bahasa),
            "f_rating": gr.grafik_rating(layanan_netizen.penilaian(b["gov_hari_proses"]), bahasa)}


def bagian_ronda(inti: Inti, ronda: pd.DataFrame, keteraturan: pd.DataFrame, penduduk: pd.Series,
                 kode_kabupaten: str, unit: str, tingkat: str, bahasa: str) -> dict:
    """Ronda Online of the unit: regularity trend, incidents by category and time of day, response
    times, participation, incidents per village (map)."""
    s = inti.saringan
    bulan = s.bulan()
    r = _unit(ronda, unit, "kode_wilayah")
    respon = layanan_ronda.respon_per_kategori(_unit(inti.baris["soc_respon_kejadian"], unit))
    n_tren = max(int(layanan.deklarasi()["bulan_tren"]), s.jendela)
    bulan_tren = layanan.daftar_bulan(s.periode, n_tren)
    partisipasi = layanan_ronda.partisipasi(r, bulan_tren)
    per_desa = layanan_ronda.kejadian_per_desa(r, bulan)
    reg = daftar_wilayah(kode_kabupaten, "desa")
    reg = reg[layanan.di_unit(reg["kode_wilayah"], unit)]
    per_desa = reg[["kode_wilayah", "nama"]].merge(per_desa, on="kode_wilayah", how="left")
    pengguna = layanan_ronda.pengguna(r, bulan)
    kejadian = per_desa["kejadian"].fillna(0).where(per_desa["kode_wilayah"].isin(pengguna))
    per_desa["kejadian"] = kejadian.astype("Int64")   # a village not using Ronda: missing, not 0
    per_desa["per_1000"] = layanan.per_1000(per_desa.set_index("kode_wilayah")["kejadian"], penduduk, 1).to_numpy()
    nd = inti.nilai["desa"]
    per_desa["keteraturan"] = per_desa["kode_wilayah"].map(nd["soc_ronda_rutin"]) if "soc_ronda_rutin" in nd else np.nan
    per_desa["median_respon"] = per_desa["kode_wilayah"].map(nd["soc_respon_kejadian"]) if "soc_respon_kejadian" in nd \
        else np.nan
    p_bulan = partisipasi[partisipasi["periode"].isin(bulan)]
    ringkas = {"desa": len(reg), "pengguna": len(pengguna),
               "kejadian": int(per_desa["kejadian"].sum()), "p90_respon": respon["p90_menit"].iloc[-1],
               "peserta_rata": float((p_bulan["peserta"].sum() / p_bulan["laporan_patroli"].sum())
                                     if len(p_bulan) and p_bulan["laporan_patroli"].sum() else np.nan)}
    tren = keteraturan.loc[unit] if unit in keteraturan.index else pd.Series(np.nan, index=keteraturan.columns)
    gdf = batas(kode_kabupaten, "desa")
    return {"ringkasan": ringkas, "respon": respon, "per_desa": per_desa,
            "f_kejadian": gr_ronda.grafik_kejadian(layanan_ronda.kejadian_per_kategori(r, bulan), bahasa),
            "f_respon": gr_ronda.grafik_respon(respon, bahasa),
            "f_keteraturan": gr_ronda.grafik_keteraturan(tren, partisipasi, bahasa),
            "f_peta": gr_ronda.peta_kejadian(per_desa, gdf, bahasa)}


def bagian_sinyal(inti: Inti, data: Mapping[str, pd.DataFrame], kode_kabupaten: str, unit: str, bahasa: str) -> dict:
    """Signal of the unit: villages without 4G over the online share, pooled per signal class and within
    kecamatan."""
    rows = _unit(inti.baris["gov_layanan_online"], unit)
    sinyal = layanan_sinyal.sinyal_desa(data)
    reg = daftar_wilayah(kode_kabupaten, "desa")
    kode = reg.loc[layanan.di_unit(reg["kode_wilayah"], unit), "kode_wilayah"].tolist()
    adopsi = layanan_sinyal.adopsi_desa(inti.nilai["desa"], rows, sinyal, kode)
    per_sinyal = layanan_sinyal.daring_per_sinyal(rows, sinyal)
    return {"ringkasan": layanan_sinyal.ringkasan_sinyal(adopsi), "per_sinyal": per_sinyal,
            "dalam_kec": layanan_sinyal.selisih_dalam_kecamatan(rows, sinyal), "adopsi": adopsi,
            "f_peta": gr.peta_sinyal(adopsi, batas(kode_kabupaten, "desa"), bahasa),
            "f_sinyal": gr.grafik_sinyal(per_sinyal, bahasa)}


def bagian_mutu(tanda: pd.DataFrame, hilang: pd.DataFrame, kode_kabupaten: str, unit: str, jenis: tuple[str, ...],
                mohon_jenis: pd.Series, bahasa: str) -> dict:
    """Data-quality flags of the unit (all months: a future date lies outside any period), with the
    requests limited to the chosen service types (``mohon_jenis``: service type by request id)."""
    t = _unit(tanda, unit, "kode_wilayah")
    if jenis:
        mohon = t["dataset"] == "layanan_permohonan"
        t = t[~mohon | t["id"].map(mohon_jenis).isin(list(jenis))]
    reg = daftar_wilayah(kode_kabupaten, "desa").set_index("kode_wilayah")["nama"]
    daftar = t.assign(nama=t["kode_wilayah"].map(reg), keterangan=layanan_mutu.uraian(t, bahasa),
                      tanda_nama=t["tanda"].map(lambda x: gr.nama("tanda", x, bahasa)),
                      dataset_nama=t["dataset"].map(lambda x: gr.nama("dataset", x, bahasa)))
    h = _unit(hilang, unit, "kode_wilayah")
    h = h.assign(dataset_nama=h["dataset"].map(lambda x: gr.nama("dataset", x, bahasa)))
    ringkas = layanan_mutu.ringkasan_tanda(t)
    return {"ringkasan": ringkas, "daftar": daftar[["dataset_nama", "id", "kode_wilayah", "nama", "tanda_nama",
                                                    "keterangan"]].reset_index(drop=True),
            "hilang": h.reset_index(drop=True), "f_mutu": gr.grafik_mutu(ringkas, bahasa)}


def tabel_desa(kode_kabupaten: str, bagian: Mapping[str, dict]) -> pd.DataFrame:
    """One row per village of the unit with what each section says about it: the filtered table the page
    exports (``bagian``: the outputs of the ``bagian_*`` functions for the same unit and filters)."""
    situs = bagian["situs"]["status"].set_index("kode_wilayah")
    netizen = bagian["netizen"]["desa"].set_index("kode_wilayah")
    ronda = bagian["ronda"]["per_desa"].set_index("kode_wilayah")
    sinyal = bagian["sinyal"]["adopsi"].set_index("kode_wilayah")
    kec = _nama_kec(kode_kabupaten)
    out = pd.DataFrame({"kode_wilayah": situs.index, "nama": situs["nama"].to_numpy(),
                        "nama_kecamatan": situs["kode_induk"].map(kec).to_numpy(),
                        "status_situs": situs["status"].to_numpy(),
                        "jumlah_kekurangan": situs["jumlah_kekurangan"].to_numpy()})
    k = out["kode_wilayah"]
    for kol in ("penduduk", "permohonan", "per_1000_bulan", "persen_daring", "persen_tepat", "median_hari", "terbuka",
                "rating_rata"):
        out[kol] = k.map(netizen[kol]).to_numpy()
    for kol, baru in (("keteraturan", "keteraturan"), ("kejadian", "kejadian"), ("median_respon", "median_respon")):
        out[baru] = k.map(ronda[kol]).to_numpy()
    out["sinyal"] = k.map(sinyal["sinyal"]).to_numpy()
    return out
