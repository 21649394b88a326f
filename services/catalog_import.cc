#include "services/catalog_import.h"

#include <algorithm>

#include <google/protobuf/util/json_util.h>

#include "core/field_violations.h"
#include "core/status_macros.h"
#include "credpath/v1/resources.pb.h"
#include "services/convert_list.h"

namespace credpath::services {

absl::StatusOr<ImportSummary> ImportNativeJson(const std::string& json, bool replace,
                                               catalog::CatalogManager* catalog) {
  v1::CatalogDocument document;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;  // a misspelt field is an error, not silently lost
  auto parsed = google::protobuf::util::JsonStringToMessage(json, &document, options);
  if (!parsed.ok()) {
    return core::InvalidField("content", "not a native JSON catalogue: " + parsed.ToString());
  }
  core::FieldViolations violations;
  storage::CatalogWrite write;
  write.replace_all = replace;
  ConvertList(document.providers(), "providers", &write.upsert_providers, &violations);
  ConvertList(document.credentials(), "credentials", &write.upsert_credentials, &violations);
  ConvertList(document.qualifications(), "qualifications", &write.upsert_qualifications, &violations);
  ConvertList(document.links(), "links", &write.upsert_links, &violations);
  std::vector<core::Learner> learners;
  ConvertList(document.learners(), "learners", &learners, &violations);
  RETURN_IF_ERROR(violations.ToStatus());

  ImportSummary summary;
  summary.providers = static_cast<int64_t>(write.upsert_providers.size());
  summary.credentials = static_cast<int64_t>(write.upsert_credentials.size());
  summary.qualifications = static_cast<int64_t>(write.upsert_qualifications.size());
  summary.links = static_cast<int64_t>(write.upsert_links.size());
  summary.learners = static_cast<int64_t>(learners.size());
  ASSIGN_OR_RETURN(summary.catalog_version, catalog->Write(write));
  // Learners refer to the catalogue, so they are stored once it is committed. Each is its
  // own transaction: a bad learner is reported by its path, after the catalogue landed.
  for (size_t i = 0; i < learners.size(); ++i) {
    absl::Status stored = catalog->UpsertLearner(learners[i]);
    if (!stored.ok()) {
      return absl::Status(stored.code(), core::IndexPath("learners", i) + ": " +
                                             std::string(stored.message()));
    }
  }
  return summary;
}

absl::StatusOr<std::string> ExportNativeJson(const graph::CatalogSnapshot& snapshot) {
  v1::CatalogDocument document;
  for (const core::Provider& p : snapshot.providers()) ToProto(p, document.add_providers());
  for (const core::Credential& c : snapshot.credentials()) ToProto(c, document.add_credentials());
  for (const core::Qualification& q : snapshot.qualifications()) ToProto(q, document.add_qualifications());
  for (const core::Link& l : snapshot.links()) ToProto(l, document.add_links());
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  auto printed = google::protobuf::util::MessageToJsonString(document, &json, options);
  if (!printed.ok()) return absl::InternalError("cannot print the catalogue: " + printed.ToString());
  return json;
}

void FillImportResponse(const ImportSummary& summary, v1::ImportCatalogResponse* response) {
  response->set_catalog_version(summary.catalog_version);
  response->set_providers(summary.providers);
  response->set_credentials(summary.credentials);
  response->set_qualifications(summary.qualifications);
  response->set_links(summary.links);
  response->set_learners(summary.learners);
}

}  // namespace credpath::services

namespace credpath::services {
namespace {

// Up to `n` credential ids ordered by `key` (highest first, ties by id), zero keys left out.
template <typename Key>
std::vector<std::string> TopIds(const graph::CatalogSnapshot& snapshot,
                                const std::vector<graph::StructuralMetrics>& metrics, size_t n,
                                Key key) {
  std::vector<size_t> order;
  for (size_t i = 0; i < metrics.size(); ++i) {
    if (key(metrics[i]) > 0) order.push_back(i);
  }
  const size_t kept = std::min(n, order.size());
  std::partial_sort(order.begin(), order.begin() + kept, order.end(), [&](size_t a, size_t b) {
    if (key(metrics[a]) != key(metrics[b])) return key(metrics[a]) > key(metrics[b]);
    return snapshot.credentials()[a].id < snapshot.credentials()[b].id;
  });
  std::vector<std::string> ids;
  for (size_t i = 0; i < kept; ++i) ids.push_back(snapshot.credentials()[order[i]].id);
  return ids;
}

}  // namespace

void FillCatalogStats(const graph::CatalogSnapshot& snapshot, v1::GetCatalogStatsResponse* response) {
  response->set_catalog_version(snapshot.version());
  response->set_providers(static_cast<int64_t>(snapshot.providers().size()));
  response->set_credentials(static_cast<int64_t>(snapshot.credentials().size()));
  response->set_qualifications(static_cast<int64_t>(snapshot.qualifications().size()));
  response->set_links(static_cast<int64_t>(snapshot.links().size()));
  std::vector<graph::StructuralMetrics> metrics = graph::ComputeStructuralMetrics(snapshot);
  for (size_t i = 0; i < metrics.size(); ++i) {
    v1::CredentialMetrics* out = response->add_credential_metrics();
    out->set_credential_id(snapshot.credentials()[i].id);
    out->set_blocking_factor(metrics[i].blocking_factor);
    out->set_delay_factor(metrics[i].delay_factor);
    out->set_centrality(metrics[i].centrality);
    out->set_structural_complexity(metrics[i].structural_complexity);
  }
  for (std::string& id : TopIds(snapshot, metrics, 10,
                                [](const graph::StructuralMetrics& m) { return int64_t{m.blocking_factor}; })) {
    response->add_top_gateway_ids(std::move(id));
  }
  for (std::string& id : TopIds(snapshot, metrics, 10,
                                [](const graph::StructuralMetrics& m) { return m.centrality; })) {
    response->add_top_bottleneck_ids(std::move(id));
  }
}

}  // namespace credpath::services
