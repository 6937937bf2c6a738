"""Admin: local accounts (add, role and dataset assignment, disable/enable) and the audit log.

Only ``admin`` gets this page (data/peran.yaml); every change goes through :mod:`indicators.akses.akun`,
which checks the role again and writes the audit event.
"""
import pandas as pd
import streamlit as st

from indicators.akses import akun
from indicators.akses.peran import boleh_halaman, daftar_peran, label_peran
from indicators.dasar.format import waktu
from indicators.dasar.label import nama_dataset, teks
from indicators.dasar.teks_aman import markdown_aman
from indicators.dasar.waktu import zona
from indicators.data import skema
from indicators.laporan import ekspor
from pages._bersama import gudang, kepala, kode_kabupaten, pencatat, pengguna

b = kepala("halaman_admin", [])
p, g, kode = pengguna(), gudang(), kode_kabupaten()
if not boleh_halaman(p.peran, "admin"):  # the page is not registered for other roles; a second lock
    st.error(teks("akses_ditolak", b).format(peran=label_peran("admin", b)))
    st.stop()

PERAN = list(daftar_peran())
DATASET = sorted(skema.muat_skema())


def _jalankan(fungsi, apa: str, *args, **kwargs) -> None:
    """Run one account change; a refusal is shown as its sentence, nothing changed."""
    try:
        fungsi(g, *args, oleh=p, **kwargs)
    except ValueError as e:
        st.error(markdown_aman(str(e)))
    else:
        st.session_state["_admin_pesan"] = teks("admin_selesai", b).format(apa=apa)
        st.rerun()


def _tabel_akun(a: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        teks("kol_id", b): a["id"], teks("kol_nama", b): a["nama"],
        teks("kol_peran", b): [label_peran(r, b) for r in a["peran"]],
        teks("admin_dataset", b): [", ".join(teks("semua", b) if d == "*" else nama_dataset(d, b)
                                             for d in str(x).split(",") if d) or "–" for x in a["dataset"].fillna("")],
        teks("admin_status", b): [teks("admin_aktif_ya" if x else "admin_aktif_tidak", b) for x in a["aktif"]],
        teks("kol_gagal", b): a["gagal"].fillna(0).astype(int).astype(str),
        teks("kol_terkunci_sampai", b): [waktu(t, kode, b) for t in a["terkunci_sampai"]],
        teks("kol_diubah", b): [waktu(t, kode, b) for t in a["diubah"]],
    })


if "_admin_pesan" in st.session_state:
    st.success(st.session_state.pop("_admin_pesan"))

t_pengguna, t_audit = st.tabs([teks("admin_pengguna", b), teks("admin_audit", b)])

with t_pengguna:
    daftar = g.daftar_akun()
    if len(daftar):
        st.dataframe(_tabel_akun(daftar), hide_index=True, width="stretch")
    else:
        st.info(teks("admin_belum_ada", b))
    kiri, kanan = st.columns(2)
    with kiri, st.form("admin_tambah", clear_on_submit=True):
        st.markdown(f"**{teks('admin_tambah', b)}**")
        id_ = st.text_input(teks("admin_id", b), key="admin_id")
        nama = st.text_input(teks("admin_nama", b), key="admin_nama")
        peran_baru = st.selectbox(teks("admin_peran", b), PERAN, index=PERAN.index("petugas"), key="admin_peran",
                                  format_func=lambda r: label_peran(r, b))
        tugas = st.multiselect(teks("admin_dataset", b), DATASET, key="admin_tugas", placeholder="–",
                               format_func=lambda d: nama_dataset(d, b))
        sandi = st.text_input(teks("admin_sandi", b), type="password", key="admin_sandi", autocomplete="new-password")
        ulang = st.text_input(teks("admin_sandi_ulang", b), type="password", key="admin_ulang",
                              autocomplete="new-password")
        if st.form_submit_button(teks("admin_simpan", b), type="primary"):
            if sandi != ulang:
                st.error(teks("admin_sandi_beda", b))
            else:
                _jalankan(akun.tambah, id_, id_.strip(), peran_baru, sandi, nama=nama.strip(), dataset=tuple(tugas))
    with kanan:
        if len(daftar):
            st.markdown(f"**{teks('admin_ubah', b)}**")
            # the account is picked outside the form: its current role and datasets fill the form at once
            siapa = st.selectbox(teks("admin_akun", b), list(daftar["id"]), key="admin_ubah_id")
            r = daftar.set_index("id").loc[siapa]
            with st.form("admin_ubah"):
                peran_ubah = st.selectbox(teks("admin_peran", b), PERAN, index=PERAN.index(r["peran"]),
                                          key=f"admin_ubah_peran_{siapa}", format_func=lambda x: label_peran(x, b))
                tugas_ubah = st.multiselect(teks("admin_dataset", b), DATASET, key=f"admin_ubah_tugas_{siapa}",
                                            placeholder="–", format_func=lambda d: nama_dataset(d, b),
                                            default=[d for d in str(r["dataset"] or "").split(",") if d in DATASET])
                if st.form_submit_button(teks("admin_simpan", b), type="primary"):
                    _jalankan(akun.ubah_peran, siapa, siapa, peran_ubah, dataset=tuple(tugas_ubah))
            with st.container(border=True):
                st.markdown(f"**{teks('admin_aktif', b)}**")
                siapa = st.selectbox(teks("admin_akun", b), list(daftar["id"]), key="admin_aktif_id")
                c1, c2 = st.columns(2)
                if c1.button(teks("admin_nonaktifkan", b), key="admin_nonaktif", disabled=siapa == p.id):
                    _jalankan(akun.nonaktifkan, siapa, siapa)
                if c2.button(teks("admin_aktifkan", b), key="admin_aktifkan"):
                    _jalankan(akun.aktifkan, siapa, siapa)

with t_audit:
    st.caption(teks("admin_audit_bantuan", b).format(zona=zona(kode).label))
    log_ = g.log_audit()
    tampil = log_.assign(waktu=[waktu(t, kode, b) for t in log_["waktu"]]).fillna("")
    tampil = tampil[[k for k in ("waktu", "peristiwa", "pengguna", "peran", "dataset", "detail") if k in tampil]]
    if "dataset" in tampil:   # datasets by their readers' names (other records, e.g. the briefing, as written)
        tampil = tampil.assign(dataset=[nama_dataset(d, b) if d else "" for d in tampil["dataset"]])
    st.dataframe(tampil.rename(columns=lambda k: ekspor.judul_kolom(k, b)), hide_index=True, width="stretch")
    catat = pencatat()

    def _csv() -> bytes:  # built when clicked; reading the audit log out is itself on the record
        catat("ekspor", "log_audit", f"{len(log_)} baris csv")
        return ekspor.ke_csv_excel(log_, ekspor.metadata(kode, b, sumber="log_audit"), b)

    st.download_button(teks("admin_unduh_audit", b), _csv, "log_audit.csv", "text/csv", on_click="ignore",
                       key="unduh_audit")
