// Table: a Schema plus one ChunkedArray per field, all of the same length. Immutable and shared;
// columns are held by reference. TableBatchReader cuts a table into record batches without
// copying, at chunk boundaries and at most `max_chunksize` rows each.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "arrowpack/core/chunked_array.h"
#include "arrowpack/core/record_batch.h"

namespace arrowpack {

class Table;
using TablePtr = std::shared_ptr<Table>;
using ChunkedArrayVector = std::vector<ChunkedArrayPtr>;

class Table {
 public:
  /// Invalid if the column count, a column's type or a column's length disagrees with the schema
  /// (`num_rows` < 0 takes the first column's length, or 0 without columns).
  static Result<TablePtr> Make(std::shared_ptr<Schema> schema, ChunkedArrayVector columns, int64_t num_rows = -1);
  /// One single-chunk column per array, checked as above.
  static Result<TablePtr> Make(std::shared_ptr<Schema> schema, const ArrayVector& arrays, int64_t num_rows = -1);
  /// The batches become the chunks of each column. Invalid without batches and without a schema,
  /// or if a batch's schema differs from `schema` (the first batch's schema when nullptr).
  static Result<TablePtr> FromRecordBatches(const RecordBatchVector& batches, std::shared_ptr<Schema> schema = nullptr);

  const std::shared_ptr<Schema>& schema() const { return schema_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  int64_t num_rows() const { return num_rows_; }
  const ChunkedArrayPtr& column(int i) const { return columns_[i]; }
  const ChunkedArrayVector& columns() const { return columns_; }
  const std::shared_ptr<Field>& field(int i) const { return schema_->field(i); }
  /// nullptr if no column has that name.
  ChunkedArrayPtr GetColumnByName(const std::string& name) const;

  /// Zero-copy; clamped like ChunkedArray::Slice.
  TablePtr Slice(int64_t offset, int64_t length) const;
  TablePtr Slice(int64_t offset) const;
  TablePtr ReplaceSchemaMetadata(MetadataPtr metadata) const;
  /// Copies every column with more than one chunk into a single chunk allocated from `pool`.
  Result<TablePtr> CombineChunks(MemoryPool* pool = nullptr) const;
  /// Batches split where any column's chunk ends and after at most `max_chunksize` rows
  /// (<= 0: no limit). Zero-copy.
  RecordBatchVector ToBatches(int64_t max_chunksize = -1) const;

  /// Same schema (metadata only when asked) and the same values, whatever the chunking.
  bool Equals(const Table& other, bool check_metadata = false) const;
  /// Sum of the sizes of the buffers referenced by every chunk.
  int64_t nbytes() const;
  /// pyarrow's str(table): schema, then one preview line per column (first 10 columns).
  std::string ToString() const;
  Status Validate() const;
  Status ValidateFull() const;

 private:
  Table(std::shared_ptr<Schema> schema, ChunkedArrayVector columns, int64_t num_rows);

  std::shared_ptr<Schema> schema_;
  ChunkedArrayVector columns_;
  int64_t num_rows_;
};

/// Streams a (non-null) table as record batches, see Table::ToBatches; the table is kept alive.
class TableBatchReader : public RecordBatchReader {
 public:
  explicit TableBatchReader(TablePtr table);
  std::shared_ptr<Schema> schema() const override { return table_->schema(); }
  /// Caps the rows per batch (<= 0: no limit); takes effect from the next batch.
  void set_chunksize(int64_t max_chunksize) { max_chunksize_ = max_chunksize; }
  Result<RecordBatchPtr> ReadNext() override;

 private:
  TablePtr table_;
  int64_t max_chunksize_ = -1;
  int64_t position_ = 0;
  std::vector<int> chunk_index_;        // current chunk per column
  std::vector<int64_t> chunk_offset_;  // rows of that chunk already returned
};

}  // namespace arrowpack
