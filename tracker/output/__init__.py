"""Output: rich tables, charts, JSON/JSONL/CSV/Markdown/HTML renderers, and the Datasette metadata."""
