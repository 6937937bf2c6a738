"""The prepared complaint frame and the page's filters.

:func:`siapkan` turns the stored complaints and their history into one frame with kecamatan, timings,
overdue flags and duplicate groups — computed once per store version; :func:`saring` applies the
page's filters. The other modules of :mod:`indicators.aduan` aggregate it: ``siklus`` (lifecycle),
``kewenangan`` (authority split, hot spots by road), ``duplikat``, ``kondisi`` (kemantapan jalan),
``eskalasi`` (the pack for the province) and ``open311``; figures are in
:mod:`indicators.tampilan.grafik_aduan`.

Unique complaints are duplicate groups (``kelompok``): a backlog counts each group once.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from indicators.aduan.aturan import (
    KOLOM_WAJIB,
    PERIODE_RELATIF,
    URUTAN_KEWENANGAN,
    deklarasi,
    label_kategori,
    tandai_terbuka,
    target_hari,
    terbuka_pada,
)


def titik_bermasalah(aduan: pd.DataFrame) -> pd.Series:
    """Why a complaint's point cannot be drawn as given.

    ``latlon_tertukar`` (swapped), ``di_luar_indonesia``, or ``""`` for a usable point.

    >>> titik_bermasalah(pd.DataFrame({"lat": [-5.0, 105.1, 40.0], "lon": [105.1, -5.0, 10.0]})).tolist()
    ['', 'latlon_tertukar', 'di_luar_indonesia']
    """
    def di_indonesia(lat, lon):
        return lat.between(-11.5, 6.5) & lon.between(94.0, 141.5)

    ok = di_indonesia(aduan["lat"], aduan["lon"])
    tukar = ~ok & di_indonesia(aduan["lon"], aduan["lat"])
    alasan = ["" if a else ("latlon_tertukar" if t else "di_luar_indonesia") for a, t in zip(ok, tukar, strict=True)]
    return pd.Series(alasan, index=aduan.index)


def waktu_acuan(aduan: pd.DataFrame, riwayat: pd.DataFrame | None = None) -> pd.Timestamp:
    """The data's "now": the latest report, status change or history entry (ages are measured here)."""
    kandidat = [pd.to_datetime(aduan[k]).max() for k in ("waktu_lapor", "waktu_status") if k in aduan]
    if riwayat is not None and len(riwayat):
        kandidat.append(pd.to_datetime(riwayat["waktu"]).max())
    kandidat = [k for k in kandidat if pd.notna(k)]
    if not kandidat:
        raise ValueError("tidak ada waktu dalam data aduan: waktu acuan tidak dapat ditentukan")
    return max(kandidat)


def _kecamatan(df: pd.DataFrame, kode_kabupaten: str) -> pd.DataFrame:
    from indicators.wilayah.batas import kode_dari_titik
    from indicators.wilayah.daftar import daftar_wilayah

    kode = (df["kode_wilayah"].astype("string") if "kode_wilayah" in df
            else pd.Series(pd.NA, index=df.index, dtype="string"))
    kosong = kode.isna() & (df["titik_masalah"] == "")
    if kosong.any():  # docs/data.md: derived from the point when the file leaves it empty
        kode[kosong] = kode_dari_titik(df.loc[kosong, "lat"], df.loc[kosong, "lon"], kode_kabupaten, "desa")
    kec = daftar_wilayah(kode_kabupaten, "kecamatan").set_index("kode_wilayah")["nama"]
    desa = daftar_wilayah(kode_kabupaten, "desa").set_index("kode_wilayah")["nama"]
    kode_kec = kode.str.slice(0, 8)
    return pd.DataFrame({"kode_wilayah": kode, "kode_kecamatan": kode_kec, "nama_kecamatan": kode_kec.map(kec),
                         "nama_desa": kode.map(desa)}, index=df.index)


def siapkan(aduan: pd.DataFrame, riwayat: pd.DataFrame | None, kode_kabupaten: str, kini=None,
            target: dict | None = None, duplikat: dict | None = None, ruas: pd.DataFrame | None = None) -> pd.DataFrame:
    """The complaints with everything the page, the exports and the escalation pack need.

    Adds ``titik_masalah``, ``kode_kecamatan``, ``nama_kecamatan``, ``nama_desa``, ``terbuka``,
    ``t_verifikasi``, ``t_selesai``, ``tahap_maks``, ``hari_verifikasi``, ``hari_perbaikan``,
    ``umur_hari`` (open complaints only), ``target_verifikasi_hari``, ``target_perbaikan_hari``,
    the overdue flags and the duplicate groups (``kelompok``, ``utama``, ``laporan_kelompok``,
    ``dukungan_kelompok``). ``kini`` defaults to :func:`waktu_acuan`; ``target`` and ``duplikat``
    override the declarations (``{"jarak_meter": .., "jendela_hari": ..}``); ``attrs["kini"]`` keeps
    the reference time (ISO text). With ``ruas`` (the ``ruas_jalan`` dataset) holding lines, each
    complaint is first snapped to the network (:func:`indicators.aduan.tambat.tambat`: empty road
    fields taken from the nearest segment, ``status_jalan_sumber``, ``jarak_ruas_m``); a complaint
    whose authority stays unknown has no service-level target. Personal columns are
    passed through untouched: protect the input first (``indicators.akses.privasi.lindungi``).

    Two reports of one pothole a day apart, 31 days old on 31 October: one complaint in the backlog,
    overdue for verification (target 3 days for provinsi/berat), not yet for the fix (45 days).

    >>> a = pd.DataFrame({"id_aduan": ["A", "B"], "waktu_lapor": pd.to_datetime(["2026-09-30", "2026-10-01"]),
    ...     "lat": [-5.0, -5.0002], "lon": [105.0, 105.0], "kode_wilayah": ["18.02.03.2001"] * 2,
    ...     "nama_ruas": ["R"] * 2, "status_jalan": ["provinsi"] * 2, "jenis_kerusakan": ["lubang"] * 2,
    ...     "tingkat": ["berat"] * 2, "status": ["diterima"] * 2,
    ...     "waktu_status": pd.to_datetime(["2026-09-30", "2026-10-01"])})
    >>> df = siapkan(a, None, "18.02", kini="2026-10-31")
    >>> df["kelompok"].tolist(), df["umur_hari"].tolist(), df["terlambat_perbaikan"].tolist()
    (['A', 'A'], [31.0, 30.0], [False, False])
    >>> from indicators.aduan.kewenangan import per_kewenangan
    >>> per_kewenangan(df).set_index("status_jalan").loc["provinsi", ["laporan", "terbuka", "terlambat"]].tolist()
    [2, 1, 1]
    """
    from indicators.aduan import duplikat as aduan_duplikat
    from indicators.aduan import siklus as aduan_siklus

    kurang = [k for k in KOLOM_WAJIB if k not in aduan.columns]
    if kurang:
        raise ValueError(f"kolom aduan_jalan wajib tidak ada: {kurang}")
    df = aduan.reset_index(drop=True).copy()
    if ruas is not None and "geometry" in ruas and ruas["geometry"].notna().any():
        from indicators.aduan.tambat import tambat
        from indicators.wilayah.jalan import jaringan

        df = tambat(df, jaringan(ruas))
    kini = waktu_acuan(df, riwayat) if kini is None else pd.Timestamp(kini)
    df["titik_masalah"] = titik_bermasalah(df)
    df[["kode_wilayah", "kode_kecamatan", "nama_kecamatan", "nama_desa"]] = _kecamatan(df, kode_kabupaten)
    df["terbuka"] = tandai_terbuka(df)
    df = df.join(aduan_siklus.waktu_siklus(df, riwayat))
    lapor = pd.to_datetime(df["waktu_lapor"])
    df["hari_verifikasi"] = (df["t_verifikasi"] - lapor) / aduan_siklus.HARI
    df["hari_perbaikan"] = (df["t_selesai"] - lapor) / aduan_siklus.HARI
    df["umur_hari"] = ((kini - lapor) / aduan_siklus.HARI).where(df["terbuka"])
    df["target_verifikasi_hari"] = target_hari("verifikasi", df["status_jalan"], df["tingkat"], target)
    df["target_perbaikan_hari"] = target_hari("perbaikan", df["status_jalan"], df["tingkat"], target)
    df = df.join(aduan_siklus.tandai_terlambat(df["umur_hari"], df["terbuka"], df["status"].astype(str) == "diterima",
                                               df["target_verifikasi_hari"], df["target_perbaikan_hari"]))
    df = df.join(aduan_duplikat.kelompokkan(df, **(duplikat or {})))
    df.attrs["kini"] = kini.isoformat()  # text: attrs travel into Arrow/JSON (st.dataframe) and pickles
    return df


@dataclass(frozen=True)
class Saringan:
    """The page's filters; an empty tuple means "all". ``posisi`` (``YYYY-MM``, empty = now): the
    backlog as it stood at the end of that month — the reports made before it, open then (the
    briefing's statement for that month uses the same rule, ``aturan.terbuka_pada``)."""
    periode: str = "semua"
    kecamatan: tuple[str, ...] = ()
    kewenangan: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    tingkat: tuple[str, ...] = ()
    jenis: tuple[str, ...] = ()
    posisi: str = ""

    def sebagai_tuple(self) -> tuple:
        """A plain, hashable form (a cache key)."""
        return tuple((f.name, getattr(self, f.name)) for f in fields(self))


def rentang_periode(periode: str, kini) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """``(from, to]`` report times of a period: ``semua`` (None), ``12b``/``6b``/``3b`` (months up to ``kini``), a year.

    >>> rentang_periode("3b", pd.Timestamp("2026-10-31 12:00"))[0]
    Timestamp('2026-07-31 12:00:00')
    >>> rentang_periode("2025", pd.Timestamp("2026-10-31"))[1]
    Timestamp('2025-12-31 23:59:59.999999999')
    """
    kini = pd.Timestamp(kini)
    if periode == "semua":
        return None
    if periode in PERIODE_RELATIF:
        return kini - pd.DateOffset(months=PERIODE_RELATIF[periode]), kini
    if len(periode) == 4 and periode.isdigit():
        ns = pd.Timedelta(1, "ns")
        return pd.Timestamp(f"{periode}-01-01") - ns, pd.Timestamp(f"{int(periode) + 1}-01-01") - ns
    raise ValueError(f"periode harus 'semua', {list(PERIODE_RELATIF)} atau tahun YYYY, bukan {periode!r}")


def opsi_periode(df: pd.DataFrame) -> list[str]:
    """Period choices for the data: all, the last 12/6/3 months, then each year present (newest first)."""
    tahun = sorted({str(int(t)) for t in pd.to_datetime(df["waktu_lapor"]).dt.year.dropna().unique()}, reverse=True)
    return ["semua", *PERIODE_RELATIF, *tahun]


def opsi_posisi(df: pd.DataFrame, bulan: int = 24) -> list[str]:
    """Month-end positions for the backlog: "" (now) then the last ``bulan`` months with reports, newest first.

    >>> opsi_posisi(pd.DataFrame({"waktu_lapor": pd.to_datetime(["2026-08-03", "2026-10-01"])}))
    ['', '2026-10', '2026-09', '2026-08']
    """
    t = pd.to_datetime(df["waktu_lapor"]).dropna()
    if t.empty:
        return [""]
    bulan_ = pd.period_range(t.min().to_period("M"), t.max().to_period("M"), freq="M").strftime("%Y-%m").tolist()
    return ["", *bulan_[::-1][:bulan]]


def saring(df: pd.DataFrame, s: Saringan) -> pd.DataFrame:
    """The rows of a :func:`siapkan` frame that pass the filters (ValueError for an unknown value)."""
    kini = pd.Timestamp(df.attrs["kini"]) if df.attrs.get("kini") else waktu_acuan(df)
    m = pd.Series(True, index=df.index)
    r = rentang_periode(s.periode, kini)
    if r is not None:
        t = pd.to_datetime(df["waktu_lapor"])
        m &= (t > r[0]) & (t <= r[1])
    d = deklarasi()
    for nilai, kolom, sah in ((s.kewenangan, "status_jalan", d["kewenangan"]), (s.status, "status", d["status"]),
                              (s.tingkat, "tingkat", d["tingkat"]), (s.jenis, "jenis_kerusakan", d["jenis_kerusakan"]),
                              (s.kecamatan, "kode_kecamatan", None)):
        if not nilai:
            continue
        if sah is not None and set(nilai) - set(sah):
            raise ValueError(f"nilai saringan {kolom} tidak dikenal: {sorted(set(nilai) - set(sah))}")
        m &= df[kolom].astype(str).isin(list(nilai))
    out = _pada_posisi(df[m], s.posisi) if s.posisi else df[m]
    out.attrs = dict(df.attrs)
    return out


def _pada_posisi(df: pd.DataFrame, posisi: str) -> pd.DataFrame:
    """The reports made before the end of month ``posisi``, their open flag, age and overdue flags as
    at that moment (a status is taken as it is now unless it changed after the month)."""
    from indicators.aduan import siklus as aduan_siklus

    try:
        akhir = pd.Period(posisi, freq="M").end_time.ceil("D")
    except (ValueError, TypeError):
        raise ValueError(f"posisi harus bulan YYYY-MM, bukan {posisi!r}") from None
    lapor = pd.to_datetime(df["waktu_lapor"])
    out = df[(lapor < akhir).to_numpy()].copy()
    out["terbuka"] = terbuka_pada(out, akhir).to_numpy()
    lapor = pd.to_datetime(out["waktu_lapor"])
    out["umur_hari"] = ((akhir - lapor) / aduan_siklus.HARI).where(out["terbuka"])
    out[["terlambat_verifikasi", "terlambat_perbaikan", "terlambat"]] = aduan_siklus.tandai_terlambat(
        out["umur_hari"], out["terbuka"], out["status"].astype(str) == "diterima", out["target_verifikasi_hari"],
        out["target_perbaikan_hari"]).to_numpy()
    return out


def _kelompok(aduan: pd.DataFrame) -> pd.Series:
    if "kelompok" in aduan:
        return aduan["kelompok"]
    from indicators.aduan.duplikat import kelompokkan

    return kelompokkan(aduan)["kelompok"]


def terbuka_per_kewenangan(aduan: pd.DataFrame, bahasa: str = "id") -> pd.DataFrame:
    """Open complaints per road authority (duplicate groups counted once), with their share (0–100)."""
    kel = _kelompok(aduan)
    buka = tandai_terbuka(aduan).to_numpy()
    n = (pd.Series(kel[buka].to_numpy()).groupby(aduan["status_jalan"].astype(str).to_numpy()[buka]).nunique()
         .reindex(URUTAN_KEWENANGAN, fill_value=0))
    label = label_kategori("kewenangan", bahasa)
    return pd.DataFrame({"status_jalan": n.index, "kewenangan": [label[k] for k in n.index],
                         "jumlah": n.to_numpy(), "persen": (n / max(n.sum(), 1) * 100).to_numpy()})
