// A JSON reader for problem files: the whole text in one pass into a flat array of nodes.
//
// `credpath solve` reads a problem file per process, and at n = 1000 reading it with the
// general-purpose DOM (a std::map per object, a std::string per key and string) cost about
// as much as starting the process. This reader keeps one node per value in pre-order, in
// one vector: strings without escapes are views into the text, the others are decoded into
// one buffer, and an array or object is a node followed by its elements (an object's
// elements alternate key and value). It reads RFC 8259 exactly: one value with optional
// whitespace around it (and an optional UTF-8 byte order mark before it, as section 8.1
// allows); strings valid UTF-8 with valid escapes; numbers by the grammar, an integer that
// does not fit int64 kept as "large" with its sign, a number beyond the range of double an
// error (below it, zero); nesting at most kMaxDepth deep. A NUL byte is an error like any
// other stray byte (readers that stop at it accept what follows). An object's repeated key
// is allowed and the last one counts, as in most readers.
//
// Errors are INVALID_ARGUMENT "line L, column C: reason", C counting bytes from 1 at the
// offending character, escape or UTF-8 sequence (or just past the end of the text).
// Reading recurses once per level of nesting, a few hundred bytes of stack each: kMaxDepth
// levels fit well within a thread's default stack.
// Thread safety: a JsonDocument is immutable once read.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"

namespace credpath::optimizer {

// The nodes and decoded strings of a document (json_reader.cc). They sit behind a pointer,
// so that values stay valid when their document moves.
struct JsonContents;

// One value of a JsonDocument; valid while the document lives.
class JsonValue {
 public:
  enum class Type : uint8_t {
    kNull,
    kBool,
    kInteger,       // fits int64
    kLargeInteger,  // an integer beyond int64, sign in negative()
    kReal,          // a number with a fraction or an exponent
    kString,
    kArray,
    kObject,
  };

  Type type() const;
  bool is_object() const { return type() == Type::kObject; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_string() const { return type() == Type::kString; }
  bool is_number() const;
  bool is_integer() const { return type() == Type::kInteger || type() == Type::kLargeInteger; }

  // REQUIRES: type() == kBool.
  bool boolean() const;
  // REQUIRES: type() == kInteger.
  int64_t integer() const;
  // Whether the number was written with a minus sign ("-0" is the integer 0, negative).
  // REQUIRES: is_number().
  bool negative() const;
  // REQUIRES: is_number(); an integer converts, rounded to the nearest double.
  double real() const;
  // REQUIRES: is_string().
  std::string_view string() const;

  // The elements of an array, the members of an object; 0 for other values.
  size_t size() const;

  // Elements of an array in order. REQUIRES: is_array().
  class Elements;
  Elements elements() const;

  // The value of member `key` of an object (the last, if repeated); nullopt when the
  // value is not an object or has no such member.
  std::optional<JsonValue> Find(std::string_view key) const;

 private:
  friend class JsonDocument;
  JsonValue(const JsonContents* contents, uint32_t index) : contents_(contents), index_(index) {}

  const JsonContents* contents_;
  uint32_t index_;
};

class JsonValue::Elements {
 public:
  class Iterator {
   public:
    JsonValue operator*() const { return JsonValue(contents_, index_); }
    Iterator& operator++();
    bool operator!=(const Iterator& other) const { return index_ != other.index_; }

   private:
    friend class Elements;
    Iterator(const JsonContents* contents, uint32_t index) : contents_(contents), index_(index) {}
    const JsonContents* contents_;
    uint32_t index_;
  };
  Iterator begin() const { return Iterator(contents_, first_); }
  Iterator end() const { return Iterator(contents_, end_); }

 private:
  friend class JsonValue;
  Elements(const JsonContents* contents, uint32_t first, uint32_t end)
      : contents_(contents), first_(first), end_(end) {}
  const JsonContents* contents_;
  uint32_t first_;
  uint32_t end_;
};

class JsonDocument {
 public:
  // Problem files nest four deep; the limit only keeps hostile input off the stack.
  static constexpr int kMaxDepth = 128;

  // Reads `text`, which must outlive the document (strings without escapes point into it).
  static absl::StatusOr<JsonDocument> Read(std::string_view text);

  JsonValue root() const { return JsonValue(contents_.get(), 0); }

  JsonDocument(JsonDocument&&) noexcept;
  JsonDocument& operator=(JsonDocument&&) noexcept;
  ~JsonDocument();

 private:
  explicit JsonDocument(std::unique_ptr<JsonContents> contents);

  std::unique_ptr<JsonContents> contents_;
};

}  // namespace credpath::optimizer
