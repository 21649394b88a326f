// The settings of one SQLite connection as SQLite reports them: read back from the
// connection rather than remembered, so a test can check what is really in force.
// A plain value type without sqlite3.h, so that code outside storage/sqlite/ can see it.
#pragma once

#include <cstdint>
#include <string>

namespace credpath::storage::sqlite {

struct ConnectionSettings {
  std::string journal_mode;  // "wal"
  int32_t synchronous = 0;   // 2 = FULL
  bool foreign_keys = false;
  int32_t busy_timeout_ms = 0;
  bool query_only = false;
};

}  // namespace credpath::storage::sqlite
