"""Seeded generator of SIMULATED demo data for any kabupaten/kota, obeying ``data/skema.yaml``.

The same (district, seed, months, last period) always gives byte-identical frames. Magnitudes and
imperfections are declared in ``data/demo.yaml``; the register of villages is the real one.

>>> d = buat_demo("18.02", seed=1, bulan=2, dataset=["profil_desa"])
>>> len(d["profil_desa"])
311
"""
from __future__ import annotations

import zlib
from functools import lru_cache

import numpy as np
import pandas as pd
import yaml

from indicators.dasar.pengaturan import DATA_DIR, ambil
from indicators.data import skema as _skema
from indicators.data.demo_program import nilai_indikator, program
from indicators.data.demo_program import sigmoid as _sig
from indicators.wilayah.daftar import daftar_kabupaten, daftar_wilayah

KETERANGAN = {"id": "Data tersimulasi (demo), bukan data resmi", "en": "Simulated (demo) data, not official data"}
BATAS_IDM = [(0.4907, "sangat_tertinggal"), (0.5989, "tertinggal"), (0.7072, "berkembang"), (0.8155, "maju")]


@lru_cache(maxsize=1)
def parameter() -> dict:
    """The demo parameters of ``data/demo.yaml``."""
    return yaml.safe_load((DATA_DIR / "demo.yaml").read_text(encoding="utf-8"))


def _daftar_periode(akhir: str, bulan: int) -> list[str]:
    return [str(p) for p in pd.period_range(end=pd.Period(akhir, "M"), periods=bulan, freq="M")]


def _status_idm(skor: np.ndarray) -> np.ndarray:
    status = np.full(skor.shape, "mandiri", dtype=object)
    for batas, nama in reversed(BATAS_IDM):
        status[skor <= batas] = nama
    status[np.isnan(skor)] = None
    return status


class _Pembangkit:
    """One district's generator; each dataset method reads shared latent village traits."""

    def __init__(self, kode: str, seed: int, bulan: int, akhir: str):
        self.kode, self.p = kode, parameter()
        self.rng = np.random.default_rng([seed, zlib.crc32(kode.encode())])
        # roads and complaints draw from their own stream: changing them never shifts the other datasets
        self.rng_jalan = np.random.default_rng([seed, zlib.crc32(kode.encode()), 14])
        self.periode = _daftar_periode(akhir, bulan)
        self.mulai = pd.Timestamp(self.periode[0] + "-01")
        self.kini = pd.Period(akhir, "M").end_time.floor("s")  # the data's "now"
        self.desa = daftar_wilayah(kode, "desa")
        self.kec = daftar_wilayah(kode, "kecamatan")
        n, r = len(self.desa), self.rng
        efek_kec = pd.Series(r.normal(0, 0.6, len(self.kec)), index=self.kec.kode_wilayah)
        self.z = (efek_kec.reindex(self.desa.kode_induk).to_numpy() + r.normal(0, 0.8, n)
                  + 0.5 * (self.desa.jenis.to_numpy() == "kelurahan"))
        pend = np.exp(np.log(self.p["penduduk_median_desa"]) + r.normal(0, self.p["penduduk_sebaran_log"], n))
        pend *= np.where(self.desa.jenis == "kelurahan", self.p["faktor_kelurahan"], 1.0)
        self.penduduk = np.round(pend).astype(int)
        p4g = _sig(1.2 + 1.3 * self.z)
        u = r.random(n)
        self.sinyal = np.select([u < p4g, u < p4g + (1 - p4g) * 0.55, u < p4g + (1 - p4g) * 0.8],
                                ["4g", "3g", "2g"], "tanpa_sinyal")
        self.tanpa_operator = r.random(n) < self.p["desa_tanpa_operator"]
        self.terlambat = (~self.tanpa_operator) & (r.random(n) < self.p["desa_terlambat_input"])
        fokus = [f for f in self.p["fokus"].get(kode, [])
                 if set(f["kecamatan"]) <= set(self.kec.nama)]
        if not fokus:  # another district: the seed picks three corridors
            pilih = r.choice(len(self.kec), size=min(3, len(self.kec)), replace=False)
            fokus = [{"nama_ruas": f"Ruas Provinsi {self.kec.nama.iat[i]}", "kecamatan": [self.kec.nama.iat[i]]}
                     for i in sorted(pilih)]
        self.fokus = fokus

    def _waktu_dalam_bulan(self, idx_bulan: np.ndarray, jam_min=7, jam_maks=16) -> pd.DatetimeIndex:
        awal = pd.DatetimeIndex([pd.Timestamp(self.periode[i] + "-01") for i in range(len(self.periode))])
        hari = awal.days_in_month.to_numpy()[idx_bulan]
        detik = (np.floor(self.rng.random(len(idx_bulan)) * hari) * 86400
                 + self.rng.uniform(jam_min, jam_maks, len(idx_bulan)) * 3600).astype("int64")
        return awal[idx_bulan] + pd.to_timedelta(detik, unit="s")

    def profil_desa(self) -> pd.DataFrame:
        r, n, z = self.rng, len(self.desa), self.z
        luas = np.round(np.exp(np.log(14) + r.normal(0, 0.5, n)), 2)
        idm = {k: np.clip(0.66 + 0.07 * z + r.normal(0, 0.05, n), 0.3, 0.97) for k in ("iks", "ike", "ikl")}
        kel = self.desa.jenis.to_numpy() == "kelurahan"  # IDM is measured for desa, not kelurahan
        for k in idm:
            idm[k] = np.where(kel, np.nan, np.round(idm[k], 4))
        skor = np.round((idm["iks"] + idm["ike"] + idm["ikl"]) / 3, 4)
        return pd.DataFrame({
            "kode_wilayah": self.desa.kode_wilayah, "penduduk": self.penduduk,
            "rumah_tangga": np.round(self.penduduk / r.uniform(3.4, 3.9, n)).astype(int), "luas_km2": luas,
            "status_idm": _status_idm(skor), "skor_idm": skor, **idm, "sinyal": self.sinyal})

    def desa_website(self) -> pd.DataFrame:
        r, n, m = self.rng, len(self.desa), len(self.periode)
        dasar = _sig(1.6 + 1.1 * self.z)
        aktif = r.random((n, m)) < dasar[:, None]
        ada = r.random((n, m)) >= self.p["website_bulan_hilang"]
        akhir_bulan = pd.DatetimeIndex([pd.Period(p, "M").end_time.normalize() for p in self.periode])
        umur = np.round(r.exponential(np.exp(3.6 - 0.6 * self.z)[:, None], (n, m)))
        update = akhir_bulan.to_numpy()[None, :] - umur.astype("timedelta64[D]")
        post = r.poisson(np.exp(1.4 + 0.7 * self.z)[:, None] * np.ones(m)) * aktif
        slug = (self.desa.nama.str.lower().str.replace(r"[^a-z0-9]+", "", regex=True)
                + "-" + self.desa.kode_wilayah.str[-4:])
        ii, jj = np.nonzero(ada)
        kontak = {k: r.random(n) < q for k, q in (("ada_alamat", 0.9), ("ada_email", 0.62), ("ada_telepon", 0.74))}
        return pd.DataFrame({
            "kode_wilayah": self.desa.kode_wilayah.to_numpy()[ii], "periode": np.array(self.periode)[jj],
            "url": ("https://" + slug + ".desa.id").to_numpy()[ii], "aktif": aktif[ii, jj],
            "tanggal_update_terakhir": update[ii, jj], "posting_90_hari": post[ii, jj],
            **{k: v[ii] for k, v in kontak.items()},
            "jumlah_layanan": r.poisson(np.clip(4 + 2 * self.z, 0.5, None))[ii]})

    def layanan_permohonan(self) -> pd.DataFrame:
        p, r, m = self.p, self.rng, len(self.periode)
        ramp = np.linspace(0.45, 1.0, m)  # roll-out across the villages over the period
        lam = (self.penduduk / 1000 * p["permohonan_per_1000_per_bulan"])[:, None] * ramp[None, :]
        lam = lam * np.where(self.tanpa_operator, 0, 1)[:, None]
        lam[self.terlambat, -r.integers(1, 3):] = 0
        jumlah = r.poisson(lam)
        ii, jj = (
            np.repeat(np.nonzero(jumlah)[0], jumlah[jumlah > 0]),
            np.repeat(np.nonzero(jumlah)[1], jumlah[jumlah > 0]),
        )
        n = len(ii)
        jenis_list = list(p["layanan"])
        share = np.array([v[0] for v in p["layanan"].values()])
        jenis = r.choice(len(jenis_list), size=n, p=share / share.sum())
        median = np.array([v[1] for v in p["layanan"].values()])[jenis] * np.exp(-0.25 * self.z[ii])
        masuk = self._waktu_dalam_bulan(jj)
        durasi = median * np.exp(r.normal(0, 0.7, n))
        kilat = r.random(n) < p["permohonan_selesai_menit"]
        durasi = np.where(kilat, r.uniform(1, 9, n) / 1440, durasi)
        selesai = masuk + pd.to_timedelta(np.round(durasi * 86400), unit="s")
        terbuka = selesai > self.kini
        online_p = _sig(-0.4 + 0.8 * self.z[ii] + np.where(self.sinyal[ii] == "4g", 0.9, -1.1) + 1.2 * ramp[jj])
        ditolak = (~terbuka) & (r.random(n) < 0.05)
        status = np.where(
            terbuka, np.where(r.random(n) < 0.5, "diajukan", "diproses"), np.where(ditolak, "ditolak", "selesai")
        )
        rating = np.where((status == "selesai") & (r.random(n) < 0.6),
                          np.clip(np.round(4.6 - 0.25 * durasi + r.normal(0, 0.7, n)), 1, 5), np.nan)
        kode = self.desa.kode_wilayah.to_numpy()[ii]
        urut = np.argsort(masuk.to_numpy(), kind="stable")
        df = pd.DataFrame({
            "kode_wilayah": kode, "jenis_layanan": np.array(jenis_list)[jenis],
            "kanal": np.where(r.random(n) < online_p, "online", "loket"), "tanggal_masuk": masuk,
            "tanggal_selesai": selesai.where(~terbuka), "status": status, "rating": rating}).iloc[urut]
        df.insert(0, "id_permohonan", [f"SN-{self.kode.replace('.', '')}-{i:07d}" for i in range(1, len(df) + 1)])
        return df.reset_index(drop=True)

    def ronda_laporan(self) -> pd.DataFrame:
        p, r = self.p, self.rng
        malam = pd.date_range(self.mulai, self.kini.normalize(), freq="D")
        pakai = r.random(len(self.desa)) < p["desa_pakai_ronda"] * _sig(0.5 + self.z) / _sig(0.5)
        ramp = np.linspace(0.5, 1.0, len(malam))
        peluang = np.clip(_sig(0.3 + 0.9 * self.z)[:, None] * ramp[None, :], 0, 1) * pakai[:, None]
        ii, tt = np.nonzero(r.random(peluang.shape) < peluang)
        waktu_p = malam[tt] + pd.to_timedelta(r.integers(21 * 60, 27 * 60, len(ii)), unit="min")
        patroli = pd.DataFrame({"i": ii, "waktu": waktu_p, "jenis": "patroli", "kategori": "patroli_rutin",
                                "waktu_respon_menit": np.nan, "jumlah_peserta": r.poisson(4, len(ii)) + 2})
        bulan_idx = np.arange(len(self.periode))
        lam = np.outer(pakai * p["kejadian_per_desa_per_bulan"], np.ones(len(bulan_idx)))
        jumlah = r.poisson(lam)
        ki = np.repeat(np.nonzero(jumlah)[0], jumlah[jumlah > 0])
        kj = np.repeat(np.nonzero(jumlah)[1], jumlah[jumlah > 0])
        kat = ["pencurian", "kebakaran", "bencana", "keributan", "kecelakaan", "orang_mencurigakan", "lainnya"]
        jam = np.where(r.random(len(ki)) < 0.6, r.uniform(20, 28, len(ki)), r.uniform(6, 20, len(ki))) % 24
        waktu_k = self._waktu_dalam_bulan(kj, 0, 0.001).normalize() + pd.to_timedelta(np.round(jam * 60), unit="min")
        respon = np.round(np.exp(np.log(22) - 0.3 * self.z[ki] + r.normal(0, 0.6, len(ki))), 1)
        respon = np.where(r.random(len(ki)) < 0.1, np.nan, respon)
        kejadian = pd.DataFrame({"i": ki, "waktu": waktu_k, "jenis": "kejadian",
                                 "kategori": r.choice(kat, len(ki), p=[.3, .08, .07, .15, .15, .15, .1]),
                                 "waktu_respon_menit": respon, "jumlah_peserta": r.poisson(3, len(ki)) + 1})
        df = pd.concat([patroli, kejadian], ignore_index=True)
        df = df[df.waktu <= self.kini].sort_values(["waktu", "i"], kind="stable", ignore_index=True)
        df.insert(0, "kode_wilayah", self.desa.kode_wilayah.to_numpy()[df.pop("i").to_numpy()])
        df.insert(0, "id_laporan", [f"RO-{self.kode.replace('.', '')}-{i:07d}" for i in range(1, len(df) + 1)])
        return df

    def pusat(self):
        """Kecamatan and village centres the simulated roads connect (points, EPSG:4326): from the shipped
        real geography (:mod:`indicators.wilayah.geografi`: a point inside each real kecamatan polygon,
        the real village centres) where it covers the district, else the centres the maps draw."""
        import geopandas as gpd
        import shapely

        from indicators.wilayah import geografi
        from indicators.wilayah.batas import pusat_kecamatan, titik_pusat

        kec = titik_pusat(self.kode, "kecamatan")
        desa = titik_pusat(self.kode, "desa")
        if geografi.ada(self.kode):
            nyata = geografi.kecamatan(self.kode)
            p = shapely.point_on_surface(nyata.geometry.array)
            kec = kec.set_index("kode_wilayah")
            xy = np.c_[shapely.get_y(p), shapely.get_x(p)]
            fakta = pusat_kecamatan(self.kode).set_index("kode").reindex(nyata["kode_wilayah"])
            di_dalam = shapely.contains_xy(nyata.geometry.array, fakta["lon"].to_numpy(), fakta["lat"].to_numpy())
            xy[di_dalam] = fakta[["lat", "lon"]].to_numpy()[di_dalam]  # a stated centre, where it lies inside
            kec.loc[nyata["kode_wilayah"], ["lat", "lon"]] = xy
            kec = kec.reset_index()
            pd_ = geografi.pusat_desa(self.kode).set_index("kode_wilayah")
            desa = desa.set_index("kode_wilayah")
            ada = desa.index.intersection(pd_.index)
            desa.loc[ada, ["lat", "lon"]] = pd_.loc[ada, ["lat", "lon"]].to_numpy()
            desa = desa.reset_index()
        kec = kec.merge(self.kec[["kode_wilayah", "nama"]], on="kode_wilayah")
        return (gpd.GeoDataFrame(kec, geometry=gpd.points_from_xy(kec.lon, kec.lat), crs="EPSG:4326"),
                gpd.GeoDataFrame(desa, geometry=gpd.points_from_xy(desa.lon, desa.lat), crs="EPSG:4326"))

    def ruas_jalan(self) -> pd.DataFrame:
        """SIMULATED road segments with lines (:mod:`indicators.data.demo_jalan`)."""
        from indicators.data.demo_jalan import jaringan_demo

        kec, desa = self.pusat()
        return jaringan_demo(self.kode, kec, desa, self.fokus, self.rng_jalan)

    def aduan(self, ruas: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        from indicators.data.demo_jalan import titik_di_ruas
        from indicators.wilayah.batas import kode_dari_titik

        p, r = self.p, self.rng_jalan
        # the focus factor applies where a focus section crosses the kecamatan the regent named
        nama_kec = ruas.kode_wilayah.map(self.kec.set_index("kode_wilayah")["nama"])
        di_fokus = np.zeros(len(ruas), bool)
        for f in self.fokus:
            di_fokus |= ((ruas.nama_ruas == f["nama_ruas"]) & nama_kec.isin(f["kecamatan"])).to_numpy()
        buruk = ruas.kondisi.map({"baik": 0.3, "sedang": 0.7, "rusak_ringan": 1.4, "rusak_berat": 2.4}).to_numpy()
        kali = np.where(di_fokus, p["faktor_aduan_fokus"], 1.0)
        kali = (
            kali * ruas.status_jalan.map({"nasional": 1.2, "provinsi": 1.3, "kabupaten": 1.0, "desa": 0.6}).to_numpy()
        )
        tahun = len(self.periode) / 12
        jumlah = r.poisson(ruas.panjang_km.to_numpy() * p["aduan_per_km_per_tahun"] * tahun * buruk * kali)
        si = np.repeat(np.arange(len(ruas)), jumlah)
        n = len(si)
        lapor = self.mulai + pd.to_timedelta(
            np.sqrt(r.random(n)) * (self.kini - self.mulai).total_seconds(), unit="s"
        ).round("s")
        # the complaint lies on its segment's line; its village is the one the point falls in, else (the
        # point outside every village polygon) a village of the segment's kecamatan, weighted by population
        lat, lon = titik_di_ruas(ruas["geometry"], si, r)
        kode_desa = kode_dari_titik(lat, lon, self.kode, "desa")
        desa_kec = self.desa.assign(pend=self.penduduk).groupby("kode_induk")
        luar = pd.isna(kode_desa)
        for kec, idx in pd.Series(np.flatnonzero(luar)).groupby(ruas.kode_wilayah.to_numpy()[si][luar]):
            g = desa_kec.get_group(kec)
            kode_desa[idx.to_numpy()] = r.choice(
                g.kode_wilayah.to_numpy(), size=len(idx), p=(g.pend / g.pend.sum()).to_numpy()
            )
        dup = np.nonzero(r.random(n) < p["aduan_duplikat"])[0]
        asal = r.integers(0, n, len(dup))
        for arr in (lat, lon):
            arr[dup] = arr[asal] + r.normal(0, 0.0003, len(dup))
        si[dup], kode_desa[dup] = si[asal], kode_desa[asal]
        lapor = lapor.to_numpy().copy()
        lapor[dup] = np.minimum(lapor[asal] + pd.to_timedelta(r.uniform(0.1, 5, len(dup)), unit="D").to_numpy(),
                                np.datetime64(self.kini))  # a duplicate is never reported after "now"
        lapor = pd.DatetimeIndex(lapor).floor("s")
        seg = ruas.iloc[si].reset_index(drop=True)
        berat = np.where(seg.kondisi == "rusak_berat", 0.55, 0.2)
        u = r.random(n)
        tingkat = np.where(u < berat, "berat", np.where(u < berat + 0.4, "sedang", "ringan"))
        jenis = r.choice(["lubang", "retak", "amblas", "bergelombang", "longsor", "genangan", "jembatan_rusak"], n,
                         p=[.38, .17, .12, .13, .07, .1, .03])
        jenis[dup] = jenis[asal]
        # lifecycle: days to each step by authority, censored at "now"
        lambat = seg.status_jalan.map({"nasional": 2.0, "provinsi": 4.0, "kabupaten": 1.0, "desa": 1.3}).to_numpy()
        hari_verif = np.exp(np.log(2.5) + r.normal(0, 0.8, n)) * np.sqrt(lambat)
        hari_jadwal = hari_verif + np.exp(np.log(10) + r.normal(0, 0.7, n)) * lambat
        hari_kerja = hari_jadwal + np.exp(np.log(14) + r.normal(0, 0.6, n)) * lambat
        hari_selesai = hari_kerja + np.exp(np.log(10) + r.normal(0, 0.6, n)) * lambat
        tutup_u = r.random(n)
        tutup = np.select(
            [
                np.isin(np.arange(n), dup) & (r.random(n) < 0.7),
                tutup_u < 0.04,
                (seg.status_jalan != "kabupaten").to_numpy()
                & (seg.status_jalan != "desa").to_numpy()
                & (tutup_u < 0.16),
            ],
            ["duplikat", "ditolak", "bukan_kewenangan"],
            "",
        )
        riwayat, status_kini, waktu_kini = [], np.empty(n, dtype=object), np.empty(n, dtype="datetime64[ns]")
        tahap = [
            ("diverifikasi", hari_verif),
            ("dijadwalkan", hari_jadwal),
            ("dikerjakan", hari_kerja),
            ("selesai", hari_selesai),
        ]
        ids = np.array([f"AJ-{self.kode.replace('.', '')}-{i:06d}" for i in range(1, n + 1)])
        kini = np.datetime64(self.kini)
        lapor_np = lapor.to_numpy()
        status_kini[:], waktu_kini[:] = "diterima", lapor_np
        riwayat.append(
            pd.DataFrame({"id_aduan": ids, "status": "diterima", "waktu": lapor_np, "catatan": "Aduan diterima"})
        )
        for nama, hari in tahap:
            t = lapor_np + (hari * 86400).astype("timedelta64[s]")
            ok = (t <= kini) & ((tutup == "") | (nama == "diverifikasi"))
            status_kini[ok], waktu_kini[ok] = nama, t[ok]
            riwayat.append(
                pd.DataFrame({"id_aduan": ids[ok], "status": nama, "waktu": t[ok], "catatan": f"Status: {nama}"})
            )
            if nama == "diverifikasi":  # closed-without-fix decided at verification
                c = ok & (tutup != "")
                status_kini[c] = tutup[c]
                riwayat.append(
                    pd.DataFrame(
                        {
                            "id_aduan": ids[c],
                            "status": tutup[c],
                            "waktu": t[c] + np.timedelta64(1, "h"),
                            "catatan": "Ditutup saat verifikasi",
                        }
                    )
                )
                waktu_kini[c] = t[c] + np.timedelta64(1, "h")
        tukar = r.random(n) < p["aduan_latlon_tertukar"]
        lat, lon = np.where(tukar, lon, lat), np.where(tukar, lat, lon)
        nama = (r.choice(p["nama_depan"], n) + " " + r.choice(p["nama_belakang"], n))
        telp = np.array([f"08{a}{b:08d}" for a, b in zip(r.choice([11, 12, 13, 21, 22, 52, 53, 57, 77, 78, 81, 95], n),
                                                         r.integers(0, 10**8, n), strict=True)], dtype=object)
        uraian = np.array(
            [
                f"{j.replace('_', ' ').capitalize()} di {rs}, mohon segera ditangani."
                for j, rs in zip(jenis, seg.nama_ruas, strict=True)
            ],
            dtype=object,
        )
        sisip = r.random(n) < 0.05  # a few reporters write their phone number into the text
        uraian[sisip] = uraian[sisip] + " Hubungi saya di " + telp[sisip]
        aduan = pd.DataFrame(
            {
                "id_aduan": ids,
                "waktu_lapor": lapor_np,
                "lat": np.round(lat, 6),
                "lon": np.round(lon, 6),
                "kode_wilayah": kode_desa,
                "nama_ruas": seg.nama_ruas,
                "status_jalan": seg.status_jalan,
                "jenis_kerusakan": jenis,
                "tingkat": tingkat,
                "status": status_kini,
                "waktu_status": waktu_kini,
                "kanal": r.choice(
                    ["aplikasi", "whatsapp", "media_sosial", "telepon", "loket", "lapor_go_id"],
                    n,
                    p=[0.3, 0.35, 0.15, 0.08, 0.07, 0.05],
                ),
                "deskripsi": uraian,
                "dukungan": r.poisson(2, n),
                "pelapor_nama": nama,
                "pelapor_telepon": telp,
            }
        )
        aduan = aduan.sort_values(["waktu_lapor", "id_aduan"], kind="stable", ignore_index=True)
        riw = pd.concat(riwayat, ignore_index=True).sort_values(["id_aduan", "waktu"], kind="stable", ignore_index=True)
        return aduan, riw


def buat_demo(kode_kabupaten: str = "18.02", seed: int | None = None, bulan: int | None = None,
              periode_akhir: str | None = None, dataset: list[str] | None = None,
              skala: str = "district") -> dict[str, pd.DataFrame]:
    """Simulated data for every dataset of the schema, typed as declared.

    ``skala`` "district" is one kabupaten; "province" is every kabupaten of its province; "national"
    every kabupaten of Indonesia (for benchmarks; pass ``dataset`` to limit the work).
    """
    seed = int(ambil("seed_demo") if seed is None else seed)
    bulan = int(ambil("bulan_demo") if bulan is None else bulan)
    akhir = str(ambil("periode_akhir_demo") if periode_akhir is None else periode_akhir)
    semua = list(_skema.muat_skema())
    dataset = semua if dataset is None else dataset
    for d in dataset:
        _skema.skema(d)
    if skala == "district":
        kode = [kode_kabupaten]
    elif skala == "province":
        kode = daftar_kabupaten(kode_kabupaten.split(".")[0])
    elif skala == "national":
        kode = daftar_kabupaten(None)
    else:
        raise ValueError("skala harus district, province atau national")
    bagian = [_satu(k, seed, bulan, akhir, tuple(dataset)) for k in kode]
    return {
        d: pd.concat([b[d] for b in bagian], ignore_index=True) if len(bagian) > 1 else bagian[0][d] for d in dataset
    }


def _satu(kode: str, seed: int, bulan: int, akhir: str, dataset: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    g = _Pembangkit(kode, seed, bulan, akhir)
    out: dict[str, pd.DataFrame] = {}
    if "profil_desa" in dataset:
        out["profil_desa"] = g.profil_desa()
    if "desa_website" in dataset:
        out["desa_website"] = g.desa_website()
    if "layanan_permohonan" in dataset:
        out["layanan_permohonan"] = g.layanan_permohonan()
    if "ronda_laporan" in dataset:
        out["ronda_laporan"] = g.ronda_laporan()
    if {"ruas_jalan", "aduan_jalan", "aduan_jalan_riwayat"} & set(dataset):
        ruas = g.ruas_jalan()
        out["ruas_jalan"] = ruas
        if {"aduan_jalan", "aduan_jalan_riwayat"} & set(dataset):
            out["aduan_jalan"], out["aduan_jalan_riwayat"] = g.aduan(ruas)
    if {"program", "program_progres"} & set(dataset):
        out["program"], out["program_progres"] = program(g)
    if "nilai_indikator" in dataset:
        out["nilai_indikator"] = nilai_indikator(g)
    return {d: _skema.ketik(out[d], d) for d in dataset}
