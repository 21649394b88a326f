// PlannerService over real gRPC against the real server binary, seeded with the demo
// catalogue (data/demo-catalog.json, docs/demo-catalog.md).
//
// Every answer is checked against the catalogue as the client sees it (CatalogService,
// LearnerService), not against the planner's own figures: fees are summed from the
// credentials, prerequisites come from the LEADS_TO links, counted credit is recomputed
// with the rule of graph/credit.h (eligible points minus shared overlap, capped; stale
// held credit left out). Every request carries a fixed start_date, so nothing depends on
// the day the test runs.
#include <gmock/gmock.h>
#include <google/protobuf/util/field_comparator.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "credpath/v1/catalog_service.grpc.pb.h"
#include "credpath/v1/learner_service.grpc.pb.h"
#include "credpath/v1/planner_service.grpc.pb.h"
#include "tests/testing/records.h"
#include "tests/testing/server_process.h"
#include "tests/testing/status_details.h"

namespace credpath {
namespace {

using ::credpath::testing::ViolatedFields;

using ::google::protobuf::util::MessageDifferencer;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kStartDate[] = "2027-01-04";
// The API carries exact milli-points as doubles: sums of them agree to rounding only.
constexpr double kPointsTolerance = 1e-6;

const std::vector<std::string>& DemoLearners() {
  static const std::vector<std::string> kLearners = {
      "learner-career-changer", "learner-prior-skills", "learner-recent-graduate",
      "learner-retiree", "learner-sponsored-professional"};
  return kLearners;
}

std::vector<std::string> StepIds(const v1::Pathway& pathway) {
  std::vector<std::string> ids;
  for (const v1::PathwayStep& step : pathway.steps()) ids.push_back(step.credential_id());
  return ids;
}

// Credentials in exactly one of the two pathways.
size_t SymmetricDifference(const v1::Pathway& a, const v1::Pathway& b) {
  std::vector<std::string> x = StepIds(a);
  std::vector<std::string> y = StepIds(b);
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  std::vector<std::string> out;
  std::set_symmetric_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(out));
  return out.size();
}

// "YYYY-MM-DD" moved by `months` months, a day past the month's end clamped to its last
// day (core::AddMonths). Dates in this form compare as strings.
std::string AddMonths(const std::string& date, int months) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &day) != 3) return date;
  const int total = year * 12 + (month - 1) + months;
  year = total / 12;
  month = total % 12 + 1;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  char out[32];
  std::snprintf(out, sizeof(out), "%04d-%02d-%02d", year, month, std::min(day, last));
  return out;
}

v1::PlanPathwaysRequest RequestFor(const std::string& learner_id) {
  v1::PlanPathwaysRequest request;
  request.set_learner_id(learner_id);
  request.set_start_date(kStartDate);
  return request;
}

class PlannerServiceTest : public ::testing::Test {
 protected:
  PlannerServiceTest()
      : server_(dir_.path() + "/planner.db", {"--quiet", "--seed", CREDPATH_DEMO_CATALOG}),
        catalog_(v1::CatalogService::NewStub(server_.channel())),
        learners_(v1::LearnerService::NewStub(server_.channel())),
        planner_(v1::PlannerService::NewStub(server_.channel())) {}

  grpc::Status Plan(const v1::PlanPathwaysRequest& request, v1::PlanPathwaysResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return planner_->PlanPathways(&context, request, response);
  }

  // Plans and asserts OK (the caller checks with ASSERT_NO_FATAL_FAILURE).
  void PlanOk(const v1::PlanPathwaysRequest& request, v1::PlanPathwaysResponse* response) {
    grpc::Status status = Plan(request, response);
    ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message() << "\n"
                             << request.DebugString();
  }

  const v1::Credential& Credential(const std::string& id) {
    auto it = credentials_.find(id);
    if (it != credentials_.end()) return it->second;
    v1::GetCredentialRequest request;
    request.set_id(id);
    v1::Credential credential;
    grpc::ClientContext context;
    grpc::Status status = catalog_->GetCredential(&context, request, &credential);
    EXPECT_TRUE(status.ok()) << id << ": " << status.error_message();
    return credentials_.emplace(id, credential).first->second;
  }

  v1::Qualification Qualification(const std::string& id) {
    v1::GetQualificationRequest request;
    request.set_id(id);
    v1::Qualification qualification;
    grpc::ClientContext context;
    grpc::Status status = catalog_->GetQualification(&context, request, &qualification);
    EXPECT_TRUE(status.ok()) << id << ": " << status.error_message();
    return qualification;
  }

  v1::Learner Learner(const std::string& id) {
    v1::GetLearnerRequest request;
    request.set_id(id);
    v1::Learner learner;
    grpc::ClientContext context;
    grpc::Status status = learners_->GetLearner(&context, request, &learner);
    EXPECT_TRUE(status.ok()) << id << ": " << status.error_message();
    return learner;
  }

  // Every link of `type` (every page).
  std::vector<v1::Link> Links(v1::LinkType type) {
    std::vector<v1::Link> links;
    v1::ListLinksRequest request;
    request.set_type(type);
    request.set_page_size(1000);
    do {
      v1::ListLinksResponse response;
      grpc::ClientContext context;
      grpc::Status status = catalog_->ListLinks(&context, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      links.insert(links.end(), response.links().begin(), response.links().end());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return links;
  }

  // to_id -> group -> prerequisite ids.
  const std::map<std::string, std::map<int, std::vector<std::string>>>& Prerequisites() {
    if (prerequisites_.empty()) {
      for (const v1::Link& link : Links(v1::LINK_TYPE_LEADS_TO)) {
        prerequisites_[link.to_id()][link.group()].push_back(link.from_id());
      }
    }
    return prerequisites_;
  }

  // The counted credit toward `target` of the learner's recent held credentials and the
  // pathway's steps, by the rule of graph/credit.h with the default policy.
  int64_t ExpectedCredit(const v1::Learner& learner, const v1::Pathway& pathway,
                         const std::string& target, const std::string& start_date) {
    const v1::Qualification q = Qualification(target);
    std::set<std::string> counted;
    for (const v1::HeldCredential& held : learner.held()) {
      if (q.recency_months() <= 0 ||
          start_date <= AddMonths(held.earned_on(), q.recency_months())) {
        counted.insert(held.credential_id());
      }
    }
    for (const v1::PathwayStep& step : pathway.steps()) counted.insert(step.credential_id());
    std::map<std::string, int64_t> points;
    for (const v1::Link& link : Links(v1::LINK_TYPE_CREDIT_TOWARD)) {
      if (link.to_id() == target) points[link.from_id()] += link.credit_points();
    }
    int64_t total = 0;
    for (const std::string& id : counted) {
      if (auto it = points.find(id); it != points.end()) total += it->second;
    }
    for (const v1::Link& link : Links(v1::LINK_TYPE_OVERLAPS)) {
      if (!counted.contains(link.from_id()) || !counted.contains(link.to_id())) continue;
      const int64_t a = points.contains(link.from_id()) ? points[link.from_id()] : 0;
      const int64_t b = points.contains(link.to_id()) ? points[link.to_id()] : 0;
      if (a == 0 || b == 0) continue;
      total -= static_cast<int64_t>(
          std::floor(link.overlap_fraction() * static_cast<double>(std::min(a, b)) + 1e-9));
    }
    if (q.stacked_credit_cap() > 0) total = std::min(total, q.stacked_credit_cap());
    return total;
  }

  // The invariants every pathway of a PlanPathways answer for a stored learner holds:
  // budgets, prerequisites in time, held credentials left out and counted, fee recomputed
  // from the catalogue, explanations that add up.
  void ExpectSoundPathways(const v1::PlanPathwaysRequest& request,
                           const v1::PlanPathwaysResponse& response) {
    const v1::Learner learner = Learner(request.learner_id());
    // Without a request budget: the learner's own money plus their funding.
    v1::Money budget =
        request.has_money_budget() ? request.money_budget() : learner.profile().money_budget();
    if (!request.has_money_budget() &&
        learner.profile().funding().currency() == budget.currency()) {
      budget.set_minor_units(budget.minor_units() + learner.profile().funding().minor_units());
    }
    const int64_t hours_budget =
        request.has_hours_budget() ? request.hours_budget() : learner.profile().time_budget_hours();
    const std::string target = request.target_qualification_id().empty()
                                   ? learner.target_qualification_id()
                                   : request.target_qualification_id();
    std::set<std::string> held;
    for (const v1::HeldCredential& h : learner.held()) held.insert(h.credential_id());
    std::set<std::pair<std::string, std::string>> waived;
    for (const v1::Override& o : learner.overrides()) {
      if (o.kind() == v1::OVERRIDE_KIND_WAIVE_PREREQUISITE) {
        waived.insert({o.credential_id(), o.target()});
      }
    }

    for (int p = 0; p < response.pathways_size(); ++p) {
      const v1::Pathway& pathway = response.pathways(p);
      SCOPED_TRACE("pathway " + std::to_string(p) + " of " + request.learner_id());
      const v1::PathwayTotals& totals = pathway.totals();

      // Budgets, to the unit; the fee summed from the catalogue.
      EXPECT_EQ(totals.fee().currency(), budget.currency());
      EXPECT_LE(totals.fee().minor_units(), budget.minor_units());
      EXPECT_LE(totals.hours(), hours_budget);
      int64_t fee = 0;
      for (const v1::PathwayStep& step : pathway.steps()) {
        fee += Credential(step.credential_id()).fee().minor_units();
      }
      EXPECT_EQ(totals.fee().minor_units(), fee);

      // Steps: distinct, numbered, not held, prerequisites held or finished earlier.
      std::map<std::string, int32_t> end_week;  // earlier steps
      for (int s = 0; s < pathway.steps_size(); ++s) {
        const v1::PathwayStep& step = pathway.steps(s);
        const std::string& id = step.credential_id();
        EXPECT_EQ(step.order(), s + 1);
        EXPECT_FALSE(held.contains(id)) << id << " is held already";
        EXPECT_FALSE(end_week.contains(id)) << id << " appears twice";
        EXPECT_LE(step.start_week(), step.end_week()) << id;
        EXPECT_EQ(step.title(), Credential(id).title());
        auto groups = Prerequisites().find(id);
        // A step the schedule could not place has no weeks to compare.
        if (groups != Prerequisites().end() && step.scheduled()) {
          for (const auto& [group, members] : groups->second) {
            const bool met = std::any_of(members.begin(), members.end(), [&](const std::string& m) {
              if (held.contains(m) || waived.contains({id, m})) return true;
              auto earlier = end_week.find(m);
              return earlier != end_week.end() && earlier->second <= step.start_week();
            });
            EXPECT_TRUE(met) << id << " (starting week " << step.start_week()
                             << "): no member of prerequisite group " << group
                             << " is held or finished earlier";
          }
        }
        end_week[id] = step.end_week();
      }

      // The search's constraints rule out every blocking finding but the schedule's, which
      // the pathway then flags.
      for (const v1::Finding& f : pathway.findings()) {
        if (f.severity() != v1::SEVERITY_BLOCKING) continue;
        EXPECT_TRUE(f.code() == v1::FINDING_CODE_SCHEDULE_INFEASIBLE ||
                    f.code() == v1::FINDING_CODE_NOT_OFFERED)
            << f.message();
        EXPECT_FALSE(pathway.schedule_feasible()) << f.message();
      }

      // Explanations add up; their values add up to the totals.
      double value_sum = 0;
      for (const v1::PathwayStep& step : pathway.steps()) {
        const v1::ValueExplanation& e = step.explanation();
        EXPECT_EQ(e.credential_id(), step.credential_id());
        value_sum += e.value();
        double contributions = 0;
        for (const v1::DimensionScore& d : e.dimensions()) contributions += d.contribution();
        EXPECT_NEAR(contributions, e.benefit_points(), kPointsTolerance) << step.credential_id();
        double costs = 0;
        for (const v1::CostTerm& c : e.costs()) costs += c.points();
        EXPECT_NEAR(costs, e.cost_points(), kPointsTolerance) << step.credential_id();
        if (!e.overridden()) {
          EXPECT_NEAR(e.benefit_points() - e.cost_points(), e.value(), kPointsTolerance)
              << step.credential_id();
        }
      }
      EXPECT_NEAR(value_sum, totals.value(), 1e-9);
      EXPECT_GE(pathway.objective(), totals.value() - kPointsTolerance);

      // Progress toward the target, with the learner's recent held credit counted.
      if (target.empty()) {
        EXPECT_FALSE(pathway.has_progress());
      } else {
        ASSERT_TRUE(pathway.has_progress());
        const v1::TargetProgress& progress = pathway.progress();
        EXPECT_EQ(progress.qualification_id(), target);
        const int64_t expected = ExpectedCredit(learner, pathway, target, request.start_date());
        EXPECT_EQ(progress.credit_counted(), expected);
        const int64_t required = Qualification(target).credit_required();
        EXPECT_EQ(progress.credit_missing(), std::max<int64_t>(0, required - expected));
        if (progress.completed()) {
          EXPECT_TRUE(progress.core_met());
          EXPECT_EQ(progress.credit_missing(), 0);
        }
      }
    }
  }

  // An answer cut short by a limit: OK, the best pathway found within the budget, a bound
  // no lower than its objective, and an outcome that says whether it is proven.
  static void ExpectIncumbentWithBound(const grpc::Status& status,
                                       const v1::PlanPathwaysRequest& request,
                                       const v1::PlanPathwaysResponse& response) {
    ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    ASSERT_GE(response.pathways_size(), 1) << response.stats().DebugString();
    const v1::SolverStats& stats = response.stats();
    std::printf("stats: %s\n", stats.ShortDebugString().c_str());
    EXPECT_GT(stats.candidates(), 0);
    EXPECT_GE(stats.bound(), response.pathways(0).objective());
    EXPECT_GE(stats.gap(), 0);
    EXPECT_LE(response.pathways(0).totals().fee().minor_units(),
              request.learner().profile().money_budget().minor_units());
    for (const v1::PathwayStep& step : response.pathways(0).steps()) {
      EXPECT_TRUE(step.explanation().overridden()) << step.credential_id();
    }
    if (stats.proven_optimal()) {
      EXPECT_EQ(stats.outcome(), v1::SOLVE_OUTCOME_OPTIMAL);
    } else {
      EXPECT_EQ(stats.outcome(), v1::SOLVE_OUTCOME_FEASIBLE);
    }
  }

  // Imports `count` generated credentials (provider "gen", skill "gen-skill", no links)
  // and returns a request for an inline learner that wants that skill, with value
  // overrides strongly correlated with the fees (value ≈ fee in dollars + 10 + noise): a
  // knapsack whose bound is weak, so the search cannot finish in a millisecond.
  v1::PlanPathwaysRequest ImportHardCatalogue(int count) {
    std::mt19937_64 random(20270104);  // fixed seed: the same instance on every run
    std::printf("generated catalogue: seed 20270104, %d credentials\n", count);
    v1::BatchWriteCatalogRequest batch;
    *batch.add_providers() = testing::MakeProvider("gen");
    v1::PlanPathwaysRequest request;
    int64_t fees = 0;
    int64_t hours = 0;
    for (int i = 0; i < count; ++i) {
      char id[32];
      std::snprintf(id, sizeof(id), "gen-%04d", i);
      v1::Credential c = testing::MakeCredential(id, "gen");
      c.clear_skills();
      c.add_skills("gen-skill");
      const int64_t fee = 10000 + static_cast<int64_t>(random() % 90001);
      c.mutable_fee()->set_minor_units(fee);
      c.set_effort_hours(10 + static_cast<int64_t>(random() % 41));
      fees += fee;
      hours += c.effort_hours();
      *batch.add_credentials() = c;
      v1::ValueOverride* value = request.add_value_overrides();
      value->set_credential_id(id);
      value->set_value(static_cast<double>(fee) / 100 + 10 +
                       static_cast<double>(random() % 1000) / 1000);
    }
    v1::BatchWriteCatalogResponse written;
    grpc::ClientContext context;
    grpc::Status status = catalog_->BatchWriteCatalog(&context, batch, &written);
    EXPECT_TRUE(status.ok()) << status.error_message();

    v1::Learner* learner = request.mutable_learner();
    v1::LearnerProfile* profile = learner->mutable_profile();
    profile->set_motivation(v1::MOTIVATION_CAREER_ADVANTAGE);
    profile->mutable_money_budget()->set_currency("AUD");
    profile->mutable_money_budget()->set_minor_units(fees / 2);
    profile->set_time_budget_hours(hours);  // not binding: money is the hard resource
    profile->set_hours_per_week(40);
    profile->add_languages("en");
    learner->add_wanted_skills("gen-skill");
    request.set_start_date(kStartDate);
    return request;
  }

  testing::TempDir dir_;
  testing::ServerProcess server_;
  std::unique_ptr<v1::CatalogService::Stub> catalog_;
  std::unique_ptr<v1::LearnerService::Stub> learners_;
  std::unique_ptr<v1::PlannerService::Stub> planner_;
  std::map<std::string, v1::Credential> credentials_;
  std::map<std::string, std::map<int, std::vector<std::string>>> prerequisites_;
};

// (a) Every demo learner's pathways fit, respect prerequisites, count held credit and
// explain their values exactly.
TEST_F(PlannerServiceTest, DemoLearnersGetSoundPathways) {
  for (const std::string& id : DemoLearners()) {
    SCOPED_TRACE(id);
    v1::PlanPathwaysRequest request = RequestFor(id);
    request.set_k(3);
    v1::PlanPathwaysResponse response;
    ASSERT_NO_FATAL_FAILURE(PlanOk(request, &response));
    EXPECT_TRUE(response.final());
    EXPECT_GT(response.catalog_version(), 0);
    ASSERT_GE(response.pathways_size(), 1) << response.DebugString();
    EXPECT_GT(response.stats().candidates(), 0);
    EXPECT_GE(response.stats().bound(), response.pathways(0).objective() - kPointsTolerance);
    if (response.stats().proven_optimal()) {
      EXPECT_EQ(response.stats().outcome(), v1::SOLVE_OUTCOME_OPTIMAL);
    }
    ExpectSoundPathways(request, response);
  }
}

// (a) Held credit counts only while recent: Daniel's 2023 uom-ds-105 counts toward the
// data-science certificate, his 2021 lw-stats-101 no longer does (60-month window), and
// his held credentials never reappear as steps.
TEST_F(PlannerServiceTest, RecentHeldCreditCountsAndStaleDoesNot) {
  v1::PlanPathwaysRequest request = RequestFor("learner-sponsored-professional");
  v1::PlanPathwaysResponse response;
  ASSERT_NO_FATAL_FAILURE(PlanOk(request, &response));
  ASSERT_GE(response.pathways_size(), 1);
  const v1::Pathway& pathway = response.pathways(0);
  ASSERT_TRUE(pathway.has_progress());
  EXPECT_EQ(pathway.progress().qualification_id(), "uom-gc-data-science");
  const v1::Learner learner = Learner("learner-sponsored-professional");
  EXPECT_EQ(pathway.progress().credit_counted(),
            ExpectedCredit(learner, pathway, "uom-gc-data-science", kStartDate));
  // The same pathway with no held credentials counts less: the held credit is in.
  v1::Learner without = learner;
  without.clear_held();
  EXPECT_GT(pathway.progress().credit_counted(),
            ExpectedCredit(without, pathway, "uom-gc-data-science", kStartDate));
  EXPECT_THAT(StepIds(pathway), Not(Contains("uom-ds-105")));
  EXPECT_THAT(StepIds(pathway), Not(Contains("lw-stats-101")));
  EXPECT_THAT(StepIds(pathway), Not(Contains("apma-pm-101")));
}

// (b) Included credentials are in every pathway, excluded ones in none.
TEST_F(PlannerServiceTest, IncludeAndExcludeHoldInEveryPathway) {
  v1::PlanPathwaysRequest plain = RequestFor("learner-career-changer");
  v1::PlanPathwaysResponse first;
  ASSERT_NO_FATAL_FAILURE(PlanOk(plain, &first));
  ASSERT_GE(first.pathways_size(), 1);
  ASSERT_GE(first.pathways(0).steps_size(), 1);
  const std::string chosen = first.pathways(0).steps(0).credential_id();

  // Exclude what the best pathway starts with.
  v1::PlanPathwaysRequest excluding = plain;
  excluding.set_k(3);
  excluding.add_exclude_ids(chosen);
  v1::PlanPathwaysResponse excluded;
  ASSERT_NO_FATAL_FAILURE(PlanOk(excluding, &excluded));
  for (const v1::Pathway& pathway : excluded.pathways()) {
    EXPECT_THAT(StepIds(pathway), Not(Contains(chosen)));
  }
  ExpectSoundPathways(excluding, excluded);

  // Include the cheapest online credential without prerequisites, in force on the start
  // date, that the learner does not hold and the best pathway leaves out: the search has
  // to make room for it.
  std::string include;
  int64_t include_fee = 0;
  const v1::Learner learner = Learner("learner-career-changer");
  std::set<std::string> taken;
  for (const v1::HeldCredential& h : learner.held()) taken.insert(h.credential_id());
  for (const std::string& id : StepIds(first.pathways(0))) taken.insert(id);
  v1::ListCredentialsRequest list;
  list.set_delivery_mode(v1::DELIVERY_MODE_ONLINE);
  list.set_page_size(1000);
  v1::ListCredentialsResponse online;
  grpc::ClientContext context;
  ASSERT_TRUE(catalog_->ListCredentials(&context, list, &online).ok());
  for (const v1::Credential& c : online.credentials()) {
    if (taken.contains(c.id()) || Prerequisites().contains(c.id())) continue;
    if (c.valid_from() > kStartDate || (!c.valid_to().empty() && c.valid_to() < kStartDate)) {
      continue;
    }
    if (include.empty() || c.fee().minor_units() < include_fee) {
      include = c.id();
      include_fee = c.fee().minor_units();
    }
  }
  ASSERT_FALSE(include.empty()) << "no online credential outside the best pathway to include";
  v1::PlanPathwaysRequest including = plain;
  including.set_k(3);
  including.add_include_ids(include);
  v1::PlanPathwaysResponse included;
  ASSERT_NO_FATAL_FAILURE(PlanOk(including, &included));
  ASSERT_GE(included.pathways_size(), 1) << included.DebugString();
  for (const v1::Pathway& pathway : included.pathways()) {
    EXPECT_THAT(StepIds(pathway), Contains(include));
  }
  ExpectSoundPathways(including, included);
}

// (b) An included credential whose value to the learner is negative is still in every
// pathway (the forcing bonus must not depend on the sign of the value).
TEST_F(PlannerServiceTest, IncludedCredentialOfNegativeValueIsKept) {
  v1::PlanPathwaysRequest request = RequestFor("learner-career-changer");
  request.add_include_ids("lw-web-101");
  v1::ValueOverride* value = request.add_value_overrides();
  value->set_credential_id("lw-web-101");
  value->set_value(-5);
  v1::PlanPathwaysResponse response;
  ASSERT_NO_FATAL_FAILURE(PlanOk(request, &response));
  ASSERT_GE(response.pathways_size(), 1) << response.stats().DebugString();
  for (const v1::Pathway& pathway : response.pathways()) {
    EXPECT_THAT(StepIds(pathway), Contains("lw-web-101"));
  }
  ExpectSoundPathways(request, response);
}

// (b) no_onsite leaves only fully online credentials, even for a learner who could attend.
TEST_F(PlannerServiceTest, NoOnsiteLeavesOnlyOnlineCredentials) {
  for (const std::string& id : DemoLearners()) {
    SCOPED_TRACE(id);
    v1::PlanPathwaysRequest request = RequestFor(id);
    request.set_k(3);
    request.mutable_constraints()->set_no_onsite(true);
    v1::PlanPathwaysResponse response;
    ASSERT_NO_FATAL_FAILURE(PlanOk(request, &response));
    for (const v1::Pathway& pathway : response.pathways()) {
      for (const v1::PathwayStep& step : pathway.steps()) {
        EXPECT_EQ(Credential(step.credential_id()).delivery_mode(), v1::DELIVERY_MODE_ONLINE)
            << step.credential_id();
      }
    }
    ExpectSoundPathways(request, response);
  }
}

// (c) Top-3 with diversity 2: pairwise at least two credentials apart, best first.
TEST_F(PlannerServiceTest, TopKPathwaysAreDiverseAndBestFirst) {
  for (const std::string& id : DemoLearners()) {
    SCOPED_TRACE(id);
    v1::PlanPathwaysRequest request = RequestFor(id);
    request.set_k(3);
    request.set_diversity(2);
    v1::PlanPathwaysResponse response;
    ASSERT_NO_FATAL_FAILURE(PlanOk(request, &response));
    EXPECT_LE(response.pathways_size(), 3);
    for (int a = 0; a < response.pathways_size(); ++a) {
      for (int b = a + 1; b < response.pathways_size(); ++b) {
        EXPECT_GE(SymmetricDifference(response.pathways(a), response.pathways(b)), 2u)
            << "pathways " << a << " and " << b;
      }
      if (a > 0) {
        EXPECT_LE(response.pathways(a).objective(), response.pathways(a - 1).objective())
            << "pathway " << a;
      }
    }
    ExpectSoundPathways(request, response);
  }
}

// (d) The stream ends with a final message equal to the unary answer.
TEST_F(PlannerServiceTest, StreamEndsWithTheUnaryAnswer) {
  for (const std::string& id :
       {std::string("learner-career-changer"), std::string("learner-sponsored-professional")}) {
    SCOPED_TRACE(id);
    v1::PlanPathwaysRequest request = RequestFor(id);
    request.set_k(2);
    v1::PlanPathwaysResponse unary;
    ASSERT_NO_FATAL_FAILURE(PlanOk(request, &unary));

    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    std::unique_ptr<grpc::ClientReader<v1::PlanPathwaysResponse>> reader =
        planner_->StreamPathways(&context, request);
    std::vector<v1::PlanPathwaysResponse> messages;
    v1::PlanPathwaysResponse message;
    while (reader->Read(&message)) messages.push_back(message);
    grpc::Status status = reader->Finish();
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_FALSE(messages.empty());
    for (size_t m = 0; m + 1 < messages.size(); ++m) {
      EXPECT_FALSE(messages[m].final()) << "message " << m << " of " << messages.size();
    }
    const v1::PlanPathwaysResponse& last = messages.back();
    EXPECT_TRUE(last.final());

    MessageDifferencer differencer;
    differencer.IgnoreField(v1::SolverStats::descriptor()->FindFieldByName("elapsed_ms"));
    std::string diff;
    differencer.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differencer.Compare(unary, last)) << diff;
  }
}

// (e) A hard search stopped by a 1 ms time limit answers OK with the best pathway found
// and a valid bound.
TEST_F(PlannerServiceTest, TimeLimitReturnsTheIncumbentWithItsBound) {
  v1::PlanPathwaysRequest request = ImportHardCatalogue(400);
  request.set_time_limit_ms(1);
  v1::PlanPathwaysResponse response;
  ExpectIncumbentWithBound(Plan(request, &response), request, response);
  EXPECT_EQ(response.stats().candidates(), 400);
}

// (e) The same search stopped by the call's deadline (the server's default time limit is
// longer) answers OK too: DEADLINE_EXCEEDED is for calls that found nothing.
TEST_F(PlannerServiceTest, DeadlineReturnsTheIncumbentWithItsBound) {
  const v1::PlanPathwaysRequest request = ImportHardCatalogue(400);
  v1::PlanPathwaysResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(300));
  const grpc::Status status = planner_->PlanPathways(&context, request, &response);
  ExpectIncumbentWithBound(status, request, response);
}

// (f) Bad input is named.
TEST_F(PlannerServiceTest, BadInputIsNamed) {
  v1::PlanPathwaysResponse response;

  grpc::Status status = Plan(RequestFor("no-such-learner"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("no-such-learner"));

  v1::PlanPathwaysRequest include = RequestFor("learner-career-changer");
  include.add_include_ids("no-such-credential");
  status = Plan(include, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("include_ids[0]"));
  EXPECT_THAT(status.error_message(), HasSubstr("no-such-credential"));

  v1::PlanPathwaysRequest k = RequestFor("learner-career-changer");
  k.set_k(99);
  status = Plan(k, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("k"));
  EXPECT_THAT(ViolatedFields(status), Contains("k"));

  for (const char* bad : {"2027-02-30", "04/01/2027", "2027-1-4", "tomorrow"}) {
    v1::PlanPathwaysRequest date = RequestFor("learner-career-changer");
    date.set_start_date(bad);
    status = Plan(date, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(ViolatedFields(status), Contains("start_date")) << bad;
  }

  v1::PlanPathwaysRequest save;
  *save.mutable_learner() = Learner("learner-retiree");
  save.set_start_date(kStartDate);
  save.set_save(true);
  status = Plan(save, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("save"));
  EXPECT_THAT(ViolatedFields(status), Contains("save"));

  v1::PlanPathwaysRequest weights = RequestFor("learner-career-changer");
  (*weights.mutable_weight_overrides())["no.such_dimension"] = 1;
  status = Plan(weights, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("weight_overrides"));

  // Nothing was saved by the failed calls.
  v1::ListPlansRequest list;
  list.set_learner_id("learner-retiree");
  v1::ListPlansResponse plans;
  grpc::ClientContext context;
  ASSERT_TRUE(planner_->ListPlans(&context, list, &plans).ok());
  EXPECT_EQ(plans.plans_size(), 0);
}

// (g) One credential's value, explained.
TEST_F(PlannerServiceTest, ExplainValueAddsUp) {
  for (const char* credential : {"ntafe-sd-201", "uom-ds-101", "cfa-fs-101", "lw-ai-101"}) {
    SCOPED_TRACE(credential);
    v1::ExplainValueRequest request;
    request.set_learner_id("learner-career-changer");
    request.set_credential_id(credential);
    v1::ValueExplanation explanation;
    grpc::ClientContext context;
    grpc::Status status = planner_->ExplainValue(&context, request, &explanation);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(explanation.credential_id(), credential);
    EXPECT_FALSE(explanation.overridden());
    ASSERT_GT(explanation.dimensions_size(), 0);
    ASSERT_GT(explanation.costs_size(), 0);
    double contributions = 0;
    for (const v1::DimensionScore& d : explanation.dimensions()) {
      EXPECT_GE(d.score(), 0);
      EXPECT_LE(d.score(), 1);
      EXPECT_GE(d.weight(), 0);
      contributions += d.contribution();
    }
    EXPECT_NEAR(contributions, explanation.benefit_points(), kPointsTolerance);
    double costs = 0;
    for (const v1::CostTerm& c : explanation.costs()) costs += c.points();
    EXPECT_NEAR(costs, explanation.cost_points(), kPointsTolerance);
    EXPECT_NEAR(explanation.benefit_points() - explanation.cost_points(), explanation.value(),
                kPointsTolerance);
    EXPECT_GE(explanation.benefit_points(), 0);
    EXPECT_LE(explanation.benefit_points(), 100 + kPointsTolerance);
  }

  v1::ExplainValueRequest unknown;
  unknown.set_learner_id("learner-career-changer");
  unknown.set_credential_id("no-such-credential");
  v1::ValueExplanation explanation;
  grpc::ClientContext context;
  grpc::Status status = planner_->ExplainValue(&context, unknown, &explanation);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("no-such-credential"));
}

// (h) Saved plans come back whole, newest first, one page at a time.
TEST_F(PlannerServiceTest, SavedPlansComeBackNewestFirst) {
  const std::string learner = "learner-recent-graduate";
  std::vector<v1::PlanPathwaysResponse> saved;
  for (int k : {1, 2}) {
    v1::PlanPathwaysRequest request = RequestFor(learner);
    request.set_k(k);
    request.set_save(true);
    v1::PlanPathwaysResponse response;
    ASSERT_NO_FATAL_FAILURE(PlanOk(request, &response));
    ASSERT_FALSE(response.plan_id().empty());
    saved.push_back(response);

    v1::GetPlanRequest get;
    get.set_id(response.plan_id());
    v1::Plan plan;
    grpc::ClientContext context;
    grpc::Status status = planner_->GetPlan(&context, get, &plan);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(plan.id(), response.plan_id());
    EXPECT_EQ(plan.learner_id(), learner);
    EXPECT_GT(plan.create_time_unix_ms(), 0);
    EXPECT_TRUE(MessageDifferencer::Equals(plan.request(), request))
        << plan.request().DebugString();
    EXPECT_TRUE(MessageDifferencer::Equals(plan.response(), response))
        << plan.response().DebugString() << "\nvs\n"
        << response.DebugString();
    // Plans are ordered by their creation millisecond: keep the two apart.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }

  v1::ListPlansRequest list;
  list.set_learner_id(learner);
  v1::ListPlansResponse all;
  {
    grpc::ClientContext context;
    grpc::Status status = planner_->ListPlans(&context, list, &all);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  ASSERT_EQ(all.plans_size(), 2);
  EXPECT_EQ(all.plans(0).id(), saved[1].plan_id());
  EXPECT_EQ(all.plans(1).id(), saved[0].plan_id());
  EXPECT_GE(all.plans(0).create_time_unix_ms(), all.plans(1).create_time_unix_ms());
  EXPECT_TRUE(all.next_page_token().empty());

  list.set_page_size(1);
  std::vector<std::string> paged;
  for (int page = 0; page < 3; ++page) {
    v1::ListPlansResponse response;
    grpc::ClientContext context;
    grpc::Status status = planner_->ListPlans(&context, list, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_LE(response.plans_size(), 1);
    for (const v1::Plan& plan : response.plans()) paged.push_back(plan.id());
    if (response.next_page_token().empty()) break;
    list.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(paged, (std::vector<std::string>{saved[1].plan_id(), saved[0].plan_id()}));

  // Another learner has no plans; an unknown plan is NOT_FOUND.
  v1::ListPlansRequest other;
  other.set_learner_id("learner-retiree");
  v1::ListPlansResponse none;
  grpc::ClientContext context;
  ASSERT_TRUE(planner_->ListPlans(&context, other, &none).ok());
  EXPECT_EQ(none.plans_size(), 0);
  v1::GetPlanRequest get;
  get.set_id("plan-does-not-exist");
  v1::Plan plan;
  grpc::ClientContext get_context;
  EXPECT_EQ(planner_->GetPlan(&get_context, get, &plan).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace credpath
