"""The reverse-proxy example of docs/penyebaran.md, run for real: Debian's nginx on loopback in front
of a `streamlit run` server, with a throw-away self-signed certificate. Skips when nginx or openssl is
absent (apt-get install nginx-light).

Checked through the proxy: TLS; plain http redirected; the security headers on pages and on refusals;
the session websocket upgraded (a page really runs over wss); the private endpoints refused while
Streamlit itself still answers them on loopback.
"""
import os
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from indicators.dasar.label import teks
from indicators.dasar.pengaturan import AKAR
from tests.browser.conftest import ARTEFAK, free_loopback_port, jalankan_server
from tests.sesi_streamlit import Sesi

pytestmark = pytest.mark.browser

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
OPENSSL = shutil.which("openssl")
CONTOH = AKAR / "docs" / "contoh" / "nginx-dasbor.conf"
HEADER = {"X-Frame-Options": "SAMEORIGIN", "Content-Security-Policy": "frame-ancestors 'self'",
          "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin",
          "Strict-Transport-Security": "max-age=31536000"}


def _tanpa_verifikasi() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    return ctx


class _TanpaAlih(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def _minta(url: str):
    """(status, headers, body) without following redirects."""
    buka = urllib.request.build_opener(_TanpaAlih, urllib.request.HTTPSHandler(context=_tanpa_verifikasi()))
    try:
        with buka.open(url, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def _tunggu_port(port: int, proc: subprocess.Popen, log) -> None:
    akhir = time.monotonic() + 30
    while time.monotonic() < akhir:
        if proc.poll() is not None:
            pytest.fail(f"nginx exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail("nginx did not listen")


@pytest.mark.skipif(NGINX is None or OPENSSL is None, reason="nginx or openssl not installed")
def test_contoh_nginx_berjalan(tmp_path):
    sert = tmp_path / "sert"
    sert.mkdir()
    subprocess.run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(sert / "privkey.pem"), "-out", str(sert / "fullchain.pem")],
                   check=True, capture_output=True)
    p_http, p_https = free_loopback_port(), free_loopback_port()
    with jalankan_server(tmp_path / "gudang.duckdb", ARTEFAK / "streamlit-server-nginx.log") as server:
        hulu = server.base_url.removeprefix("http://")
        blok = CONTOH.read_text(encoding="utf-8")
        for k, v in {"@NAMA_SERVER@": "localhost", "@SERTIFIKAT@": str(sert), "@HULU@": hulu,
                     "@PORT_HTTP@": f"127.0.0.1:{p_http}", "@PORT_HTTPS@": f"127.0.0.1:{p_https}"}.items():
            blok = blok.replace(k, v)
        blok = blok.replace(f"https://$host:127.0.0.1:{p_https}", f"https://$host:{p_https}")
        (tmp_path / "dasbor.conf").write_text(blok, encoding="utf-8")
        suhu = " ".join(f"{n}_temp_path {tmp_path}/{n};" for n in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (tmp_path / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"worker_processes 1; daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
            f"events {{}}\nhttp {{ access_log {tmp_path}/access.log; {suhu}\n"
            f"include /etc/nginx/mime.types; include {tmp_path}/dasbor.conf; }}\n", encoding="utf-8")
        uji = subprocess.run([NGINX, "-t", "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
                             capture_output=True, text=True)
        assert uji.returncode == 0, uji.stderr
        log = tmp_path / "nginx.out"
        with log.open("w") as out:
            ng = subprocess.Popen([NGINX, "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
                                  stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _tunggu_port(p_https, ng, log)
            depan = f"https://127.0.0.1:{p_https}"

            status, h, isi = _minta(depan + "/")
            assert status == 200 and b"<html" in isi.lower()
            for k, v in HEADER.items():
                assert h.get(k) == v, (k, h.get(k))
            assert "nginx/" not in (h.get("Server") or "")  # no version on show

            status, h, _ = _minta(f"http://127.0.0.1:{p_http}/aduan-jalan?lang=en")
            assert status == 301 and h["Location"] == f"https://127.0.0.1:{p_https}/aduan-jalan?lang=en"

            assert _minta(depan + "/_stcore/health")[:1] == (200,)
            assert _minta(depan + "/_stcore/host-config")[:1] == (200,)
            for rahasia in ("/_stcore/metrics", "/_stcore/script-health-check", "/_stcore/agent/openapi.json"):
                status, h, _ = _minta(depan + rahasia)
                assert status == 404, rahasia
                assert h.get("X-Frame-Options") == "SAMEORIGIN"  # headers on refusals too
            assert _minta(server.base_url + "/_stcore/metrics")[0] == 200  # it exists; only loopback sees it
            assert "X-Frame-Options" not in _minta(server.base_url + "/")[1]  # the proxy adds the headers

            sesi = Sesi(depan, ssl=_tanpa_verifikasi())  # the websocket through the proxy, upgraded
            try:
                hasil = sesi.jalankan("data", batas_detik=240)
            finally:
                sesi.tutup()
            assert hasil["galat"] == [] and teks("halaman_data") in hasil["judul"]
        finally:
            ng.terminate()
            ng.wait(timeout=15)
