"""_errors.py: newsrec.Error, the one exception the package raises for the library's failures and bad input."""


class Error(Exception):
    """A failure with the library's status class ("memory", "not-text", "empty", "limit", "input",
    "io", "file") and its message, which names the input (file, file:line, byte) where known."""

    def __init__(self, status, message):
        super().__init__("%s [%s]" % (message, status))
        self.status = status
        self.message = message
