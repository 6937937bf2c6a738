"""The first-paint profiler names what each websocket frame carries (benchmarks/profil_cat_pertama.py)."""
from __future__ import annotations

import sys

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from indicators.dasar.pengaturan import AKAR

sys.path.insert(0, str(AKAR / "benchmarks"))
from profil_cat_pertama import isi_bingkai


def test_bingkai_dinamai_menurut_elemennya():
    grafik = ForwardMsg()
    grafik.delta.new_element.plotly_chart.spec = "{}"
    komponen = ForwardMsg()
    komponen.delta.new_element.component_instance.component_name = "streamlit_folium.st_folium"
    selesai = ForwardMsg()
    selesai.script_finished = 1
    assert isi_bingkai(grafik.SerializeToString()) == "plotly_chart"
    assert isi_bingkai(komponen.SerializeToString()) == "komponen streamlit_folium.st_folium"
    assert isi_bingkai(selesai.SerializeToString()) == "script_finished"
    assert isi_bingkai(b"\xff\xff\xff") == "?"  # not a ForwardMsg
