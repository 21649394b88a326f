// The native catalogue format: the protobuf JSON mapping of credpath.v1.CatalogDocument.
// Import turns a document into one atomic catalogue batch (plus its learners); export
// writes the current snapshot back as a document.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "catalog/catalog_manager.h"
#include "credpath/v1/catalog_service.pb.h"
#include "graph/snapshot.h"

namespace credpath::services {

struct ImportSummary {
  int64_t catalog_version = 0;
  int64_t providers = 0;
  int64_t credentials = 0;
  int64_t qualifications = 0;
  int64_t links = 0;
  int64_t learners = 0;
};

// Parses `json` (INVALID_ARGUMENT naming the position and the reason when it is not a
// CatalogDocument), validates and commits the catalogue as one batch (replacing the whole
// catalogue when `replace`), then stores the document's learners.
absl::StatusOr<ImportSummary> ImportNativeJson(const std::string& json, bool replace,
                                               catalog::CatalogManager* catalog);

absl::StatusOr<std::string> ExportNativeJson(const graph::CatalogSnapshot& snapshot);

void FillImportResponse(const ImportSummary& summary, v1::ImportCatalogResponse* response);

// Counts and each credential's structural metrics.
void FillCatalogStats(const graph::CatalogSnapshot& snapshot, v1::GetCatalogStatsResponse* response);

}  // namespace credpath::services
