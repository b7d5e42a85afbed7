"""The load benchmark behind `manage.py bench`: load generators, the server under test, the
pages measured, and the Markdown report written to docs/benchmarks.md."""
