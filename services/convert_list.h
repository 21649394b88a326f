// Converting repeated API fields to domain vectors, each element with its request path
// ("credentials[3]"), on top of the per-message FromProto functions of convert.h.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/repeated_ptr_field.h>

#include "core/field_violations.h"
#include "services/convert.h"

namespace credpath::services {

template <typename Proto, typename Domain>
void ConvertList(const google::protobuf::RepeatedPtrField<Proto>& in, const std::string& name,
                 std::vector<Domain>* out, core::FieldViolations* violations) {
  out->reserve(out->size() + in.size());
  for (int i = 0; i < in.size(); ++i) {
    out->push_back(FromProto(in[i], core::IndexPath(name, i), violations));
  }
}

}  // namespace credpath::services
