"""Sign-in in the sidebar, two ways with one result: a local account (a form; argon2id hashes in the
store) or the office's identity provider (Streamlit's ``st.login`` / ``st.user``, configured in
``.streamlit/secrets.toml`` ``[auth]``). The result is one :class:`~indicators.akses.akun.Pengguna` kept
in the session; :func:`pages._bersama.pengguna` reads it. A session idle longer than
``sesi_diam_menit`` ends. Every sign-in, refusal and sign-out writes one audit event
(:mod:`indicators.akses.akun`); no password is kept in the session, logged or shown.
"""
from __future__ import annotations

import logging

import streamlit as st

from indicators.akses import akun
from indicators.akses.peran import label_peran
from indicators.dasar.label import teks
from indicators.dasar.pengaturan import ambil
from indicators.dasar.teks_aman import markdown_aman
from indicators.dasar.waktu import sekarang_utc
from pages._bersama import gudang, pengguna

_log = logging.getLogger("indicators.masuk")


def oidc_tersedia() -> bool:
    """Whether an identity provider is configured (``[auth]`` with a client id and the provider's
    metadata address in the secrets)."""
    try:
        auth = st.secrets.get("auth")
    except Exception:  # no secrets file at all: no identity provider
        return False
    return bool(auth) and bool(auth.get("client_id")) and bool(auth.get("server_metadata_url"))


def _mulai(p: akun.Pengguna) -> None:
    st.session_state["_pengguna"] = p
    st.session_state["_aktif_terakhir"] = sekarang_utc()


def _akhiri() -> None:
    for k in ("_pengguna", "_aktif_terakhir", "_persiapan"):  # an upload in progress goes with its officer
        st.session_state.pop(k, None)


def _dari_penyedia() -> None:
    """A browser signed in at the identity provider (Streamlit's signed cookie) gets its account here,
    once per session; the role from the declared claim or the account table."""
    if "_pengguna" in st.session_state or not oidc_tersedia() or not st.user.is_logged_in:
        return
    try:
        p = akun.dari_oidc(gudang(), st.user.to_dict(), str(ambil("oidc_klaim_peran")))
    except ValueError as e:
        st.sidebar.error(str(e))
        return
    akun.catat_masuk(gudang(), p)
    _mulai(p)


def _cek_diam(b: str) -> None:
    p = st.session_state.get("_pengguna")
    if p is None:
        return
    if akun.sesi_berakhir(st.session_state.get("_aktif_terakhir")):
        akun.catat_keluar(gudang(), p, "sesi berakhir")
        _akhiri()
        st.session_state["_pesan_masuk"] = teks("sesi_berakhir", b).format(menit=ambil("sesi_diam_menit"))
        if p.cara == "oidc":
            st.logout()
        return
    st.session_state["_aktif_terakhir"] = sekarang_utc()


def _keluar() -> None:
    p = pengguna()
    akun.catat_keluar(gudang(), p)
    _akhiri()
    if p.cara == "oidc":
        st.logout()


def panel_masuk(b: str) -> akun.Pengguna:
    """The sidebar's sign-in (or who is signed in, and sign-out); returns the viewer of this run."""
    _cek_diam(b)
    _dari_penyedia()
    p = pengguna()
    kotak = st.sidebar.container(border=True)
    if "_pesan_masuk" in st.session_state:
        kotak.info(st.session_state.pop("_pesan_masuk"), icon=":material/timer_off:")
    if p.masuk:
        kotak.markdown(teks("masuk_sebagai", b).format(nama=markdown_aman(p.nama), peran=label_peran(p.peran, b)))
        if kotak.button(teks("keluar_tombol", b), key="keluar", icon=":material/logout:"):
            _keluar()
            if p.cara != "oidc":
                st.rerun()
            # st.logout has queued the browser's redirect to the provider: a rerun now could drop it
            return akun.publik()
        return p
    kotak.caption(teks("masuk_publik", b))
    with kotak.expander(teks("masuk_judul", b), icon=":material/login:"):
        with st.form("masuk", clear_on_submit=True, border=False):
            nama = st.text_input(teks("masuk_nama", b), key="masuk_nama", autocomplete="username")
            sandi = st.text_input(teks("masuk_sandi", b), type="password", key="masuk_sandi",
                                  autocomplete="current-password")
            kirim = st.form_submit_button(teks("masuk_tombol", b), type="primary")
        if kirim:
            if not nama.strip() or not sandi:
                st.error(teks("masuk_kosong", b))
            else:
                try:
                    baru = akun.masuk(gudang(), nama, sandi)
                except akun.MasukDitolak as e:  # the same sentence for an unknown account and a wrong password
                    st.error(teks(f"masuk_ditolak_{e.kunci}", b).format(menit=int(ambil("akun_kunci_menit"))))
                else:
                    _mulai(baru)
                    st.rerun()
        if oidc_tersedia() and st.button(teks("masuk_oidc", b), key="masuk_oidc", icon=":material/badge:"):
            st.login()
    return p
