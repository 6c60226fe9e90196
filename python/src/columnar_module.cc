// The columnar half of arrowpack._core, registered in dependency order.
#include "bindings.h"
#include "columnar_register.h"

namespace arrowpack::python {

void RegisterColumnar(pybind11::module_& m) {
  RegisterTypes(m);
  RegisterFieldsAndSchemas(m);
  RegisterArrays(m);
  RegisterArrayConstructors(m);
  RegisterScalars(m);
  RegisterArrayFactories(m);
  RegisterChunkedArrays(m);
  RegisterRecordBatches(m);
  RegisterTables(m);
  RegisterRecordBatchReaders(m);
  RegisterReaderCast(m);
  RegisterReaderCPointers(m);
  RegisterTensors(m);
  RegisterSparseTensors(m);
  RegisterCapsuleProtocol(m);
}

}  // namespace arrowpack::python
