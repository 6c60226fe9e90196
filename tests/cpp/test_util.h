// Assertion helpers for Status and Result in GoogleTest suites.
#pragma once

#include <gtest/gtest.h>

#include "arrowpack/core/result.h"

#define ASSERT_OK(expr)                                           \
  do {                                                            \
    ::arrowpack::Status _st = (expr);                             \
    ASSERT_TRUE(_st.ok()) << #expr << " failed: " << _st.ToString(); \
  } while (false)

#define EXPECT_OK(expr)                                           \
  do {                                                            \
    ::arrowpack::Status _st = (expr);                             \
    EXPECT_TRUE(_st.ok()) << #expr << " failed: " << _st.ToString(); \
  } while (false)

#define ASSERT_OK_AND_ASSIGN(lhs, rexpr) \
  ASSERT_OK_AND_ASSIGN_IMPL(ARROWPACK_CONCAT(_test_result_, __COUNTER__), lhs, rexpr)
#define ASSERT_OK_AND_ASSIGN_IMPL(name, lhs, rexpr)                                     \
  auto&& name = (rexpr);                                                                \
  ASSERT_TRUE(name.ok()) << #rexpr << " failed: " << name.status().ToString();        \
  lhs = std::move(name).MoveValueUnsafe();

/// Asserts that `expr` (a Status or Result) failed with `status_code` and a message containing `text`.
#define ASSERT_RAISES_WITH(status_code, text, expr)                                                  \
  do {                                                                                        \
    ::arrowpack::Status _st = ::arrowpack::testing::StatusOf(expr);                           \
    ASSERT_EQ(_st.code(), ::arrowpack::StatusCode::status_code) << #expr << " gave " << _st.ToString(); \
    ASSERT_NE(_st.message().find(text), std::string::npos) << _st.ToString();                 \
  } while (false)
#define ASSERT_RAISES(status_code, expr) ASSERT_RAISES_WITH(status_code, "", expr)

namespace arrowpack::testing {
inline Status StatusOf(const Status& status) { return status; }
template <typename T>
Status StatusOf(const Result<T>& result) { return result.status(); }
}  // namespace arrowpack::testing
