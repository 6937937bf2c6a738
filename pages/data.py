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
from indicators.dasar.label import nama_dataset, teks
from indicators.dasar.pengaturan import ambil
from indicators.dasar.teks_aman import markdown_aman
from indicators.data import impor, pemetaan, skema
from indicators.laporan import ekspor, templat
from indicators.tampilan.tabel import tabel_layar
from indicators.wilayah.batas import berkas_aktif
from indicators.wilayah.daftar import daftar_wilayah
from pages._bersama import grafik, gudang, kepala, kode_kabupaten, pengguna, peran, peta

log = logging.getLogger(__name__)
b = kepala("halaman_data", list(skema.muat_skema()))
g = gudang()
u = pengguna()  # upload, import and boundary controls exist only for the roles allowed them (data/peran.yaml)
kode = kode_kabupaten()
status = g.status()["datasets"]
demo = g.dataset_demo()



def _nama_dataset(d: str) -> str:
    return nama_dataset(d, b)


def _tabel(df: pd.DataFrame, judul: dict | None = None, desimal: dict | None = None, **kw) -> None:
    """A table of the store: cells through the one formatter, headers from the labels, datasets by name."""
    if "dataset" in df:
        df = df.assign(dataset=df["dataset"].map(_nama_dataset))
    judul = {k: ekspor.judul_kolom(k, b) for k in df.columns} | (judul or {})
    st.dataframe(tabel_layar(df, b, judul, desimal, kode_wilayah=kode), hide_index=True, width="stretch", **kw)


st.subheader(teks("isi_gudang", b))
st.dataframe(pd.DataFrame([{teks("dataset", b): _nama_dataset(k), teks("baris", b): angka(v["rows"], 0, b),
                            teks("data_sumber", b): teks(f"data_sumber_{v['sumber']}", b),
                            teks("data_desa_tercakup", b): (f"{angka(v['villages_covered'], 0, b)}/"
                                                            f"{angka(v['villages_total'], 0, b)}"
                                                            if "villages_covered" in v else "–"),
                            teks("data_bulan", b): (f"{v['periods']['first']} – {v['periods']['last']}"
                                                    if v["periods"] else "–"),
                            teks("impor_terakhir", b): waktu(v["last_import"], kode, b)}
                           for k, v in status.items()]), hide_index=True, width="stretch")
jumlah = pd.DataFrame([{"dataset": _nama_dataset(k), "baris": v["rows"]} for k, v in status.items()])
grafik(px.bar(jumlah, x="dataset", y="baris", log_y=True, title=teks("data_baris_per_dataset", b),
              labels={"dataset": "", "baris": teks("baris", b)}))

t_unggah, t_batas, t_segar, t_riwayat, t_templat = st.tabs(
    [teks(k, b) for k in ("data_tab_unggah", "data_tab_batas", "data_tab_kesegaran", "data_tab_riwayat",
                          "data_tab_templat")])


def _batas(v) -> str:
    """A dictionary's minimum or maximum: whole numbers without decimals, "" when there is none."""
    return "" if pd.isna(v) else angka(v, 0 if float(v).is_integer() else 2, b)


def _label_desa(reg: pd.DataFrame) -> dict[str, str]:
    kec = daftar_wilayah(kode, "kecamatan").set_index("kode_wilayah")["nama"]
    return {k: f"{n} ({kec.get(i, '')}) · {k}" for k, n, i in zip(reg["kode_wilayah"], reg["nama"], reg["kode_induk"],
                                                                  strict=True)}


def _tinjau_nama(p: impor.Persiapan, tinjau: pd.DataFrame, pilihan: dict, id_berkas: str) -> None:
    """Names the resolver could not settle: the officer picks the village (nothing is guessed)."""
    st.markdown(f"#### {teks('data_tinjau_nama', b)}")
    tingkat = "kecamatan" if p.dataset == "ruas_jalan" else "desa"
    reg = daftar_wilayah(kode, tingkat)
    label_desa = _label_desa(reg) if tingkat == "desa" else dict(zip(reg["kode_wilayah"], reg["nama"], strict=True))
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
                judul = (f"{markdown_aman(str(r.nama))}" + (f" · kec. {markdown_aman(str(r.kecamatan))}"
                                                             if r.kecamatan else "")
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


def _rencana_dan_impor(p: impor.Persiapan, id_berkas: str) -> None:
    """Exactly what will change (per dataset, month and village), then the all-or-nothing import."""
    rencana = impor.rencana(p, g)
    st.markdown(f"#### {teks('data_rencana', b)}")
    c = st.columns(5)
    for kol, (k, v) in zip(c, (("data_rencana_baris", rencana.baris), ("data_rencana_baru", rencana.baru),
                               ("data_rencana_diperbarui", rencana.diperbarui), ("data_rencana_sama", rencana.sama),
                               ("data_rencana_dihapus", rencana.dihapus + rencana.demo_dihapus)), strict=True):
        kol.metric(teks(k, b), angka(v, 0, b))
    kalimat = impor.ringkas_rencana(rencana, kode, b)
    (st.warning if rencana.demo_dihapus or rencana.dihapus else st.info)(
        "\n".join(f"- {k}" for k in kalimat), icon=":material/difference:")
    if not rencana.berubah:
        return
    if rencana.demo_dihapus and not u.boleh("ganti_demo"):
        st.error(teks("data_ganti_demo_ditolak", b))
        return
    yakin = st.checkbox(teks("data_konfirmasi", b), key=f"yakin_{id_berkas}_{p.dataset}")
    if st.button(teks("data_impor_sekarang", b), type="primary", disabled=not yakin, key=f"impor_{id_berkas}"):
        try:
            r = impor.jalankan(p, g, pengguna=u.id, peran=u.peran)
        except ValueError as e:
            st.error(markdown_aman(str(e)))  # names and values from the file are text, not Markdown
        else:
            st.session_state["_persiapan"] = {}
            st.session_state.pop(f"yakin_{id_berkas}_{p.dataset}", None)
            st.session_state["_hasil_impor"] = teks("data_impor_selesai", b).format(
                baris=angka(r.baris, 0, b), dataset=p.dataset, baru=angka(r.baru, 0, b),
                diperbarui=angka(r.diperbarui, 0, b), sama=angka(r.sama, 0, b)) + " " + "; ".join(kalimat) + "."
            st.rerun()


def _persiapan(isi: bytes, nama: str, dataset: str, pilihan: dict, peta: dict | None, lembar=None,
               format_tanggal: dict | None = None) -> impor.Persiapan:
    # kept per session (an upload may hold personal data: never in the cross-user st.cache_data)
    format_tanggal = format_tanggal or {}
    kunci = (hashlib.blake2b(isi, digest_size=16).hexdigest(), nama, dataset, tuple(sorted(pilihan.items())),
             tuple(sorted((peta or {}).items(), key=str)), kode, g.versi(), lembar,
             tuple(sorted(format_tanggal.items())))
    simpan = st.session_state.setdefault("_persiapan", {})
    if kunci not in simpan:
        simpan.clear()
        bar = st.progress(0.0, text=teks("data_membaca", b))
        try:
            simpan[kunci] = impor.siapkan(isi, nama, kode, dataset, pilihan, peta_kolom=peta, gudang=g, lembar=lembar,
                                          format_tanggal=format_tanggal,
                                          kemajuan=lambda f, _t: bar.progress(min(max(f, 0.0), 1.0),
                                                                              text=teks("data_membaca", b)))
        finally:
            bar.empty()
    return simpan[kunci]


def _kolom_berkas(isi: bytes, nama: str, lembar=None) -> tuple[list[str], list[str], str | None]:
    """The file's (normalised) columns, its sheets and the sheet read; read once per file and sheet."""
    kunci = ("_kolom", hashlib.blake2b(isi, digest_size=16).hexdigest(), nama, lembar)
    if st.session_state.get("_kolom_berkas", (None,))[0] != kunci:
        t = impor.baca(isi, nama, lembar=lembar)
        st.session_state["_kolom_berkas"] = (kunci, (list(t.data.columns), list(t.daftar_lembar), t.lembar))
    return st.session_state["_kolom_berkas"][1]


def _langkah_pemetaan(kolom: list[str], dataset: str, tersimpan: dict | None, id_berkas: str) -> dict | None:
    """The mapping step: each target column gets a file column (suggestions pre-filled). Returns the
    confirmed mapping, ``{}`` when the automatic one suffices, None while a required column has none."""
    usulan = pemetaan.usul(kolom, dataset, tersimpan)
    otomatis = pemetaan.otomatis(usulan)
    kurang = pemetaan.kurang(otomatis, dataset)
    kunci = f"_peta_{id_berkas}_{dataset}"
    dipilih = st.session_state.get(kunci)
    wajib = set(pemetaan.wajib(dataset))
    with st.expander(teks("data_pemetaan_judul", b), expanded=bool(kurang) and dipilih is None):
        st.caption(teks("data_pemetaan_bantuan", b))
        with st.form(f"peta_{id_berkas}_{dataset}"):
            pilihan_kolom = {}
            opsi = ["", *kolom]
            sekarang = dipilih if dipilih is not None else {t: u.sumber for t, u in usulan.items()}
            for t in pemetaan.tujuan(dataset):
                u = usulan[t]
                tanda = teks("data_pemetaan_wajib", b) if t in wajib else ""
                cara = teks(f"data_pemetaan_cara_{u.cara}", b) if u.cara else ""
                awal = sekarang.get(t)
                nama_t = teks(f"data_pemetaan_nama_{t}", b) if t in pemetaan.NAMA_WILAYAH else t
                pilihan_kolom[t] = st.selectbox(f"{nama_t}{tanda}" + (f" · {cara}" if cara else ""), opsi,
                                                index=opsi.index(awal) if awal in opsi else 0,
                                                key=f"petakan_{id_berkas}_{dataset}_{t}",
                                                format_func=lambda k: k or teks("data_pemetaan_tanpa", b))
            if st.form_submit_button(teks("data_pemetaan_terapkan", b), type="primary"):
                st.session_state[kunci] = {t: v or None for t, v in pilihan_kolom.items()}
                st.rerun()
        dipakai = set((dipilih if dipilih is not None else otomatis).values())
        lebih = [k for k in kolom if k not in dipakai]
        if lebih:
            st.caption(teks("data_pemetaan_diabaikan", b).format(n=len(lebih)))
            st.dataframe(pd.DataFrame({teks("data_pemetaan_kolom_berkas", b): lebih}), hide_index=True)
    if dipilih is not None:
        return dipilih
    if kurang:
        st.warning(teks("data_pemetaan_kurang", b).format(kolom=", ".join(kurang)))
        return None
    return {}


boleh_dataset = [d for d in sorted(skema.muat_skema()) if u.boleh_impor(d)]
with t_unggah:
    berkas = None
    if not u.boleh("impor"):
        st.info(teks("data_perlu_masuk", b), icon=":material/lock:")
    elif not boleh_dataset:
        st.warning(teks("data_tanpa_tugas", b))
    else:
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
        p = None
        try:
            kolom_berkas, daftar_lembar, lembar_dibaca = _kolom_berkas(isi, berkas.name, lembar)
            if len(daftar_lembar) > 1:
                st.selectbox(teks("data_lembar", b), daftar_lembar, key=f"lembar_{id_berkas}",
                             index=daftar_lembar.index(lembar_dibaca) if lembar_dibaca in daftar_lembar else 0)
            tersimpan = impor.pemetaan_tersimpan(g, kolom_berkas)
            tebakan = impor.deteksi_dataset(kolom_berkas, tersimpan)
            daftar = boleh_dataset  # a data officer picks among the datasets assigned to the account
            if tebakan and tebakan not in daftar:
                st.warning(teks("data_bukan_tugas", b).format(dataset=tebakan, tugas=", ".join(daftar)))
            # the picker is there whether or not the columns gave the dataset away
            nama = st.selectbox(teks("data_dataset_dikenali", b).format(nama=tebakan) if tebakan in daftar
                                else teks("data_dataset_pilih", b), daftar,
                                index=daftar.index(tebakan) if tebakan in daftar else None,
                                key=f"dataset_{id_berkas}",
                                placeholder=teks("data_dataset_placeholder", b),
                                format_func=lambda n: f"{n} — {teks(f'data_nama_{n}', b)}")
            if nama is None:
                st.info(teks("data_dataset_belum", b))
            else:
                if nama in tersimpan:
                    st.caption(teks("data_pemetaan_tersimpan", b))
                peta = _langkah_pemetaan(kolom_berkas, nama, tersimpan.get(nama), id_berkas)
                if peta is not None:
                    p = _persiapan(isi, berkas.name, nama, pilihan, peta or None, lembar, format_tanggal)
                    for kol, info in p.tanggal_ambigu.items():  # the officer states what the file cannot tell
                        pilih = st.selectbox(teks("data_format_tanggal", b).format(kolom=markdown_aman(kol),
                                                                                contoh=markdown_aman(info["contoh"])),
                                             ["", *info["pilihan"]], key=f"format_{id_berkas}_{kol}",
                                             format_func=lambda f: f or teks("data_format_tanggal_pilih", b))
                        if pilih:
                            format_tanggal[kol] = pilih
                            st.rerun()
        except ValueError as e:
            st.error(markdown_aman(str(e)))  # names and values from the file are text, not Markdown
            p = None
        except Exception as e:  # never a traceback or a server path on the page: one sentence, details to the log
            log.error("unggahan tidak dapat diproses: %s\n%s", type(e).__name__,  # frames only: no cell values
                      "".join(traceback.format_tb(e.__traceback__)))
            st.error(teks("data_galat_tak_terduga", b))
            p = None
        if p is not None:
            if p.catatan:
                st.info(teks("data_yang_dilakukan", b) + ":\n\n"
                        + "\n".join(f"- {markdown_aman(c)}" for c in p.catatan))
            n_pratinjau = min(20, len(p.validasi.data))
            st.caption(teks("data_pratinjau", b).format(n=n_pratinjau, total=angka(len(p.mentah), 0, b)))
            # the dataset's columns as they will be stored (personal ones protected); others never shown
            st.dataframe(privasi.lindungi(p.validasi.data.head(n_pratinjau), p.dataset, peran()),
                         hide_index=True, width="stretch")

            tinjau = p.perlu_pilihan
            if p.resolusi is not None and (len(tinjau) or (p.resolusi["match"] == "fuzzy").any()):
                _tinjau_nama(p, tinjau, pilihan, id_berkas)

            laporan = p.laporan()
            if not p.validasi.valid:
                st.error(teks("data_galat_judul", b).format(n=angka(len(p.galat), 0, b),
                                                            baris=angka(p.galat["baris"].nunique(), 0, b)))
            if len(p.peringatan):
                st.warning(teks("data_peringatan_judul", b).format(n=angka(p.peringatan["baris"].nunique(), 0, b)))
            if len(laporan):
                st.dataframe(laporan.rename(columns=lambda k: ekspor.judul_kolom(k, b)), hide_index=True,
                             width="stretch")
                c1, c2 = st.columns(2)
                c1.download_button(teks("data_unduh_laporan_xlsx", b), ekspor.ke_xlsx(laporan, "laporan", bahasa=b),
                                   "laporan_impor.xlsx",
                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                   on_click="ignore", key=f"unduh_laporan_{id_berkas}")
                c2.download_button(teks("data_unduh_laporan", b), ekspor.ke_csv_excel(laporan, (), b),
                                   "laporan_impor.csv", "text/csv", on_click="ignore", key=f"unduh_galat_{id_berkas}")

            if p.siap:
                _rencana_dan_impor(p, id_berkas)
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
        if info and u.boleh("hapus_batas") and c2.button(teks("data_hapus_batas", b).format(tingkat=tingkat),
                                                      key=f"hapus_batas_{tingkat}"):
            g.hapus_batas(kode, tingkat, u.id, u.peran)
            st.rerun()
    unggah_batas = tingkat_pilih = None
    if u.boleh("simpan_batas"):
        unggah_batas = st.file_uploader(teks("data_berkas_batas", b), type=["geojson", "json", "gpkg", "zip"],
                                        key="unggah_batas")
        tingkat_pilih = st.radio(teks("data_tingkat", b), ["", "desa", "kecamatan"], horizontal=True,
                                 key="tingkat_batas",
                                 format_func=lambda t: t if t else teks("data_tingkat_otomatis", b))
    else:
        st.info(teks("data_batas_perlu_admin", b), icon=":material/lock:")
    if "_hasil_batas" in st.session_state:
        st.success(st.session_state.pop("_hasil_batas"))
    if unggah_batas is not None:
        try:
            gdf, lap, tingkat = impor.baca_batas_unggahan(unggah_batas.getvalue(), unggah_batas.name, kode,
                                                          tingkat_pilih or None)
        except ValueError as e:
            st.error(markdown_aman(str(e)))  # names and values from the file are text, not Markdown
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
                    g.simpan_batas(gdf, tingkat, kode, lap, berkas=unggah_batas.name, pengguna=u.id, peran=u.peran)
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
    _tabel(kes, {k: teks(v, b) for k, v in nama_kolom.items()},  # counts (float only for their gaps)
           {"desa_dengan_data": 0, "desa_tanpa_data": 0, "desa_bulan_hilang": 0})
    st.caption(teks("data_kes_tanpa_waktu", b))
    mutu = {d: g.catatan_mutu(d) for d in skema.muat_skema()}
    mutu = {d: m for d, m in mutu.items() if len(m)}
    st.markdown(f"**{teks('data_mutu_judul', b)}**")
    if not mutu:
        st.caption(teks("data_mutu_kosong", b))
    for d, m in mutu.items():
        with st.expander(teks("data_mutu_dataset", b).format(dataset=_nama_dataset(d), n=angka(len(m), 0, b))):
            _tabel(m)
    per_desa = [d for d in kes["dataset"] if "kode_wilayah" in skema.skema(d).kolom]
    pilih = st.selectbox(teks("data_kes_per_desa", b), per_desa, key="kesegaran_dataset", format_func=_nama_dataset)
    if pilih:
        h = impor.bulan_hilang(g.bulan_per_desa(pilih), kode)
        _tabel(h, {"bulan_ada": teks("data_kes_bulan_ada", b), "jumlah_hilang": teks("data_kes_jumlah_hilang", b),
                   "bulan_hilang": teks("data_kes_daftar_hilang", b), "bulan_terakhir": teks("data_kes_terakhir", b)})

with t_riwayat:
    riwayat = g.riwayat_impor()
    if not u.boleh("impor"):  # who imported is for officers and admins; the public sees what and when
        riwayat = riwayat.drop(columns=["pengguna"], errors="ignore")
    _tabel(riwayat.assign(waktu=[waktu(t, kode, b) for t in riwayat["waktu"]]),
           {"baris": teks("baris", b), "sumber": teks("data_sumber", b)})

with t_templat:
    st.caption(teks("data_templat_bantuan", b))
    for nama in skema.muat_skema():
        c0, c1, c2 = st.columns([3, 1, 1])
        c0.write(f"**{_nama_dataset(nama)}** · `{nama}` — {skema.skema(nama).deskripsi[b]}")  # the key names the file
        c1.download_button("XLSX", lambda nama=nama: templat.templat_xlsx(nama, kode, b), f"templat_{nama}.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                           key=f"templat-xlsx-{nama}", help=teks("data_templat_xlsx_bantuan", b))
        c2.download_button("CSV", templat.templat_csv(nama), f"templat_{nama}.csv", "text/csv",
                           on_click="ignore", key=f"templat-{nama}", help=teks("data_templat_csv_bantuan", b))
    kamus = skema.kamus_data(b)
    st.download_button(teks("data_unduh_kamus", b), ekspor.ke_xlsx(kamus, "kamus_data", bahasa=b), "kamus_data.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                       key="unduh_kamus")
    # the column names and types are what a file must carry: shown as they are written in it
    _tabel(kamus.assign(min=[_batas(v) for v in kamus["min"]], max=[_batas(v) for v in kamus["max"]]))
