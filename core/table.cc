#include "arrowpack/core/table.h"

#include <algorithm>

#include "arrowpack/core/array_size_internal.h"
#include "arrowpack/core/concatenate.h"

namespace arrowpack {

namespace {

// Columns previewed by ToString, as pyarrow's repr.
constexpr int kPreviewColumns = 10;

Status CheckColumns(const Schema& schema, const ChunkedArrayVector& columns, int64_t num_rows) {
  if (static_cast<int64_t>(columns.size()) != schema.num_fields()) {
    return Status::Invalid("number of columns (", columns.size(), ") does not match the schema (",
                           schema.num_fields(), " fields)");
  }
  for (int i = 0; i < schema.num_fields(); ++i) {
    const ChunkedArray* column = columns[i].get();
    if (column == nullptr) return Status::Invalid("column ", i, " is null");
    if (!column->type()->Equals(*schema.field(i)->type())) {
      return Status::Invalid("column ", i, " named ", schema.field(i)->name(), " has type ", column->type()->ToString(),
                             ", but the schema says ", schema.field(i)->type()->ToString());
    }
    if (column->length() != num_rows) {
      return Status::Invalid("column ", i, " named ", schema.field(i)->name(), " expected length ", num_rows,
                             " but got length ", column->length());
    }
  }
  return Status::OK();
}

// Cuts the next batch: as many rows as every column has left in its current chunk, capped by
// `max_chunksize`; advances the per-column chunk positions.
RecordBatchPtr NextBatch(const Table& table, int64_t max_chunksize, int64_t* position, std::vector<int>* chunk_index,
                         std::vector<int64_t>* chunk_offset) {
  int64_t rows = table.num_rows() - *position;
  if (rows == 0) return nullptr;
  if (max_chunksize > 0) rows = std::min(rows, max_chunksize);
  for (int c = 0; c < table.num_columns(); ++c) {
    const ChunkedArray& column = *table.column(c);
    while (column.chunk((*chunk_index)[c])->length() == (*chunk_offset)[c]) {
      ++(*chunk_index)[c];
      (*chunk_offset)[c] = 0;
    }
    rows = std::min(rows, column.chunk((*chunk_index)[c])->length() - (*chunk_offset)[c]);
  }
  ArrayVector arrays;
  for (int c = 0; c < table.num_columns(); ++c) {
    const ArrayPtr& chunk = table.column(c)->chunk((*chunk_index)[c]);
    const int64_t offset = (*chunk_offset)[c];
    arrays.push_back(offset == 0 && rows == chunk->length() ? chunk : chunk->Slice(offset, rows));
    (*chunk_offset)[c] += rows;
  }
  *position += rows;
  // The columns were checked against the schema when the table was made.
  return RecordBatch::Make(table.schema(), rows, arrays).ValueOrDie();
}

}  // namespace

Table::Table(std::shared_ptr<Schema> schema, ChunkedArrayVector columns, int64_t num_rows)
    : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {}

Result<TablePtr> Table::Make(std::shared_ptr<Schema> schema, ChunkedArrayVector columns, int64_t num_rows) {
  if (schema == nullptr) return Status::Invalid("table schema is null");
  if (num_rows < 0) num_rows = columns.empty() || columns[0] == nullptr ? 0 : columns[0]->length();
  ARROWPACK_RETURN_NOT_OK(CheckColumns(*schema, columns, num_rows));
  return TablePtr(new Table(std::move(schema), std::move(columns), num_rows));
}

Result<TablePtr> Table::Make(std::shared_ptr<Schema> schema, const ArrayVector& arrays, int64_t num_rows) {
  ChunkedArrayVector columns;
  for (size_t i = 0; i < arrays.size(); ++i) {
    if (arrays[i] == nullptr) return Status::Invalid("column ", i, " is null");
    columns.push_back(std::make_shared<ChunkedArray>(arrays[i]));
  }
  return Make(std::move(schema), std::move(columns), num_rows);
}

Result<TablePtr> Table::FromRecordBatches(const RecordBatchVector& batches, std::shared_ptr<Schema> schema) {
  if (schema == nullptr) {
    if (batches.empty()) return Status::Invalid("Must pass schema, or at least one RecordBatch");
    schema = batches[0]->schema();
  }
  int64_t num_rows = 0;
  for (size_t i = 0; i < batches.size(); ++i) {
    if (batches[i] == nullptr) return Status::Invalid("batch ", i, " is null");
    if (!batches[i]->schema()->Equals(*schema)) {
      return Status::Invalid("Schema at index ", i, " was different: \n", batches[i]->schema()->ToString(), "\nvs\n",
                             schema->ToString());
    }
    num_rows += batches[i]->num_rows();
  }
  ChunkedArrayVector columns;
  columns.reserve(static_cast<size_t>(schema->num_fields()));
  for (int c = 0; c < schema->num_fields(); ++c) {
    ArrayVector chunks;
    chunks.reserve(batches.size());
    for (const auto& batch : batches) chunks.push_back(batch->column(c));
    ARROWPACK_ASSIGN_OR_RAISE(ChunkedArrayPtr column, ChunkedArray::Make(std::move(chunks), schema->field(c)->type()));
    columns.push_back(std::move(column));
  }
  return TablePtr(new Table(std::move(schema), std::move(columns), num_rows));
}

ChunkedArrayPtr Table::GetColumnByName(const std::string& name) const {
  const int i = schema_->GetFieldIndex(name);
  return i < 0 ? nullptr : columns_[i];
}

TablePtr Table::Slice(int64_t offset, int64_t length) const {
  offset = std::clamp<int64_t>(offset, 0, num_rows_);
  length = std::clamp<int64_t>(length, 0, num_rows_ - offset);
  ChunkedArrayVector sliced;
  for (const auto& column : columns_) sliced.push_back(column->Slice(offset, length));
  return TablePtr(new Table(schema_, std::move(sliced), length));
}

TablePtr Table::Slice(int64_t offset) const { return Slice(offset, num_rows_); }

TablePtr Table::ReplaceSchemaMetadata(MetadataPtr metadata) const {
  return TablePtr(new Table(schema_->WithMetadata(std::move(metadata)), columns_, num_rows_));
}

Result<TablePtr> Table::CombineChunks(MemoryPool* pool) const {
  ChunkedArrayVector combined;
  for (const auto& column : columns_) {
    if (column->num_chunks() <= 1) {
      combined.push_back(column);
      continue;
    }
    ARROWPACK_ASSIGN_OR_RAISE(ArrayPtr array, Concatenate(column->chunks(), pool));
    combined.push_back(std::make_shared<ChunkedArray>(std::move(array)));
  }
  return TablePtr(new Table(schema_, std::move(combined), num_rows_));
}

RecordBatchVector Table::ToBatches(int64_t max_chunksize) const {
  RecordBatchVector batches;
  int64_t position = 0;
  std::vector<int> chunk_index(columns_.size(), 0);
  std::vector<int64_t> chunk_offset(columns_.size(), 0);
  while (RecordBatchPtr batch = NextBatch(*this, max_chunksize, &position, &chunk_index, &chunk_offset)) {
    batches.push_back(std::move(batch));
  }
  return batches;
}

bool Table::Equals(const Table& other, bool check_metadata) const {
  if (this == &other) return true;
  if (num_rows_ != other.num_rows_ || !schema_->Equals(*other.schema_, check_metadata)) return false;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (!columns_[i]->Equals(*other.columns_[i])) return false;
  }
  return true;
}

int64_t Table::nbytes() const {
  int64_t total = 0;
  for (const auto& column : columns_) {
    for (const auto& chunk : column->chunks()) total += internal::TotalBufferSize(*chunk->data());
  }
  return total;
}

std::string Table::ToString() const {
  std::string out = "pyarrow.Table\n" + schema_->ToString(/*show_metadata=*/false) + "\n----";
  const int shown = std::min(num_columns(), kPreviewColumns);
  for (int i = 0; i < shown; ++i) out += "\n" + schema_->field(i)->name() + ": " + columns_[i]->ToPreviewString();
  if (num_columns() > shown) out += "\n...";
  return out;
}

namespace {

Status ValidateTable(const Table& table, bool full) {
  ARROWPACK_RETURN_NOT_OK(CheckColumns(*table.schema(), table.columns(), table.num_rows()));
  for (int i = 0; i < table.num_columns(); ++i) {
    Status status = full ? table.column(i)->ValidateFull() : table.column(i)->Validate();
    if (!status.ok()) return status.WithContext("column " + std::to_string(i));
  }
  return Status::OK();
}

}  // namespace

Status Table::Validate() const { return ValidateTable(*this, /*full=*/false); }
Status Table::ValidateFull() const { return ValidateTable(*this, /*full=*/true); }

TableBatchReader::TableBatchReader(TablePtr table)
    : table_(std::move(table)), chunk_index_(table_->num_columns(), 0), chunk_offset_(table_->num_columns(), 0) {}

Result<RecordBatchPtr> TableBatchReader::ReadNext() {
  return NextBatch(*table_, max_chunksize_, &position_, &chunk_index_, &chunk_offset_);
}

}  // namespace arrowpack
