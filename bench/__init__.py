"""The benchmark of ``make bench``: our content API and landing page against Wagtail's stock
API v2 and a view returning pre-built bytes (see ``bench.run`` and docs/benchmarks.md)."""
