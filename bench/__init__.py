"""Benchmark: a synthetic office at two sizes, page and export timings against bare SQL."""
