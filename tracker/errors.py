"""Typed errors whose messages tell the user what went wrong and what to do.

The CLI turns each into one line on stderr and an exit code; nothing below the CLI
prints or exits.
"""


class TrackerError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1


class UnreadableFile(TrackerError):
    """A file that cannot become an article (empty, binary, undecodable, too large)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnknownArticle(TrackerError):
    """An article name that matches nothing, or more than one article."""


class NotATrackerDatabase(TrackerError):
    """A database file that is not one of ours, or is locked."""


class BadUsage(TrackerError):
    """Options that do not make sense together, or a value that cannot be parsed."""

    exit_code = 2


class BadData(TrackerError):
    """A knowledge table under tracker/data that does not validate."""
