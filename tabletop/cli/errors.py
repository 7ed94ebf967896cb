"""How the command line refuses bad input: a message and exit status 2, never a traceback."""

from __future__ import annotations


class UsageError(Exception):
    """Bad input on the command line, reported without a traceback."""
