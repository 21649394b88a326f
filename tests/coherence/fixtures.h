// Small catalogues for the coherence tests, a few lines each, and helpers that run a check
// and pick findings out of it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "coherence/check.h"
#include "core/catalog.h"
#include "core/date.h"
#include "graph/snapshot.h"
#include "storage/store.h"
#include "tests/graph/test_catalog.h"

namespace credpath::coherence::testing {

// The day every check starts unless a test says otherwise.
inline constexpr char kStart[] = "2027-01-04";

inline core::Date Day(const char* text) { return *core::ParseDate(text); }

// Provider "P" is quality-assured, "U" is not. Credentials default to AQF level 5, field
// 0613, online, on demand, free, with summative and identity-verified assessment, so that
// a test only sets what its rule looks at.
class CatalogBuilder {
 public:
  CatalogBuilder() {
    core::Provider p;
    p.id = "P";
    p.name = "Provider P";
    p.quality_assured = true;
    p.quality_assured_by = "TEQSA";
    data_.providers.push_back(p);
    core::Provider u;
    u.id = "U";
    u.name = "Provider U";
    data_.providers.push_back(u);
  }

  core::Credential& Credential(const std::string& id, int32_t level = 5,
                               const std::string& field = "0613") {
    core::Credential c;
    c.id = id;
    c.title = "Credential " + id;
    c.provider_id = "P";
    c.level = {core::LevelFramework::kAqf, level};
    c.fields = {field};
    c.fee = {0, "AUD"};
    c.effort_hours = 30;
    c.delivery_mode = core::DeliveryMode::kOnline;
    c.pacing = core::Pacing::kOnDemand;
    c.duration_weeks = 6;
    c.benefits.summative_assessment = true;
    c.benefits.identity_verified = true;
    data_.credentials.push_back(std::move(c));
    return data_.credentials.back();
  }

  core::Qualification& Qualification(const std::string& id, int32_t level = 8,
                                     int64_t credit_required = 40) {
    core::Qualification q;
    q.id = id;
    q.title = "Qualification " + id;
    q.provider_id = "P";
    q.level = {core::LevelFramework::kAqf, level};
    q.fields = {"0613"};
    q.credit_system = core::CreditSystem::kAqfPoints;
    q.credit_required = credit_required;
    data_.qualifications.push_back(std::move(q));
    return data_.qualifications.back();
  }

  CatalogBuilder& Link(const std::string& from, const std::string& to, core::LinkType type,
                       int32_t group = 0, int64_t points = 0, double fraction = 0) {
    core::Link l;
    l.from_id = from;
    l.to_id = to;
    l.type = type;
    l.group = group;
    l.credit_points = points;
    l.overlap_fraction = fraction;
    data_.links.push_back(std::move(l));
    return *this;
  }
  CatalogBuilder& Prerequisite(const std::string& from, const std::string& to, int32_t group = 0) {
    return Link(from, to, core::LinkType::kLeadsTo, group);
  }
  CatalogBuilder& Corequisite(const std::string& from, const std::string& to) {
    return Link(from, to, core::LinkType::kCorequisite);
  }
  CatalogBuilder& Credit(const std::string& from, const std::string& to, int64_t points) {
    return Link(from, to, core::LinkType::kCreditToward, 0, points);
  }
  CatalogBuilder& Overlap(const std::string& a, const std::string& b, double fraction) {
    return Link(std::min(a, b), std::max(a, b), core::LinkType::kOverlaps, 0, 0, fraction);
  }

  storage::CatalogData& data() { return data_; }

  std::shared_ptr<const graph::CatalogSnapshot> Build() const {
    auto snapshot = graph::CatalogSnapshot::Build(data_);
    EXPECT_TRUE(snapshot.ok()) << snapshot.status();
    return snapshot.ok() ? *snapshot : nullptr;
  }

 private:
  storage::CatalogData data_;
};

using ::credpath::graph::testing::Rule;

// One check; the test fails when the call does.
struct Checked {
  std::vector<std::string> stack;
  CheckResult result;

  std::vector<Finding> Of(FindingCode code) const {
    std::vector<Finding> out;
    for (const Finding& f : result.findings) {
      if (f.code == code) out.push_back(f);
    }
    return out;
  }
};

inline Checked Check(const graph::CatalogSnapshot& snapshot, const core::Learner& learner,
                     std::vector<std::string> stack, const std::string& target = "",
                     const CoherenceConfig& config = {}, const char* start = kStart) {
  StackRequest request;
  request.credential_ids = stack;
  request.target_qualification_id = target;
  request.start_date = Day(start);
  absl::StatusOr<CheckResult> result = CheckStack(snapshot, learner, request, config);
  EXPECT_TRUE(result.ok()) << result.status() << " for the stack " << JoinIds(stack);
  return {std::move(stack), result.ok() ? *std::move(result) : CheckResult{}};
}

}  // namespace credpath::coherence::testing
