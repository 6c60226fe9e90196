"""The arrowpack command line (`arrowpack ...` or `python -m arrowpack ...`).

Each command lives in its own module; main() parses the arguments, runs the command and turns
arrowpack and OS errors into one line on stderr with exit status 1 (2 for usage errors).
"""

import argparse
import sys

import arrowpack as pa
from arrowpack.cli import bench_cmd, cat_cmd, convert_cmd, demo, inspect_cmd, validate_cmd
from arrowpack.cli.tables import format_table

__all__ = ["build_parser", "main", "format_table"]


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be positive, got %s" % text)
    return value


def build_parser():
    parser = argparse.ArgumentParser(
        prog="arrowpack",
        description="arrowpack: zero-copy object serialization on an Arrow IPC core. Inspect, validate, "
                    "print and convert Arrow IPC files and streams and serialized objects.")
    parser.add_argument("--version", action="version", version="arrowpack %s" % pa.__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, run, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    sub = command("inspect", inspect_cmd.run, "describe an IPC file, IPC stream or serialized object: "
                                             "schema, batches, dictionaries, compression, or the object tree")
    sub.add_argument("file")
    sub = command("validate", validate_cmd.run, "fully validate a file; exit 1 saying what is wrong and where")
    sub.add_argument("file")
    sub = command("cat", cat_cmd.run, "print the rows of an IPC file or stream")
    sub.add_argument("file")
    sub.add_argument("--format", choices=["text", "jsonl"], default="text",
                     help="a text table per batch (default) or one JSON object per row")
    sub.add_argument("--limit", type=positive_int, default=None, help="print at most this many rows")
    sub = command("convert", convert_cmd.run, "rewrite an IPC file as a stream or a stream as a file")
    sub.add_argument("input")
    sub.add_argument("output")
    sub.add_argument("--to", choices=["stream", "file"], default=None,
                     help="output format (default: the other one)")
    sub.add_argument("--compression", choices=["none", "lz4", "zstd"], default="none",
                     help="body compression of the output (default: none)")
    sub = command("bench", bench_cmd.run, "time serialization and IPC against pickle and pyarrow; print ratios")
    sub.add_argument("--scale", type=positive_int, default=200,
                     help="size of the cases (arrays are SCALE x SCALE; default 200)")
    sub.add_argument("--repeat", type=positive_int, default=3, help="best of this many runs (default 3)")
    sub = command("demo", demo.run_demo, "serialize a built-in object graph, move it to a second process "
                                         "through shared memory and read it there zero-copy, beside pickle")
    sub.add_argument("--scale", type=positive_int, default=1024,
                     help="the sample's 8 matrices are SCALE x SCALE float64 (default 1024: 64 MiB)")
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if getattr(args, "to", None) is not None:
        args.to = "ipc-" + args.to
    try:
        return args.run(args)
    except (pa.ArrowException, OSError) as error:
        print("arrowpack %s: error: %s" % (args.command, error), file=sys.stderr)
        return 1
