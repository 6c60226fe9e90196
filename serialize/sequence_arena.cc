// SequenceArena and GrowableBytes (see sequence_arena_internal.h).
#include <algorithm>
#include <cstdlib>

#include "arrowpack/serialize/sequence_arena_internal.h"

namespace arrowpack::serialize::internal {

Status GrowableBytes::Grow(int64_t n) {
  const int64_t needed = size_ + n;
  const int64_t capacity = std::max({int64_t{64}, 2 * capacity_, needed});
  auto* grown = static_cast<uint8_t*>(std::realloc(data_, static_cast<size_t>(capacity)));
  if (grown == nullptr) return Status::OutOfMemory("serialize: cannot grow a buffer to ", capacity, " bytes");
  data_ = grown;
  if (growth_total_ != nullptr) *growth_total_ += capacity - capacity_;
  capacity_ = capacity;
  return Status::OK();
}

UnionNode* SequenceArena::NewUnion() {
  if (used_unions_ == unions_.size()) {
    auto node = std::make_unique<UnionNode>();
    node->types.CountGrowthIn(&retained_bytes_);
    node->offsets.CountGrowthIn(&retained_bytes_);
    unions_.push_back(std::move(node));
  }
  UnionNode* node = unions_[used_unions_++].get();
  node->types.Clear();
  node->offsets.Clear();
  node->code_of_tag.fill(-1);
  node->code_of_tag[0] = 0;  // the Null child, always first
  node->null_length = 0;
  node->children.clear();
  return node;
}

ChildNode* SequenceArena::NewChild(PythonTag tag) {
  if (used_children_ == children_.size()) {
    auto node = std::make_unique<ChildNode>();
    node->values.CountGrowthIn(&retained_bytes_);
    node->offsets.CountGrowthIn(&retained_bytes_);
    children_.push_back(std::move(node));
  }
  ChildNode* node = children_[used_children_++].get();
  node->tag = tag;
  node->length = 0;
  node->values.Clear();
  node->offsets.Clear();
  node->items = nullptr;
  node->dict_vals = nullptr;
  return node;
}

namespace {

std::unique_ptr<SequenceArena>& Spare() {
  thread_local std::unique_ptr<SequenceArena> spare;
  return spare;
}

}  // namespace

std::unique_ptr<SequenceArena> SequenceArena::Acquire() {
  std::unique_ptr<SequenceArena> arena = std::move(Spare());
  if (arena == nullptr) return std::make_unique<SequenceArena>();
  arena->Reset();
  return arena;
}

void SequenceArena::Release(std::unique_ptr<SequenceArena> arena) {
  if (arena == nullptr || Spare() != nullptr || arena->RetainedBytes() > kMaxRetainedArenaBytes) return;
  Spare() = std::move(arena);
}

}  // namespace arrowpack::serialize::internal
