"""Benchmarks: `make bench`. Speed and memory targets live here, not in the tests."""
