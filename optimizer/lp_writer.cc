// CPLEX-LP text of the optimisation model of problem.h.
//
// Variables:
//   x_<i>  binary, one per candidate item i (held items are constants, never variables);
//   y_<k>  binary, one per entry k of target.overlaps whose two items are both candidates:
//          y_k = x_a AND x_b (y_k <= x_a, y_k <= x_b, y_k >= x_a + x_b - 1);
//   z      binary, present when the problem has a target: z = 1 only if the target is met;
//   one    fixed at 1, written only when a row has no variable term (see Row::Write).
// Rows:
//   p_<i>_<g>  prerequisite group g of candidate i: x_i <= Σ x_j over the group's candidates
//              (dropped when a member is held);
//   e_<g>      exclusive group g: Σ x_j <= 1 - (number of held members);
//   money, hours  the two budgets;
//   credit     threshold·z <= Σ credit·x − Σ shared·y + (the held items' counted credit);
//              the cap needs no row: min(cap, c) >= threshold holds exactly when
//              cap >= threshold and c >= threshold, so a cap below the threshold fixes z = 0;
//   core_<i>   z <= x_i for a core candidate (a held core item needs nothing);
//   el_<r>     min_count·z <= Σ x_j + (held members) for elective rule r.
// Objective: maximise Σ value·x + bonus·z (held items add no value).
// Integer coefficients are written exactly; CBC reads them as doubles, which is exact for
// magnitudes below 2^53.
#include "optimizer/lp_writer.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace credpath::optimizer {
namespace {

// CPLEX-LP readers limit line length, so long sums are wrapped.
constexpr int kTermsPerLine = 8;

using Terms = std::vector<std::pair<int64_t, std::string>>;

std::string XName(ItemIndex i) { return absl::StrCat("x_", i); }

void AppendTerms(const Terms& terms, std::string& out) {
  int on_line = 0;
  bool first = true;
  for (const auto& [coefficient, name] : terms) {
    if (on_line == kTermsPerLine) {
      out += "\n   ";
      on_line = 0;
    }
    if (first) {
      absl::StrAppend(&out, " ", coefficient, " ", name);
    } else if (coefficient < 0) {
      absl::StrAppend(&out, " - ", -coefficient, " ", name);
    } else {
      absl::StrAppend(&out, " + ", coefficient, " ", name);
    }
    first = false;
    ++on_line;
  }
}

// The terms with one entry per variable (LP readers reject a variable named twice in a
// row), in order of first appearance; zero coefficients dropped.
Terms Merged(const Terms& terms) {
  Terms merged;
  for (const auto& [coefficient, name] : terms) {
    auto it = std::find_if(merged.begin(), merged.end(),
                           [&](const auto& term) { return term.second == name; });
    if (it == merged.end()) {
      merged.emplace_back(coefficient, name);
    } else {
      it->first += coefficient;
    }
  }
  std::erase_if(merged, [](const auto& term) { return term.first == 0; });
  return merged;
}

// One linear row: Σ terms + constant (sense) rhs, with the constant folded into the rhs.
struct Row {
  std::string name;
  Terms terms;
  int64_t constant = 0;
  std::string sense;  // "<=", ">=" or "="
  int64_t rhs = 0;

  // Appends the row to `out`. A row without variables is always true (dropped) or always
  // false; a false one is kept as `1 one (sense) bound + 1`, the same row since one = 1, so
  // that the MILP is infeasible exactly when the model is. Sets *needs_one then.
  void Write(std::string& out, bool* needs_one) const {
    int64_t bound = rhs - constant;
    Terms written = Merged(terms);
    if (written.empty()) {
      const bool holds = sense == "<=" ? 0 <= bound : sense == ">=" ? 0 >= bound : bound == 0;
      if (holds) return;
      written.emplace_back(1, "one");
      bound += 1;
      *needs_one = true;
    }
    absl::StrAppend(&out, " ", name, ":");
    AppendTerms(written, out);
    absl::StrAppend(&out, " ", sense, " ", bound, "\n");
  }
};

// Deduplicated members of a group, as given (groups are sets).
std::vector<ItemIndex> Distinct(const std::vector<ItemIndex>& members) {
  std::vector<ItemIndex> distinct = members;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  return distinct;
}

}  // namespace

std::string WriteLp(const Problem& problem) {
  const auto& items = problem.items;
  const auto is_held = [&](ItemIndex i) { return items[i].held; };
  std::vector<Row> rows;
  std::vector<std::string> binaries;
  std::vector<std::string> fixed_zero;

  Terms objective;
  for (ItemIndex i = 0; i < static_cast<ItemIndex>(items.size()); ++i) {
    if (is_held(i)) continue;
    objective.emplace_back(items[i].value, XName(i));
    binaries.push_back(XName(i));
  }

  for (ItemIndex i = 0; i < static_cast<ItemIndex>(problem.prerequisite_groups.size()); ++i) {
    if (is_held(i)) continue;
    const auto& groups = problem.prerequisite_groups[i];
    for (size_t g = 0; g < groups.size(); ++g) {
      const std::vector<ItemIndex> members = Distinct(groups[g]);
      if (std::any_of(members.begin(), members.end(), is_held)) continue;
      Row row{absl::StrCat("p_", i, "_", g), {{1, XName(i)}}, 0, "<=", 0};
      for (ItemIndex j : members) row.terms.emplace_back(-1, XName(j));
      rows.push_back(std::move(row));
    }
  }

  for (size_t g = 0; g < problem.exclusive_groups.size(); ++g) {
    Row row{absl::StrCat("e_", g), {}, 0, "<=", 1};
    for (ItemIndex j : Distinct(problem.exclusive_groups[g])) {
      if (is_held(j)) {
        ++row.constant;
      } else {
        row.terms.emplace_back(1, XName(j));
      }
    }
    rows.push_back(std::move(row));
  }

  Row money{"money", {}, 0, "<=", problem.money_budget};
  Row hours{"hours", {}, 0, "<=", problem.hours_budget};
  for (ItemIndex i = 0; i < static_cast<ItemIndex>(items.size()); ++i) {
    if (is_held(i)) continue;
    if (items[i].fee != 0) money.terms.emplace_back(items[i].fee, XName(i));
    if (items[i].hours != 0) hours.terms.emplace_back(items[i].hours, XName(i));
  }
  rows.push_back(std::move(money));
  rows.push_back(std::move(hours));

  if (problem.target.has_value()) {
    const Target& target = *problem.target;
    objective.emplace_back(target.bonus, "z");
    binaries.push_back("z");
    if (target.credit_cap > 0 && target.credit_cap < target.credit_threshold) {
      fixed_zero.push_back("z");
    }

    // threshold·z − (counted credit) <= 0, with held terms folded into the constant.
    Row credit{"credit", {{target.credit_threshold, "z"}}, 0, "<=", 0};
    for (ItemIndex i = 0; i < static_cast<ItemIndex>(items.size()); ++i) {
      if (is_held(i)) {
        credit.constant -= items[i].credit;
      } else if (items[i].credit != 0) {
        credit.terms.emplace_back(-items[i].credit, XName(i));
      }
    }
    for (size_t k = 0; k < target.overlaps.size(); ++k) {
      const Overlap& overlap = target.overlaps[k];
      const bool a_held = is_held(overlap.a);
      const bool b_held = is_held(overlap.b);
      if (a_held && b_held) {
        credit.constant += overlap.shared_credit;
      } else if (a_held || b_held) {
        const ItemIndex other = a_held ? overlap.b : overlap.a;
        credit.terms.emplace_back(overlap.shared_credit, XName(other));
      } else {
        const std::string y = absl::StrCat("y_", k);
        binaries.push_back(y);
        credit.terms.emplace_back(overlap.shared_credit, y);
        rows.push_back(Row{absl::StrCat("ya_", k), {{1, y}, {-1, XName(overlap.a)}}, 0, "<=", 0});
        rows.push_back(Row{absl::StrCat("yb_", k), {{1, y}, {-1, XName(overlap.b)}}, 0, "<=", 0});
        rows.push_back(Row{absl::StrCat("yab_", k),
                           {{1, y}, {-1, XName(overlap.a)}, {-1, XName(overlap.b)}},
                           0,
                           ">=",
                           -1});
      }
    }
    rows.push_back(std::move(credit));

    for (ItemIndex c : Distinct(target.core)) {
      if (is_held(c)) continue;
      rows.push_back(Row{absl::StrCat("core_", c), {{1, "z"}, {-1, XName(c)}}, 0, "<=", 0});
    }
    for (size_t r = 0; r < target.electives.size(); ++r) {
      const ElectiveRule& rule = target.electives[r];
      Row row{absl::StrCat("el_", r), {{rule.min_count, "z"}}, 0, "<=", 0};
      for (ItemIndex j : Distinct(rule.items)) {
        if (is_held(j)) {
          --row.constant;
        } else {
          row.terms.emplace_back(-1, XName(j));
        }
      }
      rows.push_back(std::move(row));
    }
  }

  std::string out =
      absl::StrCat("\\ credpath pathway problem: ", items.size(), " items\nMaximize\n obj:");
  bool needs_one = false;
  if (objective.empty()) {
    // Nothing to choose: the objective is the constant 0, written over `one`.
    objective.emplace_back(0, "one");
    needs_one = true;
  }
  AppendTerms(objective, out);
  out += "\nSubject To\n";
  for (const Row& row : rows) row.Write(out, &needs_one);
  out += "Bounds\n";
  for (const std::string& name : fixed_zero) absl::StrAppend(&out, " ", name, " = 0\n");
  if (needs_one) out += " one = 1\n";
  if (!binaries.empty()) {
    out += "Binaries\n";
    for (size_t k = 0; k < binaries.size(); ++k) {
      absl::StrAppend(&out, " ", binaries[k]);
      if ((k + 1) % kTermsPerLine == 0 || k + 1 == binaries.size()) out += "\n";
    }
  }
  out += "End\n";
  return out;
}

}  // namespace credpath::optimizer
