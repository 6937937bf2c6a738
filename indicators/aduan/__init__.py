"""Road-condition complaints: lifecycle, service levels, road authority, duplicates, road condition.

Decides: the declared rules (``aturan``: statuses, open/closed, service-level targets, labels from
``data/aduan.yaml``); the prepared complaint frame and its filters (``siapan``); duplicate groups
(``duplikat``); verification and repair times and overdue flags (``siklus``); who must act
(``kewenangan``); kemantapan and complaints per km (``kondisi``); the escalation table for the
province (``eskalasi``); and the Open311 GeoReport v2 shape (``open311``).

May import: ``indicators.dasar``, ``indicators.wilayah``, ``indicators.data``, ``indicators.akses``.
"""
