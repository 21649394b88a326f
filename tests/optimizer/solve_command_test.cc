// `credpath solve`: exit codes, the one-line errors and the JSON it prints.
#include "cli/solve_command.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace credpath::cli {
namespace {

constexpr char kProblem[] = R"({
  "credentials": [
    {"id": "C1", "fee": 450, "hours": 30, "value": 34, "credit_points": 10},
    {"id": "C2", "fee": 300, "hours": 20, "value": 12, "credit_points": 5},
    {"id": "C7", "fee": 900, "hours": 60, "value": 80, "credit_points": 20}
  ],
  "prerequisites": [["C1", "C7"]],
  "budgets": {"money": 1400, "hours": 256},
  "target": {"credit_threshold": 30, "core": ["C1"], "bonus": 66}
})";

class SolveCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("credpath_solve_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    problem_ = Write("problem.json", kProblem);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  int Run(const std::vector<std::string>& args) {
    out_.str("");
    err_.str("");
    return RunSolveCommand(args, out_, err_);
  }

  // One line on stderr that contains `text`.
  void ExpectOneErrorLine(const std::string& text) {
    const std::string err = err_.str();
    EXPECT_NE(err.find(text), std::string::npos) << err;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
    EXPECT_TRUE(out_.str().empty());
  }

  std::filesystem::path dir_;
  std::string problem_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(SolveCommandTest, PrintsOneJsonObjectWithTheResult) {
  ASSERT_EQ(Run({problem_}), 0) << err_.str();
  const nlohmann::json json = nlohmann::json::parse(out_.str());
  for (const char* key : {"objective", "selected", "totals", "target_met", "proven_optimal",
                          "bound", "gap", "elapsed_ms", "nodes", "evaluations", "root_bound"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json["objective"], 180);
  EXPECT_EQ(json["selected"], nlohmann::json::array({"C1", "C7"}));
  EXPECT_EQ(json["totals"]["fee"], 1350);
  EXPECT_EQ(json["totals"]["hours"], 90);
  EXPECT_EQ(json["totals"]["credit"], 30);
  EXPECT_EQ(json["target_met"], true);
  EXPECT_EQ(json["proven_optimal"], true);
  EXPECT_EQ(json["bound"], 180);
  EXPECT_GE(json["root_bound"].get<int64_t>(), 180);
  EXPECT_FALSE(json.contains("pathways"));
  EXPECT_FALSE(json.contains("pareto"));
  EXPECT_TRUE(err_.str().empty());
}

TEST_F(SolveCommandTest, TopKDiversityAndParetoAddTheirSections) {
  ASSERT_EQ(Run({problem_, "--top-k", "3", "--diversity=1", "--pareto", "--time-limit", "5"}), 0)
      << err_.str();
  const nlohmann::json json = nlohmann::json::parse(out_.str());
  ASSERT_TRUE(json.contains("pathways"));
  ASSERT_EQ(json["pathways"].size(), 3u);
  EXPECT_EQ(json["pathways"][0]["objective"], 180);
  EXPECT_GE(json["pathways"][0]["objective"], json["pathways"][1]["objective"]);
  EXPECT_GE(json["pathways"][1]["objective"], json["pathways"][2]["objective"]);
  for (const auto& pathway : json["pathways"]) {
    for (const char* key : {"objective", "selected", "totals", "target_met"}) {
      EXPECT_TRUE(pathway.contains(key)) << key;
    }
  }
  ASSERT_TRUE(json.contains("pareto"));
  EXPECT_FALSE(json["pareto"].empty());
}

TEST_F(SolveCommandTest, WriteLpWritesTheModelAndStillSolves) {
  const std::string lp = (dir_ / "model.lp").string();
  ASSERT_EQ(Run({problem_, "--write-lp", lp}), 0) << err_.str();
  std::ifstream file(lp);
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_NE(text.str().find("Maximize"), std::string::npos);
  EXPECT_NE(text.str().find("x_0"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(out_.str())["objective"], 180);
}

TEST_F(SolveCommandTest, BadFilesExitTwoNamingTheCulprit) {
  EXPECT_EQ(Run({(dir_ / "absent.json").string()}), 2);
  ExpectOneErrorLine("absent.json: cannot read");

  const std::string broken = Write("broken.json", "{\n  \"credentials\": [\n    {\"id\": }\n");
  EXPECT_EQ(Run({broken}), 2);
  ExpectOneErrorLine("broken.json: line 3, column");

  std::string negative = kProblem;
  negative.replace(negative.find("\"fee\": 300"), 10, "\"fee\": -3");
  EXPECT_EQ(Run({Write("negative.json", negative)}), 2);
  ExpectOneErrorLine("credentials[1].fee: must be >= 0");

  std::string cycle = kProblem;
  cycle.replace(cycle.find("[[\"C1\", \"C7\"]]"), 14, "[[\"C1\", \"C7\"], [\"C7\", \"C1\"]]");
  EXPECT_EQ(Run({Write("cycle.json", cycle)}), 2);
  ExpectOneErrorLine("prerequisite cycle: C1 -> C7 -> C1");

  EXPECT_EQ(Run({problem_, "--write-lp", (dir_ / "no" / "such" / "dir.lp").string()}), 2);
  ExpectOneErrorLine("dir.lp: cannot write");
}

TEST_F(SolveCommandTest, BadFlagsExitTwoNamingTheFlag) {
  EXPECT_EQ(Run({}), 2);
  ExpectOneErrorLine("missing the problem file");
  EXPECT_EQ(Run({problem_, problem_}), 2);
  ExpectOneErrorLine("expected one problem file");
  EXPECT_EQ(Run({problem_, "--top-k", "0"}), 2);
  ExpectOneErrorLine("--top-k");
  EXPECT_EQ(Run({problem_, "--top-k", "two"}), 2);
  ExpectOneErrorLine("--top-k");
  EXPECT_EQ(Run({problem_, "--time-limit", "-1"}), 2);
  ExpectOneErrorLine("--time-limit");
  EXPECT_EQ(Run({problem_, "--time-limit", "soon"}), 2);
  ExpectOneErrorLine("--time-limit");
  EXPECT_EQ(Run({problem_, "--diversity", "-2"}), 2);
  ExpectOneErrorLine("--diversity");
  EXPECT_EQ(Run({problem_, "--frobnicate"}), 2);
  ExpectOneErrorLine("unknown flag --frobnicate");
  EXPECT_EQ(Run({problem_, "--top-k"}), 2);
  ExpectOneErrorLine("--top-k needs a value");
}

TEST_F(SolveCommandTest, HelpPrintsUsage) {
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_NE(out_.str().find("usage: credpath solve"), std::string::npos);
}

}  // namespace
}  // namespace credpath::cli
