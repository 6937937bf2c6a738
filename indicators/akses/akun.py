"""Who is signed in: local accounts (argon2id hashes in the store) and the one result both sign-in
ways give (:class:`Pengguna`: id, name, role, assigned datasets).

Failed sign-ins are counted per account; after ``akun_gagal_maks`` in a row the account is locked
for ``akun_kunci_menit`` minutes (an admin unlocks it sooner). A session ends after
``sesi_diam_menit`` idle minutes (:func:`sesi_berakhir`). Passwords are never logged, shown or
stored: only their hash; audit events name the account and its role, never a password.

>>> p = publik(); (p.id, p.peran, p.masuk)
('publik', 'publik', False)
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from indicators.akses.peran import boleh, boleh_dataset, cek_peran, daftar_peran, peran_bawaan
from indicators.dasar.pengaturan import ambil
from indicators.dasar.waktu import sekarang_utc

log = logging.getLogger(__name__)
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
_HASH_KOSONG = _HASHER.hash("tidak ada akun ini")  # verified against when the account does not exist
POLA_ID = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
PANJANG_MIN = 10


@dataclass(frozen=True)
class Pengguna:
    """The signed-in viewer: one shape whichever way they signed in."""

    id: str
    nama: str
    peran: str
    dataset: tuple[str, ...] = ()
    cara: str = "publik"  # publik, lokal, oidc, cli

    @property
    def masuk(self) -> bool:
        return self.cara != "publik"

    def boleh(self, aksi: str) -> bool:
        return boleh(self.peran, aksi)

    def boleh_impor(self, dataset: str) -> bool:
        return boleh_dataset(self.peran, dataset, self.dataset)


class MasukDitolak(ValueError):
    """A refused sign-in; ``kunci`` names the reason for the page's label (``salah``, ``terkunci``)."""

    def __init__(self, pesan: str, kunci: str):
        super().__init__(pesan)
        self.kunci = kunci


def publik() -> Pengguna:
    r = peran_bawaan()
    return Pengguna(r, r, r)


def _tugas(teks: str | None) -> tuple[str, ...]:
    return tuple(sorted({d.strip() for d in str(teks or "").split(",") if d.strip()}))


def cek_id(id_: str) -> str:
    if not isinstance(id_, str) or not POLA_ID.match(id_):
        raise ValueError("nama pengguna harus 2–64 karakter: huruf kecil, angka, titik, garis bawah, @ atau tanda "
                         f"hubung, diawali huruf/angka (bukan {id_!r})")
    return id_


def cek_sandi(sandi: str) -> None:
    if not isinstance(sandi, str) or len(sandi) < PANJANG_MIN:
        raise ValueError(f"kata sandi minimal {PANJANG_MIN} karakter")


def tambah(gudang, id_: str, peran: str, sandi: str, oleh: Pengguna, nama: str = "",
           dataset: tuple[str, ...] = ()) -> None:
    """A new local account (``oleh`` must be allowed to manage users). ValueError if it exists."""
    _boleh_kelola(oleh)
    cek_id(id_)
    cek_peran(peran)
    cek_sandi(sandi)
    if gudang.akun(id_) is not None:
        raise ValueError(f"akun {id_!r} sudah ada; gunakan set-role untuk mengubah perannya")
    gudang.simpan_akun(id_, audit=("akun_tambah", oleh.id, oleh.peran, f"{id_} sebagai {peran}"),
                       nama=nama or id_, peran=peran, hash=_HASHER.hash(sandi), dataset=",".join(dataset))


def ubah_peran(gudang, id_: str, peran: str, oleh: Pengguna, dataset: tuple[str, ...] | None = None) -> None:
    _boleh_kelola(oleh)
    a = _ada(gudang, id_)
    cek_peran(peran)
    ubah = {"peran": peran} | ({} if dataset is None else {"dataset": ",".join(dataset)})
    tugas = "" if dataset is None else f", dataset {','.join(dataset) or '-'}"
    gudang.simpan_akun(id_, audit=("ubah_peran", oleh.id, oleh.peran, f"{id_}: {a['peran']} -> {peran}{tugas}"),
                       **ubah)


def nonaktifkan(gudang, id_: str, oleh: Pengguna) -> None:
    _boleh_kelola(oleh)
    _ada(gudang, id_)
    gudang.simpan_akun(id_, audit=("akun_nonaktif", oleh.id, oleh.peran, id_), aktif=False)


def aktifkan(gudang, id_: str, oleh: Pengguna) -> None:
    """Enable an account again and lift a lockout."""
    _boleh_kelola(oleh)
    _ada(gudang, id_)
    gudang.simpan_akun(id_, audit=("akun_aktif", oleh.id, oleh.peran, id_), aktif=True, gagal=0,
                       terkunci_sampai=None)


def masuk(gudang, id_: str, sandi: str, sekarang: dt.datetime | None = None) -> Pengguna:
    """Sign in with a local account. ValueError with one Indonesian sentence when refused (the same
    sentence for an unknown account and a wrong password); every attempt writes one audit event."""
    sekarang = sekarang or sekarang_utc()
    id_ = str(id_ or "").strip().lower()
    a = gudang.akun(id_) if POLA_ID.match(id_) else None
    salah = "nama pengguna atau kata sandi salah"
    if a is None:
        _cocok(_HASH_KOSONG, sandi)  # the same work as for an account: no timing tells which names exist
        gudang.catat_audit("masuk_gagal", id_ if POLA_ID.match(id_) else "(tidak sah)", "akun", "akun tidak ada")
        raise MasukDitolak(salah, "salah")
    if a["terkunci_sampai"] is not None and a["terkunci_sampai"] > sekarang:
        gudang.catat_audit("masuk_gagal", id_, "akun", "akun terkunci", a["peran"])
        raise MasukDitolak(f"akun terkunci karena terlalu banyak percobaan gagal; coba lagi setelah "
                           f"{int(ambil('akun_kunci_menit'))} menit atau hubungi admin", "terkunci")
    if not a["aktif"] or not a["hash"]:
        _cocok(_HASH_KOSONG, sandi)
        gudang.catat_audit("masuk_gagal", id_, "akun", "akun nonaktif" if not a["aktif"] else "tanpa sandi lokal",
                           a["peran"])
        raise MasukDitolak(salah, "salah")
    if not _cocok(a["hash"], sandi):
        gagal = int(a["gagal"] or 0) + 1
        kunci = gagal >= int(ambil("akun_gagal_maks"))
        sampai = sekarang + dt.timedelta(minutes=float(ambil("akun_kunci_menit"))) if kunci else None
        gudang.simpan_akun(id_, audit=("masuk_gagal", id_, a["peran"], f"sandi salah ({gagal}×)"
                                       + ("; akun dikunci" if kunci else "")),
                           gagal=0 if kunci else gagal, terkunci_sampai=sampai)
        if kunci:
            log.warning("akun %s dikunci setelah %d percobaan gagal", id_, gagal)
        raise MasukDitolak(salah, "salah")
    ubah = {"gagal": 0, "terkunci_sampai": None}
    if _HASHER.check_needs_rehash(a["hash"]):
        ubah["hash"] = _HASHER.hash(sandi)
    gudang.simpan_akun(id_, audit=("masuk", id_, a["peran"], "lokal"), **ubah)
    return Pengguna(id_, a["nama"] or id_, a["peran"], _tugas(a["dataset"]), "lokal")


def dari_oidc(gudang, klaim: dict, klaim_peran: str = "") -> Pengguna:
    """The viewer signed in through the identity provider: id from ``email`` (else ``sub``); role
    from the claim named ``klaim_peran`` when it holds a known role, else from the account table,
    else the default role. A disabled account gets the default role. Audited once per sign-in by
    the caller (:func:`catat_masuk_oidc`)."""
    id_ = str(klaim.get("email") or klaim.get("sub") or "").strip().lower()
    if not id_:
        raise ValueError("penyedia identitas tidak memberi email atau sub: tidak dapat masuk")
    a = gudang.akun(id_)
    peran = peran_bawaan()
    nilai = klaim.get(klaim_peran) if klaim_peran else None
    nilai = nilai if isinstance(nilai, list) else [nilai]
    dikenal = [v for v in nilai if isinstance(v, str) and v in daftar_peran()]
    if dikenal:
        peran = max(dikenal, key=daftar_peran().index)
    elif a is not None and a["aktif"]:
        peran = a["peran"]
    if a is not None and not a["aktif"]:
        peran = peran_bawaan()
    nama = str(klaim.get("name") or (a or {}).get("nama") or id_)
    return Pengguna(id_, nama, peran, _tugas((a or {}).get("dataset")) if a else (), "oidc")


def catat_masuk(gudang, p: Pengguna) -> None:
    gudang.catat_audit("masuk", p.id, "akun", p.cara, p.peran)


def catat_keluar(gudang, p: Pengguna, sebab: str = "keluar") -> None:
    gudang.catat_audit("keluar", p.id, "akun", sebab, p.peran)


def sesi_berakhir(terakhir: dt.datetime | None, sekarang: dt.datetime | None = None) -> bool:
    """True when a signed-in session has been idle longer than ``sesi_diam_menit``."""
    if terakhir is None:
        return False
    sekarang = sekarang or sekarang_utc()
    return sekarang - terakhir > dt.timedelta(minutes=float(ambil("sesi_diam_menit")))


def operator(nama_os: str) -> Pengguna:
    """The command line: the operator on the server acts as admin, recorded under the OS user."""
    return Pengguna(nama_os, nama_os, "admin", ("*",), "cli")


def _cocok(h: str, sandi: str) -> bool:
    try:
        return _HASHER.verify(h, str(sandi or ""))
    except (VerificationError, InvalidHashError):
        return False


def _ada(gudang, id_: str) -> dict:
    a = gudang.akun(id_)
    if a is None:
        raise ValueError(f"akun {id_!r} tidak ada")
    return a


def _boleh_kelola(oleh: Pengguna) -> None:
    if not oleh.boleh("kelola_pengguna"):
        raise ValueError(f"peran {oleh.peran} tidak boleh mengelola pengguna")
