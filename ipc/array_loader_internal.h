// Decoding of the body of a RecordBatch (or DictionaryBatch) message into arrays: walks the
// schema in pre-order, takes field nodes and buffers from the metadata, checks each against the
// body, decompresses, re-aligns or byte-swaps where needed, attaches dictionaries and validates.
// Internal to ipc/.
#pragma once

#include <memory>
#include <vector>

#include "arrowpack/core/array_data.h"
#include "arrowpack/ipc/dictionary.h"
#include "arrowpack/ipc/metadata_internal.h"

namespace arrowpack::ipc::internal {

struct LoadContext {
  const IpcReadOptions* options;
  MetadataVersion version = MetadataVersion::V5;
  bool big_endian = false;
  /// Dictionaries for dictionary-encoded fields (nullptr: none available).
  const DictionaryMemo* memo = nullptr;
};

/// Decodes one column per field. `base_path` is the field path of the parent (empty for a
/// record batch, the dictionary field's path for a dictionary batch). Every node and buffer
/// must be used exactly once; each column passes Validate (and ValidateFull when asked).
Result<std::vector<ArrayDataPtr>> LoadColumns(const RecordBatchInfo& info, const std::shared_ptr<Buffer>& body,
                                              const FieldVector& fields, const FieldPath& base_path,
                                              const LoadContext& context);

}  // namespace arrowpack::ipc::internal
