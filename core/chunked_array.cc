#include "arrowpack/core/chunked_array.h"

#include <algorithm>

#include "arrowpack/core/array_format_internal.h"

namespace arrowpack {

ChunkedArray::ChunkedArray(Token, ArrayVector chunks, TypePtr type, int64_t length)
    : chunks_(std::move(chunks)), type_(std::move(type)), length_(length) {}

ChunkedArray::ChunkedArray(ArrayPtr chunk) : type_(chunk->type()), length_(chunk->length()) {
  chunks_.push_back(std::move(chunk));
}

Result<ChunkedArrayPtr> ChunkedArray::Make(ArrayVector chunks, TypePtr type) {
  if (type == nullptr) {
    if (chunks.empty()) return Status::Invalid("cannot infer the type of a chunked array without chunks");
    type = chunks[0]->type();
  }
  int64_t length = 0;
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (chunks[i] == nullptr) return Status::Invalid("chunk ", i, " is null");
    if (!chunks[i]->type()->Equals(*type)) {
      return Status::TypeError("chunk ", i, " has type ", chunks[i]->type()->ToString(), ", expected ",
                               type->ToString());
    }
    if (__builtin_add_overflow(length, chunks[i]->length(), &length)) {
      return Status::Invalid("total length of the chunks overflows int64");
    }
  }
  return std::make_shared<ChunkedArray>(Token(), std::move(chunks), std::move(type), length);
}

int64_t ChunkedArray::null_count() const {
  int64_t count = 0;
  for (const auto& chunk : chunks_) count += chunk->null_count();
  return count;
}

ChunkedArrayPtr ChunkedArray::Slice(int64_t offset, int64_t length) const {
  offset = std::clamp<int64_t>(offset, 0, length_);
  length = std::clamp<int64_t>(length, 0, length_ - offset);
  ArrayVector pieces;
  for (const auto& chunk : chunks_) {
    if (length == 0) break;
    if (offset >= chunk->length()) {
      offset -= chunk->length();
      continue;
    }
    const int64_t take = std::min(length, chunk->length() - offset);
    pieces.push_back(offset == 0 && take == chunk->length() ? chunk : chunk->Slice(offset, take));
    length -= take;
    offset = 0;
  }
  int64_t total = 0;
  for (const auto& piece : pieces) total += piece->length();
  return std::make_shared<ChunkedArray>(Token(), std::move(pieces), type_, total);
}

ChunkedArrayPtr ChunkedArray::Slice(int64_t offset) const { return Slice(offset, length_); }

bool ChunkedArray::Equals(const ChunkedArray& other) const {
  if (this == &other) return true;
  if (length_ != other.length_ || !type_->Equals(*other.type_)) return false;
  // Walk both chunk lists in step, comparing the overlapping piece of the current chunks.
  size_t left_chunk = 0, right_chunk = 0;
  int64_t left_pos = 0, right_pos = 0;
  int64_t remaining = length_;
  while (remaining > 0) {
    const Array& left = *chunks_[left_chunk];
    const Array& right = *other.chunks_[right_chunk];
    if (left_pos == left.length()) {
      ++left_chunk, left_pos = 0;
      continue;
    }
    if (right_pos == right.length()) {
      ++right_chunk, right_pos = 0;
      continue;
    }
    const int64_t span = std::min(left.length() - left_pos, right.length() - right_pos);
    const bool whole = left_pos == 0 && right_pos == 0 && span == left.length() && span == right.length();
    if (whole ? !left.Equals(right) : !left.Slice(left_pos, span)->Equals(*right.Slice(right_pos, span))) {
      return false;
    }
    left_pos += span;
    right_pos += span;
    remaining -= span;
  }
  return true;
}

std::string ChunkedArray::ToString() const { return internal::FormatChunked(chunks_, /*one_line=*/false); }

std::string ChunkedArray::ToPreviewString() const { return internal::FormatChunked(chunks_, /*one_line=*/true); }

namespace {

Status ValidateChunks(const ChunkedArray& array, bool full) {
  int64_t length = 0;
  for (int i = 0; i < array.num_chunks(); ++i) {
    const Array& chunk = *array.chunk(i);
    if (!chunk.type()->Equals(*array.type())) {
      return Status::Invalid("chunk ", i, " has type ", chunk.type()->ToString(), ", expected ",
                             array.type()->ToString());
    }
    Status status = full ? chunk.ValidateFull() : chunk.Validate();
    if (!status.ok()) return status.WithContext("chunk " + std::to_string(i));
    length += chunk.length();
  }
  if (length != array.length()) return Status::Invalid("chunk lengths add up to ", length, ", not ", array.length());
  return Status::OK();
}

}  // namespace

Status ChunkedArray::Validate() const { return ValidateChunks(*this, /*full=*/false); }
Status ChunkedArray::ValidateFull() const { return ValidateChunks(*this, /*full=*/true); }

}  // namespace arrowpack
