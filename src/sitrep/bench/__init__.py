"""Benchmarks that print numbers (``sitrep bench``, ``invoke bench``).

``generate`` writes seeded synthetic archives of any size; ``builds`` times
full, no-change, add-one and edit-one builds beside plain Pelican in one run,
so the ratios hold on a shared, noisy machine. Nothing here is a unit test.
``cli`` declares ``sitrep bench`` and ``sitrep test`` (the suite, run as CI
runs it): the two commands that measure or check the project, not a site.
"""
