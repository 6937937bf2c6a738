"""A Streamlit session without a browser: the websocket protocol the frontend speaks, reduced to "run
this page and tell me what it drew". Used where a test needs the app to really run (and so hold its
store) but not a browser: e.g. the command line beside a running app."""
from __future__ import annotations

import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


class Sesi:
    """One session of a running server (``base_url`` like ``http://127.0.0.1:8501``)."""

    def __init__(self, base_url: str, ssl=None):
        """``ssl``: an ``ssl.SSLContext`` for an ``https://`` server (e.g. behind a reverse proxy)."""
        url = base_url.replace("https://", "wss://").replace("http://", "ws://") + "/_stcore/stream"
        self.ws = connect(url, subprotocols=["streamlit"], open_timeout=30, max_size=None, ssl=ssl)

    def jalankan(self, url_path: str = "", query: str = "", batas_detik: float = 300) -> dict:
        """Run a page to the end; returns ``{"metrik": {label: (value, delta)}, "teks": [...], "galat": [...],
        "judul": [headings], "navigasi": [page names of the last navigation message]}``."""
        m = BackMsg()
        m.rerun_script.query_string = query
        m.rerun_script.page_name = url_path
        self.ws.send(m.SerializeToString())
        hasil = {"metrik": {}, "teks": [], "galat": [], "judul": [], "navigasi": []}
        akhir = time.monotonic() + batas_detik
        while time.monotonic() < akhir:
            f = ForwardMsg()
            f.ParseFromString(self.ws.recv(timeout=max(akhir - time.monotonic(), 1)))
            jenis = f.WhichOneof("type")
            if jenis == "delta" and f.delta.WhichOneof("type") == "new_element":
                e = f.delta.new_element
                nama = e.WhichOneof("type")
                if nama == "metric":
                    hasil["metrik"][e.metric.label] = (e.metric.body, e.metric.delta)
                elif nama in ("markdown", "alert"):
                    hasil["teks"].append(getattr(e, nama).body)
                elif nama == "exception":
                    hasil["galat"].append(e.exception.message)
                elif nama == "heading":
                    hasil["judul"].append(e.heading.body)
            elif jenis == "navigation":
                hasil["navigasi"] = [p.page_name for p in f.navigation.app_pages]
            elif jenis == "script_finished" and f.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return hasil
        raise TimeoutError(f"halaman {url_path!r} tidak selesai dalam {batas_detik} detik")

    def tutup(self) -> None:
        self.ws.close()
