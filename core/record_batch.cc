#include "arrowpack/core/record_batch.h"

#include <algorithm>

#include "arrowpack/core/array_format_internal.h"
#include "arrowpack/core/array_size_internal.h"

namespace arrowpack {

namespace {

// Columns previewed by ToString, as pyarrow's repr.
constexpr int kPreviewColumns = 10;

Status CheckColumns(const Schema& schema, int64_t num_rows, const std::vector<ArrayDataPtr>& columns) {
  if (num_rows < 0) return Status::Invalid("number of rows must be non-negative, got ", num_rows);
  if (static_cast<int64_t>(columns.size()) != schema.num_fields()) {
    return Status::Invalid("number of columns (", columns.size(), ") does not match the schema (",
                           schema.num_fields(), " fields)");
  }
  for (int i = 0; i < schema.num_fields(); ++i) {
    const ArrayData* column = columns[i].get();
    if (column == nullptr) return Status::Invalid("column ", i, " is null");
    if (column->length != num_rows) {
      return Status::Invalid("column ", i, " named ", schema.field(i)->name(), " has length ", column->length,
                             ", expected ", num_rows);
    }
    if (!column->type->Equals(*schema.field(i)->type())) {
      return Status::Invalid("column ", i, " named ", schema.field(i)->name(), " has type ", column->type->ToString(),
                             ", but the schema says ", schema.field(i)->type()->ToString());
    }
  }
  return Status::OK();
}

}  // namespace

RecordBatch::RecordBatch(Token, std::shared_ptr<Schema> schema, int64_t num_rows, ArrayVector columns)
    : schema_(std::move(schema)), num_rows_(num_rows), columns_(std::move(columns)) {}

Result<std::shared_ptr<RecordBatch>> RecordBatch::Make(std::shared_ptr<Schema> schema, int64_t num_rows,
                                                       std::vector<ArrayDataPtr> columns) {
  if (schema == nullptr) return Status::Invalid("record batch schema is null");
  ARROWPACK_RETURN_NOT_OK(CheckColumns(*schema, num_rows, columns));
  ArrayVector arrays;
  arrays.reserve(columns.size());
  for (auto& column : columns) arrays.push_back(MakeArray(std::move(column)));
  return std::make_shared<RecordBatch>(Token(), std::move(schema), num_rows, std::move(arrays));
}

Result<std::shared_ptr<RecordBatch>> RecordBatch::Make(std::shared_ptr<Schema> schema, int64_t num_rows,
                                                       const ArrayVector& columns) {
  if (schema == nullptr) return Status::Invalid("record batch schema is null");
  std::vector<ArrayDataPtr> data;
  data.reserve(columns.size());
  for (const auto& column : columns) data.push_back(column ? column->data() : nullptr);
  ARROWPACK_RETURN_NOT_OK(CheckColumns(*schema, num_rows, data));
  return std::make_shared<RecordBatch>(Token(), std::move(schema), num_rows, columns);
}

Result<std::shared_ptr<RecordBatch>> RecordBatch::FromArrays(const ArrayVector& columns,
                                                             const std::vector<std::string>& names) {
  if (columns.size() != names.size()) {
    return Status::Invalid("got ", columns.size(), " columns but ", names.size(), " names");
  }
  FieldVector fields;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == nullptr) return Status::Invalid("column ", i, " is null");
    fields.push_back(field(names[i], columns[i]->type()));
  }
  const int64_t num_rows = columns.empty() ? 0 : columns[0]->length();
  return Make(arrowpack::schema(std::move(fields)), num_rows, columns);
}

ArrayPtr RecordBatch::GetColumnByName(const std::string& name) const {
  const int i = schema_->GetFieldIndex(name);
  return i < 0 ? nullptr : columns_[i];
}

std::shared_ptr<RecordBatch> RecordBatch::Slice(int64_t offset, int64_t length) const {
  offset = std::clamp<int64_t>(offset, 0, num_rows_);
  length = std::clamp<int64_t>(length, 0, num_rows_ - offset);
  ArrayVector sliced;
  sliced.reserve(columns_.size());
  for (const auto& column : columns_) sliced.push_back(column->Slice(offset, length));
  return std::make_shared<RecordBatch>(Token(), schema_, length, std::move(sliced));
}

std::shared_ptr<RecordBatch> RecordBatch::Slice(int64_t offset) const { return Slice(offset, num_rows_); }

std::shared_ptr<RecordBatch> RecordBatch::ReplaceSchemaMetadata(MetadataPtr metadata) const {
  return std::make_shared<RecordBatch>(Token(), schema_->WithMetadata(std::move(metadata)), num_rows_, columns_);
}

bool RecordBatch::Equals(const RecordBatch& other, bool check_metadata) const {
  if (this == &other) return true;
  if (num_rows_ != other.num_rows_ || !schema_->Equals(*other.schema_, check_metadata)) return false;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (!columns_[i]->Equals(*other.columns_[i])) return false;
  }
  return true;
}

int64_t RecordBatch::nbytes() const {
  int64_t total = 0;
  for (const auto& column : columns_) total += internal::TotalBufferSize(*column->data());
  return total;
}

std::string RecordBatch::ToString() const {
  std::string out = "pyarrow.RecordBatch\n" + schema_->ToString(/*show_metadata=*/false) + "\n----";
  const int shown = std::min(num_columns(), kPreviewColumns);
  for (int i = 0; i < shown; ++i) {
    out += "\n" + schema_->field(i)->name() + ": " + internal::FormatArrayOneLine(*columns_[i]);
  }
  if (num_columns() > shown) out += "\n...";
  return out;
}

namespace {

Status ValidateBatch(const RecordBatch& batch, bool full) {
  for (int i = 0; i < batch.num_columns(); ++i) {
    const Array& column = *batch.column(i);
    if (column.length() != batch.num_rows()) {
      return Status::Invalid("column ", i, " has length ", column.length(), ", expected ", batch.num_rows());
    }
    if (!column.type()->Equals(*batch.schema()->field(i)->type())) {
      return Status::Invalid("column ", i, " type does not match the schema");
    }
    Status status = full ? column.ValidateFull() : column.Validate();
    if (!status.ok()) return status.WithContext("column " + std::to_string(i));
  }
  return Status::OK();
}

// Batches held in memory, handed out in order.
class VectorBatchReader : public RecordBatchReader {
 public:
  VectorBatchReader(RecordBatchVector batches, std::shared_ptr<Schema> schema)
      : batches_(std::move(batches)), schema_(std::move(schema)) {}
  std::shared_ptr<Schema> schema() const override { return schema_; }
  Result<RecordBatchPtr> ReadNext() override {
    if (next_ == batches_.size()) return RecordBatchPtr();
    return batches_[next_++];
  }

 private:
  RecordBatchVector batches_;
  std::shared_ptr<Schema> schema_;
  size_t next_ = 0;
};

}  // namespace

Status RecordBatch::Validate() const { return ValidateBatch(*this, /*full=*/false); }
Status RecordBatch::ValidateFull() const { return ValidateBatch(*this, /*full=*/true); }

Result<RecordBatchVector> RecordBatchReader::ReadAll() {
  RecordBatchVector batches;
  while (true) {
    ARROWPACK_ASSIGN_OR_RAISE(RecordBatchPtr batch, ReadNext());
    if (batch == nullptr) return batches;
    batches.push_back(std::move(batch));
  }
}

Result<std::shared_ptr<RecordBatchReader>> RecordBatchReader::Make(RecordBatchVector batches,
                                                                   std::shared_ptr<Schema> schema) {
  if (schema == nullptr) {
    if (batches.empty()) return Status::Invalid("cannot infer the schema of a reader without batches");
    schema = batches[0]->schema();
  }
  for (size_t i = 0; i < batches.size(); ++i) {
    if (batches[i] == nullptr) return Status::Invalid("batch ", i, " is null");
    if (!batches[i]->schema()->Equals(*schema)) {
      return Status::Invalid("batch ", i, " schema differs from the reader's schema:\n",
                             batches[i]->schema()->ToString(), "\nvs\n", schema->ToString());
    }
  }
  return std::shared_ptr<RecordBatchReader>(new VectorBatchReader(std::move(batches), std::move(schema)));
}

}  // namespace arrowpack
