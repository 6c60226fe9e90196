// Arrow C Data Interface and C Stream Interface: zero-copy exchange of types, arrays, record
// batches and batch streams with any other Arrow implementation in the same process.
//
// Export fills a caller-provided struct. On success the caller owns it and must call its
// `release` exactly once (or move it: shallow copy, then set the source's `release` to NULL).
// Exported arrays reference the ArrayData's buffers (no copy); they stay valid after the source
// objects are gone. Children and dictionaries may be moved out of an exported struct and
// released independently. On error nothing is written that needs releasing.
//
// Import consumes the struct it is given: it is always marked released (`release == NULL`) when
// the call returns, success or error, and the producer's `release` runs exactly once: at once for
// schemas and on errors, and for arrays when the last imported Buffer referencing it dies.
// Imported input is treated as hostile: malformed formats, buffer/child counts that do not fit
// the type, NULL required buffers, negative sizes and structurally invalid arrays give Invalid.
// Buffer sizes cannot be known across the C ABI: they are derived from length, offset and type.
#pragma once

#include <memory>

#include "arrowpack/core/array_data.h"
#include "arrowpack/core/c_abi.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/core/result.h"
#include "arrowpack/core/schema.h"

namespace arrowpack {

// ---- Export ------------------------------------------------------------------------------------

/// Exports `type` as an unnamed, nullable ArrowSchema.
Status ExportType(const DataType& type, ArrowSchema* out);
/// Exports name, nullability, metadata and type. Extension types travel as their storage format
/// plus ARROW:extension:name / ARROW:extension:metadata entries in the metadata.
Status ExportField(const Field& field, ArrowSchema* out);
/// Exports a schema as a non-nullable struct ("+s") with one child per field and the schema
/// metadata.
Status ExportSchema(const Schema& schema, ArrowSchema* out);

/// Exports the array (its offset included, never re-based). When `out_schema` is given, its type
/// is exported there too; if that fails, `out` is released again and nothing is left to release.
Status ExportArray(const Array& array, ArrowArray* out, ArrowSchema* out_schema = nullptr);
Status ExportArray(const ArrayData& data, ArrowArray* out, ArrowSchema* out_schema = nullptr);
/// Exports the batch as a struct array without nulls (and its schema when `out_schema` is given).
Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out, ArrowSchema* out_schema = nullptr);

// ---- Import ------------------------------------------------------------------------------------

/// How much an imported array is checked after its layout: kStructure is Array::Validate (O(1) per
/// buffer); kFull adds Array::ValidateFull (every offset, index and UTF-8 byte), needed before
/// reading values of untrusted variable-size data.
enum class ImportValidation { kStructure, kFull };

/// Imports the type (dictionary and extension types included); consumes `schema`.
Result<TypePtr> ImportType(ArrowSchema* schema);
/// Imports name, nullability, metadata and type; consumes `schema`.
Result<std::shared_ptr<Field>> ImportField(ArrowSchema* schema);
/// Imports a "+s" schema as a Schema (children become fields); consumes `schema`.
Result<std::shared_ptr<Schema>> ImportSchema(ArrowSchema* schema);

/// Imports an array of known type, zero-copy; consumes `array`.
Result<ArrayDataPtr> ImportArray(ArrowArray* array, const TypePtr& type,
                                 ImportValidation validation = ImportValidation::kStructure);
/// Imports type and array; consumes both structs, also when one of them is malformed.
Result<ArrayDataPtr> ImportArray(ArrowArray* array, ArrowSchema* schema,
                                 ImportValidation validation = ImportValidation::kStructure);
/// Imports a top-level struct array without nulls as a batch of `schema`; consumes `array`.
Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, std::shared_ptr<Schema> schema,
                                         ImportValidation validation = ImportValidation::kStructure);
/// Imports schema and batch; consumes both structs.
Result<RecordBatchPtr> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema,
                                         ImportValidation validation = ImportValidation::kStructure);

// ---- Streams -----------------------------------------------------------------------------------

/// Exports `reader` as an ArrowArrayStream that owns it. get_schema and get_next return 0 or
/// EINVAL (Invalid, TypeError, KeyError, IndexError), ENOMEM, ENOSYS (NotImplemented) or EIO
/// (anything else); get_last_error then describes the failure until the next call.
Status ExportRecordBatchReader(std::shared_ptr<RecordBatchReader> reader, ArrowArrayStream* out);
/// Wraps `stream` (consumed: moved into the reader) as a RecordBatchReader. The stream's schema is
/// read here; stream errors become Status (EINVAL: Invalid, ENOMEM: OutOfMemory, ENOSYS:
/// NotImplemented, other errno: IOError) with the stream's last error message. The stream is
/// released exactly once: by Close() or when the reader dies; batches read before stay valid.
Result<std::shared_ptr<RecordBatchReader>> ImportRecordBatchReader(
    ArrowArrayStream* stream, ImportValidation validation = ImportValidation::kStructure);

}  // namespace arrowpack
