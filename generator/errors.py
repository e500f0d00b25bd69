"""Exception classes the CLI turns into messages and exit codes.

Stage: none (data). Kept tiny on purpose: the main branch owns the full set of
errors (content problems with file, line and column); the importer only needs
its own error and the common base.
"""


class PortalError(Exception):
    """Base of every error the CLI turns into a message and an exit code."""


class ImportSourceError(PortalError):
    """A source text cannot be imported (empty, binary, too large, no structure)."""
