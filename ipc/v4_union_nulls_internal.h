// Dense unions with null slots, as Arrow IPC metadata V4 allowed (a validity bitmap on the union;
// pyarrow 0.12-0.17 wrote None inside serialized objects that way). Arrow's columnar format has
// no union validity since 1.0, so the loader rewrites them: each null slot is re-pointed at its
// own null entry of a child of type null, the first such child the union has, else a child
// appended to the union's type (field "null", the smallest unused type code). The union's type,
// and so the types of the arrays around it, then differ from the schema. Errors are Status
// Invalid (a bitmap shorter than the union, a null count that disagrees with it, no free type
// code) or NotImplemented (a new child under a dictionary or extension type). Internal to ipc/.
#pragma once

#include <memory>

#include "arrowpack/core/array_data.h"
#include "arrowpack/core/memory_pool.h"
#include "arrowpack/core/schema.h"
#include "arrowpack/ipc/reader.h"

namespace arrowpack::ipc::internal {

/// Rewrites `data` (a dense union freshly loaded from V4 IPC, offset 0, buffers [null, type
/// codes, offsets]) whose field node declared `null_count` nulls in `validity`. New buffers come
/// from `pool`.
Status RepointV4UnionNulls(ArrayData* data, const std::shared_ptr<Buffer>& validity, int64_t null_count,
                           MemoryPool* pool);

/// `schema` with the field types of `columns` (the loaded columns of a batch): `schema` itself
/// unless a column's type changed.
std::shared_ptr<Schema> SchemaOfColumns(const std::shared_ptr<Schema>& schema, const std::vector<ArrayDataPtr>& columns);

/// Gives `data` (a nested array whose children are loaded) a type whose child fields have its
/// children's types, when a child's type changed.
Status AdoptChildTypes(ArrayData* data);

}  // namespace arrowpack::ipc::internal
