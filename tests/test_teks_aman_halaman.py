"""Hostile text from the data reaches the pages as text, never as markup (AppTest): programme names and
agencies holding links, iframes and images go through the Progres page's charts (plotly's HTML subset:
axis labels, legends, hover) inert; an error message naming a file's column is not Markdown."""
from __future__ import annotations

import json
import re

import pytest

from indicators.data.gudang import Gudang
from tests.bantu import buka_halaman, demo

JAHAT = ['<a href="javascript:alert(1)">klik</a>', '<iframe src="javascript:alert(2)"></iframe>',
         '<img src=x onerror=alert(3)>']


@pytest.fixture(scope="module", autouse=True)
def gudang_jahat(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    path = tmp_path_factory.mktemp("jahat") / "jahat.duckdb"
    mp.setenv("DASBOR_PATH_GUDANG", str(path))
    g = Gudang.bawaan()
    p = demo()["program"].copy()
    p.loc[:2, "nama"] = [f"Program {j}" for j in JAHAT]
    p.loc[:2, "opd"] = [f"OPD {j}" for j in JAHAT]
    g.impor(p, "program", berkas="program_jahat.csv", pengguna="uji")
    yield path
    mp.undo()


def _string(o):
    if isinstance(o, str):
        yield o
    elif isinstance(o, dict):
        for v in o.values():
            yield from _string(v)
    elif isinstance(o, list):
        for v in o:
            yield from _string(v)


def test_nama_program_berbahaya_tidak_menjadi_markup_di_grafik():
    at = buka_halaman("pages/progres.py")
    semua = [s for e in at.get("plotly_chart") for s in _string(json.loads(e.proto.spec))]
    assert semua
    mentah = [s for s in semua if re.search(r"<\s*(a|iframe|img)\b", s, re.IGNORECASE)]
    assert mentah == []
    lolos = " ".join(semua)
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;" in lolos  # shown literally, as typed
    assert "&lt;img src=x onerror=alert(3)&gt;" in lolos


def test_pesan_galat_menyebut_kolom_sebagai_teks():
    at = buka_halaman("pages/data.py", sebagai="admin")
    isi = b"desa,kecamatan,![x](http://127.0.0.9/jejak.png),![x](http://127.0.0.9/jejak.png)\nA,B,1,2\n"
    at.file_uploader(key="unggah").set_value(("ganda.csv", isi, "text/csv")).run()
    assert not at.exception, at.exception
    teks = " ".join(e.value for e in [*at.error, *at.warning, *at.info, *at.markdown, *at.caption])
    assert "![x](" not in teks  # a Markdown image would load from the address the file chose
    assert any("jejak" in e.value for e in at.error), [e.value for e in at.error]
