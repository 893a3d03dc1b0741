"""Comparing across documents: metric identity and series, conflicts, target checks, events, diffs."""
