// ChunkedArray: one logical column made of zero or more arrays (chunks) of the same type.
// Immutable and shared; chunks are held by reference, never copied. Equality and slicing look at
// the logical values, so the chunk boundaries of the two sides need not match.
#pragma once

#include <memory>
#include <string>

#include "arrowpack/core/array.h"

namespace arrowpack {

class ChunkedArray;
using ChunkedArrayPtr = std::shared_ptr<ChunkedArray>;

class ChunkedArray {
  // Only ChunkedArray can make one: it lets Make and Slice use std::make_shared (one allocation
  // for the object and its count) while construction stays private.
  class Token {
    friend class ChunkedArray;
    Token() = default;
  };

 public:
  /// Invalid if `chunks` is empty and no `type` is given, or a chunk's type differs from the
  /// type (the first chunk's type when `type` is nullptr).
  static Result<ChunkedArrayPtr> Make(ArrayVector chunks, TypePtr type = nullptr);
  /// A one-chunk array.
  explicit ChunkedArray(ArrayPtr chunk);
  ChunkedArray(Token, ArrayVector chunks, TypePtr type, int64_t length);

  const TypePtr& type() const { return type_; }
  int64_t length() const { return length_; }
  int64_t null_count() const;
  int num_chunks() const { return static_cast<int>(chunks_.size()); }
  const ArrayPtr& chunk(int i) const { return chunks_[i]; }
  const ArrayVector& chunks() const { return chunks_; }

  /// Zero-copy view of rows [offset, offset + length), clamped to the array like pyarrow; chunks
  /// outside the range are dropped (the result may have no chunks).
  ChunkedArrayPtr Slice(int64_t offset, int64_t length) const;
  ChunkedArrayPtr Slice(int64_t offset) const;

  /// Same type and the same logical values (nulls equal nulls), whatever the chunking.
  bool Equals(const ChunkedArray& other) const;
  /// pyarrow's str(chunked_array): a list of chunk renderings.
  std::string ToString() const;
  /// The one-line form used by Table's preview ("[[1,2],[3]]").
  std::string ToPreviewString() const;

  /// Checks chunk types and the total length, then every chunk's structure (Full: contents too).
  Status Validate() const;
  Status ValidateFull() const;

 private:
  ArrayVector chunks_;
  TypePtr type_;
  int64_t length_;
};

}  // namespace arrowpack
