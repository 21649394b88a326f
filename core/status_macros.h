// Status propagation helpers: abseil 20220623 ships Status and StatusOr but no macros.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CREDPATH_CONCAT_INNER(a, b) a##b
#define CREDPATH_CONCAT(a, b) CREDPATH_CONCAT_INNER(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                   \
  do {                                          \
    ::absl::Status credpath_status_ = (expr);   \
    if (!credpath_status_.ok()) return credpath_status_; \
  } while (false)

#define CREDPATH_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return std::move(tmp).status();       \
  lhs = std::move(*tmp)

// `lhs = *expr` when `expr` (a StatusOr) is OK, else returns its status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  CREDPATH_ASSIGN_OR_RETURN_IMPL(CREDPATH_CONCAT(credpath_statusor_, __LINE__), lhs, expr)
