// CatalogService over real gRPC against the real server binary.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "credpath/v1/catalog_service.grpc.pb.h"
#include "tests/testing/records.h"
#include "tests/testing/server_process.h"
#include "tests/testing/status_details.h"

namespace credpath {
namespace {

using ::credpath::testing::MakeCredential;
using ::credpath::testing::MakeLink;
using ::credpath::testing::MakeProvider;
using ::credpath::testing::MakeQualification;
using ::credpath::testing::ViolatedFields;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;

class CatalogServiceTest : public ::testing::Test {
 protected:
  CatalogServiceTest()
      : server_(dir_.path() + "/catalog.db", {"--quiet"}),
        stub_(v1::CatalogService::NewStub(server_.channel())) {}

  grpc::Status Batch(const v1::BatchWriteCatalogRequest& request) {
    grpc::ClientContext context;
    v1::BatchWriteCatalogResponse response;
    return stub_->BatchWriteCatalog(&context, request, &response);
  }

  // A provider and `n` credentials c00..c(n-1).
  void Seed(int n) {
    v1::BatchWriteCatalogRequest request;
    *request.add_providers() = MakeProvider("p1");
    *request.add_providers() = MakeProvider("p2", false);
    for (int i = 0; i < n; ++i) {
      char id[8];
      std::snprintf(id, sizeof(id), "c%02d", i);
      v1::Credential c = MakeCredential(id, i % 2 ? "p1" : "p2", 4 + i % 4);
      if (i % 3 == 0) c.set_title("Data " + c.title());
      *request.add_credentials() = c;
    }
    ASSERT_TRUE(Batch(request).ok());
  }

  int64_t CountCredentials() {
    v1::ListCredentialsRequest request;
    request.set_page_size(1000);
    v1::ListCredentialsResponse response;
    grpc::ClientContext context;
    EXPECT_TRUE(stub_->ListCredentials(&context, request, &response).ok());
    return response.credentials_size();
  }

  testing::TempDir dir_;
  testing::ServerProcess server_;
  std::unique_ptr<v1::CatalogService::Stub> stub_;
};

TEST_F(CatalogServiceTest, UpsertThenGetReturnsEveryField) {
  v1::UpsertProvidersRequest providers;
  *providers.add_providers() = MakeProvider("p1");
  *providers.add_providers() = MakeProvider("p2", false);
  v1::UpsertProvidersResponse providers_response;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->UpsertProviders(&c1, providers, &providers_response).ok());
  EXPECT_EQ(providers_response.catalog_version(), 1);

  v1::Credential credential = MakeCredential("c1", "p1");
  credential.set_partner_provider_id("p2");
  credential.set_delivery_mode(v1::DELIVERY_MODE_MOSTLY_ONSITE);
  credential.set_onsite_days(3);
  credential.set_pacing(v1::PACING_SCHEDULED);
  auto* offering = credential.add_offerings();
  offering->set_term("2027-autumn");
  offering->set_start("2027-03-01");
  credential.set_valid_from("2026-01-01");
  credential.mutable_benefits()->set_summative_assessment(true);
  credential.mutable_benefits()->set_identity_verified(true);
  v1::UpsertCredentialsRequest request;
  *request.add_credentials() = credential;
  v1::UpsertCredentialsResponse response;
  grpc::ClientContext c2;
  grpc::Status status = stub_->UpsertCredentials(&c2, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.catalog_version(), 2);

  v1::GetCredentialRequest get;
  get.set_id("c1");
  v1::Credential fetched;
  grpc::ClientContext c3;
  ASSERT_TRUE(stub_->GetCredential(&c3, get, &fetched).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(fetched, credential)) << fetched.DebugString();
}

TEST_F(CatalogServiceTest, UnknownIdsAreNotFound) {
  Seed(1);
  grpc::ClientContext c1, c2, c3;
  v1::Credential credential;
  v1::GetCredentialRequest get;
  get.set_id("nope");
  grpc::Status status = stub_->GetCredential(&c1, get, &credential);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("nope"));
  v1::GetProviderRequest get_provider;
  get_provider.set_id("nope");
  v1::Provider provider;
  EXPECT_EQ(stub_->GetProvider(&c2, get_provider, &provider).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::DeleteCredentialRequest remove;
  remove.set_id("nope");
  v1::DeleteCredentialResponse removed;
  EXPECT_EQ(stub_->DeleteCredential(&c3, remove, &removed).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CatalogServiceTest, ListPagesToTheEndWithFilters) {
  Seed(30);
  for (int page_size : {1, 7, 30, 100}) {
    std::vector<std::string> ids;
    std::string token;
    int pages = 0;
    do {
      v1::ListCredentialsRequest request;
      request.set_page_size(page_size);
      request.set_page_token(token);
      v1::ListCredentialsResponse response;
      grpc::ClientContext context;
      ASSERT_TRUE(stub_->ListCredentials(&context, request, &response).ok());
      ASSERT_LE(response.credentials_size(), page_size);
      for (const auto& c : response.credentials()) ids.push_back(c.id());
      token = response.next_page_token();
      ++pages;
    } while (!token.empty());
    ASSERT_EQ(ids.size(), 30u) << "page_size " << page_size;
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
    EXPECT_EQ(pages, (30 + page_size - 1) / page_size);  // no empty last page
  }
  v1::ListCredentialsRequest filtered;
  filtered.set_provider_id("p1");
  filtered.set_min_level(5);
  filtered.set_title_contains("data");
  v1::ListCredentialsResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->ListCredentials(&context, filtered, &response).ok());
  ASSERT_GT(response.credentials_size(), 0);
  for (const auto& c : response.credentials()) {
    EXPECT_EQ(c.provider_id(), "p1");
    EXPECT_GE(c.level().value(), 5);
    EXPECT_THAT(c.title(), HasSubstr("Data"));
  }
}

TEST_F(CatalogServiceTest, PageTokenOfOtherFiltersIsRejected) {
  Seed(5);
  v1::ListCredentialsRequest request;
  request.set_page_size(2);
  v1::ListCredentialsResponse response;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->ListCredentials(&c1, request, &response).ok());
  request.set_page_token(response.next_page_token());
  request.set_provider_id("p1");
  grpc::ClientContext c2;
  grpc::Status status = stub_->ListCredentials(&c2, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"page_token"});
}

// Each bad field is reported by its request path, in the message and as a BadRequest.
TEST_F(CatalogServiceTest, BadFieldsAreNamed) {
  Seed(0);
  struct Case {
    std::string field;
    std::function<void(v1::Credential*)> breaks;
  };
  std::vector<Case> cases = {
      {"credentials[0].fee.minor_units",
       [](v1::Credential* c) { c->mutable_fee()->set_minor_units(-1); }},
      {"credentials[0].id", [](v1::Credential* c) { c->set_id(""); }},
      {"credentials[0].title", [](v1::Credential* c) { c->set_title(""); }},
      {"credentials[0].effort_hours", [](v1::Credential* c) { c->set_effort_hours(-5); }},
      {"credentials[0].valid_from", [](v1::Credential* c) { c->set_valid_from("2026-02-30"); }},
      {"credentials[0].fee.currency",
       [](v1::Credential* c) { c->mutable_fee()->set_currency("dollars"); }},
  };
  for (const Case& test : cases) {
    v1::BatchWriteCatalogRequest request;
    v1::Credential credential = MakeCredential("c1", "p1");
    test.breaks(&credential);
    *request.add_credentials() = credential;
    grpc::Status status = Batch(request);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << test.field;
    EXPECT_THAT(status.error_message(), HasSubstr(test.field));
    EXPECT_THAT(ViolatedFields(status), ::testing::Contains(test.field));
  }
  EXPECT_EQ(CountCredentials(), 0);
}

TEST_F(CatalogServiceTest, RejectedBatchChangesNothing) {
  Seed(3);
  v1::BatchWriteCatalogRequest request;
  *request.add_credentials() = MakeCredential("new1", "p1");
  *request.add_credentials() = MakeCredential("new2", "p1");
  v1::Credential renamed = MakeCredential("c00", "p1");
  renamed.set_title("Renamed");
  *request.add_credentials() = renamed;
  *request.add_credentials() = MakeCredential("bad", "no-such-provider");
  grpc::Status status = Batch(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("no-such-provider"));
  EXPECT_EQ(CountCredentials(), 3);
  v1::GetCredentialRequest get;
  get.set_id("c00");
  v1::Credential fetched;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->GetCredential(&context, get, &fetched).ok());
  EXPECT_NE(fetched.title(), "Renamed");
}

TEST_F(CatalogServiceTest, LinkClosingACycleIsRejectedWithTheCycleNamed) {
  Seed(3);
  v1::BatchWriteCatalogRequest chain;
  *chain.add_links() = MakeLink("c00", "c01", v1::LINK_TYPE_LEADS_TO, 1);
  *chain.add_links() = MakeLink("c01", "c02", v1::LINK_TYPE_LEADS_TO, 1);
  ASSERT_TRUE(Batch(chain).ok());
  v1::BatchWriteCatalogRequest closing;
  *closing.add_links() = MakeLink("c02", "c00", v1::LINK_TYPE_LEADS_TO, 1);
  grpc::Status status = Batch(closing);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  for (const char* id : {"c00", "c01", "c02"}) EXPECT_THAT(status.error_message(), HasSubstr(id));
  v1::ListLinksRequest list;
  v1::ListLinksResponse links;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->ListLinks(&context, list, &links).ok());
  EXPECT_EQ(links.links_size(), 2);
}

TEST_F(CatalogServiceTest, DeletingWhatOthersReferenceNamesThem) {
  Seed(4);
  v1::DeleteProviderRequest request;
  request.set_id("p1");
  v1::DeleteProviderResponse response;
  grpc::ClientContext context;
  grpc::Status status = stub_->DeleteProvider(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("c01"));
  EXPECT_THAT(status.error_message(), HasSubstr("c03"));
}

TEST_F(CatalogServiceTest, QualificationsLinksAndStats) {
  Seed(4);
  v1::BatchWriteCatalogRequest request;
  *request.add_qualifications() = MakeQualification("q1", "p1");
  *request.add_links() = MakeLink("c00", "q1", v1::LINK_TYPE_CREDIT_TOWARD);
  *request.add_links() = MakeLink("c00", "c01", v1::LINK_TYPE_LEADS_TO, 1);
  *request.add_links() = MakeLink("c01", "c02", v1::LINK_TYPE_LEADS_TO, 1);
  grpc::Status written = Batch(request);
  ASSERT_TRUE(written.ok()) << written.error_message();

  v1::GetCatalogStatsResponse stats;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->GetCatalogStats(&context, {}, &stats).ok());
  EXPECT_EQ(stats.credentials(), 4);
  EXPECT_EQ(stats.qualifications(), 1);
  EXPECT_EQ(stats.links(), 3);
  bool saw_gateway = false;
  for (const auto& m : stats.credential_metrics()) {
    if (m.credential_id() == "c00") {
      saw_gateway = true;
      EXPECT_EQ(m.blocking_factor(), 2);  // c01 and c02 depend on it
    }
  }
  EXPECT_TRUE(saw_gateway);
}

TEST_F(CatalogServiceTest, ExportThenImportReproducesTheCatalogue) {
  Seed(6);
  v1::ExportCatalogRequest export_request;
  export_request.set_format(v1::CATALOG_FORMAT_NATIVE_JSON);
  v1::ExportCatalogResponse exported;
  grpc::ClientContext c1;
  ASSERT_TRUE(stub_->ExportCatalog(&c1, export_request, &exported).ok());

  v1::ImportCatalogRequest import_request;
  import_request.set_format(v1::CATALOG_FORMAT_NATIVE_JSON);
  import_request.set_content(exported.content());
  import_request.set_replace(true);
  v1::ImportCatalogResponse imported;
  grpc::ClientContext c2;
  grpc::Status status = stub_->ImportCatalog(&c2, import_request, &imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(imported.credentials(), 6);

  v1::ExportCatalogResponse again;
  grpc::ClientContext c3;
  ASSERT_TRUE(stub_->ExportCatalog(&c3, export_request, &again).ok());
  EXPECT_EQ(again.content(), exported.content());

  import_request.set_content("{\"credentials\": [ {\"id\": 5 ");
  grpc::ClientContext c4;
  EXPECT_EQ(stub_->ImportCatalog(&c4, import_request, &imported).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// A reader never sees half a batch: every batch retitles the same 20 credentials, so any
// one list call (one snapshot) must see a single title across them. The seeded titles
// differ, so the first retitling happens before the reader starts.
TEST_F(CatalogServiceTest, ReadersNeverSeeHalfABatch) {
  Seed(20);
  auto retitle = [&](int round) {
    v1::BatchWriteCatalogRequest request;
    for (int i = 0; i < 20; ++i) {
      char id[8];
      std::snprintf(id, sizeof(id), "c%02d", i);
      v1::Credential c = MakeCredential(id, i % 2 ? "p1" : "p2");
      c.set_title("round " + std::to_string(round));
      *request.add_credentials() = c;
    }
    return Batch(request);
  };
  ASSERT_TRUE(retitle(0).ok());
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int round = 1; round < 40 && !HasFailure(); ++round) EXPECT_TRUE(retitle(round).ok());
    done = true;
  });
  int checks = 0;
  bool mixed = false;
  while ((!done || checks < 10) && !mixed) {
    v1::ListCredentialsRequest request;
    request.set_page_size(100);
    v1::ListCredentialsResponse response;
    grpc::ClientContext context;
    grpc::Status status = stub_->ListCredentials(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.credentials_size(), 20);
    for (const auto& c : response.credentials()) {
      if (c.title() != response.credentials(0).title()) mixed = true;
    }
    EXPECT_FALSE(mixed) << "mixed snapshot: " << response.DebugString();
    if (!status.ok()) break;
    ++checks;
  }
  done = true;
  writer.join();
}

}  // namespace
}  // namespace credpath
