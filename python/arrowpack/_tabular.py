"""Row-oriented constructors shared by RecordBatch and Table."""


def from_pylist(cls, rows, schema=None, metadata=None):
    """cls.from_pydict of the columns of `rows` (a list of dicts); missing keys become None."""
    if schema is not None:
        names = list(schema.names) if hasattr(schema, "names") else [f[0] if isinstance(f, tuple) else f.name
                                                                       for f in schema]
    else:
        names = []
        for row in rows:
            for key in row:
                if key not in names:
                    names.append(key)
    columns = {name: [row.get(name) for row in rows] for name in names}
    return cls.from_pydict(columns, schema=schema, metadata=metadata)
