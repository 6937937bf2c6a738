"""The app and the command line on one store at the same time (DuckDB: one writing process; a read-write
connection keeps every other process out). A real ``streamlit run`` serves the app (as the browser
tests start it); a websocket session (tests/sesi_streamlit.py) makes it run pages — so it really holds
the store — while ``status``/``score``/``regions`` read and ``import`` writes from other processes.
Measured times go to tests/artefak/cli-saat-aplikasi.json."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time

from tests import berkas_petugas as bp
from tests.browser.conftest import ARTEFAK, jalankan_server
from tests.sesi_streamlit import Sesi


def cli(*args, env=None, timeout=300):
    mulai = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "indicators", *args], capture_output=True, text=True, timeout=timeout,
                       env={**os.environ, **(env or {})})
    return r, round(time.monotonic() - mulai, 2)


def test_cli_membaca_dan_mengimpor_saat_aplikasi_berjalan(tmp_path):
    store = tmp_path / "bersama.duckdb"
    isi, _ = bp.smart_netizen_12_baris_6_desa()
    berkas = tmp_path / "smart_netizen_12_baris_6_desa.csv"
    berkas.write_bytes(isi)
    ukur: dict[str, object] = {}
    env = {"DASBOR_PATH_GUDANG": str(store)}
    with jalankan_server(store, ARTEFAK / "streamlit-server-cli.log") as srv:
        sesi = Sesi(srv.base_url)
        awal = sesi.jalankan()  # the app opens the store, loads the demo, draws the home page
        assert not awal["galat"] and awal["metrik"]["Cakupan data"][0] != "100%"
        # the app keeps rerunning in another session while the command line works
        berhenti, galat, putaran = threading.Event(), [], [0]

        def terus():
            s = Sesi(srv.base_url)
            try:
                while not berhenti.is_set():
                    galat.extend(s.jalankan()["galat"])
                    putaran[0] += 1
            finally:
                s.tutup()

        t = threading.Thread(target=terus, daemon=True)
        t.start()
        try:
            for i in range(3):
                r, detik = cli("status", "--format", "json", env=env)
                assert r.returncode == 0, r.stderr
                s = json.loads(r.stdout)["datasets"]["layanan_permohonan"]
                assert s["sumber"] == "tersimulasi" and s["villages_covered"] == 296
                ukur[f"status_{i}_detik"] = detik
            r, ukur["regions_detik"] = cli("regions", "--district", "18.02", "--level", "kecamatan", env=env)
            assert r.returncode == 0 and len(r.stdout.splitlines()) == 29
            r, ukur["score_detik"] = cli("score", "--level", "kabupaten", "--format", "json", env=env)
            assert r.returncode == 0, r.stderr
            r, ukur["import_detik"] = cli("import", str(berkas), "--store", str(store), env=env)
            assert r.returncode == 0, r.stderr
            assert "diimpor 12 baris ke layanan_permohonan" in r.stdout and "Traceback" not in r.stderr
        finally:
            berhenti.set()
            t.join(timeout=300)
        ukur["putaran_aplikasi_selama_cli"] = putaran[0]
        assert galat == []
        # the next rerun shows the import
        sesudah = sesi.jalankan()
        assert sesudah["metrik"]["Cakupan data"][1] == "6/311 desa · Smart Netizen (terendah)"
        assert any("data tipis" in x for x in sesudah["teks"])
        sesi.tutup()
        r, _ = cli("status", "--format", "json", env=env)
        assert r.returncode == 0 and json.loads(r.stdout)["datasets"]["layanan_permohonan"]["villages_covered"] == 6
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    (ARTEFAK / "cli-saat-aplikasi.json").write_text(json.dumps(ukur, indent=1), encoding="utf-8")


def test_gudang_dipegang_penulis_lain_pesan_jelas_tanpa_traceback(tmp_path):
    store = tmp_path / "terkunci.duckdb"
    r, _ = cli("status", "--store", str(store))
    assert r.returncode == 0
    pegang = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys, time
        c = duckdb.connect({str(store)!r})   # a writer that holds the file (a long import)
        print("siap", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert pegang.stdout.readline().strip() == "siap"
        r, detik = cli("status", "--store", str(store), "--format", "json", env={"DASBOR_GUDANG_TUNGGU_DETIK": "2"})
        assert r.returncode == 2 and r.stdout == ""
        assert r.stderr.startswith("galat: gudang data terkunci.duckdb sedang dipakai proses lain (PID ")
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
        assert 2 <= detik < 30  # it waited, then said so
    finally:
        pegang.kill()
        pegang.wait()
    r, _ = cli("status", "--store", str(store), "--format", "json")
    assert r.returncode == 0  # free again once the other process is gone


def test_pembaca_terus_menerus_mengalah_pada_penulis_dan_lepas_saat_diam(tmp_path, monkeypatch):
    """A process that keeps reading holds the file: a writer that will not wait is refused with the
    sentence; a writer that waits gets the file (readers let go when a writer waits); and a reader idle
    for gudang_lepas_detik has released it."""
    from indicators.data.gudang import Gudang

    lepas = 1.0
    monkeypatch.setenv("DASBOR_GUDANG_LEPAS_DETIK", str(lepas))
    isi, _ = bp.smart_netizen_12_baris_6_desa()
    berkas = tmp_path / "smart_netizen_12_baris_6_desa.csv"
    berkas.write_bytes(isi)
    g = Gudang(tmp_path / "lepas.duckdb")
    berhenti = threading.Event()

    def baca_terus():
        while not berhenti.is_set():
            g.baca("layanan_permohonan")  # a real query each time (versi() is answered from a stat now)
            time.sleep(0.2)

    t = threading.Thread(target=baca_terus, daemon=True)
    t.start()
    try:
        r, _ = cli("import", str(berkas), "--store", str(g.path), env={"DASBOR_GUDANG_TUNGGU_DETIK": "0"})
        assert r.returncode == 2 and "sedang dipakai proses lain" in r.stderr and "Traceback" not in r.stderr
        r, _ = cli("import", str(berkas), "--store", str(g.path))  # waits: the reader lets go
        assert r.returncode == 0, r.stderr
        assert g.status()["datasets"]["layanan_permohonan"]["rows"] == 12  # and the reader sees it next time
        berhenti.set()
        t.join()
        time.sleep(lepas + 1.0)
        isi2, _ = bp.smart_netizen_12_baris_6_desa("2026-09")
        berkas.write_bytes(isi2.replace(b"SN-NYATA", b"SN-SEP"))
        r, _ = cli("import", str(berkas), "--store", str(g.path), env={"DASBOR_GUDANG_TUNGGU_DETIK": "0"})
        assert r.returncode == 0, r.stderr  # idle: released, no waiting needed
    finally:
        berhenti.set()
        g.tutup()
