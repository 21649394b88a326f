// Valid API records for tests that talk to the real server: every required field set, so
// that a test can break exactly one field and check the error names it.
#pragma once

#include <string>

#include "credpath/v1/resources.pb.h"

namespace credpath::testing {

inline v1::Provider MakeProvider(const std::string& id, bool quality_assured = true) {
  v1::Provider p;
  p.set_id(id);
  p.set_name("Provider " + id);
  p.set_standing(0.7);
  p.set_quality_assured(quality_assured);
  if (quality_assured) p.set_quality_assured_by("TEQSA");
  p.add_regions("AU");
  return p;
}

inline v1::Credential MakeCredential(const std::string& id, const std::string& provider_id,
                                     int level = 5) {
  v1::Credential c;
  c.set_id(id);
  c.set_title("Credential " + id);
  c.set_provider_id(provider_id);
  c.mutable_level()->set_framework(v1::LEVEL_FRAMEWORK_AQF);
  c.mutable_level()->set_value(level);
  c.add_fields("0613");
  c.add_skills("esco:S1.2.3");
  c.mutable_fee()->set_minor_units(45000);
  c.mutable_fee()->set_currency("AUD");
  c.set_effort_hours(30);
  c.set_delivery_mode(v1::DELIVERY_MODE_ONLINE);
  c.set_pacing(v1::PACING_ON_DEMAND);
  c.set_duration_weeks(6);
  c.set_language("en");
  return c;
}

inline v1::Qualification MakeQualification(const std::string& id, const std::string& provider_id) {
  v1::Qualification q;
  q.set_id(id);
  q.set_title("Qualification " + id);
  q.set_provider_id(provider_id);
  q.mutable_level()->set_framework(v1::LEVEL_FRAMEWORK_AQF);
  q.mutable_level()->set_value(8);
  q.add_fields("0613");
  q.set_credit_system(v1::CREDIT_SYSTEM_AQF_POINTS);
  q.set_credit_required(50);
  return q;
}

inline v1::Link MakeLink(const std::string& from, const std::string& to, v1::LinkType type,
                         int group = 0) {
  v1::Link l;
  l.set_from_id(from);
  l.set_to_id(to);
  l.set_type(type);
  l.set_group(group);
  if (type == v1::LINK_TYPE_CREDIT_TOWARD) l.set_credit_points(12);
  if (type == v1::LINK_TYPE_OVERLAPS) l.set_overlap_fraction(0.25);
  return l;
}

}  // namespace credpath::testing
