#include "services/catalog_service.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "core/field_violations.h"
#include "graph/snapshot.h"
#include "services/catalog_import.h"
#include "core/status_macros.h"
#include "services/convert_list.h"
#include "services/pagination.h"
#include "services/unary_call.h"

namespace credpath::services {
namespace {

void CopyIds(const google::protobuf::RepeatedPtrField<std::string>& in, std::vector<std::string>* out) {
  out->assign(in.begin(), in.end());
}

absl::Status RequireId(const std::string& id, const std::string& field = "id") {
  if (id.empty()) return core::InvalidField(field, "must not be empty");
  return absl::OkStatus();
}

absl::Status NotFound(const std::string& kind, const std::string& id) {
  return absl::NotFoundError(kind + " \"" + id + "\" not found");
}

absl::StatusOr<PageStart> StartPage(int32_t page_size, const std::string& page_token,
                                    const std::string& fingerprint) {
  return DecodePageRequest({page_size, page_token, fingerprint});
}

std::string LinkSortKey(const core::Link& link) {
  // Links are ordered by (from, to, type, group); the page token carries this key.
  return link.from_id + '\x1f' + link.to_id + '\x1f' + std::to_string(static_cast<int>(link.type)) +
         '\x1f' + std::to_string(link.group);
}

}  // namespace

template <typename Respond>
grpc::ServerUnaryReactor* CatalogServiceImpl::Write(grpc::CallbackServerContext* context,
                                                    absl::StatusOr<storage::CatalogWrite> write,
                                                    Respond respond) {
  if (!write.ok()) return FinishInline(context, [&] { return write.status(); });
  return FinishOnPool(context, pool_,
                      [this, write = std::move(*write), respond]() mutable -> absl::Status {
                        absl::StatusOr<int64_t> version = catalog_->Write(write);
                        if (!version.ok()) return version.status();
                        respond(*version);
                        return absl::OkStatus();
                      });
}

// --- providers -------------------------------------------------------------------------

grpc::ServerUnaryReactor* CatalogServiceImpl::UpsertProviders(
    grpc::CallbackServerContext* context, const v1::UpsertProvidersRequest* request,
    v1::UpsertProvidersResponse* response) {
  core::FieldViolations violations;
  storage::CatalogWrite write;
  ConvertList(request->providers(), "providers", &write.upsert_providers, &violations);
  if (request->providers().empty()) violations.Add("providers", "must not be empty");
  absl::StatusOr<storage::CatalogWrite> checked = violations.empty()
      ? absl::StatusOr<storage::CatalogWrite>(std::move(write)) : violations.ToStatus();
  return Write(context, std::move(checked), [request, response](int64_t version) {
    *response->mutable_providers() = request->providers();
    response->set_catalog_version(version);
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::GetProvider(grpc::CallbackServerContext* context,
                                                          const v1::GetProviderRequest* request,
                                                          v1::Provider* response) {
  return FinishInline(context, [&]() -> absl::Status {
    RETURN_IF_ERROR(RequireId(request->id()));
    auto snapshot = catalog_->snapshot();
    const core::Provider* found = snapshot->FindProvider(request->id());
    if (found == nullptr) return NotFound("provider", request->id());
    ToProto(*found, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::ListProviders(grpc::CallbackServerContext* context,
                                                            const v1::ListProvidersRequest* request,
                                                            v1::ListProvidersResponse* response) {
  return FinishInline(context, [&]() -> absl::Status {
    const std::string fingerprint =
        "providers|" + (request->has_quality_assured()
                            ? std::string(request->quality_assured() ? "qa" : "not-qa") : "");
    ASSIGN_OR_RETURN(PageStart start, StartPage(request->page_size(), request->page_token(), fingerprint));
    auto keep = [&](const core::Provider& p) {
      return !request->has_quality_assured() || p.quality_assured == request->quality_assured();
    };
    auto snapshot = catalog_->snapshot();
    std::string next;
    for (const core::Provider* p : Paginate(snapshot->providers(), start, fingerprint,
                                            [](const core::Provider& p) { return p.id; }, keep, &next)) {
      ToProto(*p, response->add_providers());
    }
    response->set_next_page_token(next);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::DeleteProvider(grpc::CallbackServerContext* context,
                                                             const v1::DeleteProviderRequest* request,
                                                             v1::DeleteProviderResponse* response) {
  storage::CatalogWrite write;
  write.delete_providers.push_back(request->id());
  absl::StatusOr<storage::CatalogWrite> checked =
      request->id().empty() ? RequireId("", "id") : absl::StatusOr<storage::CatalogWrite>(write);
  return Write(context, std::move(checked),
               [response](int64_t version) { response->set_catalog_version(version); });
}

// --- credentials -----------------------------------------------------------------------

grpc::ServerUnaryReactor* CatalogServiceImpl::UpsertCredentials(
    grpc::CallbackServerContext* context, const v1::UpsertCredentialsRequest* request,
    v1::UpsertCredentialsResponse* response) {
  core::FieldViolations violations;
  storage::CatalogWrite write;
  ConvertList(request->credentials(), "credentials", &write.upsert_credentials, &violations);
  if (request->credentials().empty()) violations.Add("credentials", "must not be empty");
  absl::StatusOr<storage::CatalogWrite> checked = violations.empty()
      ? absl::StatusOr<storage::CatalogWrite>(std::move(write)) : violations.ToStatus();
  return Write(context, std::move(checked), [request, response](int64_t version) {
    *response->mutable_credentials() = request->credentials();
    response->set_catalog_version(version);
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::GetCredential(grpc::CallbackServerContext* context,
                                                            const v1::GetCredentialRequest* request,
                                                            v1::Credential* response) {
  return FinishInline(context, [&]() -> absl::Status {
    RETURN_IF_ERROR(RequireId(request->id()));
    auto snapshot = catalog_->snapshot();
    const core::Credential* found = snapshot->FindCredential(request->id());
    if (found == nullptr) return NotFound("credential", request->id());
    ToProto(*found, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::ListCredentials(
    grpc::CallbackServerContext* context, const v1::ListCredentialsRequest* request,
    v1::ListCredentialsResponse* response) {
  return FinishInline(context, [&]() -> absl::Status {
    if (request->min_level() < 0) return core::InvalidField("min_level", "must be >= 0");
    if (request->max_level() < 0) return core::InvalidField("max_level", "must be >= 0");
    if (request->max_level() > 0 && request->max_level() < request->min_level()) {
      return core::InvalidField("max_level", "must be >= min_level");
    }
    const std::string title = absl::AsciiStrToLower(request->title_contains());
    const std::string fingerprint = "credentials|" + request->provider_id() + "|" + request->field() +
                                    "|" + std::to_string(request->min_level()) + "|" +
                                    std::to_string(request->max_level()) + "|" +
                                    std::to_string(request->delivery_mode()) + "|" + title;
    ASSIGN_OR_RETURN(PageStart start, StartPage(request->page_size(), request->page_token(), fingerprint));
    auto keep = [&](const core::Credential& c) {
      if (!request->provider_id().empty() && c.provider_id != request->provider_id()) return false;
      if (!request->field().empty() &&
          std::find(c.fields.begin(), c.fields.end(), request->field()) == c.fields.end()) {
        return false;
      }
      if (request->min_level() > 0 && c.level.value < request->min_level()) return false;
      if (request->max_level() > 0 && c.level.value > request->max_level()) return false;
      if (request->delivery_mode() != 0 &&
          static_cast<int>(c.delivery_mode) != static_cast<int>(request->delivery_mode())) {
        return false;
      }
      return title.empty() || absl::StrContains(absl::AsciiStrToLower(c.title), title);
    };
    auto snapshot = catalog_->snapshot();
    std::string next;
    for (const core::Credential* c :
         Paginate(snapshot->credentials(), start, fingerprint,
                  [](const core::Credential& c) { return c.id; }, keep, &next)) {
      ToProto(*c, response->add_credentials());
    }
    response->set_next_page_token(next);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::DeleteCredential(
    grpc::CallbackServerContext* context, const v1::DeleteCredentialRequest* request,
    v1::DeleteCredentialResponse* response) {
  storage::CatalogWrite write;
  write.delete_credentials.push_back(request->id());
  absl::StatusOr<storage::CatalogWrite> checked =
      request->id().empty() ? RequireId("", "id") : absl::StatusOr<storage::CatalogWrite>(write);
  return Write(context, std::move(checked),
               [response](int64_t version) { response->set_catalog_version(version); });
}

// --- qualifications --------------------------------------------------------------------

grpc::ServerUnaryReactor* CatalogServiceImpl::UpsertQualifications(
    grpc::CallbackServerContext* context, const v1::UpsertQualificationsRequest* request,
    v1::UpsertQualificationsResponse* response) {
  core::FieldViolations violations;
  storage::CatalogWrite write;
  ConvertList(request->qualifications(), "qualifications", &write.upsert_qualifications, &violations);
  if (request->qualifications().empty()) violations.Add("qualifications", "must not be empty");
  absl::StatusOr<storage::CatalogWrite> checked = violations.empty()
      ? absl::StatusOr<storage::CatalogWrite>(std::move(write)) : violations.ToStatus();
  return Write(context, std::move(checked), [request, response](int64_t version) {
    *response->mutable_qualifications() = request->qualifications();
    response->set_catalog_version(version);
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::GetQualification(
    grpc::CallbackServerContext* context, const v1::GetQualificationRequest* request,
    v1::Qualification* response) {
  return FinishInline(context, [&]() -> absl::Status {
    RETURN_IF_ERROR(RequireId(request->id()));
    auto snapshot = catalog_->snapshot();
    const core::Qualification* found = snapshot->FindQualification(request->id());
    if (found == nullptr) return NotFound("qualification", request->id());
    ToProto(*found, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::ListQualifications(
    grpc::CallbackServerContext* context, const v1::ListQualificationsRequest* request,
    v1::ListQualificationsResponse* response) {
  return FinishInline(context, [&]() -> absl::Status {
    const std::string fingerprint =
        "qualifications|" + request->provider_id() + "|" + request->field();
    ASSIGN_OR_RETURN(PageStart start, StartPage(request->page_size(), request->page_token(), fingerprint));
    auto keep = [&](const core::Qualification& q) {
      return (request->provider_id().empty() || q.provider_id == request->provider_id()) &&
             (request->field().empty() ||
              std::find(q.fields.begin(), q.fields.end(), request->field()) != q.fields.end());
    };
    auto snapshot = catalog_->snapshot();
    std::string next;
    for (const core::Qualification* q :
         Paginate(snapshot->qualifications(), start, fingerprint,
                  [](const core::Qualification& q) { return q.id; }, keep, &next)) {
      ToProto(*q, response->add_qualifications());
    }
    response->set_next_page_token(next);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::DeleteQualification(
    grpc::CallbackServerContext* context, const v1::DeleteQualificationRequest* request,
    v1::DeleteQualificationResponse* response) {
  storage::CatalogWrite write;
  write.delete_qualifications.push_back(request->id());
  absl::StatusOr<storage::CatalogWrite> checked =
      request->id().empty() ? RequireId("", "id") : absl::StatusOr<storage::CatalogWrite>(write);
  return Write(context, std::move(checked),
               [response](int64_t version) { response->set_catalog_version(version); });
}

// --- links -----------------------------------------------------------------------------

grpc::ServerUnaryReactor* CatalogServiceImpl::UpsertLinks(grpc::CallbackServerContext* context,
                                                          const v1::UpsertLinksRequest* request,
                                                          v1::UpsertLinksResponse* response) {
  core::FieldViolations violations;
  storage::CatalogWrite write;
  ConvertList(request->links(), "links", &write.upsert_links, &violations);
  if (request->links().empty()) violations.Add("links", "must not be empty");
  absl::StatusOr<storage::CatalogWrite> checked = violations.empty()
      ? absl::StatusOr<storage::CatalogWrite>(std::move(write)) : violations.ToStatus();
  return Write(context, std::move(checked),
               [response](int64_t version) { response->set_catalog_version(version); });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::DeleteLinks(grpc::CallbackServerContext* context,
                                                          const v1::DeleteLinksRequest* request,
                                                          v1::DeleteLinksResponse* response) {
  core::FieldViolations violations;
  storage::CatalogWrite write;
  ConvertList(request->links(), "links", &write.delete_links, &violations);
  if (request->links().empty()) violations.Add("links", "must not be empty");
  absl::StatusOr<storage::CatalogWrite> checked = violations.empty()
      ? absl::StatusOr<storage::CatalogWrite>(std::move(write)) : violations.ToStatus();
  return Write(context, std::move(checked),
               [response](int64_t version) { response->set_catalog_version(version); });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::ListLinks(grpc::CallbackServerContext* context,
                                                        const v1::ListLinksRequest* request,
                                                        v1::ListLinksResponse* response) {
  return FinishInline(context, [&]() -> absl::Status {
    const std::string fingerprint = "links|" + request->from_id() + "|" + request->to_id() + "|" +
                                    std::to_string(request->type());
    ASSIGN_OR_RETURN(PageStart start, StartPage(request->page_size(), request->page_token(), fingerprint));
    auto keep = [&](const core::Link& l) {
      return (request->from_id().empty() || l.from_id == request->from_id()) &&
             (request->to_id().empty() || l.to_id == request->to_id()) &&
             (request->type() == 0 || static_cast<int>(l.type) == static_cast<int>(request->type()));
    };
    auto snapshot = catalog_->snapshot();
    std::string next;
    for (const core::Link* l : Paginate(snapshot->links(), start, fingerprint, LinkSortKey, keep, &next)) {
      ToProto(*l, response->add_links());
    }
    response->set_next_page_token(next);
    return absl::OkStatus();
  });
}

// --- batches, import, export, stats ----------------------------------------------------

grpc::ServerUnaryReactor* CatalogServiceImpl::BatchWriteCatalog(
    grpc::CallbackServerContext* context, const v1::BatchWriteCatalogRequest* request,
    v1::BatchWriteCatalogResponse* response) {
  core::FieldViolations violations;
  storage::CatalogWrite write;
  ConvertList(request->providers(), "providers", &write.upsert_providers, &violations);
  ConvertList(request->credentials(), "credentials", &write.upsert_credentials, &violations);
  ConvertList(request->qualifications(), "qualifications", &write.upsert_qualifications, &violations);
  ConvertList(request->links(), "links", &write.upsert_links, &violations);
  ConvertList(request->delete_links(), "delete_links", &write.delete_links, &violations);
  CopyIds(request->delete_provider_ids(), &write.delete_providers);
  CopyIds(request->delete_credential_ids(), &write.delete_credentials);
  CopyIds(request->delete_qualification_ids(), &write.delete_qualifications);
  absl::StatusOr<storage::CatalogWrite> checked = violations.empty()
      ? absl::StatusOr<storage::CatalogWrite>(std::move(write)) : violations.ToStatus();
  return Write(context, std::move(checked),
               [response](int64_t version) { response->set_catalog_version(version); });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::ImportCatalog(grpc::CallbackServerContext* context,
                                                            const v1::ImportCatalogRequest* request,
                                                            v1::ImportCatalogResponse* response) {
  if (request->format() != v1::CATALOG_FORMAT_NATIVE_JSON) {
    return FinishInline(context, [&] {
      return request->format() == v1::CATALOG_FORMAT_UNSPECIFIED
                 ? core::InvalidField("format", "must be set")
                 : absl::UnimplementedError("only CATALOG_FORMAT_NATIVE_JSON is implemented so far");
    });
  }
  return FinishOnPool(context, pool_, [this, request, response]() -> absl::Status {
    ASSIGN_OR_RETURN(ImportSummary summary,
                     ImportNativeJson(request->content(), request->replace(), catalog_));
    FillImportResponse(summary, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::ExportCatalog(grpc::CallbackServerContext* context,
                                                            const v1::ExportCatalogRequest* request,
                                                            v1::ExportCatalogResponse* response) {
  if (request->format() != v1::CATALOG_FORMAT_NATIVE_JSON) {
    return FinishInline(context, [&] {
      return request->format() == v1::CATALOG_FORMAT_UNSPECIFIED
                 ? core::InvalidField("format", "must be set")
                 : absl::UnimplementedError("only CATALOG_FORMAT_NATIVE_JSON is implemented so far");
    });
  }
  return FinishOnPool(context, pool_, [this, response]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string json, ExportNativeJson(*catalog_->snapshot()));
    response->set_content(std::move(json));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CatalogServiceImpl::GetCatalogStats(
    grpc::CallbackServerContext* context, const v1::GetCatalogStatsRequest*,
    v1::GetCatalogStatsResponse* response) {
  return FinishOnPool(context, pool_, [this, response]() -> absl::Status {
    FillCatalogStats(*catalog_->snapshot(), response);
    return absl::OkStatus();
  });
}

}  // namespace credpath::services
