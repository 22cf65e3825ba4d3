"""Benchmarks: the home feed through the API against its own SQL, and the seeding they share.

Nothing here runs in production: `make bench` and `make loadtest` drive these modules.
"""
