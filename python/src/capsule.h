// The Arrow PyCapsule protocol (producer and consumer side). Capsules own a heap ArrowSchema /
// ArrowArray / ArrowArrayStream; their destructor calls `release` when the struct was not
// consumed and frees it. Importing consumes the struct (moves it out, leaving the capsule's copy
// released). Imported arrays are fully validated (foreign data is hostile). GIL required.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>

#include "arrowpack/core/chunked_array.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/schema.h"

namespace arrowpack::python {

/// "arrow_schema" capsules.
pybind11::capsule ExportTypeCapsule(const DataType& type);
pybind11::capsule ExportFieldCapsule(const Field& field);
pybind11::capsule ExportSchemaCapsule(const Schema& schema);
/// ("arrow_schema", "arrow_array") capsule pairs.
pybind11::tuple ExportArrayCapsules(const Array& array);
pybind11::tuple ExportRecordBatchCapsules(const RecordBatch& batch);
/// An "arrow_array_stream" capsule of the chunks (schema: the chunked array's type).
pybind11::capsule ExportChunkedArrayCapsule(ChunkedArrayPtr chunked);
/// An "arrow_array_stream" capsule owning `reader`.
pybind11::capsule ExportStreamCapsule(std::shared_ptr<RecordBatchReader> reader);

/// Producers' handling of `requested_schema`: None or an "arrow_schema" capsule (TypeError
/// otherwise); the request itself is best effort and not applied (no casts).
void CheckRequestedSchema(pybind11::handle requested_schema);

/// True if `obj` has a callable attribute `name` (e.g. "__arrow_c_array__").
bool HasArrowMethod(pybind11::handle obj, const char* name);

/// obj.__arrow_c_schema__() imported as a field (name, type, nullability, metadata).
std::shared_ptr<Field> ImportFieldFrom(pybind11::handle obj);
/// obj.__arrow_c_schema__() imported as a schema (it must describe a struct).
std::shared_ptr<Schema> ImportSchemaFrom(pybind11::handle obj);
/// obj.__arrow_c_array__(requested_schema) imported as an array; `requested` (may be nullptr) is
/// passed to the producer as a hint.
ArrayPtr ImportArrayFrom(pybind11::handle obj, const TypePtr& requested);
/// obj.__arrow_c_array__() imported as a record batch (a struct array without top-level nulls).
RecordBatchPtr ImportRecordBatchFrom(pybind11::handle obj, const std::shared_ptr<Schema>& requested);
/// obj.__arrow_c_stream__(requested) drained into a ChunkedArray of the stream's type.
ChunkedArrayPtr ImportChunkedArrayFrom(pybind11::handle obj, const TypePtr& requested);
/// obj.__arrow_c_stream__() imported as a reader that owns the stream.
std::shared_ptr<RecordBatchReader> ImportStreamFrom(pybind11::handle obj, const std::shared_ptr<Schema>& requested);

}  // namespace arrowpack::python
