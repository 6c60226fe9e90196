"""`arrowpack inspect FILE`: what a file holds, without decoding more than needed.

IPC files and streams: schema and its metadata, every message (kind, rows, body size, compression,
dictionary id and delta flag) and totals. Serialized objects: the header counts and the object tree,
read without running any deserializer (custom types show their type id).
"""

import arrowpack as pa
from arrowpack._core import _ipc
from arrowpack.cli import sources
from arrowpack.cli.object_tree import describe_serialized
from arrowpack.cli.tables import format_bytes, format_table


def describe_ipc(buffer, kind, out):
    with sources.open_batches(buffer, kind) as reader:
        schema = reader.schema
        num_batches = reader.num_record_batches if kind == sources.IPC_FILE else None
    out.append("schema:")
    out.extend("  " + line for line in str(schema).splitlines())
    rows = []
    totals = {"record batch": 0, "dictionary batch": 0, "delta": 0, "rows": 0}
    codecs = set()
    version = None
    for index, message in enumerate(sources.stream_messages(buffer, kind)):
        summary = _ipc._summarize_message(message)
        version = version or summary["metadata_version"]
        if summary["compression"]:
            codecs.add(summary["compression"])
        kind_label = summary["type"]
        if kind_label == "record batch":
            totals["record batch"] += 1
            totals["rows"] += summary["num_rows"]
        elif kind_label == "dictionary batch":
            totals["dictionary batch"] += 1
            totals["delta"] += summary["is_delta"]
            kind_label += " %d%s" % (summary["dictionary_id"], " (delta)" if summary["is_delta"] else "")
        rows.append((index, kind_label, summary["num_rows"] if summary["type"] != "schema" else "",
                     summary["body_length"], summary["compression"] or "-"))
    out.append("metadata version: %s" % version)
    out.append("compression: %s" % (", ".join(sorted(codecs)) if codecs else "none"))
    dictionary_fields = [f.name for f in schema if pa.types.is_dictionary(f.type)]
    out.append("dictionary fields: %s" % (", ".join(dictionary_fields) if dictionary_fields else "none"))
    out.append("record batches: %d (%d rows)%s" % (
        totals["record batch"], totals["rows"],
        "" if num_batches is None else "; footer lists %d" % num_batches))
    out.append("dictionary batches: %d (%d deltas)" % (totals["dictionary batch"], totals["delta"]))
    out.append("messages:")
    out.extend("  " + line for line in format_table(["#", "message", "rows", "body bytes", "compression"],
                                                    rows).splitlines())


def run(args):
    buffer = sources.read_buffer(args.file)
    kind = sources.detect_kind(buffer)
    out = ["%s: %s, %s" % (args.file, sources.KIND_LABELS[kind], format_bytes(buffer.size))]
    if kind == sources.SERIALIZED:
        describe_serialized(buffer, out)
    else:
        describe_ipc(buffer, kind, out)
    print("\n".join(out))
    return 0
