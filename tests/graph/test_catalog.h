// Small catalogues for the graph tests, written as a few lines each.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "storage/store.h"

namespace credpath::graph::testing {

inline core::Provider MakeProvider(std::string id) {
  core::Provider p;
  p.id = std::move(id);
  p.name = "Provider " + p.id;
  return p;
}

inline core::Credential MakeCredential(std::string id, std::string provider = "P") {
  core::Credential c;
  c.id = std::move(id);
  c.title = "Credential " + c.id;
  c.provider_id = std::move(provider);
  return c;
}

inline core::Qualification MakeQualification(std::string id, std::string provider = "P") {
  core::Qualification q;
  q.id = std::move(id);
  q.title = "Qualification " + q.id;
  q.provider_id = std::move(provider);
  return q;
}

inline core::Link MakeLink(std::string from, std::string to,
                           core::LinkType type = core::LinkType::kLeadsTo, int32_t group = 0) {
  core::Link l;
  l.from_id = std::move(from);
  l.to_id = std::move(to);
  l.type = type;
  l.group = group;
  return l;
}

// A rule node of a qualification's rule tree.
inline core::RuleNode Rule(std::string name, core::RuleKind kind, std::vector<std::string> items,
                           std::vector<core::RuleNode> children = {}) {
  core::RuleNode node;
  node.name = std::move(name);
  node.kind = kind;
  node.items = std::move(items);
  node.children = std::move(children);
  return node;
}

// One provider "P" and credentials with the given ids, linked by LEADS_TO edges.
inline storage::CatalogData MakeCatalog(
    const std::vector<std::string>& credential_ids,
    const std::vector<std::pair<std::string, std::string>>& prerequisites = {}) {
  storage::CatalogData data;
  data.providers.push_back(MakeProvider("P"));
  for (const std::string& id : credential_ids) data.credentials.push_back(MakeCredential(id));
  for (const auto& [from, to] : prerequisites) data.links.push_back(MakeLink(from, to));
  return data;
}

// The seed for randomised tests: CREDPATH_TEST_SEED when set, else a fixed one, so runs
// are deterministic and a failure can be replayed. Tests print it with SCOPED_TRACE.
inline uint64_t TestSeed() {
  const char* text = std::getenv("CREDPATH_TEST_SEED");
  return text != nullptr ? std::strtoull(text, nullptr, 10) : 20240611;
}

}  // namespace credpath::graph::testing
