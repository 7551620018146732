"""What the tests share, as a library (fixtures and hooks stay in tests/conftest.py).

- :mod:`support.paths`: the project's paths, defined once.
- :mod:`support.project`: copies of the project, the runner in a subprocess, and a miniature
  project of stand-in notebooks for the runner tests.
- :mod:`support.frames`: small series.csv-shaped frames and fitted models for unit tests.
- :mod:`support.fault_runner`: the real runner with fault injection (traces, stalls, in-process
  notebooks); :mod:`support.trace` reads its trace and the outputs it leaves.
- :mod:`support.bad_input`: the bad-input suite's refusal check, tree fingerprint and counts;
  :mod:`support.bad_input_report` is the pytest plugin that sums the counts over workers.
- :mod:`support.markup_check`: hostile register text and checks that it stays text.
"""
