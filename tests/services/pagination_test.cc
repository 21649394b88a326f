#include "services/pagination.h"

#include <gtest/gtest.h>

#include "core/field_violations.h"

namespace credpath::services {
namespace {

struct Record {
  std::string id;
  int value;
};

std::vector<std::string> AllIds(const std::vector<Record>& records, int page_size,
                                const std::string& fingerprint, int keep_modulus) {
  std::vector<std::string> ids;
  std::string token;
  int pages = 0;
  do {
    absl::StatusOr<PageStart> start = DecodePageRequest({page_size, token, fingerprint});
    EXPECT_TRUE(start.ok()) << start.status();
    if (!start.ok()) break;
    auto page = Paginate(records, *start, fingerprint, [](const Record& r) { return r.id; },
                         [&](const Record& r) { return r.value % keep_modulus == 0; }, &token);
    EXPECT_LE(static_cast<int>(page.size()), page_size);
    for (const Record* r : page) ids.push_back(r->id);
    ++pages;
  } while (!token.empty() && pages < 1000);
  return ids;
}

TEST(PaginationTest, PagesToTheEndWithoutGapsOrRepeats) {
  std::vector<Record> records;
  for (int i = 0; i < 103; ++i) {
    char id[8];
    std::snprintf(id, sizeof(id), "c%03d", i);
    records.push_back({id, i});
  }
  for (int page_size : {1, 7, 50, 103, 200}) {
    for (int modulus : {1, 3}) {
      std::vector<std::string> expected;
      for (const Record& r : records) {
        if (r.value % modulus == 0) expected.push_back(r.id);
      }
      EXPECT_EQ(AllIds(records, page_size, "f", modulus), expected)
          << "page_size " << page_size << " modulus " << modulus;
    }
  }
}

TEST(PaginationTest, DefaultAndClampedSizes) {
  EXPECT_EQ(DecodePageRequest({0, "", ""})->size, kDefaultPageSize);
  EXPECT_EQ(DecodePageRequest({5000, "", ""})->size, kMaxPageSize);
}

TEST(PaginationTest, NegativePageSizeNamesTheField) {
  absl::Status status = DecodePageRequest({-1, "", ""}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(core::GetFieldViolations(status).size(), 1u);
  EXPECT_EQ(core::GetFieldViolations(status)[0].field, "page_size");
}

TEST(PaginationTest, RejectsForeignTokensAndChangedFilters) {
  std::string token = EncodePageToken("c010", "provider=p1");
  EXPECT_EQ(DecodePageRequest({10, token, "provider=p1"})->after_id, "c010");
  for (const std::string& bad : {std::string("not a token"), std::string("cDE=")}) {
    absl::Status status = DecodePageRequest({10, bad, "provider=p1"}).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    ASSERT_EQ(core::GetFieldViolations(status).size(), 1u);
    EXPECT_EQ(core::GetFieldViolations(status)[0].field, "page_token");
  }
  absl::Status changed = DecodePageRequest({10, token, "provider=p2"}).status();
  EXPECT_EQ(changed.code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace credpath::services
