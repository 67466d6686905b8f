"""Load and scale benchmarks for Raadhuis (`make bench`, `python -m benchmarks.run`)."""
