// The Arrow PyCapsule protocol: capsule producers and consumers (capsule.h) and the
// __arrow_c_schema__ / __arrow_c_array__ / __arrow_c_stream__ methods of the columnar classes.
#include <utility>

#include "array_stream.h"
#include "arrowpack/core/c_data.h"
#include "columnar_register.h"
#include "capsule.h"
#include "columnar.h"
#include "common.h"

namespace arrowpack::python {

namespace {

constexpr const char* kSchemaName = "arrow_schema";
constexpr const char* kArrayName = "arrow_array";
constexpr const char* kStreamName = "arrow_array_stream";

// Capsule destructors: release what was not consumed, then free the struct. They must not raise;
// a capsule of the wrong name (impossible for ours) is reported as unraisable.
void DeleteSchemaCapsule(PyObject* capsule) {
  auto* schema = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, kSchemaName));
  if (schema == nullptr) return PyErr_WriteUnraisable(capsule);
  if (schema->release != nullptr) schema->release(schema);
  delete schema;
}

void DeleteArrayCapsule(PyObject* capsule) {
  auto* array = static_cast<ArrowArray*>(PyCapsule_GetPointer(capsule, kArrayName));
  if (array == nullptr) return PyErr_WriteUnraisable(capsule);
  if (array->release != nullptr) array->release(array);
  delete array;
}

void DeleteStreamCapsule(PyObject* capsule) {
  auto* stream = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, kStreamName));
  if (stream == nullptr) return PyErr_WriteUnraisable(capsule);
  if (stream->release != nullptr) stream->release(stream);
  delete stream;
}

// Wraps a filled struct (owned by `holder` until then) in a capsule that owns it.
template <typename T>
py::capsule MakeCapsule(std::unique_ptr<T> holder, const char* name, PyCapsule_Destructor destructor) {
  PyObject* capsule = PyCapsule_New(holder.get(), name, destructor);
  if (capsule == nullptr) {
    if (holder->release != nullptr) holder->release(holder.get());
    throw py::error_already_set();
  }
  holder.release();
  return py::reinterpret_steal<py::capsule>(capsule);
}

template <typename T>
T* CapsulePointer(py::handle capsule, const char* name) {
  if (!PyCapsule_IsValid(capsule.ptr(), name)) {
    throw py::type_error(std::string("expected a PyCapsule named '") + name + "'");
  }
  return static_cast<T*>(PyCapsule_GetPointer(capsule.ptr(), name));
}

py::object RequestedSchemaCapsule(const TypePtr& requested) {
  if (requested == nullptr) return py::none();
  return ExportTypeCapsule(*requested);
}

py::object RequestedSchemaCapsule(const std::shared_ptr<Schema>& requested) {
  if (requested == nullptr) return py::none();
  return ExportSchemaCapsule(*requested);
}

}  // namespace

py::capsule ExportTypeCapsule(const DataType& type) {
  auto schema = std::make_unique<ArrowSchema>();
  ThrowIfError(ExportType(type, schema.get()));
  return MakeCapsule(std::move(schema), kSchemaName, &DeleteSchemaCapsule);
}

py::capsule ExportFieldCapsule(const Field& field) {
  auto schema = std::make_unique<ArrowSchema>();
  ThrowIfError(ExportField(field, schema.get()));
  return MakeCapsule(std::move(schema), kSchemaName, &DeleteSchemaCapsule);
}

py::capsule ExportSchemaCapsule(const Schema& schema) {
  auto out = std::make_unique<ArrowSchema>();
  ThrowIfError(ExportSchema(schema, out.get()));
  return MakeCapsule(std::move(out), kSchemaName, &DeleteSchemaCapsule);
}

py::tuple ExportArrayCapsules(const Array& array) {
  auto schema = std::make_unique<ArrowSchema>();
  auto out = std::make_unique<ArrowArray>();
  ThrowIfError(ExportArray(array, out.get(), schema.get()));
  // Capsule creation can only fail on memory exhaustion; the first capsule then still owns its
  // struct and the second is released by MakeCapsule.
  py::capsule schema_capsule = MakeCapsule(std::move(schema), kSchemaName, &DeleteSchemaCapsule);
  py::capsule array_capsule = MakeCapsule(std::move(out), kArrayName, &DeleteArrayCapsule);
  return py::make_tuple(schema_capsule, array_capsule);
}

py::tuple ExportRecordBatchCapsules(const RecordBatch& batch) {
  auto schema = std::make_unique<ArrowSchema>();
  auto out = std::make_unique<ArrowArray>();
  ThrowIfError(ExportRecordBatch(batch, out.get(), schema.get()));
  py::capsule schema_capsule = MakeCapsule(std::move(schema), kSchemaName, &DeleteSchemaCapsule);
  py::capsule array_capsule = MakeCapsule(std::move(out), kArrayName, &DeleteArrayCapsule);
  return py::make_tuple(schema_capsule, array_capsule);
}

py::capsule ExportChunkedArrayCapsule(ChunkedArrayPtr chunked) {
  auto stream = std::make_unique<ArrowArrayStream>();
  ThrowIfError(ExportChunkedArrayStream(std::move(chunked), stream.get()));
  return MakeCapsule(std::move(stream), kStreamName, &DeleteStreamCapsule);
}

py::capsule ExportStreamCapsule(std::shared_ptr<RecordBatchReader> reader) {
  auto stream = std::make_unique<ArrowArrayStream>();
  ThrowIfError(ExportRecordBatchReader(std::move(reader), stream.get()));
  return MakeCapsule(std::move(stream), kStreamName, &DeleteStreamCapsule);
}

void CheckRequestedSchema(py::handle requested_schema) {
  // The request is a hint (the protocol makes it best effort): data goes out in its own schema
  // and the consumer checks what it received. Only the argument's kind is checked here.
  if (!requested_schema.is_none()) CapsulePointer<ArrowSchema>(requested_schema, kSchemaName);
}

bool HasArrowMethod(py::handle obj, const char* name) {
  // Classes have the methods too (unbound); only instances export.
  if (PyType_Check(obj.ptr())) return false;
  PyObject* method = PyObject_GetAttrString(obj.ptr(), name);
  if (method == nullptr) {
    PyErr_Clear();
    return false;
  }
  const bool callable = PyCallable_Check(method);
  Py_DECREF(method);
  return callable;
}

namespace {

// Consumers of bare capsules (the dunder methods' results, or pyarrow's _import_from_c_capsule).
std::shared_ptr<Field> FieldFromCapsule(py::handle capsule) {
  return ValueOrThrow(ImportField(CapsulePointer<ArrowSchema>(capsule, kSchemaName)));
}

std::shared_ptr<Schema> SchemaFromCapsule(py::handle capsule) {
  return ValueOrThrow(ImportSchema(CapsulePointer<ArrowSchema>(capsule, kSchemaName)));
}

ArrayPtr ArrayFromCapsules(py::handle schema, py::handle array) {
  auto* c_schema = CapsulePointer<ArrowSchema>(schema, kSchemaName);
  auto* c_array = CapsulePointer<ArrowArray>(array, kArrayName);
  return MakeArray(ValueOrThrow(ImportArray(c_array, c_schema, ImportValidation::kFull)));
}

RecordBatchPtr RecordBatchFromCapsules(py::handle schema, py::handle array) {
  auto* c_schema = CapsulePointer<ArrowSchema>(schema, kSchemaName);
  auto* c_array = CapsulePointer<ArrowArray>(array, kArrayName);
  return ValueOrThrow(ImportRecordBatch(c_array, c_schema, ImportValidation::kFull));
}

std::shared_ptr<RecordBatchReader> ReaderFromCapsule(py::handle stream) {
  return ValueOrThrow(
      ImportRecordBatchReader(CapsulePointer<ArrowArrayStream>(stream, kStreamName), ImportValidation::kFull));
}

ChunkedArrayPtr ChunkedArrayFromCapsule(py::handle stream) {
  return ValueOrThrow(
      ImportChunkedArrayStream(CapsulePointer<ArrowArrayStream>(stream, kStreamName), ImportValidation::kFull));
}

py::tuple CapsulePair(const py::object& result) {
  if (!PyTuple_Check(result.ptr()) || PyTuple_GET_SIZE(result.ptr()) != 2) {
    throw py::type_error("__arrow_c_array__ must return a (schema, array) tuple of capsules");
  }
  return py::reinterpret_borrow<py::tuple>(result);
}

}  // namespace

std::shared_ptr<Field> ImportFieldFrom(py::handle obj) { return FieldFromCapsule(obj.attr("__arrow_c_schema__")()); }

std::shared_ptr<Schema> ImportSchemaFrom(py::handle obj) { return SchemaFromCapsule(obj.attr("__arrow_c_schema__")()); }

ArrayPtr ImportArrayFrom(py::handle obj, const TypePtr& requested) {
  py::tuple pair = CapsulePair(obj.attr("__arrow_c_array__")(RequestedSchemaCapsule(requested)));
  return ArrayFromCapsules(pair[0], pair[1]);
}

RecordBatchPtr ImportRecordBatchFrom(py::handle obj, const std::shared_ptr<Schema>& requested) {
  py::tuple pair = CapsulePair(obj.attr("__arrow_c_array__")(RequestedSchemaCapsule(requested)));
  return RecordBatchFromCapsules(pair[0], pair[1]);
}

std::shared_ptr<RecordBatchReader> ImportStreamFrom(py::handle obj, const std::shared_ptr<Schema>& requested) {
  return ReaderFromCapsule(obj.attr("__arrow_c_stream__")(RequestedSchemaCapsule(requested)));
}

ChunkedArrayPtr ImportChunkedArrayFrom(py::handle obj, const TypePtr& requested) {
  return ChunkedArrayFromCapsule(obj.attr("__arrow_c_stream__")(RequestedSchemaCapsule(requested)));
}

void RegisterCapsuleProtocol(py::module_& m) {
  auto define = [&m](const char* class_name, const char* method_name, py::cpp_function function) {
    py::object cls = m.attr(class_name);
    cls.attr(method_name) = function;
  };
  // The classes are registered by their own files; the protocol methods are added here.
  py::object data_type = m.attr("DataType");
  define("DataType", "__arrow_c_schema__",
         py::cpp_function([](const TypeBox& self) { return ExportTypeCapsule(*self.type); },
                          py::name("__arrow_c_schema__"), py::is_method(data_type),
                          "Exports the type as an 'arrow_schema' PyCapsule."));
  py::object field_class = m.attr("Field");
  define("Field", "__arrow_c_schema__",
         py::cpp_function([](const Field& self) { return ExportFieldCapsule(self); }, py::name("__arrow_c_schema__"),
                          py::is_method(field_class), "Exports the field as an 'arrow_schema' PyCapsule."));
  py::object schema_class = m.attr("Schema");
  define("Schema", "__arrow_c_schema__",
         py::cpp_function([](const Schema& self) { return ExportSchemaCapsule(self); }, py::name("__arrow_c_schema__"),
                          py::is_method(schema_class), "Exports the schema as an 'arrow_schema' PyCapsule."));

  py::object array_class = m.attr("Array");
  define("Array", "__arrow_c_array__",
         py::cpp_function(
             [](const ArrayBox& self, py::handle requested_schema) {
               CheckRequestedSchema(requested_schema);
               return ExportArrayCapsules(*self.array);
             },
             py::name("__arrow_c_array__"), py::is_method(array_class), py::arg("requested_schema") = py::none(),
             "Exports the array as ('arrow_schema', 'arrow_array') PyCapsules (zero-copy)."));
  py::object batch_class = m.attr("RecordBatch");
  define("RecordBatch", "__arrow_c_array__",
         py::cpp_function(
             [](const RecordBatch& self, py::handle requested_schema) {
               CheckRequestedSchema(requested_schema);
               return ExportRecordBatchCapsules(self);
             },
             py::name("__arrow_c_array__"), py::is_method(batch_class), py::arg("requested_schema") = py::none(),
             "Exports the batch as a struct array in ('arrow_schema', 'arrow_array') PyCapsules."));
  define("RecordBatch", "__arrow_c_stream__",
         py::cpp_function(
             [](const RecordBatchPtr& self, py::handle requested_schema) {
               CheckRequestedSchema(requested_schema);
               return ExportStreamCapsule(ValueOrThrow(RecordBatchReader::Make({self}, self->schema())));
             },
             py::name("__arrow_c_stream__"), py::is_method(batch_class), py::arg("requested_schema") = py::none(),
             "Exports the batch as a one-batch 'arrow_array_stream' PyCapsule, as pyarrow does."));

  py::object chunked_class = m.attr("ChunkedArray");
  define("ChunkedArray", "__arrow_c_stream__",
         py::cpp_function(
             [](const ChunkedArrayPtr& self, py::handle requested_schema) {
               CheckRequestedSchema(requested_schema);
               return ExportChunkedArrayCapsule(self);
             },
             py::name("__arrow_c_stream__"), py::is_method(chunked_class), py::arg("requested_schema") = py::none(),
             "Exports the chunks as an 'arrow_array_stream' PyCapsule."));
  py::object table_class = m.attr("Table");
  define("Table", "__arrow_c_stream__",
         py::cpp_function(
             [](const TablePtr& self, py::handle requested_schema) {
               CheckRequestedSchema(requested_schema);
               return ExportStreamCapsule(std::make_shared<TableBatchReader>(self));
             },
             py::name("__arrow_c_stream__"), py::is_method(table_class), py::arg("requested_schema") = py::none(),
             "Exports the table's batches as an 'arrow_array_stream' PyCapsule."));

  py::object reader_class = m.attr("RecordBatchReader");
  define("RecordBatchReader", "__arrow_c_stream__",
         py::cpp_function(
             [](const std::shared_ptr<RecordBatchReader>& self, py::handle requested_schema) {
               CheckRequestedSchema(requested_schema);
               return ExportStreamCapsule(self);
             },
             py::name("__arrow_c_stream__"), py::is_method(reader_class), py::arg("requested_schema") = py::none(),
             "Exports the reader as an 'arrow_array_stream' PyCapsule; the stream consumes this reader."));

  // pyarrow's importers of bare capsules (consumed; validated like every import).
  auto define_static = [&m](const char* class_name, py::cpp_function function) {
    m.attr(class_name).attr("_import_from_c_capsule") = py::staticmethod(std::move(function));
  };
  define_static("DataType", py::cpp_function([](py::handle schema) { return WrapType(FieldFromCapsule(schema)->type()); },
                                             py::arg("schema")));
  define_static("Field", py::cpp_function(&FieldFromCapsule, py::arg("schema")));
  define_static("Schema", py::cpp_function(&SchemaFromCapsule, py::arg("schema")));
  define_static("Array", py::cpp_function(
                             [](py::handle schema, py::handle array) { return WrapArray(ArrayFromCapsules(schema, array)); },
                             py::arg("schema_capsule"), py::arg("array_capsule")));
  define_static("RecordBatch",
                py::cpp_function(&RecordBatchFromCapsules, py::arg("schema_capsule"), py::arg("array_capsule")));
  define_static("RecordBatchReader", py::cpp_function(&ReaderFromCapsule, py::arg("stream")));
  define_static("ChunkedArray", py::cpp_function(&ChunkedArrayFromCapsule, py::arg("stream")));
}

}  // namespace arrowpack::python
