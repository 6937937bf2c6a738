// Print helper, injected once per run next to pages/gaya.css (pages/_bersama.gaya); the print rules
// themselves are in gaya.css. Two things CSS cannot do:
// 1. Know the width the screen laid the page out at. Charts, maps and tables are drawn in pixels for
//    their column on screen and are not redrawn for paper, so the print keeps that width
//    (--cetak-lebar, kept up to date on screen) and scales it onto A4 (--cetak-skala, set only from
//    just before printing to just after: Streamlit redraws charts for a scaled column, smaller, if
//    it sees one — as it would where print media is shown on screen).
// 2. Print a WebGL map. Plotly's maps draw into a WebGL canvas that keeps no picture between frames,
//    so the print shows an empty box: just before printing each map is redrawn and copied into an
//    image over its canvas, shown only on paper, removed after printing.
// Streamlit's sanitizer drops a script whose text holds a "<" followed by a letter, "/" or "!" (it
// reads like a tag): never write one here (tests/test_cetak.py checks).
(() => {
  if (window.__dasborCetak) return;  // the script is sent on every run; one set of listeners is enough
  window.__dasborCetak = true;
  const LEBAR_A4_PX = 718;  // 210 mm less the 2 × 10 mm margins of gaya.css's @page, at 96 px per inch
  const akar = document.documentElement.style;

  function ukur() {
    if (matchMedia("print").matches) return;  // the screen's width, never the paper's
    const isi = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (!isi) return;
    const gaya = getComputedStyle(isi);
    const lebar = isi.clientWidth - parseFloat(gaya.paddingLeft) - parseFloat(gaya.paddingRight);
    if (lebar > 0) akar.setProperty("--cetak-lebar", `${Math.round(lebar)}px`);
  }

  function skala() {
    const lebar = parseFloat(akar.getPropertyValue("--cetak-lebar"));
    if (lebar > 0) akar.setProperty("--cetak-skala", String(Math.min(1, LEBAR_A4_PX / lebar)));
  }

  function salinPeta() {
    for (const gd of document.querySelectorAll(".js-plotly-plot")) {
      for (const [kunci, sub] of Object.entries(gd._fullLayout || {})) {
        const peta = /^map\d*$/.test(kunci) && sub && sub._subplot && sub._subplot.map;
        if (!peta || typeof peta.redraw !== "function") continue;
        try {
          peta.redraw();  // synchronous: the canvas holds the picture until the next frame
          const kanvas = peta.getCanvas();
          const img = document.createElement("img");
          img.className = "cetak-peta";
          img.alt = "";
          img.src = kanvas.toDataURL("image/png");
          img.style.cssText = "position:absolute;left:0;top:0;pointer-events:none;"
            + `width:${kanvas.style.width};height:${kanvas.style.height}`;
          kanvas.after(img);
        } catch (e) {
          console.warn("cetak: peta tidak tersalin", e);
        }
      }
    }
  }

  function bersihkan() {
    for (const img of document.querySelectorAll("img.cetak-peta")) img.remove();
    akar.removeProperty("--cetak-skala");
  }

  // The width is kept up to date on screen, so print media shown on screen (a test's emulation)
  // keeps the screen's layout and redraws nothing; it is measured once more just before printing.
  // (the main area, not the window: opening or closing the sidebar changes it too)
  const utama = document.querySelector('[data-testid="stMain"]');
  if (utama) new ResizeObserver(ukur).observe(utama);
  addEventListener("resize", ukur);
  addEventListener("beforeprint", () => { bersihkan(); ukur(); skala(); salinPeta(); });
  addEventListener("afterprint", bersihkan);
  ukur();
})();
