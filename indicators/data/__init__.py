"""Datasets: their declared schemas, the upload loader, the import path, the store and the demo.

Decides: what a valid row of each dataset is (``skema``, declared in ``data/skema.yaml``), and how
numbers and dates written the Indonesian way are read (``nilai``); how an uploaded file's bytes become
a table of text cells (``berkas``, the one front door: type from the bytes, archive limits in ``arsip``,
CSV text in ``berkas_csv``, XLSX sheets in ``berkas_xlsx``); how an upload is checked, planned and
written all-or-nothing with a per-row report (``impor``); how data persist in the embedded DuckDB
store with every import recorded (``gudang``); and how the seeded, clearly labelled simulated demo
data are generated (``demo``).

May import: ``indicators.dasar`` and ``indicators.wilayah``.
"""
