// Result<T>: either a value of type T or an error Status, never both.
#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>

#include "arrowpack/core/status.h"

namespace arrowpack {

template <typename T>
class [[nodiscard]] Result {
 public:
  using ValueType = T;

  /// An error result; `status` must not be OK (an OK status becomes an UnknownError).
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Status::UnknownError("Result constructed from an OK Status without a value");
  }
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  template <typename U,
            typename = std::enable_if_t<std::is_convertible_v<U&&, T> && !std::is_same_v<std::decay_t<U>, T> &&
                                        !std::is_same_v<std::decay_t<U>, Status>>>
  Result(U&& value) : value_(T(std::forward<U>(value))) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  const T& ValueUnsafe() const& { return *value_; }
  T& ValueUnsafe() & { return *value_; }
  T MoveValueUnsafe() { return std::move(*value_); }

  /// The value; aborts on error (tests and impossible states only).
  const T& ValueOrDie() const& {
    if (!ok()) status_.Abort("Result::ValueOrDie");
    return *value_;
  }
  T ValueOrDie() && {
    if (!ok()) status_.Abort("Result::ValueOrDie");
    return std::move(*value_);
  }
  T ValueOr(T alternative) && { return ok() ? std::move(*value_) : std::move(alternative); }

  const T& operator*() const& { return ValueOrDie(); }
  T& operator*() & {
    if (!ok()) status_.Abort("Result::operator*");
    return *value_;
  }
  const T* operator->() const { return &ValueOrDie(); }
  T* operator->() { return &**this; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace arrowpack

/// Evaluates `rexpr` (a Result); on error returns its Status, otherwise moves the value into `lhs`
/// (which may be a declaration such as `auto buffer`).
#define ARROWPACK_ASSIGN_OR_RAISE(lhs, rexpr) \
  ARROWPACK_ASSIGN_OR_RAISE_IMPL(ARROWPACK_CONCAT(_ap_result_, __COUNTER__), lhs, rexpr)

#define ARROWPACK_ASSIGN_OR_RAISE_IMPL(result_name, lhs, rexpr) \
  auto&& result_name = (rexpr);                                 \
  if (!result_name.ok()) return result_name.status();           \
  lhs = std::move(result_name).MoveValueUnsafe();
