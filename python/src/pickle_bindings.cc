// Pickle support (__reduce__) for DataType, Field, Schema, Array, ChunkedArray, RecordBatch,
// Table, Tensor and SerializedPyObject (as its to_components() dict). Types and schemas travel as an Arrow IPC schema message (bytes); array data
// travels as nested tuples (length, null_count, offset, buffers, children, dictionary) whose
// buffers are arrowpack Buffers, so with protocol 5 and a buffer_callback every body buffer goes
// out-of-band (Buffer.__reduce_ex__ hands out a PickleBuffer) and the unpickled object's buffers
// point at the memory the caller passes to pickle.loads(buffers=...). Buffers not 8-byte aligned
// on the way in are copied once into the default pool. Restored objects pass Validate(); bad
// pickled state raises ArrowInvalid or TypeError. Registered after the columnar classes.
#include <cstring>
#include <memory>
#include <utility>
#include <string>
#include <vector>

#include "arrowpack/core/io_memory.h"
#include "arrowpack/ipc/reader.h"
#include "arrowpack/ipc/writer.h"
#include "bindings.h"
#include "columnar.h"
#include "common.h"
#include "py_buffer.h"

namespace arrowpack::python {

namespace {

py::bytes SchemaBytes(const Schema& schema) {
  std::shared_ptr<Buffer> message = ValueOrThrow(ipc::SerializeSchema(schema));
  return py::bytes(reinterpret_cast<const char*>(message->data()), static_cast<size_t>(message->size()));
}

std::shared_ptr<Schema> SchemaFromBytes(py::handle state) {
  if (!PyBytes_Check(state.ptr())) throw py::type_error("pickled schema state must be bytes");
  std::string bytes = state.cast<std::string>();
  auto buffer = std::make_shared<Buffer>(reinterpret_cast<const uint8_t*>(bytes.data()),
                                         static_cast<int64_t>(bytes.size()));
  io::BufferReader reader(buffer);
  return ValueOrThrow(ipc::ReadSchema(&reader));
}

py::bytes TypeBytes(const TypePtr& type) { return SchemaBytes(Schema({field("", type)})); }

TypePtr TypeFromBytes(py::handle state) {
  std::shared_ptr<Schema> schema = SchemaFromBytes(state);
  if (schema->num_fields() != 1) RaiseStatus(Status::Invalid("pickled type state must hold one field"));
  return schema->field(0)->type();
}

py::object BufferOrNone(const std::shared_ptr<Buffer>& buffer) {
  return buffer ? py::cast(buffer) : py::none();
}

// (length, null_count, offset, (buffers...), (children...), dictionary-or-None)
py::tuple ReduceData(const ArrayData& data) {
  py::tuple buffers(data.buffers.size());
  for (size_t i = 0; i < data.buffers.size(); ++i) buffers[i] = BufferOrNone(data.buffers[i]);
  py::tuple children(data.child_data.size());
  for (size_t i = 0; i < data.child_data.size(); ++i) children[i] = ReduceData(*data.child_data[i]);
  py::object dictionary = data.dictionary ? py::object(ReduceData(*data.dictionary)) : py::none();
  return py::make_tuple(data.length, data.null_count, data.offset, buffers, children, dictionary);
}

std::shared_ptr<Buffer> AlignedBuffer(py::handle obj) {
  std::shared_ptr<Buffer> buffer = BufferFromPyObject(obj);
  if (buffer->address() % 8 == 0) return buffer;
  std::shared_ptr<Buffer> copy = ValueOrThrow(AllocateBuffer(buffer->size()));
  std::memcpy(const_cast<uint8_t*>(copy->data()), buffer->data(), static_cast<size_t>(buffer->size()));
  return copy;
}

TypePtr StorageOf(const TypePtr& type) {
  if (type->id() == TypeId::EXTENSION) return static_cast<const ExtensionType&>(*type).storage_type();
  return type;
}

ArrayDataPtr RestoreData(const TypePtr& type, py::handle state) {
  auto node = py::reinterpret_borrow<py::tuple>(state);
  if (!py::isinstance<py::tuple>(state) || node.size() != 6) {
    throw py::type_error("pickled array state must be a tuple of 6 items");
  }
  std::vector<std::shared_ptr<Buffer>> buffers;
  for (py::handle item : py::reinterpret_borrow<py::tuple>(node[3])) {
    buffers.push_back(item.is_none() ? nullptr : AlignedBuffer(item));
  }
  const TypePtr storage = StorageOf(type);
  auto children = py::reinterpret_borrow<py::tuple>(node[4]);
  if (static_cast<int>(children.size()) != storage->num_fields()) {
    RaiseStatus(Status::Invalid("pickled array of type ", type->ToString(), " has ", children.size(),
                                " children, expected ", storage->num_fields()));
  }
  std::vector<ArrayDataPtr> child_data;
  for (int i = 0; i < storage->num_fields(); ++i) {
    child_data.push_back(RestoreData(storage->field(i)->type(), children[i]));
  }
  ArrayDataPtr data = ArrayData::Make(type, node[0].cast<int64_t>(), std::move(buffers), std::move(child_data),
                                      node[1].cast<int64_t>(), node[2].cast<int64_t>());
  if (storage->id() == TypeId::DICTIONARY) {
    if (node[5].is_none()) RaiseStatus(Status::Invalid("pickled dictionary array without its dictionary"));
    data->dictionary = RestoreData(static_cast<const DictionaryType&>(*storage).value_type(), node[5]);
  }
  return data;
}

ArrayPtr RestoreArray(const TypePtr& type, py::handle state) {
  ArrayPtr array = MakeArray(RestoreData(type, state));
  ThrowIfError(array->Validate());
  return array;
}

py::tuple ReduceChunks(const ChunkedArray& chunked) {
  py::tuple chunks(chunked.num_chunks());
  for (int i = 0; i < chunked.num_chunks(); ++i) chunks[i] = ReduceData(*chunked.chunk(i)->data());
  return chunks;
}

ChunkedArrayPtr RestoreChunks(const TypePtr& type, py::handle state) {
  ArrayVector chunks;
  for (py::handle chunk : py::reinterpret_borrow<py::tuple>(state)) chunks.push_back(RestoreArray(type, chunk));
  return ValueOrThrow(ChunkedArray::Make(std::move(chunks), type));
}

std::shared_ptr<Schema> SchemaForColumns(py::handle state, const py::tuple& columns, const char* what) {
  std::shared_ptr<Schema> schema = SchemaFromBytes(state);
  if (static_cast<int>(columns.size()) != schema->num_fields()) {
    RaiseStatus(Status::Invalid("pickled ", what, " has ", columns.size(), " columns, its schema ", schema->num_fields()));
  }
  return schema;
}

// `restore` names a function of arrowpack/_restore.py (pickles refer to it by name).
py::tuple Reduced(const char* restore, py::tuple args) {
  return py::make_tuple(py::module_::import("arrowpack._restore").attr(restore), args);
}

template <typename F>
void SetReduce(py::module_& m, const char* class_name, F&& reduce) {
  py::object cls = m.attr(class_name);
  py::setattr(cls, "__reduce__", py::cpp_function(std::forward<F>(reduce), py::name("__reduce__"), py::is_method(cls)));
}

}  // namespace

void RegisterPickling(py::module_& m) {
  m.def("_restore_type", [](py::handle state) { return WrapType(TypeFromBytes(state)); });
  m.def("_restore_field", [](py::handle state) {
    std::shared_ptr<Schema> schema = SchemaFromBytes(state);
    if (schema->num_fields() != 1) RaiseStatus(Status::Invalid("pickled field state must hold one field"));
    return schema->field(0);
  });
  m.def("_restore_schema", &SchemaFromBytes);
  m.def("_restore_array",
        [](py::handle type, py::handle state) { return WrapArray(RestoreArray(TypeFromBytes(type), state)); });
  m.def("_restore_chunked_array",
        [](py::handle type, py::handle state) { return RestoreChunks(TypeFromBytes(type), state); });
  m.def("_restore_record_batch", [](py::handle schema_state, int64_t num_rows, py::tuple columns) {
    std::shared_ptr<Schema> schema = SchemaForColumns(schema_state, columns, "record batch");
    ArrayVector arrays;
    for (int i = 0; i < schema->num_fields(); ++i) arrays.push_back(RestoreArray(schema->field(i)->type(), columns[i]));
    return ValueOrThrow(RecordBatch::Make(schema, num_rows, arrays));
  });
  m.def("_restore_table", [](py::handle schema_state, int64_t num_rows, py::tuple columns) {
    std::shared_ptr<Schema> schema = SchemaForColumns(schema_state, columns, "table");
    ChunkedArrayVector chunked;
    for (int i = 0; i < schema->num_fields(); ++i) chunked.push_back(RestoreChunks(schema->field(i)->type(), columns[i]));
    return ValueOrThrow(Table::Make(schema, std::move(chunked), num_rows));
  });
  m.def("_restore_tensor", [](py::handle type, py::handle data, std::vector<int64_t> shape,
                              std::vector<int64_t> strides, std::vector<std::string> dim_names) {
    return ValueOrThrow(Tensor::Make(TypeFromBytes(type), AlignedBuffer(data), std::move(shape), std::move(strides),
                                     std::move(dim_names)));
  });

  SetReduce(m, "DataType", [](py::handle self) {
              return Reduced("data_type", py::make_tuple(TypeBytes(UnwrapType(self))));
            });
  SetReduce(m, "Field", [](const std::shared_ptr<Field>& self) {
              return Reduced("field", py::make_tuple(SchemaBytes(Schema(FieldVector{self}))));
            });
  SetReduce(m, "Schema", [](const Schema& self) {
              return Reduced("schema", py::make_tuple(SchemaBytes(self)));
            });
  SetReduce(m, "Array", [](py::handle self) {
              ArrayPtr array = UnwrapArray(self);
              return Reduced("array", py::make_tuple(TypeBytes(array->type()), ReduceData(*array->data())));
            });
  SetReduce(m, "ChunkedArray", [](const ChunkedArray& self) {
              return Reduced("chunked_array", py::make_tuple(TypeBytes(self.type()), ReduceChunks(self)));
            });
  SetReduce(m, "RecordBatch", [](const RecordBatch& self) {
              py::tuple columns(self.num_columns());
              for (int i = 0; i < self.num_columns(); ++i) columns[i] = ReduceData(*self.column(i)->data());
              return Reduced("record_batch", py::make_tuple(SchemaBytes(*self.schema()), self.num_rows(), columns));
            });
  SetReduce(m, "Table", [](const Table& self) {
              py::tuple columns(self.num_columns());
              for (int i = 0; i < self.num_columns(); ++i) columns[i] = ReduceChunks(*self.column(i));
              return Reduced("table", py::make_tuple(SchemaBytes(*self.schema()), self.num_rows(), columns));
            });
  SetReduce(m, "SerializedPyObject", [](py::handle self) {
    return Reduced("serialized_object", py::make_tuple(self.attr("to_components")()));
  });
  SetReduce(m, "Tensor", [](const Tensor& self) {
              return Reduced("tensor", py::make_tuple(TypeBytes(self.type()), BufferOrNone(self.data()),
                                                               self.shape(), self.strides(), self.dim_names()));
            });
}

}  // namespace arrowpack::python
