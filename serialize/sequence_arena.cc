// SequenceArena, GrowableBytes and UnionNode::Restart (see sequence_arena_internal.h).
#include <algorithm>
#include <cstdlib>

#include "arrowpack/serialize/sequence_arena_internal.h"

namespace arrowpack::serialize::internal {

Status GrowableBytes::Grow(int64_t n) {
  const int64_t needed = size_ + n;
  const int64_t capacity = (std::max({int64_t{64}, 2 * capacity_, needed}) + 7) & ~int64_t{7};
  auto* grown = static_cast<uint8_t*>(std::realloc(data_, static_cast<size_t>(capacity)));
  if (grown == nullptr) return Status::OutOfMemory("serialize: cannot grow a buffer to ", capacity, " bytes");
  data_ = grown;
  if (growth_total_ != nullptr) *growth_total_ += capacity - capacity_;
  capacity_ = capacity;
  return Status::OK();
}

void UnionNode::Restart() {
  types.Clear();
  offsets.Clear();
  null_length = 0;
  used = 0;
  for (ChildNode* child : known) {
    child->length = 0;
    child->values.Clear();
    child->offsets.Clear();
    if (child->items != nullptr) child->items->Restart();
    if (child->dict_vals != nullptr) child->dict_vals->Restart();
  }
}

UnionNode* SequenceArena::NewUnion() {
  auto node = std::make_unique<UnionNode>();
  node->types.CountGrowthIn(&retained_bytes_);
  node->offsets.CountGrowthIn(&retained_bytes_);
  unions_.push_back(std::move(node));
  return unions_.back().get();
}

ChildNode* SequenceArena::NewChild(PythonTag tag) {
  auto node = std::make_unique<ChildNode>();
  node->tag = tag;
  node->values.CountGrowthIn(&retained_bytes_);
  node->offsets.CountGrowthIn(&retained_bytes_);
  children_.push_back(std::move(node));
  return children_.back().get();
}

ChildNode* SequenceArena::UseChild(UnionNode* node, PythonTag tag) {
  std::vector<ChildNode*>& known = node->known;
  const size_t place = node->used;
  const int8_t code = node->code_of_tag[static_cast<size_t>(tag)];
  size_t found = static_cast<size_t>(code - 1);
  if (code < 0) {
    found = known.size();
    known.push_back(NewChild(tag));
    node->code_of_tag[static_cast<size_t>(tag)] = static_cast<int8_t>(found + 1);
    shape_changed = true;
  }
  if (found != place) {
    const auto begin = known.begin();
    std::rotate(begin + static_cast<std::ptrdiff_t>(place), begin + static_cast<std::ptrdiff_t>(found),
                begin + static_cast<std::ptrdiff_t>(found + 1));
    for (size_t k = place; k <= found; ++k) {
      node->code_of_tag[static_cast<size_t>(known[k]->tag)] = static_cast<int8_t>(k + 1);
    }
    shape_changed = true;
  }
  return known[node->used++];
}

void SequenceArena::Reset() {
  if (retained_bytes_ > kMaxRetainedArenaBytes || NodeCount() > kMaxRetainedArenaNodes) {
    unions_.clear();
    children_.clear();
    retained_bytes_ = 0;
    root_ = NewUnion();
    shape_changed = true;
  }
  root_->Restart();
  open.clear();
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
  if (arena == nullptr || Spare() != nullptr || arena->RetainedBytes() > kMaxRetainedArenaBytes ||
      arena->NodeCount() > kMaxRetainedArenaNodes) {
    return;
  }
  Spare() = std::move(arena);
}

}  // namespace arrowpack::serialize::internal
