"""Issue 17 item 6: a link shared round a meeting right after a restart. 10 sessions open /aduan-jalan
at the same moment on a freshly started server, 2 rounds (a new server each; DASBOR_UJI_RONDE=5 for a
longer run): every session gets the real app (st.navigation's pages, the page's own title) and not one
exception. The old module-level guard failed 18 of 20 sessions in such rounds, so two rounds catch it.

Sessions speak Streamlit's websocket protocol (tests/sesi_streamlit.py), which is what the browser does;
the Chromium case of a single deep link is tests/browser/test_tautan_langsung.py.
"""
import os
import shutil
import threading

import pytest

from indicators.dasar.label import teks
from tests.browser.conftest import ARTEFAK, jalankan_server
from tests.sesi_streamlit import Sesi

pytestmark = pytest.mark.browser

SESI, RONDE = 10, int(os.environ.get("DASBOR_UJI_RONDE", "2"))
HALAMAN_TERDAFTAR = [teks(k) for k in ("halaman_ringkasan", "halaman_pilar", "halaman_layanan_desa",
                                       "halaman_aduan_jalan", "halaman_progres", "halaman_evaluasi",
                                       "halaman_data", "halaman_metodologi")]


def _satu_ronde(server) -> list[dict]:
    hasil: list[dict] = [{} for _ in range(SESI)]
    sesi = [Sesi(server.base_url) for _ in range(SESI)]  # connected first, then all run at once
    serentak = threading.Barrier(SESI)

    def buka(i: int) -> None:
        try:
            serentak.wait()
            hasil[i] = sesi[i].jalankan("aduan-jalan", batas_detik=240)
        except Exception as e:
            hasil[i] = {"galat": [repr(e)], "judul": [], "navigasi": []}
        finally:
            sesi[i].tutup()

    ts = [threading.Thread(target=buka, args=(i,)) for i in range(SESI)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return hasil


def test_sepuluh_sesi_serentak_pada_server_baru(tmp_path):
    dasar = tmp_path / "dasar.duckdb"
    temuan = []
    for r in range(RONDE):
        gudang = tmp_path / f"ronde{r}.duckdb"
        if dasar.exists():  # the demo store is built once (round 0); each round is a fresh server
            shutil.copy(dasar, gudang)
        with jalankan_server(gudang, ARTEFAK / f"streamlit-server-dingin-{r}.log") as server:
            hasil = _satu_ronde(server)
        if r == 0:
            shutil.copy(gudang, dasar)
        for i, h in enumerate(hasil):
            if h["galat"] or teks("halaman_aduan_jalan") not in h["judul"] or h["navigasi"] != HALAMAN_TERDAFTAR:
                temuan.append((r, i, h["galat"][:1], h["judul"][:1], h["navigasi"]))
    assert temuan == [], f"{len(temuan)} of {RONDE * SESI} sessions failed: {temuan[:5]}"
