"""`arrowpack validate FILE`: full validation of every batch (or of a serialized object's structure).

Exit status 0 when valid; 1 with what is wrong and where (batch, column) otherwise.
"""

import sys

import arrowpack as pa
from arrowpack.cli import sources
from arrowpack.cli.object_tree import validate_serialized
from arrowpack.cli.progress import Progress


def validate_ipc(buffer, kind):
    """Returns a list of problems, each naming the batch and column."""
    problems = []
    with sources.open_batches(buffer, kind) as reader:
        total = reader.num_record_batches if kind == sources.IPC_FILE else 0
        with Progress("validate", total) as progress:
            index = 0
            while True:
                try:
                    batch = reader.get_batch(index) if kind == sources.IPC_FILE else reader.read_next_batch()
                except StopIteration:
                    break
                except pa.ArrowException as error:
                    problems.append("batch %d: %s" % (index, error))
                    break
                for name, column in zip(batch.schema.names, batch.columns):
                    try:
                        column.validate(full=True)
                    except pa.ArrowException as error:
                        problems.append("batch %d, column %r: %s" % (index, name, error))
                progress.advance()
                index += 1
                if kind == sources.IPC_FILE and index == total:
                    break
    return problems, index


def run(args):
    try:
        buffer = sources.read_buffer(args.file)
        kind = sources.detect_kind(buffer)
        if kind == sources.SERIALIZED:
            problems, what = validate_serialized(buffer), "%d bytes" % buffer.size
        else:
            problems, count = validate_ipc(buffer, kind)
            what = "%d record batches" % count
    except (pa.ArrowException, OSError) as error:
        print("%s: invalid: %s" % (args.file, error), file=sys.stderr)
        return 1
    if problems:
        for problem in problems:
            print("%s: invalid: %s" % (args.file, problem), file=sys.stderr)
        return 1
    print("%s: valid %s (%s)" % (args.file, sources.KIND_LABELS[kind], what))
    return 0
