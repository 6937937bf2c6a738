"""Fixtures for the real-browser layer: a `streamlit run` server on a free loopback port, with its own
empty DuckDB store, and Debian's Chromium driven by Playwright (never Playwright's own browser build).

Environment:
    CI                 when true, a missing Chromium or Playwright fails the run instead of skipping it
    DASBOR_CHROMIUM    Chromium binary (default /usr/bin/chromium)
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]
ARTEFAK = AKAR / "tests" / "artefak"
CHROMIUM = Path(os.environ.get("DASBOR_CHROMIUM", "/usr/bin/chromium"))

# As measured on this project's machines: without the background-networking flags Chromium keeps
# trying to reach Google's hosts; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 120


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def browser_unavailable_reason() -> str | None:
    """Why the browser layer cannot run here, or None when it can."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM} (bash scripts/setup.sh test installs Debian's chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -r requirements-dev.txt)"
    return None


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class StreamlitServer:
    base_url: str
    store: Path
    log: Path


def _wait_until_healthy(proc: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode} before answering; log:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    pytest.fail(f"streamlit did not answer {url} within {SERVER_START_TIMEOUT_S} s; log:\n{_tail(log)}")


def _tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    # The server runs in its own process group (start_new_session), so this ends it and only it.
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


@contextlib.contextmanager
def jalankan_server(store: Path, log: Path, port: int | None = None,
                    argumen: tuple[str, ...] = ()) -> Iterator[StreamlitServer]:
    """Start `streamlit run app.py` on ``port`` (a free loopback port by default) with its own store and
    extra ``argumen`` for streamlit (e.g. ``--secrets.files``); stop it afterwards."""
    app = AKAR / "app.py"
    if not app.is_file():
        pytest.fail(f"{app} is missing: the browser tests need the app")
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    port = port or free_loopback_port()
    env = {
        **os.environ,
        "DASBOR_PATH_GUDANG": str(store),
        "DASBOR_PETA_DASAR_URL": "",  # basemap tiles off: the tests have no internet
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "PYTHONUNBUFFERED": "1",
    }
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        *argumen,
    ]
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            cmd, cwd=AKAR, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        _wait_until_healthy(proc, f"{base_url}/_stcore/health", log)
        yield StreamlitServer(base_url=base_url, store=store, log=log)
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """`streamlit run app.py` on a free loopback port, on an empty store the app fills with demo data."""
    with jalankan_server(tmp_path_factory.mktemp("gudang") / "dasbor.duckdb",
                         ARTEFAK / "streamlit-server.log") as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, launched once per session with a fresh temporary profile."""
    reason = browser_unavailable_reason()
    if reason:
        if on_ci():
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # launch() (not launch_persistent_context) gives every run a new, empty user-data directory.
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def browser_context(chromium):
    """One context for the session, so pages share the HTTP cache (Streamlit's plotly bundle is 4.7 MB)."""
    context = chromium.new_context(
        viewport={"width": 1920, "height": 1080},
        device_scale_factor=1,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        service_workers="block",
    )
    context.set_default_timeout(30_000)
    try:
        yield context
    finally:
        context.close()


# Leaflet maps: streamlit-folium draws each in its own frame; the folium map object is a global map_<id>.
FOLIUM = 'iframe[title="streamlit_folium.st_folium"]'
JS_PETA_FOLIUM = ("Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])"
                  ".find(v => v && typeof v.latLngToContainerPoint === 'function')")


def bingkai_leaflet(page) -> list:
    """The frames of the page's Leaflet maps, in page order (frames not yet attached are left out)."""
    ifr = page.locator(FOLIUM)
    return [f for f in (ifr.nth(i).element_handle().content_frame() for i in range(ifr.count())) if f is not None]


def bentuk_leaflet(page) -> list[int]:
    """Per Leaflet map of the page: the number of drawn, clickable shapes (regions, lines, markers)."""
    from playwright.sync_api import Error as PlaywrightError

    n = []
    for f in bingkai_leaflet(page):
        with contextlib.suppress(PlaywrightError):  # a map redrawn while we looked: counted next round
            n.append(f.locator(".leaflet-container path.leaflet-interactive").count())
    return n


SANDI_UJI = "sandi-uji-browser-panjang"
SIDEBAR = '[data-testid="stSidebar"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'          # no script run in progress
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'  # the websocket is up


def tambah_akun(store: Path, id_: str, peran: str, dataset: str = "*") -> str:
    """A local account on a server's store, made the operator's way (``python -m indicators users add``,
    password from ``DASBOR_PASSWORD``); returns the password."""
    env = {**os.environ, "DASBOR_PATH_GUDANG": str(store), "DASBOR_PASSWORD": SANDI_UJI}
    r = subprocess.run([sys.executable, "-m", "indicators", "users", "add", id_, "--role", peran,
                        "--datasets", dataset], cwd=AKAR, env=env, capture_output=True, text=True, timeout=180,
                       check=False)
    assert r.returncode == 0, r.stderr
    assert SANDI_UJI not in r.stdout + r.stderr  # the password is never echoed
    return SANDI_UJI


def masuk_browser(page, id_: str, sandi: str = SANDI_UJI) -> None:
    """Sign in through the sidebar's form as an officer would; waits until the sidebar names the account."""
    sb = page.locator(SIDEBAR)
    sb.get_by_text("Masuk petugas").click()
    sb.get_by_label("Nama pengguna").fill(id_)
    sb.get_by_label("Kata sandi").fill(sandi)
    sb.get_by_role("button", name="Masuk", exact=True).click()
    sb.get_by_text("Masuk sebagai").wait_for(timeout=90_000)
