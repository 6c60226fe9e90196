"""A one-line progress bar on stderr, drawn only when stderr is a terminal (never in pipes or logs)."""

import sys


class Progress:
    """Counts steps of `total` and redraws `label [####----] done/total` in place; close() clears it."""

    def __init__(self, label, total, stream=None, width=30):
        self.label = label
        self.total = max(int(total), 0)
        self.done = 0
        self.width = width
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.total > 0 and hasattr(self.stream, "isatty") and self.stream.isatty()

    def advance(self, steps=1):
        self.done = min(self.done + steps, self.total)
        if self.enabled:
            filled = self.width * self.done // self.total
            self.stream.write("\r%s [%s%s] %d/%d" % (self.label, "#" * filled, "-" * (self.width - filled),
                                                     self.done, self.total))
            self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
