"""Figures drawn from timed samples: percentiles, and the fastest of several runs."""

import math
import statistics


def percentile(values, fraction):
    """The sample at `fraction` (0 to 1) of the sorted values, nearest rank."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median_and_p99(latencies):
    """(p50, p99) of latencies, as wrk reports them; infinite when there are none."""
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    cuts = cuts or [math.inf] * 99
    return cuts[49], cuts[98]


def fastest(runs):
    """The run with the most requests per second."""
    return max(runs, key=lambda run: run.rps)
