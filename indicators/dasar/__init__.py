"""Foundation every other package stands on: settings, labels, the one formatter.

Decides: where a setting's value comes from (``pengaturan``: ``data/pengaturan.yaml`` and ``DASBOR_*``),
how an interface text reads in Indonesian or English (``label``: ``data/label/*.yaml``), and how a
number, percentage, month or date is written for the reader (``format``).

May import: nothing else from ``indicators`` (only the standard library, Babel and PyYAML).
"""
