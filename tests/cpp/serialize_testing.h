// Helpers shared by the tests of the object format's writer: the reference stream of a batch.
#pragma once

#include <memory>
#include <utility>

#include "arrowpack/core/buffer.h"
#include "arrowpack/core/record_batch.h"
#include "arrowpack/serialize/serialized_object.h"

namespace arrowpack::serialize {

/// The stream the generic IPC writer makes of `batch` (SerializedObject::EncodeStream's path).
inline std::shared_ptr<Buffer> GenericStream(RecordBatchPtr batch) {
  SerializedObject object;
  object.batch = std::move(batch);
  return (*object.GetComponents()).data[0];
}

}  // namespace arrowpack::serialize
