#include "optimizer/json_reader.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace credpath::optimizer {

using Type = JsonValue::Type;

struct JsonContents {
  struct Node {
    Type type = Type::kNull;
    bool flag = false;    // kBool: the value; numbers: negative; kString: in decoded
    uint32_t end = 0;     // one past the last node of this value's subtree
    uint32_t size = 0;    // elements of an array, members of an object
    uint32_t offset = 0;  // kString: where its bytes start (text or decoded)
    uint32_t length = 0;  // kString: how many
    union {
      int64_t integer;  // kInteger
      double real;      // kLargeInteger, kReal
    };
    Node() : integer(0) {}
  };

  std::string_view text;
  std::string decoded;  // the strings with escapes
  std::vector<Node> nodes;
};

// One pass over the text, appending nodes in pre-order. Each step returns false after
// recording the first error; the caller turns it into a status.
class JsonReader {
 public:
  JsonReader(std::string_view text, JsonContents& contents)
      : text_(text), at_(text.data()), end_(text.data() + text.size()), contents_(contents) {}

  absl::Status Read() {
    // Node offsets and counts are 32-bit.
    if (text_.size() >= std::numeric_limits<uint32_t>::max()) {
      return absl::InvalidArgumentError("the text is longer than 4 GiB");
    }
    contents_.text = text_;
    contents_.nodes.reserve(text_.size() / 8 + 1);
    if (text_.substr(0, 3) == "\xef\xbb\xbf") at_ += 3;  // a UTF-8 byte order mark
    if (Value(0)) {
      SkipSpace();
      if (at_ == end_) return absl::OkStatus();
      Fail(absl::StrCat("unexpected ", Shown(), " after the value"));
    }
    return Error();
  }

 private:
  using Node = JsonContents::Node;

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  void SkipSpace() {
    while (at_ != end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
  }

  // The character at the reading position as an error message shows it.
  std::string Shown() const { return at_ == end_ ? "end of input" : Quoted(*at_); }

  static std::string Quoted(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) return absl::StrCat("'", std::string(1, c), "'");
    return absl::StrFormat("byte 0x%02x", byte);
  }

  bool Fail(std::string reason) {
    if (error_.empty()) {
      error_ = std::move(reason);
      error_at_ = static_cast<size_t>(at_ - text_.data());
    }
    return false;
  }

  absl::Status Error() const {
    size_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < error_at_; ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    return absl::InvalidArgumentError(
        absl::StrCat("line ", line, ", column ", error_at_ - line_start + 1, ": ", error_));
  }

  uint32_t Append(Type type) {
    contents_.nodes.emplace_back().type = type;
    return static_cast<uint32_t>(contents_.nodes.size() - 1);
  }

  void Close(uint32_t index) {
    contents_.nodes[index].end = static_cast<uint32_t>(contents_.nodes.size());
  }

  bool Value(int depth) {
    SkipSpace();
    if (at_ == end_) return Fail("unexpected end of input; expected a value");
    switch (*at_) {
      case '{':
        return Object(depth + 1);
      case '[':
        return Array(depth + 1);
      case '"':
        return String();
      case 't':
        return Literal("true", Type::kBool, true);
      case 'f':
        return Literal("false", Type::kBool, false);
      case 'n':
        return Literal("null", Type::kNull, false);
      default:
        if (*at_ == '-' || IsDigit(*at_)) return Number();
        return Fail(absl::StrCat("unexpected ", Shown(), "; expected a value"));
    }
  }

  bool Literal(std::string_view word, Type type, bool flag) {
    if (static_cast<size_t>(end_ - at_) < word.size() ||
        std::string_view(at_, word.size()) != word) {
      return Fail(absl::StrCat("invalid literal; expected '", std::string(word), "'"));
    }
    at_ += word.size();
    const uint32_t index = Append(type);
    contents_.nodes[index].flag = flag;
    Close(index);
    return true;
  }

  bool Array(int depth) {
    return Container(Type::kArray, ']', depth, [&] { return Value(depth); });
  }

  bool Object(int depth) {
    return Container(Type::kObject, '}', depth, [&] { return Member(depth); });
  }

  // At the opening bracket: the elements or members, each read by `read_one`, separated by
  // commas up to `close`.
  template <typename ReadOne>
  bool Container(Type type, char close, int depth, const ReadOne& read_one) {
    if (depth > JsonDocument::kMaxDepth) {
      return Fail(absl::StrCat("nested deeper than ", JsonDocument::kMaxDepth));
    }
    const uint32_t index = Append(type);
    ++at_;
    SkipSpace();
    uint32_t size = 0;
    if (at_ != end_ && *at_ == close) {
      ++at_;
    } else {
      while (true) {
        if (!read_one()) return false;
        ++size;
        SkipSpace();
        if (at_ != end_ && *at_ == ',') {
          ++at_;
          continue;
        }
        if (at_ != end_ && *at_ == close) {
          ++at_;
          break;
        }
        return Fail(absl::StrCat("unexpected ", Shown(), "; expected ',' or '",
                                 std::string(1, close), "'"));
      }
    }
    contents_.nodes[index].size = size;
    Close(index);
    return true;
  }

  bool Member(int depth) {
    SkipSpace();
    if (at_ == end_ || *at_ != '"') {
      return Fail(absl::StrCat("unexpected ", Shown(), "; expected a member name (a string)"));
    }
    if (!String()) return false;
    SkipSpace();
    if (at_ == end_ || *at_ != ':') {
      return Fail(absl::StrCat("unexpected ", Shown(), "; expected ':'"));
    }
    ++at_;
    return Value(depth);
  }

  // The length of the well-formed UTF-8 sequence of two to four bytes at at_ (Unicode
  // 15, table 3-7), or 0.
  size_t MultiByteLength() const {
    const auto byte = [&](size_t k) -> unsigned {
      return at_ + k < end_ ? static_cast<unsigned char>(at_[k]) : 0u;
    };
    const auto continuation = [&](size_t k) { return (byte(k) & 0xc0u) == 0x80u; };
    const unsigned lead = byte(0);
    const unsigned second = byte(1);
    if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
    if (lead >= 0xe0 && lead <= 0xef) {
      const bool second_ok = lead == 0xe0   ? second >= 0xa0 && second <= 0xbf
                             : lead == 0xed ? second >= 0x80 && second <= 0x9f
                                            : continuation(1);
      return second_ok && continuation(2) ? 3 : 0;
    }
    if (lead >= 0xf0 && lead <= 0xf4) {
      const bool second_ok = lead == 0xf0   ? second >= 0x90 && second <= 0xbf
                             : lead == 0xf4 ? second >= 0x80 && second <= 0x8f
                                            : continuation(1);
      return second_ok && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
  }

  // Reads the four hex digits after the "\\u" at `escape`; errors point at `escape`.
  bool HexQuad(const char* escape, uint32_t* code) {
    uint32_t value = 0;
    for (int k = 0; k < 4; ++k, ++at_) {
      const int digit = at_ == end_                    ? -1
                        : IsDigit(*at_)                ? *at_ - '0'
                        : (*at_ >= 'a' && *at_ <= 'f') ? *at_ - 'a' + 10
                        : (*at_ >= 'A' && *at_ <= 'F') ? *at_ - 'A' + 10
                                                       : -1;
      if (digit < 0) {
        at_ = escape;
        return Fail("invalid \\u escape; expected four hex digits");
      }
      value = value * 16 + static_cast<uint32_t>(digit);
    }
    *code = value;
    return true;
  }

  // Appends code point `code` (at most U+10FFFF, no surrogate) as UTF-8.
  static void AppendUtf8(uint32_t code, std::string& out) {
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
      return;
    }
    const int continuations = code < 0x800 ? 1 : code < 0x10000 ? 2 : 3;
    const uint32_t lead = continuations == 1 ? 0xc0 : continuations == 2 ? 0xe0 : 0xf0;
    out.push_back(static_cast<char>(lead | (code >> (6 * continuations))));
    for (int k = continuations - 1; k >= 0; --k) {
      out.push_back(static_cast<char>(0x80 | ((code >> (6 * k)) & 0x3f)));
    }
  }

  // At the backslash: appends what the escape stands for to `decoded`. Errors point at
  // the backslash.
  bool Escape(std::string& decoded) {
    const char* escape = at_++;
    if (at_ == end_) return Fail("unterminated string");
    const char c = *at_++;
    if (c != 'u') {
      const char* const kEscaped = "\"\\/bfnrt";
      const char* const kMeant = "\"\\/\b\f\n\r\t";
      const char* found = std::strchr(kEscaped, c);
      if (c == '\0' || found == nullptr) {
        at_ = escape;
        return Fail(absl::StrCat("invalid escape: a backslash before ", Quoted(c)));
      }
      decoded.push_back(kMeant[found - kEscaped]);
      return true;
    }
    uint32_t code = 0;
    if (!HexQuad(escape, &code)) return false;
    if (code >= 0xdc00 && code <= 0xdfff) {
      at_ = escape;
      return Fail("invalid \\u escape: a lone low surrogate");
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      uint32_t low = 0;
      const char* second = at_;
      if (end_ - at_ < 2 || at_[0] != '\\' || at_[1] != 'u') {
        at_ = escape;
        return Fail("invalid \\u escape: a high surrogate without its low surrogate");
      }
      at_ += 2;
      if (!HexQuad(second, &low)) return false;
      if (low < 0xdc00 || low > 0xdfff) {
        at_ = escape;
        return Fail("invalid \\u escape: a high surrogate without its low surrogate");
      }
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
    }
    AppendUtf8(code, decoded);
    return true;
  }

  // At the opening quote. A string without escapes stays a view into the text; the first
  // escape moves it into decoded_.
  bool String() {
    ++at_;
    const char* start = at_;
    std::string& decoded = contents_.decoded;
    size_t decoded_start = 0;
    bool escaped = false;
    while (true) {
      if (at_ == end_) return Fail("unterminated string");
      const auto c = static_cast<unsigned char>(*at_);
      if (c == '"') break;
      if (c == '\\') {
        if (!escaped) {
          escaped = true;
          decoded_start = decoded.size();
          decoded.append(start, at_);
        }
        if (!Escape(decoded)) return false;
        continue;
      }
      size_t length = 1;
      if (c < 0x20) {
        return Fail(absl::StrFormat("control character U+%04X in a string; escape it", c));
      }
      if (c >= 0x80) {
        length = MultiByteLength();
        if (length == 0) {
          return Fail(
              absl::StrFormat("ill-formed UTF-8 sequence (from byte 0x%02x) in a string", c));
        }
      }
      if (escaped) decoded.append(at_, length);
      at_ += length;
    }
    const uint32_t index = Append(Type::kString);
    Node& node = contents_.nodes[index];
    node.flag = escaped;
    if (escaped) {
      node.offset = static_cast<uint32_t>(decoded_start);
      node.length = static_cast<uint32_t>(decoded.size() - decoded_start);
    } else {
      node.offset = static_cast<uint32_t>(start - text_.data());
      node.length = static_cast<uint32_t>(at_ - start);
    }
    ++at_;  // the closing quote
    Close(index);
    return true;
  }

  bool Number() {
    const char* start = at_;
    const bool negative = *at_ == '-';
    if (negative) ++at_;
    if (at_ == end_ || !IsDigit(*at_)) return Fail("invalid number; expected a digit");
    uint64_t magnitude = 0;
    bool overflow = false;
    if (*at_ == '0') {
      ++at_;
      if (at_ != end_ && IsDigit(*at_)) return Fail("invalid number: a leading zero");
    } else {
      for (; at_ != end_ && IsDigit(*at_); ++at_) {
        const auto digit = static_cast<uint64_t>(*at_ - '0');
        if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) overflow = true;
        magnitude = magnitude * 10 + digit;
      }
    }
    bool real = false;
    if (at_ != end_ && *at_ == '.') {
      real = true;
      ++at_;
      if (at_ == end_ || !IsDigit(*at_)) return Fail("invalid number; expected a digit");
      while (at_ != end_ && IsDigit(*at_)) ++at_;
    }
    if (at_ != end_ && (*at_ == 'e' || *at_ == 'E')) {
      real = true;
      ++at_;
      if (at_ != end_ && (*at_ == '+' || *at_ == '-')) ++at_;
      if (at_ == end_ || !IsDigit(*at_)) return Fail("invalid number; expected a digit");
      while (at_ != end_ && IsDigit(*at_)) ++at_;
    }
    constexpr uint64_t kLargestPositive = std::numeric_limits<int64_t>::max();
    const uint64_t limit = negative ? kLargestPositive + 1 : kLargestPositive;
    const bool fits = !real && !overflow && magnitude <= limit;
    const uint32_t index = Append(fits ? Type::kInteger : real ? Type::kReal : Type::kLargeInteger);
    Node& node = contents_.nodes[index];
    node.flag = negative;
    if (fits) {
      // -2^63 has no positive counterpart: negate in unsigned arithmetic.
      node.integer = static_cast<int64_t>(negative ? ~magnitude + 1 : magnitude);
    } else {
      const std::optional<double> value = ToDouble(start, at_, negative);
      if (!value.has_value()) {
        at_ = start;
        return Fail("number out of the range of double");
      }
      node.real = *value;
    }
    Close(index);
    return true;
  }

  // A number of the grammar as the nearest double: zero below its range, nullopt above it.
  static std::optional<double> ToDouble(const char* first, const char* last, bool negative) {
    double value = 0;
    if (std::from_chars(first, last, value).ec != std::errc::result_out_of_range) return value;
    // Out of range: the number is at least 1e308 or below 1e-320. Which, the position of
    // its first significant digit says: digits before the point (leading zeros skipped),
    // or minus the zeros after it, plus the written exponent.
    int64_t exponent = 0;
    const char* at = first + (negative ? 1 : 0);
    while (at != last && *at == '0') ++at;
    for (; at != last && IsDigit(*at); ++at) ++exponent;
    if (at != last && *at == '.') {
      const bool integer_part = exponent > 0;
      for (++at; at != last && *at == '0' && !integer_part; ++at) --exponent;
      while (at != last && IsDigit(*at)) ++at;
    }
    if (at != last) {  // the exponent
      ++at;
      const bool down = *at == '-';
      if (*at == '+' || *at == '-') ++at;
      // Clamped: beyond ±10^9 only the sign matters, and the sum must not overflow.
      constexpr int64_t kLargest = 1'000'000'000;
      int64_t written = 0;
      if (std::from_chars(at, last, written).ec == std::errc::result_out_of_range) {
        written = kLargest;
      }
      written = std::min(written, kLargest);
      exponent += down ? -written : written;
    }
    if (exponent > 0) return std::nullopt;
    return negative ? -0.0 : 0.0;
  }

  std::string_view text_;
  const char* at_;
  const char* end_;
  JsonContents& contents_;
  std::string error_;
  size_t error_at_ = 0;
};

absl::StatusOr<JsonDocument> JsonDocument::Read(std::string_view text) {
  auto contents = std::make_unique<JsonContents>();
  JsonReader reader(text, *contents);
  if (absl::Status status = reader.Read(); !status.ok()) return status;
  return JsonDocument(std::move(contents));
}

JsonDocument::JsonDocument(std::unique_ptr<JsonContents> contents)
    : contents_(std::move(contents)) {}
JsonDocument::JsonDocument(JsonDocument&&) noexcept = default;
JsonDocument& JsonDocument::operator=(JsonDocument&&) noexcept = default;
JsonDocument::~JsonDocument() = default;

Type JsonValue::type() const { return contents_->nodes[index_].type; }

bool JsonValue::is_number() const {
  const Type t = type();
  return t == Type::kInteger || t == Type::kLargeInteger || t == Type::kReal;
}

bool JsonValue::boolean() const { return contents_->nodes[index_].flag; }

int64_t JsonValue::integer() const { return contents_->nodes[index_].integer; }

bool JsonValue::negative() const { return contents_->nodes[index_].flag; }

double JsonValue::real() const {
  const JsonContents::Node& node = contents_->nodes[index_];
  return node.type == Type::kInteger ? static_cast<double>(node.integer) : node.real;
}

std::string_view JsonValue::string() const {
  const JsonContents::Node& node = contents_->nodes[index_];
  const std::string_view bytes = node.flag ? std::string_view(contents_->decoded) : contents_->text;
  return bytes.substr(node.offset, node.length);
}

size_t JsonValue::size() const { return contents_->nodes[index_].size; }

JsonValue::Elements JsonValue::elements() const {
  return Elements(contents_, index_ + 1, contents_->nodes[index_].end);
}

JsonValue::Elements::Iterator& JsonValue::Elements::Iterator::operator++() {
  index_ = contents_->nodes[index_].end;
  return *this;
}

std::optional<JsonValue> JsonValue::Find(std::string_view key) const {
  if (!is_object()) return std::nullopt;
  std::optional<JsonValue> found;
  const uint32_t end = contents_->nodes[index_].end;
  // Members alternate key and value; a key is one node, so its value follows it.
  for (uint32_t at = index_ + 1; at != end; at = contents_->nodes[at + 1].end) {
    if (JsonValue(contents_, at).string() == key) found = JsonValue(contents_, at + 1);
  }
  return found;
}

}  // namespace credpath::optimizer
