"""tracker: a dated, queryable record of what Chinese policy documents promise, report and achieve."""

__version__ = "0.1.0"
