"""Issue 17 item 6 without a server: importing the pages' shared module never raises, and a page error
reaches the viewer as one sentence in their language with a code, the details going to the log."""
import importlib
import logging
import re
import sys
import threading

import pytest
from streamlit.testing.v1 import AppTest

from indicators.dasar.label import teks
from indicators.dasar.pengaturan import AKAR

RAHASIA = "/srv/rahasia/jalur_server.py baris 12 PID 4242"


def test_konfigurasi_tanpa_rincian_galat():
    import tomllib
    konfig = tomllib.loads((AKAR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert konfig["client"]["showErrorDetails"] == "none"
    assert konfig["server"]["enableAgentApi"] is False


def test_impor_modul_bersama_serentak_tidak_pernah_gagal():
    # 10 threads importing the module afresh at once, the server still in its pages/-folder state (what
    # 10 sessions of a fresh server do): every one gets the complete module, and the import changes
    # nothing (the old module-level guard switched the server and raised a rerun inside the import).
    from streamlit.runtime.pages_manager import PagesManager
    sys.modules.pop("pages._bersama", None)
    sebelum = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = True
    hasil, galat = [], []
    mulai = threading.Barrier(10)

    def impor():
        mulai.wait()
        try:
            m = importlib.import_module("pages._bersama")
            hasil.append(all(hasattr(m, n) for n in ("data", "pilih_bahasa", "kepala", "jalankan_halaman")))
        except BaseException as e:
            galat.append(repr(e))

    ts = [threading.Thread(target=impor) for _ in range(10)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    tetap = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = sebelum
    assert galat == [] and hasil == [True] * 10
    assert tetap is True


@pytest.fixture
def halaman_gagal(monkeypatch):
    """Every page fails at its first shared call with an error text full of internals."""
    import pages._bersama as bersama

    def gagal():
        raise RuntimeError(RAHASIA)
    monkeypatch.setattr(bersama, "kode_kabupaten", gagal)
    # Page modules first imported while the patch is on keep the failing function by name
    # (``from pages._bersama import kode_kabupaten``): forget them afterwards so later tests import afresh.
    sudah = {n for n in sys.modules if n.startswith("pages.")}
    catatan = []
    h = logging.Handler()
    h.emit = catatan.append
    logging.getLogger("indicators").addHandler(h)
    yield catatan
    logging.getLogger("indicators").removeHandler(h)
    for n in [n for n in sys.modules if n.startswith("pages.") and n not in sudah]:
        del sys.modules[n]
        if hasattr(sys.modules["pages"], n.split(".", 1)[1]):  # `from pages import x` reads the attribute
            delattr(sys.modules["pages"], n.split(".", 1)[1])


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_galat_halaman_satu_kalimat_rincian_ke_log(halaman_gagal, monkeypatch, bahasa):
    monkeypatch.setenv("DASBOR_MODE_PENGEMBANGAN", "0")
    at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=120)
    if bahasa == "en":
        at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    pesan = [e.value for e in at.error]
    assert len(pesan) == 1, pesan
    kode = re.search(r"\b([0-9a-f]{8})\b", pesan[0]).group(1)
    assert pesan[0] == teks("galat_halaman", bahasa).format(kode=kode)
    assert "rahasia" not in pesan[0] and "Traceback" not in pesan[0]
    rekaman = [r for r in halaman_gagal if r.name == "indicators.halaman"]
    assert len(rekaman) == 1 and kode in rekaman[0].getMessage()
    assert RAHASIA in str(rekaman[0].exc_info[1])  # the details are in the log, traceback included
    assert rekaman[0].exc_info[2] is not None


def test_mode_pengembangan_menampilkan_galat(halaman_gagal, monkeypatch):
    monkeypatch.setenv("DASBOR_MODE_PENGEMBANGAN", "1")
    at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=120)
    at.run()
    assert at.exception and RAHASIA in at.exception[0].message
    assert not [e for e in at.error if "kode" in e.value]
