// RecordBatch: equal-length columns under a Schema; RecordBatchReader: a stream of batches with
// one schema. Both immutable/shared; columns are zero-copy views of their ArrayData.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "arrowpack/core/array.h"
#include "arrowpack/core/schema.h"

namespace arrowpack {

class RecordBatch {
  // Only RecordBatch can make one: it lets its factories use std::make_shared (one allocation for
  // the object and its count) while construction stays private.
  class Token {
    friend class RecordBatch;
    Token() = default;
  };

 public:
  RecordBatch(Token, std::shared_ptr<Schema> schema, int64_t num_rows, ArrayVector columns);
  /// Invalid if the column count, a column length or a column type disagrees with the schema.
  static Result<std::shared_ptr<RecordBatch>> Make(std::shared_ptr<Schema> schema, int64_t num_rows,
                                                   std::vector<ArrayDataPtr> columns);
  static Result<std::shared_ptr<RecordBatch>> Make(std::shared_ptr<Schema> schema, int64_t num_rows,
                                                   const ArrayVector& columns);
  /// Builds the schema from names and column types (all nullable).
  static Result<std::shared_ptr<RecordBatch>> FromArrays(const ArrayVector& columns,
                                                         const std::vector<std::string>& names);

  const std::shared_ptr<Schema>& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  const ArrayPtr& column(int i) const { return columns_[i]; }
  /// nullptr if no column has that name.
  ArrayPtr GetColumnByName(const std::string& name) const;
  const ArrayVector& columns() const { return columns_; }
  const ArrayDataPtr& column_data(int i) const { return columns_[i]->data(); }

  /// Clamped like Array::Slice.
  std::shared_ptr<RecordBatch> Slice(int64_t offset, int64_t length) const;
  std::shared_ptr<RecordBatch> Slice(int64_t offset) const;
  std::shared_ptr<RecordBatch> ReplaceSchemaMetadata(MetadataPtr metadata) const;
  bool Equals(const RecordBatch& other, bool check_metadata = false) const;
  /// Sum of the sizes of the buffers referenced (shared buffers counted once per reference).
  int64_t nbytes() const;
  std::string ToString() const;
  Status Validate() const;
  Status ValidateFull() const;

 private:
  std::shared_ptr<Schema> schema_;
  int64_t num_rows_;
  ArrayVector columns_;
};

using RecordBatchPtr = std::shared_ptr<RecordBatch>;
using RecordBatchVector = std::vector<RecordBatchPtr>;

/// A pull stream of record batches sharing one schema.
class RecordBatchReader {
 public:
  virtual ~RecordBatchReader() = default;
  virtual std::shared_ptr<Schema> schema() const = 0;
  /// The next batch, or nullptr at end of stream.
  virtual Result<RecordBatchPtr> ReadNext() = 0;
  virtual Status Close() { return Status::OK(); }
  /// Drains the stream.
  Result<RecordBatchVector> ReadAll();

  /// A reader over batches in memory; Invalid if a batch's schema differs from `schema`.
  static Result<std::shared_ptr<RecordBatchReader>> Make(RecordBatchVector batches,
                                                         std::shared_ptr<Schema> schema = nullptr);
};

}  // namespace arrowpack
