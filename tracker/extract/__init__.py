"""Extraction: time expressions, quantities, places, markers and deadlines, metrics, and the sentence loop that makes claims."""
