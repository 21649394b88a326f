// Helpers for the value model tests: one-line catalogues, explanations by key, violations.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "core/catalog.h"
#include "core/field_violations.h"
#include "gmock/gmock.h"
#include "graph/snapshot.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/graph/test_catalog.h"
#include "value/value_model.h"

namespace credpath::value::testing {

inline std::shared_ptr<const graph::CatalogSnapshot> BuildOrDie(storage::CatalogData data) {
  absl::StatusOr<std::shared_ptr<const graph::CatalogSnapshot>> snapshot =
      graph::CatalogSnapshot::Build(std::move(data));
  EXPECT_TRUE(snapshot.ok()) << snapshot.status();
  return snapshot.ok() ? *snapshot : nullptr;
}

inline ValueModel CreateOrDie(const core::LearnerProfile& profile, const ValueRequest& request = {},
                              const ValueConfig& config = ValueConfig::Defaults()) {
  absl::StatusOr<ValueModel> model = ValueModel::Create(config, profile, request);
  EXPECT_TRUE(model.ok()) << model.status();
  return std::move(model).value();
}

// The explanation of credential `id` of `snapshot` for `profile`.
inline Explanation ExplainOne(const graph::CatalogSnapshot& snapshot, std::string_view id,
                              const core::LearnerProfile& profile = {},
                              const ValueRequest& request = {},
                              const ValueConfig& config = ValueConfig::Defaults()) {
  const core::Credential* credential = snapshot.FindCredential(id);
  EXPECT_NE(credential, nullptr) << id;
  return CreateOrDie(profile, request, config).Explain(snapshot, *credential);
}

// The dimension "group.name" of `explanation`.
inline DimensionScore Dimension(const Explanation& explanation, std::string_view key) {
  for (const DimensionScore& d : explanation.dimensions) {
    if (d.key == key) return d;
  }
  ADD_FAILURE() << "no dimension " << key;
  return {};
}

inline CostTerm Cost(const Explanation& explanation, std::string_view name) {
  for (const CostTerm& term : explanation.costs) {
    if (term.name == name) return term;
  }
  ADD_FAILURE() << "no cost term " << name;
  return {};
}

// The score of `key` for `credential`, alone in a catalogue with `provider` (and `partner`
// when its id is not empty).
inline double ScoreOf(const core::Credential& credential, std::string_view key,
                      const core::LearnerProfile& profile = {},
                      const core::Provider& provider = graph::testing::MakeProvider("P"),
                      const core::Provider& partner = {}) {
  storage::CatalogData data;
  data.providers.push_back(provider);
  if (!partner.id.empty()) data.providers.push_back(partner);
  data.credentials.push_back(credential);
  std::shared_ptr<const graph::CatalogSnapshot> snapshot = BuildOrDie(std::move(data));
  if (snapshot == nullptr) return -1;
  return Dimension(ExplainOne(*snapshot, credential.id, profile), key).score;
}

// `status` is INVALID_ARGUMENT carrying the violation `field`: `description`.
inline void ExpectViolation(const absl::Status& status, const std::string& field,
                            const std::string& description) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(core::GetFieldViolations(status),
              ::testing::Contains(core::FieldViolation{field, description}))
      << status;
}

}  // namespace credpath::value::testing
