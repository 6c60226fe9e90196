#include "arrowpack/core/status.h"

#include <cerrno>

#include "test_util.h"

namespace arrowpack {

TEST(StatusTest, OkHasNoMessage) {
  Status ok = Status::OK();
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.code(), StatusCode::OK);
  EXPECT_EQ(ok.message(), "");
  EXPECT_EQ(ok.ToString(), "OK");
}

TEST(StatusTest, ErrorConcatenatesArguments) {
  Status st = Status::Invalid("bad offset ", 12, " in ", "buffer");
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_EQ(st.message(), "bad offset 12 in buffer");
  EXPECT_EQ(st.ToString(), "Invalid: bad offset 12 in buffer");
}

TEST(StatusTest, CopyKeepsCodeAndMessage) {
  Status original = Status::IOError("disk");
  Status copy = original;
  EXPECT_TRUE(copy.IsIOError());
  EXPECT_EQ(copy.message(), "disk");
  copy = Status::OK();
  EXPECT_TRUE(copy.ok());
  EXPECT_TRUE(original.IsIOError());
}

TEST(StatusTest, FromErrnoCarriesErrno) {
  Status st = Status::FromErrno(ENOENT, "open 'x'");
  EXPECT_TRUE(st.IsIOError());
  EXPECT_EQ(st.posix_errno(), ENOENT);
  EXPECT_NE(st.message().find("open 'x'"), std::string::npos);
}

TEST(StatusTest, WithContextPrefixesErrorsOnly) {
  EXPECT_TRUE(Status::OK().WithContext("ctx").ok());
  Status st = Status::TypeError("wrong").WithContext("field f0");
  EXPECT_TRUE(st.IsTypeError());
  EXPECT_EQ(st.message(), "field f0: wrong");
}

Result<int> Half(int value) {
  if (value % 2 != 0) return Status::Invalid("odd value ", value);
  return value / 2;
}

Result<int> Quarter(int value) {
  ARROWPACK_ASSIGN_OR_RAISE(int half, Half(value));
  ARROWPACK_ASSIGN_OR_RAISE(int quarter, Half(half));
  return quarter;
}

TEST(ResultTest, ValueAndErrorPropagation) {
  ASSERT_OK_AND_ASSIGN(int quarter, Quarter(8));
  EXPECT_EQ(quarter, 2);
  ASSERT_RAISES_WITH(Invalid, "odd value 3", Quarter(6));
}

TEST(ResultTest, OkStatusWithoutValueIsAnError) {
  Result<int> result(Status::OK());
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::UnknownError);
}

TEST(ResultTest, ValueOrFallsBack) {
  EXPECT_EQ(Half(3).ValueOr(-1), -1);
  EXPECT_EQ(Half(4).ValueOr(-1), 2);
}

}  // namespace arrowpack
