#include "arrowpack/core/tensor.h"

#include <cmath>
#include <limits>

#include "table_testing.h"
#include "test_util.h"

namespace arrowpack {

using testing::BufferOf;
using testing::TensorOf;

TEST(TensorTest, DefaultsToRowMajor) {
  auto tensor = TensorOf<int64_t>(int64(), {0, 1, 2, 3, 4, 5}, {2, 3}, {}, {"rows", "cols"});
  EXPECT_EQ(tensor->ndim(), 2);
  EXPECT_EQ(tensor->size(), 6);
  EXPECT_EQ(tensor->byte_width(), 8);
  EXPECT_EQ(tensor->strides(), (std::vector<int64_t>{24, 8}));
  EXPECT_TRUE(tensor->is_row_major());
  EXPECT_FALSE(tensor->is_column_major());
  EXPECT_TRUE(tensor->is_contiguous());
  EXPECT_EQ(tensor->dim_name(1), "cols");
  EXPECT_EQ(tensor->Value<int64_t>({1, 2}), 5);
  EXPECT_FALSE(tensor->is_mutable());
}

TEST(TensorTest, ColumnMajorStrides) {
  // [[0, 1, 2], [3, 4, 5]] stored column by column.
  auto tensor = TensorOf<int32_t>(int32(), {0, 3, 1, 4, 2, 5}, {2, 3}, {4, 8});
  EXPECT_TRUE(tensor->is_column_major());
  EXPECT_FALSE(tensor->is_row_major());
  EXPECT_EQ(tensor->Value<int32_t>({0, 2}), 2);
  EXPECT_EQ(tensor->Value<int32_t>({1, 0}), 3);
  EXPECT_EQ(tensor->dim_name(0), "");
}

TEST(TensorTest, StridedViewIsNotContiguous) {
  // Every other column of a 2 x 4 matrix.
  auto tensor = TensorOf<int16_t>(int16(), {0, 1, 2, 3, 4, 5, 6, 7}, {2, 2}, {8, 4});
  EXPECT_FALSE(tensor->is_contiguous());
  EXPECT_EQ(tensor->Value<int16_t>({1, 1}), 6);
}

TEST(TensorTest, ExtentOneDimensionsIgnoreTheirStride) {
  auto tensor = TensorOf<double>(float64(), {1.0, 2.0}, {1, 2}, {999, 8});
  EXPECT_TRUE(tensor->is_row_major());
  EXPECT_TRUE(tensor->is_column_major());
}

TEST(TensorTest, ComputeStrides) {
  ASSERT_OK_AND_ASSIGN(auto row, ComputeRowMajorStrides(4, {2, 3, 5}));
  EXPECT_EQ(row, (std::vector<int64_t>{60, 20, 4}));
  ASSERT_OK_AND_ASSIGN(auto column, ComputeColumnMajorStrides(4, {2, 3, 5}));
  EXPECT_EQ(column, (std::vector<int64_t>{4, 8, 24}));
  ASSERT_OK_AND_ASSIGN(auto with_zero, ComputeRowMajorStrides(8, {3, 0, 2}));
  EXPECT_EQ(with_zero, (std::vector<int64_t>{16, 16, 8}));
  ASSERT_RAISES_WITH(Invalid, "negative", ComputeRowMajorStrides(8, {2, -1}));
  ASSERT_RAISES_WITH(Invalid, "overflow", ComputeRowMajorStrides(8, {int64_t{1} << 40, int64_t{1} << 40}));
}

TEST(TensorTest, ZeroSizeAndScalarTensors) {
  ASSERT_OK_AND_ASSIGN(auto empty, Tensor::Make(float32(), Buffer::FromString(""), {0, 4}));
  EXPECT_EQ(empty->size(), 0);
  EXPECT_TRUE(empty->is_contiguous());
  EXPECT_EQ(empty->CountNonZero(), 0);
  auto scalar = TensorOf<int8_t>(int8(), {7}, {});
  EXPECT_EQ(scalar->ndim(), 0);
  EXPECT_EQ(scalar->size(), 1);
  EXPECT_EQ(scalar->Value<int8_t>({}), 7);
}

TEST(TensorTest, MakeRejectsNonNumericTypes) {
  auto data = BufferOf<int64_t>({1});
  ASSERT_RAISES_WITH(TypeError, "integers or floating point, got string", Tensor::Make(utf8(), data, {1}));
  ASSERT_RAISES(TypeError, Tensor::Make(boolean(), data, {1}));
  ASSERT_RAISES(TypeError, Tensor::Make(timestamp(TimeUnit::SECOND), data, {1}));
  ASSERT_RAISES(TypeError, Tensor::Make(nullptr, data, {1}));
}

TEST(TensorTest, MakeRejectsBadShapes) {
  auto data = BufferOf<int64_t>({1, 2, 3, 4});
  ASSERT_RAISES_WITH(Invalid, "buffer is null", Tensor::Make(int64(), nullptr, {1}));
  ASSERT_RAISES_WITH(Invalid, "dimension 1 is negative", Tensor::Make(int64(), data, {2, -2}));
  ASSERT_RAISES_WITH(Invalid, "3 strides for 2 dimensions", Tensor::Make(int64(), data, {2, 2}, {16, 8, 8}));
  ASSERT_RAISES_WITH(Invalid, "stride 0 is negative", Tensor::Make(int64(), data, {2, 2}, {-16, 8}));
  ASSERT_RAISES_WITH(Invalid, "1 dimension names for 2 dimensions", Tensor::Make(int64(), data, {2, 2}, {}, {"a"}));
  ASSERT_RAISES_WITH(Invalid, "size overflows", Tensor::Make(int64(), data, {int64_t{1} << 32, int64_t{1} << 32}));
}

TEST(TensorTest, MakeRejectsStridesPastTheBuffer) {
  auto data = BufferOf<int64_t>({1, 2, 3, 4});  // 32 bytes
  ASSERT_OK(Tensor::Make(int64(), data, {2, 2}).status());
  ASSERT_RAISES_WITH(Invalid, "buffer holds 32 bytes", Tensor::Make(int64(), data, {2, 3}));
  ASSERT_RAISES_WITH(Invalid, "buffer holds 32 bytes", Tensor::Make(int64(), data, {2, 2}, {24, 8}));
  ASSERT_OK(Tensor::Make(int64(), data, {2, 2}, {8, 16}).status());
  ASSERT_RAISES(Invalid, Tensor::Make(int64(), SliceBuffer(data, 0, 7), {1}));
  ASSERT_RAISES_WITH(Invalid, "overflow",
                     Tensor::Make(int64(), data, {3, 3}, {std::numeric_limits<int64_t>::max() / 2 + 1, 8}));
}

TEST(TensorTest, EqualsHonoursStrides) {
  auto row_major = TensorOf<int32_t>(int32(), {0, 1, 2, 3, 4, 5}, {2, 3});
  auto column_major = TensorOf<int32_t>(int32(), {0, 3, 1, 4, 2, 5}, {2, 3}, {4, 8});
  EXPECT_TRUE(row_major->Equals(*column_major));
  EXPECT_TRUE(column_major->Equals(*row_major));
  auto strided = TensorOf<int32_t>(int32(), {0, 9, 1, 9, 2, 9, 3, 9, 4, 9, 5, 9}, {2, 3}, {24, 8});
  EXPECT_TRUE(strided->Equals(*row_major));
  auto changed = TensorOf<int32_t>(int32(), {0, 1, 2, 3, 4, 6}, {2, 3});
  EXPECT_FALSE(changed->Equals(*row_major));
  EXPECT_FALSE(changed->Equals(*column_major));
}

TEST(TensorTest, EqualsChecksTypeAndShape) {
  auto a = TensorOf<int32_t>(int32(), {1, 2, 3, 4}, {2, 2});
  EXPECT_FALSE(a->Equals(*TensorOf<int32_t>(int32(), {1, 2, 3, 4}, {4})));
  EXPECT_FALSE(a->Equals(*TensorOf<uint32_t>(uint32(), {1, 2, 3, 4}, {2, 2})));
  EXPECT_TRUE(a->Equals(*TensorOf<int32_t>(int32(), {1, 2, 3, 4}, {2, 2}, {}, {"names", "ignored"})));
}

TEST(TensorTest, FloatEqualityIsByValue) {
  const double nan = std::nan("");
  auto zeros = TensorOf<double>(float64(), {0.0, 1.5}, {2});
  EXPECT_TRUE(zeros->Equals(*TensorOf<double>(float64(), {-0.0, 1.5}, {2})));
  auto with_nan = TensorOf<double>(float64(), {nan, 1.5}, {2});
  EXPECT_FALSE(with_nan->Equals(*TensorOf<double>(float64(), {nan, 1.5}, {2})));
}

TEST(TensorTest, CountNonZero) {
  EXPECT_EQ(TensorOf<float>(float32(), {0.0f, -0.0f, 2.0f, 0.5f}, {2, 2})->CountNonZero(), 2);
  EXPECT_EQ(TensorOf<uint8_t>(uint8(), {0, 1, 0, 255}, {4})->CountNonZero(), 2);
  // Strided: only the viewed elements count.
  EXPECT_EQ(TensorOf<int64_t>(int64(), {1, 0, 0, 5}, {2}, {16})->CountNonZero(), 1);
}

}  // namespace arrowpack
