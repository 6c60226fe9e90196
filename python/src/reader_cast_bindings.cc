// RecordBatchReader.cast(target_schema): a reader that gives each batch of this one the target
// schema as it is pulled, as pyarrow's does. arrowpack has no compute library, so only casts that
// leave the data as it is are made: the target may differ in schema and field metadata and in
// nullability, not in names or types. Errors (pyarrow's classes): ValueError at cast() when the
// field names or their order differ, ArrowTypeError at cast() when a field's type differs (pyarrow
// converts some of those, arrowpack none), ArrowInvalid when a batch read has nulls in a field the
// target makes non-nullable.
#include <memory>
#include <string>
#include <utility>

#include "columnar.h"
#include "columnar_register.h"
#include "common.h"

namespace arrowpack::python {

namespace {

class CastingReader : public RecordBatchReader {
 public:
  CastingReader(std::shared_ptr<RecordBatchReader> source, std::shared_ptr<Schema> target)
      : source_(std::move(source)), target_(std::move(target)) {}

  std::shared_ptr<Schema> schema() const override { return target_; }
  Result<RecordBatchPtr> ReadNext() override {
    ARROWPACK_ASSIGN_OR_RAISE(RecordBatchPtr batch, source_->ReadNext());
    if (batch == nullptr) return batch;
    for (int i = 0; i < target_->num_fields(); ++i) {
      if (!target_->field(i)->nullable() && batch->column(i)->null_count() != 0) {
        return Status::Invalid("Can't cast array that contains nulls to non-nullable field at index ", i);
      }
    }
    return RecordBatch::Make(target_, batch->num_rows(), batch->columns());
  }
  Status Close() override { return source_->Close(); }

 private:
  std::shared_ptr<RecordBatchReader> source_;
  std::shared_ptr<Schema> target_;
};

std::string NamesList(const Schema& schema) {
  return py::repr(py::cast(schema.field_names())).cast<std::string>();
}

std::shared_ptr<RecordBatchReader> Cast(const std::shared_ptr<RecordBatchReader>& self, py::handle target_arg) {
  std::shared_ptr<Schema> target = SchemaFromPython(target_arg);
  const Schema& source = *self->schema();
  if (source.field_names() != target->field_names()) {
    throw py::value_error("Target schema's field names are not matching the table's field names: " +
                          NamesList(source) + ", " + NamesList(*target));
  }
  for (int i = 0; i < target->num_fields(); ++i) {
    const DataType& from = *source.field(i)->type();
    const DataType& to = *target->field(i)->type();
    if (!from.Equals(to)) {
      ThrowIfError(Status::TypeError("Field ", i, " cannot be cast from ", from.ToString(), " to ", to.ToString(),
                                     " (arrowpack has no compute functions: cast changes only metadata and "
                                     "nullability)"));
    }
  }
  return std::make_shared<CastingReader>(self, std::move(target));
}

}  // namespace

void RegisterReaderCast(py::module_& m) {
  py::object reader_class = m.attr("RecordBatchReader");
  reader_class.attr("cast") =
      py::cpp_function(&Cast, py::name("cast"), py::is_method(reader_class), py::arg("target_schema"),
                       "A reader giving each batch `target_schema` as it is pulled: same field names and types; "
                       "metadata and nullability may differ (no compute casts).");
}

}  // namespace arrowpack::python
