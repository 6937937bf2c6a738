"""What it must show: a CSV as Indonesian Excel saves it — ``;``, decimal comma, BOM, ``dd/mm/yyyy``
times — with two headers the operator renamed imports through the CLI with ``--map`` and through the
Data page's mapping step, and the values stored equal the source's.

The dates need the loader's Indonesian formats (the ``berkas`` work on indicators/data/skema.py);
the mapping, the plan and the import are this branch's."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from indicators.data.gudang import Gudang
from tests import berkas_petugas as bp
from tests.bantu import buka_halaman

PETA = ["Waktu Kejadian Tercatat=waktu", "Lama Respons (mnt)=waktu_respon_menit"]


def _sama_dengan_sumber(g: Gudang, f: pd.DataFrame) -> None:
    simpan = g.baca("ronda_laporan").set_index("id_laporan").loc[f["id_laporan"]]
    assert (simpan["waktu"].to_numpy() == f["waktu"].to_numpy()).all()  # 01/10/2026 22:30 → 1 October
    np.testing.assert_array_equal(simpan["waktu_respon_menit"].to_numpy(), f["waktu_respon_menit"].to_numpy())
    assert simpan["jumlah_peserta"].tolist() == f["jumlah_peserta"].astype(int).tolist()
    assert simpan["kode_wilayah"].tolist() == f["kode_wilayah"].tolist()


def test_cli_map_titik_koma_koma_desimal_bom_tanggal_indonesia(tmp_path):
    isi, f = bp.ronda_titik_koma_koma_desimal_tanggal_indonesia()
    berkas = tmp_path / "ronda_titik_koma_koma_desimal_tanggal_indonesia.csv"
    berkas.write_bytes(isi)
    store = tmp_path / "ronda.duckdb"
    r = subprocess.run([sys.executable, "-m", "indicators", "import", str(berkas), "--dataset", "ronda_laporan",
                        *[x for p in PETA for x in ("--map", p)], "--store", str(store)],
                       capture_output=True, text=True, timeout=300, env=os.environ)
    assert r.returncode == 0, r.stderr
    assert "kolom 'waktu_kejadian_tercatat' dibaca sebagai waktu (dipilih petugas)" in r.stderr
    g = Gudang(store)
    _sama_dengan_sumber(g, f)
    g.tutup()


def test_halaman_data_langkah_pemetaan_nilai_sama_dengan_sumber(tmp_path, monkeypatch):
    store = tmp_path / "halaman.duckdb"
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(store))
    isi, f = bp.ronda_titik_koma_koma_desimal_tanggal_indonesia()
    at = buka_halaman("pages/data.py", timeout=400, sebagai="petugas")
    at.file_uploader(key="unggah").set_value(("ronda_oktober.csv", isi, "text/csv")).run()
    assert at.selectbox[0].value is None  # `waktu` is missing under its name: not recognised
    at.selectbox[0].set_value("ronda_laporan").run()
    for target, sumber in (("waktu", "waktu_kejadian_tercatat"), ("waktu_respon_menit", "lama_respons_mnt")):
        next(s for s in at.selectbox if s.label.split(" ")[0] == target).set_value(sumber)
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, at.exception
    if any("bukan waktu yang valid" in str(d.value.to_dict()) for d in at.dataframe):
        pytest.fail("dd/mm/yyyy refused: needs the berkas branch's Indonesian dates on main")
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label.startswith("Impor sekarang")).click().run()
    assert not at.exception and any("Impor selesai: 8 baris" in s.value for s in at.success)
    g = Gudang(store)
    _sama_dengan_sumber(g, f)
    assert g.pemetaan_tersimpan("ronda_laporan")["peta"].iloc[0]["waktu"] == "waktu_kejadian_tercatat"
    g.tutup()
