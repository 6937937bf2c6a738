"""Data: what the store holds; upload with name review, per-row report and all-or-nothing import;
boundary files; freshness; import history; templates and the data dictionary.

Thin: :mod:`indicators.data.impor` reads, resolves, validates and imports; this page gathers the officer's
input (file, dataset, chosen villages, confirmation) and draws the reports.
"""
import hashlib
import logging
import traceback

import pandas as pd
import plotly.express as px
import streamlit as st

from indicators.akses import privasi
from indicators.dasar.format import angka, waktu
from indicators.dasar.label import teks
from indicators.dasar.pengaturan import ambil
from indicators.data import impor, skema
from indicators.laporan import ekspor
from indicators.wilayah.batas import berkas_aktif
from indicators.wilayah.daftar import daftar_wilayah
from pages._bersama import grafik, gudang, kepala, kode_kabupaten, peran, peta

log = logging.getLogger(__name__)
b = kepala("halaman_data", list(skema.muat_skema()))
g = gudang()
kode = kode_kabupaten()
status = g.status()["datasets"]
demo = g.dataset_demo()

st.subheader(teks("isi_gudang", b))
st.dataframe(pd.DataFrame([{teks("dataset", b): k, teks("baris", b): angka(v["rows"], 0, b),
                            teks("impor_terakhir", b): waktu(v["last_import"], kode, b),
                            "demo": "✓" if k in demo else ""}
                           for k, v in status.items()]), hide_index=True, width="stretch")
jumlah = pd.DataFrame([{"dataset": k, "baris": v["rows"]} for k, v in status.items()])
grafik(px.bar(jumlah, x="dataset", y="baris", log_y=True, title=teks("data_baris_per_dataset", b),
              labels={"dataset": "", "baris": teks("baris", b)}))

t_unggah, t_batas, t_segar, t_riwayat, t_templat = st.tabs(
    [teks(k, b) for k in ("data_tab_unggah", "data_tab_batas", "data_tab_kesegaran", "data_tab_riwayat",
                          "data_tab_templat")])


def _label_desa(reg: pd.DataFrame) -> dict[str, str]:
    kec = daftar_wilayah(kode, "kecamatan").set_index("kode_wilayah")["nama"]
    return {k: f"{n} ({kec.get(i, '')}) · {k}" for k, n, i in zip(reg["kode_wilayah"], reg["nama"], reg["kode_induk"],
                                                                  strict=True)}


def _persiapan(isi: bytes, nama: str, dataset: str | None, pilihan: dict, lembar=None,
               format_tanggal: dict | None = None) -> impor.Persiapan:
    # kept per session (an upload may hold personal data: never in the cross-user st.cache_data)
    format_tanggal = format_tanggal or {}
    kunci = (hashlib.blake2b(isi, digest_size=16).hexdigest(), nama, dataset, tuple(sorted(pilihan.items())), kode,
             lembar, tuple(sorted(format_tanggal.items())))
    simpan = st.session_state.setdefault("_persiapan", {})
    if kunci not in simpan:
        simpan.clear()
        bar = st.progress(0.0, text=teks("data_membaca", b))
        try:
            simpan[kunci] = impor.siapkan(isi, nama, kode, dataset, pilihan, lembar=lembar,
                                          format_tanggal=format_tanggal,
                                          kemajuan=lambda f, _t: bar.progress(min(max(f, 0.0), 1.0),
                                                                              text=teks("data_membaca", b)))
        finally:
            bar.empty()
    return simpan[kunci]


with t_unggah:
    st.caption(teks("data_unggah_bantuan", b).format(mb=ambil("batas_unggah_mb")))
    berkas = st.file_uploader(teks("data_berkas_tabel", b), type=["csv", "xlsx"], key="unggah")
    if "_hasil_impor" in st.session_state:
        st.success(st.session_state.pop("_hasil_impor"))
    if berkas is not None:
        isi = berkas.getvalue()
        id_berkas = hashlib.blake2b(isi, digest_size=8).hexdigest()
        pilihan = st.session_state.setdefault(f"_pilihan_{id_berkas}", {})
        lembar = st.session_state.get(f"lembar_{id_berkas}") or None
        format_tanggal = st.session_state.setdefault(f"_format_tanggal_{id_berkas}", {})
        try:
            tebak = _persiapan(isi, berkas.name, None, pilihan, lembar, format_tanggal)
            if len(tebak.daftar_lembar) > 1:
                st.selectbox(teks("data_lembar", b), tebak.daftar_lembar, key=f"lembar_{id_berkas}",
                             index=tebak.daftar_lembar.index(tebak.lembar))
            daftar = sorted(skema.muat_skema())
            label = (teks("data_dataset_dikenali", b).format(nama=tebak.dataset_tebakan) if tebak.dataset_tebakan
                     else teks("data_dataset_pilih", b))
            nama = st.selectbox(label, daftar, index=daftar.index(tebak.dataset), key=f"dataset_{id_berkas}")
            p = tebak if nama == tebak.dataset else _persiapan(isi, berkas.name, nama, pilihan, lembar, format_tanggal)
            for kol, info in p.tanggal_ambigu.items():  # the officer states what the file cannot tell
                pilih = st.selectbox(teks("data_format_tanggal", b).format(kolom=kol, contoh=info["contoh"]),
                                     ["", *info["pilihan"]], key=f"format_{id_berkas}_{kol}",
                                     format_func=lambda f: f or teks("data_format_tanggal_pilih", b))
                if pilih:
                    format_tanggal[kol] = pilih
                    st.rerun()
        except ValueError as e:
            st.error(str(e))
            p = None
        except Exception as e:  # never a traceback or a server path on the page: one sentence, details to the log
            log.error("unggahan tidak dapat diproses: %s\n%s", type(e).__name__,  # frames only: no cell values
                      "".join(traceback.format_tb(e.__traceback__)))
            st.error(teks("data_galat_tak_terduga", b))
            p = None
        if p is not None:
            if p.catatan:
                st.info(teks("data_yang_dilakukan", b) + ":\n\n" + "\n".join(f"- {c}" for c in p.catatan))
            n_pratinjau = min(20, len(p.mentah))
            st.caption(teks("data_pratinjau", b).format(n=n_pratinjau, total=angka(len(p.mentah), 0, b)))
            pratinjau = p.mentah.head(n_pratinjau)
            # region columns and the dataset's own (personal ones masked); other columns may hold anything
            wilayah = [c for c in pratinjau.columns
                       if c in (*impor.KOLOM_KODE, *impor.KOLOM_DESA, *impor.KOLOM_KECAMATAN)]
            kolom_skema = [c for c in pratinjau.columns if c in skema.skema(p.dataset).kolom and c not in wilayah]
            st.dataframe(privasi.lindungi(pratinjau[wilayah + kolom_skema], p.dataset, peran()),
                         hide_index=True, width="stretch")

            tinjau = p.perlu_pilihan
            if p.resolusi is not None and (len(tinjau) or (p.resolusi["match"] == "fuzzy").any()):
                st.markdown(f"#### {teks('data_tinjau_nama', b)}")
                tingkat = "kecamatan" if p.dataset == "ruas_jalan" else "desa"
                reg = daftar_wilayah(kode, tingkat)
                label_desa = _label_desa(reg) if tingkat == "desa" else dict(zip(reg["kode_wilayah"], reg["nama"],
                                                                                 strict=True))
                if len(tinjau):
                    st.warning(teks("data_tinjau_bantuan", b).format(n=len(tinjau)))
                    maks = 60
                    if len(tinjau) > maks:
                        st.caption(teks("data_tinjau_terlalu_banyak", b).format(n=maks))
                    with st.form(f"tinjau_{id_berkas}"):
                        dipilih = {}
                        for i, r in enumerate(tinjau.head(maks).itertuples()):
                            calon = [k.split(" ", 1)[0] for k in str(r.kandidat).split("; ") if k]
                            opsi = ["", *calon, *sorted(set(label_desa) - set(calon))]
                            judul = (f"{r.nama}" + (f" · kec. {r.kecamatan}" if r.kecamatan else "")
                                     + f" — {r.match}, baris {r.baris_pertama} ({r.jumlah_baris}×)")
                            dipilih[(r.nama, r.kecamatan)] = st.selectbox(
                                judul, opsi, key=f"pilih_{id_berkas}_{i}",
                                format_func=lambda k: label_desa.get(k, teks("data_pilih_desa", b)))
                        if st.form_submit_button(teks("data_simpan_pilihan", b), type="primary"):
                            pilihan.update({k: v for k, v in dipilih.items() if v})
                            st.rerun()
                    st.download_button(teks("data_unduh_tinjauan", b), ekspor.ke_csv(tinjau), "tinjauan_nama.csv",
                                       "text/csv", on_click="ignore", key=f"unduh_tinjau_{id_berkas}")
                fuzzy = p.resolusi[p.resolusi["match"] == "fuzzy"]
                if len(fuzzy):
                    with st.expander(teks("data_cocok_ejaan", b).format(n=len(fuzzy))):
                        st.dataframe(fuzzy.assign(desa=fuzzy["kode_wilayah"].map(label_desa))[
                            ["nama", "kecamatan", "desa", "score", "baris_pertama", "jumlah_baris"]],
                            hide_index=True, width="stretch")

            if not p.validasi.valid:
                st.error(teks("data_galat_judul", b).format(n=angka(len(p.galat), 0, b),
                                                            baris=angka(p.galat["baris"].nunique(), 0, b)))
                st.dataframe(p.galat, hide_index=True, width="stretch")
                st.download_button(teks("data_unduh_laporan", b), ekspor.ke_csv(p.galat), "laporan_galat.csv",
                                   "text/csv", on_click="ignore", key=f"unduh_galat_{id_berkas}")
            if len(p.peringatan):
                st.warning(teks("data_peringatan_judul", b).format(n=len(p.peringatan)))
                st.dataframe(p.peringatan, hide_index=True, width="stretch")

            if p.siap:
                rencana = impor.rencana(p, g)
                st.markdown(f"#### {teks('data_rencana', b)}")
                c = st.columns(4)
                for kol, (k, v) in zip(c, (("data_rencana_baris", rencana.baris), ("data_rencana_baru", rencana.baru),
                                           ("data_rencana_diperbarui", rencana.diperbarui),
                                           ("data_rencana_sama", rencana.sama)), strict=True):
                    kol.metric(teks(k, b), angka(v, 0, b))
                if rencana.ganti_demo:
                    st.warning(teks("data_ganti_demo", b))
                yakin = st.checkbox(teks("data_konfirmasi", b), key=f"yakin_{id_berkas}_{p.dataset}")
                if st.button(teks("data_impor_sekarang", b), type="primary", disabled=not yakin,
                             key=f"impor_{id_berkas}"):
                    try:
                        r = impor.jalankan(p, g, pengguna=peran())
                    except ValueError as e:
                        st.error(str(e))
                    else:
                        st.session_state["_persiapan"] = {}
                        st.session_state.pop(f"yakin_{id_berkas}_{p.dataset}", None)
                        st.session_state["_hasil_impor"] = teks("data_impor_selesai", b).format(
                            baris=angka(r.baris, 0, b), dataset=p.dataset, baru=angka(r.baru, 0, b),
                            diperbarui=angka(r.diperbarui, 0, b), sama=angka(r.sama, 0, b))
                        st.rerun()
            else:
                st.caption(teks("data_belum_siap", b))

with t_batas:
    st.caption(teks("data_batas_bantuan", b))
    st.markdown(f"**{teks('data_batas_sekarang', b)}**")
    for tingkat in ("kecamatan", "desa"):
        info = g.batas_tersimpan(kode, tingkat)
        if info:
            keadaan = teks("data_batas_impor", b).format(berkas=info["berkas"], cocok=info["matched"],
                                                         hilang=len(info["missing"]),
                                                         waktu=waktu(info["waktu"], kode, b))
        elif berkas_aktif(kode, tingkat):
            keadaan = teks("data_batas_pengaturan", b).format(berkas=berkas_aktif(kode, tingkat))
        else:
            keadaan = teks("data_batas_skematis", b)
        c1, c2 = st.columns([4, 1])
        c1.write(f"- {teks(tingkat, b)}: {keadaan}")
        if info and c2.button(teks("data_hapus_batas", b).format(tingkat=tingkat), key=f"hapus_batas_{tingkat}"):
            g.hapus_batas(kode, tingkat, peran())
            st.rerun()
    unggah_batas = st.file_uploader(teks("data_berkas_batas", b), type=["geojson", "json", "gpkg", "zip"],
                                    key="unggah_batas")
    tingkat_pilih = st.radio(teks("data_tingkat", b), ["", "desa", "kecamatan"], horizontal=True, key="tingkat_batas",
                             format_func=lambda t: t if t else teks("data_tingkat_otomatis", b))
    if "_hasil_batas" in st.session_state:
        st.success(st.session_state.pop("_hasil_batas"))
    if unggah_batas is not None:
        try:
            gdf, lap, tingkat = impor.baca_batas_unggahan(unggah_batas.getvalue(), unggah_batas.name, kode,
                                                          tingkat_pilih or None)
        except ValueError as e:
            st.error(str(e))
        else:
            c = st.columns(4)
            c[0].metric(teks("data_batas_cocok", b), f"{lap['matched']} / {lap['matched'] + len(lap['missing'])}")
            c[1].metric(teks("data_batas_tanpa_batas", b), len(lap["missing"]))
            c[2].metric(teks("data_batas_tanpa_pasangan", b), len(lap["unmatched"]))
            c[3].metric(teks("data_batas_sistem", b), str(lap["code_system"]))
            st.caption(f"{tingkat} · CRS {lap['crs']}" + (" → EPSG:4326" if lap["reprojected"] else "")
                       + (f" · {lap['code_column']}" if lap.get("code_column") else ""))
            st.markdown(f"**{teks('data_batas_laporan', b)}**")
            st.dataframe(impor.ringkas_laporan_batas(lap, kode, tingkat), hide_index=True, width="stretch")
            if len(gdf):
                from indicators.tampilan.peta import peta_choropleth

                luas = pd.Series(gdf.to_crs(6933).area.to_numpy() / 1e6, index=gdf["kode_wilayah"])
                peta(peta_choropleth(gdf.assign(geometri_skematis=False), luas, judul=teks("data_batas_pratinjau", b),
                                     label_nilai=teks("data_luas", b), bahasa=b, skematis=False))
                if st.button(teks("data_simpan_batas", b), type="primary", key="simpan_batas"):
                    g.simpan_batas(gdf, tingkat, kode, lap, berkas=unggah_batas.name, pengguna=peran())
                    st.session_state["_hasil_batas"] = teks("data_batas_disimpan", b).format(
                        tingkat=tingkat, cocok=lap["matched"])
                    st.rerun()

with t_segar:
    st.caption(teks("data_kesegaran_bantuan", b))
    kes = impor.kesegaran(g, kode)
    nama_kolom = {"dataset": "data_kes_dataset", "bulan_pertama": "data_kes_pertama",
                  "bulan_terakhir": "data_kes_terakhir", "bulan_kosong": "data_kes_kosong",
                  "desa_dengan_data": "data_kes_desa_ada", "desa_tanpa_data": "data_kes_desa_tanpa",
                  "desa_bulan_hilang": "data_kes_desa_hilang"}
    tampil = kes.astype(object).where(kes.notna(), "–").astype(str)  # one type per column for Arrow
    st.dataframe(tampil.rename(columns={k: teks(v, b) for k, v in nama_kolom.items()}), hide_index=True,
                 width="stretch")
    st.caption(teks("data_kes_tanpa_waktu", b))
    per_desa = [d for d in kes["dataset"] if "kode_wilayah" in skema.skema(d).kolom]
    pilih = st.selectbox(teks("data_kes_per_desa", b), per_desa, key="kesegaran_dataset")
    if pilih:
        h = impor.bulan_hilang(g.bulan_per_desa(pilih), kode)
        st.dataframe(h.rename(columns={"bulan_ada": teks("data_kes_bulan_ada", b),
                                       "jumlah_hilang": teks("data_kes_jumlah_hilang", b),
                                       "bulan_hilang": teks("data_kes_daftar_hilang", b),
                                       "bulan_terakhir": teks("data_kes_terakhir", b)}),
                     hide_index=True, width="stretch")

with t_riwayat:
    riwayat = g.riwayat_impor()
    st.dataframe(riwayat.assign(waktu=[waktu(t, kode, b) for t in riwayat["waktu"]]), hide_index=True, width="stretch")

with t_templat:
    st.caption(teks("data_templat_bantuan", b))
    kolom = st.columns(5)
    for i, nama in enumerate(skema.muat_skema()):
        kolom[i % 5].download_button(nama + ".csv", skema.templat_csv(nama), f"templat_{nama}.csv", "text/csv",
                                     on_click="ignore", key=f"templat-{nama}")
    kamus = skema.kamus_data(b)
    st.download_button(teks("data_unduh_kamus", b), ekspor.ke_xlsx(kamus, "kamus_data"), "kamus_data.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                       key="unduh_kamus")
    st.dataframe(kamus, hide_index=True, width="stretch")
