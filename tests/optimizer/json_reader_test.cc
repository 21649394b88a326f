// The problem-file JSON reader: every kind of value, every error with its line and column,
// and agreement with nlohmann::json on random documents and on random mutations of them.
#include "optimizer/json_reader.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace credpath::optimizer {
namespace {

using Type = JsonValue::Type;

// `text` must outlive the document: pass literals or named strings.
JsonDocument ReadOk(std::string_view text) {
  absl::StatusOr<JsonDocument> document = JsonDocument::Read(text);
  EXPECT_TRUE(document.ok()) << document.status() << " reading " << text;
  if (!document.ok()) return std::move(*JsonDocument::Read("null"));
  return std::move(*document);
}

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<JsonDocument> document = JsonDocument::Read(text);
  if (document.ok()) return "(read)";
  EXPECT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(document.status().message());
}

TEST(JsonReader, ReadsEveryKindOfValue) {
  const std::string text = R"( {"a": [1, -0, 2.5, -1e-3, true, false, null, "x"],
    "b": {"c": {}}, "d": [], "e": "" } )";
  const JsonDocument document = ReadOk(text);
  const JsonValue root = document.root();
  ASSERT_TRUE(root.is_object());
  EXPECT_EQ(root.size(), 4u);
  const std::optional<JsonValue> a = root.Find("a");
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(a->is_array());
  EXPECT_EQ(a->size(), 8u);
  std::vector<JsonValue> elements;
  for (const JsonValue element : a->elements()) elements.push_back(element);
  ASSERT_EQ(elements.size(), 8u);
  EXPECT_EQ(elements[0].type(), Type::kInteger);
  EXPECT_EQ(elements[0].integer(), 1);
  EXPECT_EQ(elements[1].type(), Type::kInteger);
  EXPECT_EQ(elements[1].integer(), 0);
  EXPECT_TRUE(elements[1].negative());  // written "-0"
  EXPECT_FALSE(elements[0].negative());
  EXPECT_EQ(elements[2].type(), Type::kReal);
  EXPECT_EQ(elements[2].real(), 2.5);
  EXPECT_EQ(elements[3].real(), -1e-3);
  EXPECT_TRUE(elements[3].negative());
  EXPECT_EQ(elements[4].type(), Type::kBool);
  EXPECT_TRUE(elements[4].boolean());
  EXPECT_FALSE(elements[5].boolean());
  EXPECT_EQ(elements[6].type(), Type::kNull);
  EXPECT_EQ(elements[7].string(), "x");
  const std::optional<JsonValue> b = root.Find("b");
  ASSERT_TRUE(b.has_value());
  const std::optional<JsonValue> c = b->Find("c");
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->is_object());
  EXPECT_EQ(c->size(), 0u);
  EXPECT_EQ(root.Find("d")->size(), 0u);
  EXPECT_EQ(root.Find("e")->string(), "");
  EXPECT_FALSE(root.Find("z").has_value());
  EXPECT_FALSE(a->Find("a").has_value());  // not an object
}

TEST(JsonReader, IntegersAtAndBeyondTheLimitsOfInt64) {
  const JsonDocument document = ReadOk(
      "[9223372036854775807, -9223372036854775808, 9223372036854775808, "
      "-9223372036854775809, 123456789012345678901234567890]");
  std::vector<JsonValue> v;
  for (const JsonValue element : document.root().elements()) v.push_back(element);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(v[0].type(), Type::kInteger);
  EXPECT_EQ(v[0].integer(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(v[1].type(), Type::kInteger);
  EXPECT_EQ(v[1].integer(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(v[2].type(), Type::kLargeInteger);
  EXPECT_FALSE(v[2].negative());
  EXPECT_EQ(v[2].real(), 9223372036854775808.0);
  EXPECT_EQ(v[3].type(), Type::kLargeInteger);
  EXPECT_TRUE(v[3].negative());
  EXPECT_EQ(v[4].type(), Type::kLargeInteger);
  EXPECT_TRUE(v[4].is_integer());
  EXPECT_DOUBLE_EQ(v[4].real(), 1.2345678901234568e29);
}

TEST(JsonReader, RealsBelowTheRangeOfDoubleAreZeroAndAboveItAnError) {
  const JsonDocument document =
      ReadOk("[1e-400, -0.0000001e-400, 100e-401, 1000000e-307, 0.1e309, 1e-320]");
  std::vector<double> v;
  for (const JsonValue element : document.root().elements()) v.push_back(element.real());
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0], 0.0);
  EXPECT_EQ(v[1], 0.0);
  EXPECT_TRUE(std::signbit(v[1]));
  EXPECT_EQ(v[2], 0.0);
  EXPECT_EQ(v[3], 1e-301);
  EXPECT_EQ(v[4], 1e308);
  EXPECT_EQ(v[5], 1e-320);  // subnormal
  EXPECT_EQ(ErrorOf("[1, 1e400]"), "line 1, column 5: number out of the range of double");
  EXPECT_EQ(ErrorOf("-1e400"), "line 1, column 1: number out of the range of double");
  EXPECT_EQ(ErrorOf("0.001e99999999999999999999999"),
            "line 1, column 1: number out of the range of double");
  EXPECT_EQ(ErrorOf(std::string(400, '9')), "line 1, column 1: number out of the range of double");
  EXPECT_EQ(ErrorOf("[1e-99999999999999999999999]"), "(read)");
  // Exponents at the limit of int64, where the position arithmetic must not overflow.
  EXPECT_EQ(ErrorOf("1e9223372036854775807"),
            "line 1, column 1: number out of the range of double");
  EXPECT_EQ(ErrorOf("12345e9223372036854775807"),
            "line 1, column 1: number out of the range of double");
  EXPECT_EQ(ReadOk("0.0001e-9223372036854775807").root().real(), 0.0);
}

TEST(JsonReader, DecodesEscapesAndKeepsUtf8) {
  const JsonDocument document =
      ReadOk(R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20ac\ud83d\ude00", "é€😀", "plain", "\u0000"])");
  std::vector<std::string> v;
  for (const JsonValue element : document.root().elements()) {
    v.emplace_back(element.string());
  }
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(v[0], "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(v[1], "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
  EXPECT_EQ(v[2], v[1]);
  EXPECT_EQ(v[3], "plain");
  EXPECT_EQ(v[4], std::string(1, '\0'));
}

TEST(JsonReader, SkipsALeadingByteOrderMark) {
  EXPECT_EQ(ReadOk("\xef\xbb\xbf{\"a\": 1}").root().Find("a")->integer(), 1);
  EXPECT_EQ(ErrorOf("{\"a\": 1}\xef\xbb\xbf"),
            "line 1, column 9: unexpected byte 0xef after the value");
  EXPECT_EQ(ErrorOf("\xef\xbb"), "line 1, column 1: unexpected byte 0xef; expected a value");
}

// nlohmann stops at a NUL byte and accepts what follows; RFC 8259 has no such rule.
TEST(JsonReader, ANulByteIsAnError) {
  const std::string text("{\"a\": 1}\0junk", 13);
  EXPECT_TRUE(nlohmann::json::accept(text));
  EXPECT_EQ(ErrorOf(text), "line 1, column 9: unexpected byte 0x00 after the value");
}

TEST(JsonReader, ValuesSurviveAMoveOfTheirDocument) {
  absl::StatusOr<JsonDocument> read = JsonDocument::Read(R"({"k": [1, "two"]})");
  ASSERT_TRUE(read.ok());
  const JsonValue root = read->root();
  const JsonDocument moved = std::move(*read);
  const std::optional<JsonValue> k = root.Find("k");
  ASSERT_TRUE(k.has_value());
  EXPECT_EQ(k->size(), 2u);
  EXPECT_EQ((*++k->elements().begin()).string(), "two");
  EXPECT_EQ(moved.root().size(), 1u);
}

TEST(JsonReader, TheLastOfARepeatedKeyCounts) {
  const JsonDocument document = ReadOk(R"({"k": 1, "j": 2, "k": 3})");
  EXPECT_EQ(document.root().Find("k")->integer(), 3);
  EXPECT_EQ(document.root().Find("j")->integer(), 2);
}

TEST(JsonReader, ErrorsNameLineColumnAndReason) {
  struct Case {
    std::string text;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"", "line 1, column 1: unexpected end of input; expected a value"},
      {"   \n  ", "line 2, column 3: unexpected end of input; expected a value"},
      {"{\n  \"a\": tru\n}", "line 2, column 8: invalid literal; expected 'true'"},
      {"[1,]", "line 1, column 4: unexpected ']'; expected a value"},
      {"[1 2]", "line 1, column 4: unexpected '2'; expected ',' or ']'"},
      {"{\"a\": 1,}", "line 1, column 9: unexpected '}'; expected a member name (a string)"},
      {"{\"a\" 1}", "line 1, column 6: unexpected '1'; expected ':'"},
      {"{\"a\": 1 \"b\": 2}", "line 1, column 9: unexpected '\"'; expected ',' or '}'"},
      {"[1] x", "line 1, column 5: unexpected 'x' after the value"},
      {"01", "line 1, column 2: invalid number: a leading zero"},
      {"-", "line 1, column 2: invalid number; expected a digit"},
      {"1.", "line 1, column 3: invalid number; expected a digit"},
      {"1e+", "line 1, column 4: invalid number; expected a digit"},
      {"+1", "line 1, column 1: unexpected '+'; expected a value"},
      {"\"abc", "line 1, column 5: unterminated string"},
      {"\"a\tb\"", "line 1, column 3: control character U+0009 in a string; escape it"},
      {"\"\\x\"", "line 1, column 2: invalid escape: a backslash before 'x'"},
      {"\"a\\\xc3\xa9\"", "line 1, column 3: invalid escape: a backslash before byte 0xc3"},
      {"\"\\u12g4\"", "line 1, column 2: invalid \\u escape; expected four hex digits"},
      {"\"\\u12", "line 1, column 2: invalid \\u escape; expected four hex digits"},
      {"\"\\udc00\"", "line 1, column 2: invalid \\u escape: a lone low surrogate"},
      {"\"ab\\ud800x\"",
       "line 1, column 4: invalid \\u escape: a high surrogate without its low surrogate"},
      {"\"\\ud800\\u0041\"",
       "line 1, column 2: invalid \\u escape: a high surrogate without its low surrogate"},
      {"\"\\ud800\\u00g1\"", "line 1, column 8: invalid \\u escape; expected four hex digits"},
      {"\"\xff\"", "line 1, column 2: ill-formed UTF-8 sequence (from byte 0xff) in a string"},
      {"\"\xc0\xaf\"",
       "line 1, column 2: ill-formed UTF-8 sequence (from byte 0xc0) in a string"},  // overlong
      {"\"\xed\xa0\x80\"",
       "line 1, column 2: ill-formed UTF-8 sequence (from byte 0xed) in a string"},  // surrogate
      {"\"\xf4\x90\x80\x80\"",
       "line 1, column 2: ill-formed UTF-8 sequence (from byte 0xf4) in a string"},
      {"\"\xf5\x80\x80\x80\"",
       "line 1, column 2: ill-formed UTF-8 sequence (from byte 0xf5) in a string"},
      {"\"\x80\"", "line 1, column 2: ill-formed UTF-8 sequence (from byte 0x80) in a string"},
      {"\"\xe2\x82\"",
       "line 1, column 2: ill-formed UTF-8 sequence (from byte 0xe2) in a string"},  // truncated
      {"\x01", "line 1, column 1: unexpected byte 0x01; expected a value"},
      {"nul", "line 1, column 1: invalid literal; expected 'null'"},
  };
  for (const Case& c : cases) EXPECT_EQ(ErrorOf(c.text), c.error) << c.text;
}

TEST(JsonReader, NestingIsLimited) {
  const int limit = JsonDocument::kMaxDepth;
  const std::string deepest = std::string(limit, '[') + std::string(limit, ']');
  EXPECT_EQ(ErrorOf(deepest), "(read)");
  const std::string deeper = std::string(limit + 1, '[') + std::string(limit + 1, ']');
  EXPECT_EQ(ErrorOf(deeper), "line 1, column 129: nested deeper than 128");
  // A million brackets end in an error, not a stack overflow.
  EXPECT_NE(ErrorOf(std::string(1'000'000, '[')).find("nested deeper"), std::string::npos);
}

// A random value: containers to depth 4, strings with escapes and non-ASCII characters,
// integers of every size, reals.
nlohmann::json RandomValue(std::mt19937_64& rng, int depth) {
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  const int kind = depth >= 4 ? pick(6) : pick(8);
  switch (kind) {
    case 0:
      return nullptr;
    case 1:
      return pick(2) == 0;
    case 2: {
      // Every size of integer, int64's extremes and unsigned ones beyond it included.
      switch (pick(8)) {
        case 0:
          return std::numeric_limits<int64_t>::min();
        case 1:
          return std::numeric_limits<uint64_t>::max() - rng() % 1000;
        case 2:
          return (uint64_t{1} << 63) + rng() % (uint64_t{1} << 62);
        default: {
          const int bits = pick(64);
          const auto magnitude = static_cast<int64_t>(rng() >> (64 - bits - 1) >> 1);
          return pick(2) == 0 ? magnitude : -magnitude;
        }
      }
    }
    case 3:
      return static_cast<double>(static_cast<int64_t>(rng() % 2'000'001) - 1'000'000) /
             std::pow(10.0, pick(12) - 3);
    case 4:
    case 5: {
      static const std::vector<std::string> pieces = {"a",
                                                      "Z",
                                                      "0",
                                                      " ",
                                                      "\"",
                                                      "\\",
                                                      "/",
                                                      "\n",
                                                      "\t",
                                                      "\x01",
                                                      "\xc3\xa9",
                                                      "\xe2\x82\xac",
                                                      "\xf0\x9f\x98\x80"};
      std::string s;
      for (int k = pick(8); k > 0; --k) s += pieces[static_cast<size_t>(pick(13))];
      return s;
    }
    case 6: {
      nlohmann::json array = nlohmann::json::array();
      for (int k = pick(5); k > 0; --k) array.push_back(RandomValue(rng, depth + 1));
      return array;
    }
    default: {
      nlohmann::json object = nlohmann::json::object();
      for (int k = pick(5); k > 0; --k) {
        object[std::string(1, static_cast<char>('a' + pick(6)))] = RandomValue(rng, depth + 1);
      }
      return object;
    }
  }
}

void ExpectSame(const JsonValue& ours, const nlohmann::json& theirs, const std::string& where) {
  SCOPED_TRACE(where);
  switch (theirs.type()) {
    case nlohmann::json::value_t::null:
      EXPECT_EQ(ours.type(), Type::kNull);
      break;
    case nlohmann::json::value_t::boolean:
      ASSERT_EQ(ours.type(), Type::kBool);
      EXPECT_EQ(ours.boolean(), theirs.get<bool>());
      break;
    case nlohmann::json::value_t::number_integer:
      ASSERT_EQ(ours.type(), Type::kInteger);
      EXPECT_EQ(ours.integer(), theirs.get<int64_t>());
      break;
    case nlohmann::json::value_t::number_unsigned:
      if (theirs.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        ASSERT_EQ(ours.type(), Type::kInteger);
        EXPECT_EQ(ours.integer(), theirs.get<int64_t>());
      } else {
        ASSERT_EQ(ours.type(), Type::kLargeInteger);
        EXPECT_FALSE(ours.negative());
        EXPECT_EQ(ours.real(), static_cast<double>(theirs.get<uint64_t>()));
      }
      break;
    case nlohmann::json::value_t::number_float:
      ASSERT_TRUE(ours.is_number());
      EXPECT_EQ(ours.real(), theirs.get<double>());
      break;
    case nlohmann::json::value_t::string:
      ASSERT_TRUE(ours.is_string());
      EXPECT_EQ(ours.string(), theirs.get<std::string>());
      break;
    case nlohmann::json::value_t::array: {
      ASSERT_TRUE(ours.is_array());
      ASSERT_EQ(ours.size(), theirs.size());
      size_t k = 0;
      for (const JsonValue element : ours.elements()) {
        ExpectSame(element, theirs[k], where + "[" + std::to_string(k) + "]");
        ++k;
      }
      EXPECT_EQ(k, theirs.size());
      break;
    }
    case nlohmann::json::value_t::object:
      ASSERT_TRUE(ours.is_object());
      ASSERT_EQ(ours.size(), theirs.size());
      for (const auto& [key, value] : theirs.items()) {
        const std::optional<JsonValue> member = ours.Find(key);
        ASSERT_TRUE(member.has_value()) << key;
        ExpectSame(*member, value, where + "." + key);
      }
      break;
    default:
      FAIL() << "unexpected type";
  }
}

TEST(JsonReader, AgreesWithNlohmannOnRandomDocuments) {
  std::mt19937_64 rng(20261203);
  for (int round = 0; round < 2000; ++round) {
    const nlohmann::json value = RandomValue(rng, 0);
    const int indent = round % 3 == 0 ? -1 : 2;
    const bool ascii = round % 2 == 0;  // \uXXXX escapes, surrogate pairs included
    const std::string text = value.dump(indent, ' ', ascii);
    absl::StatusOr<JsonDocument> document = JsonDocument::Read(text);
    ASSERT_TRUE(document.ok()) << document.status() << " reading " << text;
    ExpectSame(document->root(), nlohmann::json::parse(text), "root");
    if (HasFatalFailure()) return;
  }
}

// Mutations of valid documents (a byte replaced, dropped or doubled) are accepted exactly
// when nlohmann accepts them. (Not NUL, where nlohmann stops reading: ANulByteIsAnError.)
TEST(JsonReader, AcceptsExactlyWhatNlohmannAccepts) {
  std::mt19937_64 rng(7);
  const std::string alphabet = "{}[],:\"\\/ 0123456789-+.eEtrufalsn\x01\x7f\xc3\xa9\xed\xff";
  int accepted = 0;
  int rejected = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = RandomValue(rng, 0).dump(round % 2 == 0 ? -1 : 1, ' ', round % 3 == 0);
    if (round % 50 == 0) text = "\xef\xbb\xbf" + text;  // a byte order mark, which both skip
    for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0 && !text.empty(); --edits) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          text.erase(at, 1);
          break;
        default:
          text.insert(at, 1, text[at]);
      }
    }
    const bool ours = JsonDocument::Read(text).ok();
    EXPECT_EQ(ours, nlohmann::json::accept(text)) << text;
    (ours ? accepted : rejected) += 1;
  }
  // Both outcomes are well represented, so the comparison means something.
  EXPECT_GT(accepted, 1000);
  EXPECT_GT(rejected, 1000);
}

}  // namespace
}  // namespace credpath::optimizer
