// Registration order of the columnar binding files (called by RegisterColumnar in
// columnar_module.cc): types before the classes whose methods return them, the PyCapsule
// methods last because they attach to classes registered before.
#pragma once

#include <pybind11/pybind11.h>

namespace arrowpack::python {

void RegisterTypes(pybind11::module_& m);                // type_bindings.cc
void RegisterFieldsAndSchemas(pybind11::module_& m);     // schema_bindings.cc
void RegisterArrays(pybind11::module_& m);               // array_bindings.cc
void RegisterArrayConstructors(pybind11::module_& m);    // array_constructors.cc
void RegisterScalars(pybind11::module_& m);              // scalar_bindings.cc
void RegisterArrayFactories(pybind11::module_& m);       // array_factory.cc
void RegisterChunkedArrays(pybind11::module_& m);        // chunked_array_bindings.cc
void RegisterRecordBatches(pybind11::module_& m);        // record_batch_bindings.cc
void RegisterTables(pybind11::module_& m);               // table_bindings.cc
void RegisterRecordBatchReaders(pybind11::module_& m);   // reader_bindings.cc
void RegisterReaderCast(pybind11::module_& m);           // reader_cast_bindings.cc
void RegisterReaderCPointers(pybind11::module_& m);      // reader_c_pointer_bindings.cc
void RegisterTensors(pybind11::module_& m);              // tensor_bindings.cc
void RegisterSparseTensors(pybind11::module_& m);        // sparse_tensor_bindings.cc
void RegisterCapsuleProtocol(pybind11::module_& m);      // capsule_bindings.cc

}  // namespace arrowpack::python
