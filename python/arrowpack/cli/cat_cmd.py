"""`arrowpack cat FILE`: the rows of an IPC file or stream as a text table or JSON lines."""

import base64
import datetime
import decimal
import json
import sys

from arrowpack.cli import sources
from arrowpack.cli.tables import format_table


def json_default(value):
    """JSON for the Python values Arrow rows hold that json cannot encode itself."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (datetime.timedelta, decimal.Decimal)):
        return str(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    return repr(value)


def text_cell(value):
    return "null" if value is None else str(value)


def run(args):
    buffer = sources.read_buffer(args.file)
    kind = sources.detect_kind(buffer)
    remaining = args.limit
    out = sys.stdout
    with sources.open_batches(buffer, kind) as reader:
        names = reader.schema.names
        for batch in reader:
            if remaining is not None:
                if remaining <= 0:
                    break
                batch = batch.slice(0, remaining)
                remaining -= batch.num_rows
            rows = batch.to_pylist()
            if args.format == "jsonl":
                for row in rows:
                    out.write(json.dumps(row, default=json_default, ensure_ascii=False) + "\n")
            elif rows:
                out.write(format_table(names, [[text_cell(row[n]) for n in names] for row in rows]) + "\n")
    return 0
