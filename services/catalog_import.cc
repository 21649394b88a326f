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
