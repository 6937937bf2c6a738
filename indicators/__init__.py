"""The pure-Python core of the smart-regency dashboard. Never imports streamlit (a test proves it).

DataFrames in, DataFrames out, deterministic. One package per thing it decides; dependencies run one
way, from the foundation up (each package's docstring names what it may import, and
``tests/test_arsitektur.py`` holds the code to it):

====================  =====================================================================
``dasar``             settings, labels in both languages, the one number/date formatter
``wilayah``           the Kemendagri register, name resolver, boundaries and schematic geometry
``data``              dataset schemas, the upload loader, the import path, the DuckDB store, demo
``akses``             who may see personal data: the one masking function, by role
``skor``              the six-pillar composite index (framework, computation, method, uncertainty)
``layanan``           village services: DesaID, Smart Netizen, Ronda Online, mobile signal
``aduan``             road complaints: lifecycle, service levels, authority, duplicates, condition
``progres``           masterplan programmes: target against realisation, late items
``evaluasi``          the Kominfo reviewer's view: pillars × evaluation dimensions, evidence
``ringkasan``         the briefing's reasoning: standing, change, the three attention statements
``tampilan``          figures, maps and display tables for the pages
``laporan``           files to hand out: briefing PDF, escalation pack, review report, exports
``cli``               the command line (``python -m indicators``, ``dasbor``)
====================  =====================================================================

The architecture page of the documentation (``docs/arsitektur.md``) shows how an upload becomes a chart.
"""
