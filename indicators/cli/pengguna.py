"""``users``: local accounts (add, list, set-role, disable, enable). The command line is the
operator's tool on the server: it acts as ``admin`` and every change is audited under the OS user.

The password of ``users add`` comes from ``DASBOR_PASSWORD`` or standard input (one line; asked
without echo on a terminal), never from the command line (it would stay in the shell history).
"""
from __future__ import annotations

import getpass
import os
import sys


def _gudang(a):
    from indicators.data.gudang import Gudang

    return Gudang(a.store) if a.store else Gudang.bawaan(muat_demo=False)


def _oleh():
    from indicators.akses.akun import operator

    return operator(getpass.getuser())


def _sandi() -> str:
    if os.environ.get("DASBOR_PASSWORD"):
        return os.environ["DASBOR_PASSWORD"]
    if sys.stdin.isatty():
        return getpass.getpass("Kata sandi: ")
    return sys.stdin.readline().rstrip("\r\n")


def _dataset(teks: str | None) -> tuple[str, ...] | None:
    if teks is None:
        return None
    from indicators.data.skema import muat_skema

    daftar = tuple(d.strip() for d in teks.split(",") if d.strip())
    asing = [d for d in daftar if d != "*" and d not in muat_skema()]
    if asing:
        raise ValueError(f"dataset tidak dikenal: {', '.join(asing)}")
    return daftar


def _add(a) -> int:
    from indicators.akses import akun

    akun.tambah(_gudang(a), a.user, a.role, _sandi(), _oleh(), nama=a.name or "", dataset=_dataset(a.datasets) or ())
    print(f"akun {a.user} ditambahkan sebagai {a.role}")
    return 0


def _list(a) -> int:
    df = _gudang(a).daftar_akun()
    print("id\tnama\tperan\tdataset\taktif\tterkunci_sampai")
    for r in df.itertuples(index=False):
        kunci = "-" if r.terkunci_sampai is None or r.terkunci_sampai != r.terkunci_sampai else r.terkunci_sampai
        print(f"{r.id}\t{r.nama}\t{r.peran}\t{r.dataset or '-'}\t{'ya' if r.aktif else 'tidak'}\t{kunci}")
    return 0


def _set_role(a) -> int:
    from indicators.akses import akun

    akun.ubah_peran(_gudang(a), a.user, a.role, _oleh(), dataset=_dataset(a.datasets))
    print(f"peran {a.user} sekarang {a.role}")
    return 0


def _disable(a) -> int:
    from indicators.akses import akun

    akun.nonaktifkan(_gudang(a), a.user, _oleh())
    print(f"akun {a.user} dinonaktifkan")
    return 0


def _enable(a) -> int:
    from indicators.akses import akun

    akun.aktifkan(_gudang(a), a.user, _oleh())
    print(f"akun {a.user} aktif kembali (kunci dibuka)")
    return 0


def pasang(sub) -> None:
    from indicators.akses.peran import daftar_peran

    p = sub.add_parser("users", help="akun lokal: tambah, daftar, ubah peran, nonaktifkan")
    p.add_argument("--store", help="berkas gudang (bawaan: pengaturan path_gudang)")
    s = p.add_subparsers(dest="aksi_users", required=True)
    q = s.add_parser("add", help="tambah akun (sandi dari DASBOR_PASSWORD atau stdin)")
    q.add_argument("user")
    q.add_argument("--role", required=True, choices=daftar_peran())
    q.add_argument("--name", help="nama yang ditampilkan")
    q.add_argument("--datasets", help="dataset yang ditugaskan (petugas), dipisah koma; * = semua")
    q.set_defaults(fungsi=_add)
    q = s.add_parser("list", help="daftar akun (tanpa sandi)")
    q.set_defaults(fungsi=_list)
    q = s.add_parser("set-role", help="ubah peran (dan dataset yang ditugaskan)")
    q.add_argument("user")
    q.add_argument("--role", required=True, choices=daftar_peran())
    q.add_argument("--datasets", help="dataset yang ditugaskan, dipisah koma; * = semua")
    q.set_defaults(fungsi=_set_role)
    q = s.add_parser("disable", help="nonaktifkan akun")
    q.add_argument("user")
    q.set_defaults(fungsi=_disable)
    q = s.add_parser("enable", help="aktifkan kembali akun dan buka kuncinya")
    q.add_argument("user")
    q.set_defaults(fungsi=_enable)
