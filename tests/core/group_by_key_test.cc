#include "core/group_by_key.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace credpath::core {
namespace {

TEST(GroupByKeyTest, ValuesOfAKeyKeepTheOrderTheyCameIn) {
  const std::vector<std::pair<int32_t, int32_t>> pairs = {
      {2, 10}, {0, 11}, {2, 12}, {2, 9}, {0, 13}};
  std::vector<int32_t> offsets;
  std::vector<int32_t> values;
  GroupByKey(
      4,
      [&](auto&& emit) {
        for (const auto& [key, value] : pairs) emit(key, value);
      },
      &offsets, &values);
  EXPECT_EQ(offsets, (std::vector<int32_t>{0, 2, 2, 5, 5}));  // keys 1 and 3 have none
  EXPECT_EQ(values, (std::vector<int32_t>{11, 13, 10, 12, 9}));
}

TEST(GroupByKeyTest, NoPairsGiveEmptyRowsAndReusedVectorsAreOverwritten) {
  std::vector<int32_t> offsets = {7, 7};
  std::vector<int32_t> values = {1, 2, 3};
  GroupByKey(
      3, [](auto&&) {}, &offsets, &values);
  EXPECT_EQ(offsets, (std::vector<int32_t>{0, 0, 0, 0}));
  EXPECT_TRUE(values.empty());
}

}  // namespace
}  // namespace credpath::core
