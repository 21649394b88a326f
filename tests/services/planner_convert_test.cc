#include "services/planner_convert.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "value/value_model.h"

namespace credpath::services {
namespace {

// "certification.attestation" -> "VALUE_DIMENSION_CERTIFICATION_ATTESTATION".
std::string EnumNameOf(std::string_view key) {
  std::string name = "VALUE_DIMENSION_";
  for (char c : key) name += c == '.' ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

TEST(PlannerConvertTest, EverySubDimensionHasTheEnumValueNamedAfterItsKey) {
  const std::span<const std::string_view> keys = value::DimensionKeys();
  const google::protobuf::EnumDescriptor* descriptor = v1::ValueDimension_descriptor();
  ASSERT_EQ(descriptor->value_count(), static_cast<int>(keys.size()) + 1)
      << "one value per sub-dimension and UNSPECIFIED";
  for (size_t i = 0; i < keys.size(); ++i) {
    SCOPED_TRACE(keys[i]);
    const v1::ValueDimension dimension = DimensionToProto(i);
    EXPECT_EQ(v1::ValueDimension_Name(dimension), EnumNameOf(keys[i]));
    EXPECT_EQ(DimensionKey(dimension), keys[i]);
  }
}

TEST(PlannerConvertTest, UnspecifiedAndUnknownDimensionsHaveNoKey) {
  EXPECT_EQ(DimensionKey(v1::VALUE_DIMENSION_UNSPECIFIED), "");
  EXPECT_EQ(DimensionKey(static_cast<v1::ValueDimension>(value::DimensionKeys().size() + 1)), "");
  EXPECT_EQ(DimensionKey(static_cast<v1::ValueDimension>(-3)), "");
}

TEST(PlannerConvertTest, AnExplanationNamesEachScoreByItsRow) {
  value::Explanation explanation;
  explanation.credential_id = "c1";
  for (size_t i : {size_t{4}, size_t{0}}) {
    value::DimensionScore d;
    d.index = i;
    d.score = 0.5;
    d.weight = 2;
    d.contribution_millipoints = 1250;
    explanation.dimensions.push_back(d);
  }
  v1::ValueExplanation out;
  ToProto(explanation, /*overridden=*/false, /*value_millipoints=*/2500, &out);
  ASSERT_EQ(out.dimensions_size(), 2);
  EXPECT_EQ(out.dimensions(0).dimension(), v1::VALUE_DIMENSION_CERTIFICATION_SECURITY);
  EXPECT_EQ(out.dimensions(1).dimension(), v1::VALUE_DIMENSION_OUTCOMES_KNOWLEDGE_SKILLS);
  EXPECT_DOUBLE_EQ(out.dimensions(0).contribution(), 1.25);
  EXPECT_DOUBLE_EQ(out.value(), 2.5);
}

}  // namespace
}  // namespace credpath::services
