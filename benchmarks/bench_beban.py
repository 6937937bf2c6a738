"""A meeting's worth of people on one server (issue 17 item 6): N sessions change filters for a while.

Each session is a websocket client speaking Streamlit's protocol (what the browser does, without a
browser's CPU cost): it opens a page, then repeatedly picks one of the page's selectboxes or
multiselects and a different value, sends the rerun a browser would send, and times it until the
script finishes. Between changes it waits a human's think time (uniform 2-6 s by default).
First one session alone (the baseline), then N at once, on the same fresh server and store.

Run:  .venv/bin/python benchmarks/bench_beban.py [--sesi 10] [--detik 120] [--detik-tunggal 60]
Prints what it measured (rerun wall time per change, exceptions, error alerts, the machine's load);
nothing is asserted. The server runs in development mode, so a page error arrives as an exception.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
from indicators.dasar.label import teks  # noqa: E402
from tests.browser.conftest import _stop, _wait_until_healthy, free_loopback_port  # noqa: E402

# the start of the sentence a viewer sees when a page fails (pages/_bersama.py jalankan_halaman)
GAGAL = tuple(teks("galat_halaman", b).split("{kode}")[0] for b in ("id", "en"))
HALAMAN = ["aduan-jalan", "progres", "layanan-desa", "ringkasan"]


class Klien:
    def __init__(self, url: str, halaman: str, rng: random.Random):
        self.ws = connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                          open_timeout=60, max_size=None)
        self.halaman, self.rng = halaman, rng
        self.widget: dict[str, tuple[str, list[str], object]] = {}  # id -> (kind, options, current)
        self.status: dict[str, object] = {}                         # id -> WidgetState sent
        self.galat: list[str] = []    # exceptions, and the page-failure sentence (a caught exception)
        self.pesan: list[str] = []    # other error alerts: the page refusing a filter combination

    def _jalan(self, keadaan=None) -> float:
        m = BackMsg()
        m.rerun_script.page_name = self.halaman
        if keadaan is not None:
            m.rerun_script.widget_states.widgets.extend(keadaan)
        t0 = time.perf_counter()
        self.ws.send(m.SerializeToString())
        while True:
            f = ForwardMsg()
            f.ParseFromString(self.ws.recv(timeout=600))
            jenis = f.WhichOneof("type")
            if jenis == "delta" and f.delta.WhichOneof("type") == "new_element":
                e = f.delta.new_element
                nama = e.WhichOneof("type")
                if nama == "exception":
                    self.galat.append(e.exception.message)
                elif nama == "alert" and e.alert.format == e.alert.ERROR:
                    gagal = e.alert.body.startswith(GAGAL)
                    (self.galat if gagal else self.pesan).append(e.alert.body)
                elif nama in ("selectbox", "multiselect"):
                    w = getattr(e, nama)
                    if len(w.options) > 1 and not w.disabled:
                        if nama == "selectbox":
                            bawaan = w.options[w.default] if w.HasField("default") else None
                            kini = w.raw_value if w.set_value else bawaan
                        else:
                            kini = list(w.raw_values) if w.set_value else [w.options[i] for i in w.default]
                        self.widget[w.id] = (nama, list(w.options), kini)
            elif jenis == "script_finished" and f.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - t0

    def buka(self) -> float:
        return self._jalan()

    def ganti_saringan(self) -> float | None:
        if not self.widget:
            return None
        wid = self.rng.choice(sorted(self.widget))
        nama, opsi, kini = self.widget[wid]
        s = WidgetState(id=wid)
        if nama == "selectbox":
            s.string_value = self.rng.choice([o for o in opsi if o != kini] or opsi)
        else:  # a multiselect: back to all (empty) when set, else, else one or two values
            banyak = min(len(opsi), self.rng.choice([1, 2]))
            pilih = [] if kini or self.rng.random() < 0.3 else self.rng.sample(opsi, banyak)
            s.string_array_value.data.extend(pilih)
        self.status[wid] = s
        return self._jalan(list(self.status.values()))

    def tutup(self) -> None:
        self.ws.close()


def sesi_kerja(url: str, halaman: str, detik: float, tunggu: tuple[float, float], seed: int, keluar: dict) -> None:
    rng = random.Random(seed)  # noqa: S311 - choices of a load test, not secrets
    k = Klien(url, halaman, rng)
    waktu = []
    try:
        keluar["buka"] = k.buka()
        akhir = time.monotonic() + detik
        while time.monotonic() < akhir:
            time.sleep(rng.uniform(*tunggu))
            t = k.ganti_saringan()
            if t is not None:
                waktu.append(t)
    except Exception as e:  # a broken session is a finding: reported, not hidden
        k.galat.append(f"klien: {e!r}")
    finally:
        k.tutup()
    keluar.update(halaman=halaman, waktu=waktu, galat=k.galat, pesan=k.pesan)


def jalankan(url: str, n: int, detik: float, tunggu, seed: int) -> list[dict]:
    hasil = [{} for _ in range(n)]
    ts = [threading.Thread(target=sesi_kerja, args=(url, HALAMAN[i % len(HALAMAN)], detik, tunggu, seed + i, hasil[i]))
          for i in range(n)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return hasil


def p95(x: list[float]) -> float:
    return statistics.quantiles(x, n=20, method="inclusive")[18] if len(x) > 1 else (x[0] if x else float("nan"))


def ringkas(judul: str, hasil: list[dict]) -> dict:
    semua = [t for h in hasil for t in h.get("waktu", [])]
    galat = [g for h in hasil for g in h.get("galat", [])]
    pesan = [g for h in hasil for g in h.get("pesan", [])]
    print(f"\n{judul}: {len(semua)} reruns, {len(galat)} exceptions, {len(pesan)} input messages "
          f"({'; '.join(sorted(set(pesan)))[:160]})")
    print(f"  {'halaman':14} {'n':>5} {'median s':>9} {'p95 s':>7} {'maks s':>7}")
    per = {}
    for hal in HALAMAN:
        x = [t for h in hasil if h.get("halaman") == hal for t in h.get("waktu", [])]
        if x:
            per[hal] = x
            print(f"  {hal:14} {len(x):5d} {statistics.median(x):9.2f} {p95(x):7.2f} {max(x):7.2f}")
    if semua:
        print(f"  {'semua':14} {len(semua):5d} {statistics.median(semua):9.2f} {p95(semua):7.2f} {max(semua):7.2f}")
    for g in galat[:5]:
        print("  galat:", g[:200])
    return {"semua": semua, "per": per, "galat": galat}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sesi", type=int, default=10)
    ap.add_argument("--detik", type=float, default=120)
    ap.add_argument("--detik-tunggal", type=float, default=60)
    ap.add_argument("--tunggu", type=float, nargs=2, default=(2.0, 6.0), help="think time between changes (s)")
    ap.add_argument("--gudang", type=Path, help="a store to copy (default: the demo is built on first load)")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-beban-"))
    gudang = tmp / "dasbor.duckdb"
    if a.gudang:
        shutil.copy(a.gudang, gudang)
    port = free_loopback_port()
    log = tmp / "server.log"
    env = {**os.environ, "DASBOR_PATH_GUDANG": str(gudang), "DASBOR_MODE_PENGEMBANGAN": "1",
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(AKAR / "app.py"), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=AKAR, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(proc, f"{url}/_stcore/health", log)
        print(f"# bench_beban — {os.cpu_count()} CPU, load before {os.getloadavg()[0]:.2f}, "
              f"think time {a.tunggu[0]:g}-{a.tunggu[1]:g} s, pages {', '.join(HALAMAN)}")
        for hal in HALAMAN:  # warm: every page once (store built, first caches filled), not timed
            k = Klien(url, hal, random.Random(0))  # noqa: S311
            print(f"  first load {hal}: {k.buka():.2f} s")
            k.tutup()
        t0 = time.monotonic()
        tunggal = []
        for i, hal in enumerate(HALAMAN):  # the baseline: one session alone, each page in turn
            tunggal += jalankan_satu(url, hal, a.detik_tunggal / len(HALAMAN), a.tunggu, 100 + i)
        r1 = ringkas(f"1 session alone ({time.monotonic() - t0:.0f} s, load {os.getloadavg()[0]:.2f})", tunggal)
        t0 = time.monotonic()
        banyak = jalankan(url, a.sesi, a.detik, a.tunggu, 1000)
        judul = f"{a.sesi} sessions at once ({time.monotonic() - t0:.0f} s, load {os.getloadavg()[0]:.2f})"
        rn = ringkas(judul, banyak)
        if r1["semua"] and rn["semua"]:
            print(f"\np95 {a.sesi} sessions / p95 1 session: {p95(rn['semua']) / p95(r1['semua']):.2f}×; "
                  f"median: {statistics.median(rn['semua']) / statistics.median(r1['semua']):.2f}×")
            for hal in rn["per"]:
                if hal in r1["per"]:
                    print(f"  {hal:14} p95 ratio {p95(rn['per'][hal]) / p95(r1['per'][hal]):.2f}×")
        print(f"exceptions: alone {len(r1['galat'])}, together {len(rn['galat'])}; "
              f"load after {os.getloadavg()[0]:.2f}")
    finally:
        _stop(proc)


def jalankan_satu(url, hal, detik, tunggu, seed) -> list[dict]:
    keluar: dict = {}
    sesi_kerja(url, hal, detik, tunggu, seed, keluar)
    return [keluar]


if __name__ == "__main__":
    main()
