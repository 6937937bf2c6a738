"""What a reader sees, in a real browser: one number format, no internals (issue 16, item 4).

Every page is opened in Indonesian (and a few in English, ``?lang=en``); once it has settled and drawn,
the test gathers what is on screen:

- the text of the main area and the sidebar (every text node, also of closed expanders and other tabs,
  since a click shows them; plotly's SVG: titles, tick labels, legends), and the placeholders of empty
  inputs. Text in ``<code>`` is left out: it is what a reader types (a command, a file's column name);
- st.dataframe cells. Streamlit's grid (glide-data-grid) paints its cells on a canvas. It does keep an
  accessible ``<table>`` for screen readers, but only of the rows in view, so the cells are read from
  the page's own websocket instead: every ``ForwardMsg`` the server sends is decoded with Streamlit's
  protobuf classes and each dataframe's Arrow payload rendered the way the grid shows it (a text cell as
  is, a pandas Styler's display values as formatted, a missing one as "None" or the table's placeholder,
  a float/integer/datetime column in the grid's own English format, which is a finding by itself:
  numbers reach the grid as text (or Styler display values) written by ``indicators.dasar.format``);
- plotly: the hover box of a few points of each figure (mouse over them), and from each figure's data
  the hover templates, hover texts, custom data and tick texts; the layout's ``separators`` (",." in
  Indonesian) and date axes without the formatter's tick texts (plotly writes "Oct 2024").

It fails on: None/nan/NaN/NaT; "311.0"; a dot decimal in Indonesian (a comma decimal in English); English
month names in Indonesian; internal names (schema columns and datasets with an underscore, label keys,
``score``) and label keys in parentheses; Streamlit's English widget texts in Indonesian.
"""
from __future__ import annotations

import re
import time

import pytest

from .conftest import ARTEFAK, CONNECTED, IDLE, SIDEBAR, browser_unavailable_reason, masuk_browser, on_ci, tambah_akun

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import Error as PlaywrightError  # noqa: E402  (after the skip: may be absent)

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
LAYAR = ARTEFAK / "screenshots" / "teks"   # full-page screenshots to look at (not asserted)

HALAMAN_ID = ["/", "/pilar", "/layanan-desa", "/aduan-jalan", "/progres", "/evaluasi", "/data", "/metodologi"]
HALAMAN_EN = ["/", "/aduan-jalan", "/data"]

# --- what is not allowed --------------------------------------------------------------------------

KOSONG = re.compile(r"\b(None|nan|NaN|NaT|null|undefined)\b")
NOL_DESIMAL = re.compile(r"(?<![\d.,])\d+\.0(?![\d.])")            # 311.0 (also "311.0%")
# Legitimately dotted numbers, removed before the decimal checks:
# - Kemendagri region codes of the demo district 18.02 (Lampung Tengah): 18.02, 18.02.05, 18.02.05.2001
#   (the district's own code only: a bare "56.40" must not pass as a code);
# - Indonesian clock times, which Indonesian writes with a dot: "12.21 WIB" (indicators.dasar.format.waktu);
# - Indonesian thousands groups are exactly three digits after each dot (1.234, 12.345.678) and never
#   match the 1-2-digit decimal pattern anyway.
KODE_WILAYAH = re.compile(r"\b18\.02(\.\d{2}(\.\d{4})?)?\b")
JAM = re.compile(r"\b\d{1,2}[.:]\d{2}( (WIB|WITA|WIT)\b)")
DESIMAL_TITIK = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])")   # 3.8, 56.40 — Indonesian writes 3,8
DESIMAL_KOMA = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d,])")     # 3,8 in the English UI
BULAN_INGGRIS = re.compile(r"\b(May|Aug|Oct|Dec|January|February|March|June|July|August|October|December)\b")
# Streamlit's own widget texts in English, and words of the importer that leaked through untranslated
INGGRIS_WIDGET = re.compile(r"\b(Select all|Upload|Browse files|Drag and drop|Choose an option|Choose options|"
                            r"No results|Clear all|exact|fuzzy|unmatched)\b")
# The data dictionary (Data page) lists each dataset's columns by the name a file must use: legitimately
# internal names. Its "Kolom" and "Tipe" columns (labels kol_kolom, kol_tipe: a column's name and its
# declared type, e.g. kode_wilayah) are not checked for them.
KOLOM_BERKAS = {"Kolom", "Column", "Tipe", "Type"}
KUNCI_DALAM_KURUNG = re.compile(r"\(([a-z_]+\.[a-z_.]+)\)")       # (ringkasan.target)


def _nama_internal() -> set[str]:
    """Schema column and dataset names with an underscore, label keys with one, and ``score``."""
    from indicators.dasar.label import semua_label
    from indicators.data.skema import muat_skema

    nama = {"score"}
    for ds, sk in muat_skema().items():
        nama.add(ds)
        kolom = getattr(sk, "kolom", None) or {}
        nama |= {getattr(k, "nama", k) for k in (kolom.values() if isinstance(kolom, dict) else kolom)}
    nama |= set(semua_label())
    return {n for n in nama if "_" in n or n == "score"}


def temuan(potongan: list[str], bahasa: str, internal: set[str]) -> list[tuple[str, str]]:
    """(rule, text) for every text of ``potongan`` that breaks a rule."""
    pola_internal = re.compile(r"(?<![\w/.-])(" + "|".join(sorted(map(re.escape, internal), key=len, reverse=True))
                               + r")(?![\w/-])")
    out = []
    for s in dict.fromkeys(x.strip() for x in potongan if x and x.strip()):
        if m := KOSONG.search(s):
            out.append(("kosong " + m.group(0), s))
        # English writes a one-decimal score as "65.0" (the formatter's fixed decimals): "311.0" for a count is
        # caught on the same page in Indonesian, where the formatter never writes a dot decimal
        if bahasa == "id" and NOL_DESIMAL.search(s):
            out.append(("angka .0", s))
        bersih = JAM.sub(" ", KODE_WILAYAH.sub(" ", s))
        if bahasa == "id" and DESIMAL_TITIK.search(bersih):
            out.append(("desimal titik", s))
        if bahasa == "en" and DESIMAL_KOMA.search(bersih):
            out.append(("desimal koma", s))
        if bahasa == "id" and (m := BULAN_INGGRIS.search(s)):
            out.append(("bulan Inggris " + m.group(0), s))
        if bahasa == "id" and (m := INGGRIS_WIDGET.search(s)):
            out.append(("widget Inggris " + m.group(0), s))
        if m := pola_internal.search(s):
            out.append(("nama internal " + m.group(0), s))
        if m := KUNCI_DALAM_KURUNG.search(s):
            out.append(("kunci label " + m.group(0), s))
    return out


# --- what is on screen ----------------------------------------------------------------------------

JS_TEKS = """() => {
  const out = [];
  for (const sel of ['[data-testid="stMain"]', '[data-testid="stSidebar"]']) {
    const akar = document.querySelector(sel);
    if (!akar) continue;
    const w = document.createTreeWalker(akar, NodeFilter.SHOW_TEXT, {acceptNode: n =>
      n.parentElement && n.parentElement.closest('style, script, noscript, code, [data-testid="stElementToolbar"]')
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n.nodeValue);
    // a placeholder shows only while the field is empty
    for (const e of akar.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (!e.value) out.push(e.placeholder);
    }
  }
  return out;
}"""

# Per plotly figure: hover templates, texts, custom data and tick texts that a reader can see, the
# layout's separators, and date axes left to plotly's own (English) month names.
JS_PLOTLY = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const teks = [];
  const tambah = v => { if (v === null || v === undefined) return;
    if (Array.isArray(v)) { for (const x of v.slice(0, 400)) tambah(x); return; }
    if (typeof v === 'string') teks.push(v); };
  for (const t of (gd.data || [])) {
    const tpl = [].concat(t.hovertemplate || []).map(s => String(s).replace(/%\\{[^}]*\\}/g, ' '));
    tambah(tpl); tambah(t.text); tambah(t.hovertext); tambah(t.customdata); tambah(t.name);
  }
  const fl = gd._fullLayout || {};
  const tanggal = [];
  for (const k of Object.keys(fl)) {
    if (!/^[xy]axis\\d*$/.test(k) || !fl[k]) continue;
    tambah(fl[k].ticktext);
    if (fl[k].type === 'date' && fl[k].tickmode !== 'array' && fl[k].visible !== false) tanggal.push(k);
  }
  return {teks, separators: fl.separators, tanggal};
})"""


def _tunggu(page, batas_ms: int = 180_000) -> None:
    page.wait_for_selector(CONNECTED, state="attached", timeout=batas_ms)
    for _ in range(2):
        page.wait_for_timeout(500)
        page.wait_for_selector(IDLE, state="attached", timeout=batas_ms)


def _tunggu_gambar(page, batas_s: float = 45) -> None:
    """Until every plotly figure has drawn something (or none is on the page, or time is up)."""
    akhir = time.monotonic() + batas_s
    while time.monotonic() < akhir:
        n, digambar = page.evaluate("""() => { const p = [...document.querySelectorAll('.js-plotly-plot')];
            return [p.length,
                    p.filter(g => g.querySelector('.trace path, .trace text, canvas, .hm image')).length]; }""")
        if n and digambar == n:
            return
        page.wait_for_timeout(300)


def _hover(page) -> list[str]:
    """The hover box of up to three points of every SVG plotly figure, moved over with the mouse."""
    out = []
    for gd in page.locator(".js-plotly-plot").all():
        titik = gd.locator(".scatterlayer .point, .barlayer .point path, .scatterlayer .trace .lines path")
        for i in range(min(titik.count(), 3)):
            t = titik.nth(i)
            try:
                t.scroll_into_view_if_needed(timeout=2000)
                kotak = t.bounding_box()
                if kotak:
                    page.mouse.move(kotak["x"] + kotak["width"] / 2, kotak["y"] + kotak["height"] / 2)
                    page.wait_for_timeout(150)
                    out += gd.locator(".hoverlayer text").all_text_contents()
            except PlaywrightError:   # a point hidden or redrawn meanwhile: the next one is tried
                pass
        page.mouse.move(0, 0)
    return out


def _sel_grid(nilai, kolom_tipe: str, kosong: str = "None") -> tuple[str, str | None]:
    """(text, finding or None) of one dataframe cell as glide-data-grid shows it."""
    import math

    if nilai is None or (isinstance(nilai, float) and math.isnan(nilai)):
        return kosong, None
    if kolom_tipe == "f":
        return repr(float(nilai)), "kolom angka pecahan diformat grid (titik desimal, tanpa formatter)"
    if kolom_tipe in "iu" and abs(int(nilai)) >= 1000 and not 1900 <= int(nilai) <= 2100:  # a year: no separator
        return str(nilai), "kolom angka bulat ≥ 1000 diformat grid (tanpa pemisah ribuan)"
    if kolom_tipe == "M":
        return str(nilai), "kolom tanggal diformat grid (ISO, tanpa formatter)"
    return str(nilai), None


def _tabel_dari_websocket(pesan: list[bytes]) -> tuple[list[str], list[tuple[str, str]]]:
    """Headers and cell texts of every st.dataframe sent to the page (Arrow payloads in ForwardMsgs)."""
    import json

    import pyarrow as pa
    from google.protobuf.message import DecodeError
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    teks, temuan_grid = [], []
    for b in pesan:
        try:
            m = ForwardMsg.FromString(b)
        except DecodeError:   # not a ForwardMsg
            continue
        if m.WhichOneof("type") != "delta" or m.delta.WhichOneof("type") != "new_element":
            continue
        el = m.delta.new_element
        if el.WhichOneof("type") != "dataframe" or not el.dataframe.arrow_data.data:
            continue
        df = pa.ipc.open_stream(el.dataframe.arrow_data.data).read_all().to_pandas()
        styler = el.dataframe.arrow_data.styler
        if styler.display_values:   # a pandas Styler: the grid shows its formatted display values
            tampil = pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
            if tampil.shape == df.shape:
                tampil.columns = df.columns
                df = tampil.astype(object)
        kosong = el.dataframe.placeholder or "None"   # st.dataframe(placeholder=...) shows for a missing cell
        konfig = json.loads(el.dataframe.columns or "{}")
        tersembunyi = {k for k, v in konfig.items() if isinstance(v, dict) and v.get("hidden")}
        for k in df.columns:
            if str(k) in tersembunyi:
                continue
            label = (konfig.get(str(k)) or {}).get("label") or str(k)
            teks.append(label)
            if label in KOLOM_BERKAS:   # the data dictionary's column names: the headers a file must carry
                continue
            tipe = df[k].dtype.kind
            for v in df[k].tolist():
                s, t = _sel_grid(v, tipe, kosong)
                teks.append(s)
                if t:
                    temuan_grid.append((t, f"{label}: {s}"))
                    break
    return teks, temuan_grid


def _kumpulkan(page) -> tuple[list[str], list[tuple[str, str]]]:
    teks = page.evaluate(JS_TEKS)
    tambahan = []
    for i, f in enumerate(page.evaluate(JS_PLOTLY)):
        teks += f["teks"]
        tambahan.append((f"plotly {i}: tanggal", ",".join(f["tanggal"]))) if f["tanggal"] else None
        tambahan.append((f"plotly {i}: separators", repr(f["separators"])))
    teks += _hover(page)
    return teks, tambahan


def _buka(context, url: str):
    page = context.new_page()
    pesan: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: pesan.append(p) if isinstance(p, bytes) else None))
    page.goto(url, wait_until="domcontentloaded")
    _tunggu(page)
    _tunggu_gambar(page)
    _tunggu(page)
    return page, pesan


def _periksa(page, pesan, bahasa: str, nama: str) -> list[str]:
    internal = _nama_internal()
    teks, plot = _kumpulkan(page)
    sel, grid = _tabel_dari_websocket(pesan)
    t = temuan(teks + sel, bahasa, internal) + grid
    pemisah = {"id": ",.", "en": ".,"}[bahasa]
    for aturan, nilai in plot:
        if aturan.endswith("separators") and nilai != repr(pemisah):
            t.append((aturan + f" bukan {pemisah!r}", nilai))
        elif aturan.endswith("tanggal") and bahasa == "id":
            t.append((aturan + " tanpa ticktext dari formatter", nilai))
    if page.locator(EXCEPTION).count():
        t.append(("exception", page.locator(EXCEPTION).first.inner_text()[:300]))
    LAYAR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(LAYAR / f"{nama}.png"), full_page=True)
    return [f"{a}: {s[:160]!r}" for a, s in dict.fromkeys(t)]


@pytest.fixture(scope="module")
def server(streamlit_server, browser_context):
    page = browser_context.new_page()   # the first request of a fresh server is not a deep link
    page.goto(streamlit_server.base_url + "/", wait_until="domcontentloaded")
    _tunggu(page)
    page.close()
    return streamlit_server


def _uji(browser_context, server, path: str, bahasa: str) -> None:
    url = server.base_url + path + ("?lang=en" if bahasa == "en" else "")
    page, pesan = _buka(browser_context, url)
    try:
        nama = (path.strip("/") or "ringkasan") + f"-{bahasa}"
        masalah = _periksa(page, pesan, bahasa, nama)
    finally:
        page.close()
    if masalah:
        pytest.fail(f"{url}: {len(masalah)} temuan\n- " + "\n- ".join(masalah), pytrace=False)


@pytest.mark.parametrize("path", HALAMAN_ID)
def test_teks_layar_indonesia(browser_context, server, path):
    _uji(browser_context, server, path, "id")


@pytest.mark.parametrize("path", HALAMAN_EN)
def test_teks_layar_inggris(browser_context, server, path):
    _uji(browser_context, server, path, "en")


def test_teks_layar_admin(browser_context, server):
    sandi = tambah_akun(server.store, "admin-teks", "admin")
    page = browser_context.new_page()
    pesan: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: pesan.append(p) if isinstance(p, bytes) else None))
    try:
        page.goto(server.base_url + "/", wait_until="domcontentloaded")
        _tunggu(page)
        masuk_browser(page, "admin-teks", sandi)
        _tunggu(page)
        del pesan[:]   # only what the admin page sends (a reload would end the sign-in)
        page.locator(SIDEBAR).get_by_role("link", name="Admin").click()
        page.wait_for_url("**/admin*")
        _tunggu(page)
        masalah = _periksa(page, pesan, "id", "admin-id")
    finally:
        page.close()
    if masalah:
        pytest.fail(f"/admin: {len(masalah)} temuan\n- " + "\n- ".join(masalah), pytrace=False)
