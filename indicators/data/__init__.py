"""Datasets: their declared schemas, the upload loader, the import path, the store and the demo.

Decides: what a valid row of each dataset is (``skema``, declared in ``data/skema.yaml``); how an
uploaded file's bytes become a table of text cells (``berkas``); how an upload is checked, planned and
written all-or-nothing with a per-row report (``impor``); how data persist in the embedded DuckDB
store with every import recorded (``gudang``); and how the seeded, clearly labelled simulated demo
data are generated (``demo``).

May import: ``indicators.dasar`` and ``indicators.wilayah``.
"""
