"""One typer adapter per command (or small family of commands); :mod:`tracker.cli` builds the app."""
