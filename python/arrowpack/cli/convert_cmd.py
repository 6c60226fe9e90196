"""`arrowpack convert IN OUT`: rewrite an IPC file as a stream or the other way, optionally changing
the body compression. Dictionaries, deltas and schema metadata carry over; batches are not copied."""

import arrowpack as pa
from arrowpack.cli import sources
from arrowpack.cli.progress import Progress


def run(args):
    buffer = sources.read_buffer(args.input)
    kind = sources.detect_kind(buffer)
    target = args.to or (sources.IPC_STREAM if kind == sources.IPC_FILE else sources.IPC_FILE)
    compression = None if args.compression == "none" else args.compression
    options = pa.ipc.IpcWriteOptions(compression=compression, emit_dictionary_deltas=True)
    with sources.open_batches(buffer, kind) as reader:
        total = reader.num_record_batches if kind == sources.IPC_FILE else 0
        new_writer = pa.ipc.new_file if target == sources.IPC_FILE else pa.ipc.new_stream
        count = rows = 0
        with pa.OSFile(args.output, "wb") as sink, new_writer(sink, reader.schema, options=options) as writer, \
                Progress("convert", total) as progress:
            for batch in reader:
                writer.write_batch(batch)
                count += 1
                rows += batch.num_rows
                progress.advance()
    print("%s -> %s: %s, %d record batches, %d rows, compression %s" % (
        args.input, args.output, sources.KIND_LABELS[target], count, rows, args.compression))
    return 0
