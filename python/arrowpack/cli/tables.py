"""Plain-text tables and byte counts for the command line's output."""


def format_table(headers, rows):
    """A plain-text table with columns padded to their widest cell."""
    cells = [list(map(str, headers))] + [list(map(str, row)) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def format_bytes(count):
    """1536 -> '1.5 KiB'; exact below 1 KiB."""
    if count < 1024:
        return "%d B" % count
    value = float(count)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            return "%.1f %s" % (value, unit)
