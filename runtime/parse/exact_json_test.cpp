// The clean-answer fast path (exact_json.h) against the general path, on random JSON shaped like
// each type and bent out of it at random (wrong kinds, enum values by name, alias or case, keys
// missing, repeated or unknown, numbers as strings, nulls): wherever read_exact_json gives a value
// it must be the value parse_answer's general path gives for the same text.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "parse/coerce.h"
#include "parse/exact_json.h"
#include "parse/locate.h"
#include "parse/test_support.h"

namespace {

using namespace baml;
using namespace baml::parse::testing;
using Kind = ir::Type::Kind;

class Gen {
 public:
  explicit Gen(unsigned seed) : rng_(seed) {}

  // A JSON text meant to fit `t`, bent at random.
  std::string fit(const ir::Type& type, int depth) {
    if (chance(0.1) || depth > 5) return any(depth);
    const ir::Type& t = types().resolve(type);
    switch (t.kind) {
      case Kind::String: return quoted(word());
      case Kind::Int: return pick({"0", "7", "-12", "1000000", "3.0", "2.5", "1e2", "\"42\"", "\"1,200\""});
      case Kind::Float: return pick({"0.5", "7", "-1.25", "1e3", "0.0", "\"3.5\"", "\"$1,200.50\""});
      case Kind::Bool: return pick({"true", "false", "\"true\"", "\"False\""});
      case Kind::Null: return pick({"null", "\"null\"", "0"});
      case Kind::Duration: return pick({"\"90s\"", "\"1m30s\"", "5", "\"PT1H\""});
      case Kind::Enum: {
        const ir::Enum* e = types().find_enum(t.name);
        std::vector<std::string> names;
        for (const auto& v : e->values) {
          names.push_back(v.name);
          if (v.alias) names.push_back(*v.alias);
          names.push_back(lower(v.name));
        }
        names.push_back("Blue ");
        names.push_back("the sky color");
        return quoted(names[index(names.size())]);
      }
      case Kind::Literal:
        if (chance(0.2)) return any(depth);
        if (t.literal.kind() == Value::Kind::String) return quoted(t.literal.as_string());
        if (t.literal.kind() == Value::Kind::Bool) return t.literal.as_bool() ? "true" : "false";
        return std::to_string(t.literal.as_int());
      case Kind::List: {
        std::string out = "[";
        std::size_t n = index(5);
        for (std::size_t i = 0; i < n; ++i) out += (i ? "," + ws() : ws()) + fit(t.items(), depth + 1);
        return out + ws() + "]";
      }
      case Kind::Map: {
        std::string out = "{";
        std::size_t n = index(4);
        for (std::size_t i = 0; i < n; ++i)
          out += (i ? "," : "") + ws() + quoted(pick({"a", "b", "RED", "verde", "x", "y", "a"})) + ":" + ws() +
                 fit(t.value(), depth + 1);
        return out + "}";
      }
      case Kind::Class: {
        const ir::Class* c = types().find_class(t.name);
        std::vector<std::string> entries;
        for (const auto& f : c->fields) {
          if (chance(0.1)) continue;
          std::string key = chance(0.9) ? f.rendered_name() : chance(0.5) ? f.name : upper(f.rendered_name());
          entries.push_back(quoted(key) + ":" + ws() + fit(f.type, depth + 1));
          if (chance(0.04)) entries.push_back(quoted(key) + ": " + fit(f.type, depth + 1));
        }
        if (chance(0.06)) entries.push_back("\"extra\": " + any(depth + 1));
        if (chance(0.2) && entries.size() > 1) std::swap(entries[0], entries[entries.size() - 1]);
        std::string out = "{";
        for (std::size_t i = 0; i < entries.size(); ++i) out += (i ? ", " : "") + entries[i];
        return out + "}";
      }
      case Kind::Optional: return chance(0.3) ? "null" : fit(t.inner(), depth);
      case Kind::Union: return chance(0.1) ? "null" : fit(t.children[index(t.children.size())], depth);
      default: return any(depth);
    }
  }

 private:
  std::mt19937 rng_;

  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  std::size_t index(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  std::string pick(std::initializer_list<const char*> xs) { return *(xs.begin() + index(xs.size())); }
  std::string ws() { return pick({"", "", " ", "\n  ", "\t"}); }
  std::string word() {
    return pick({"", "hello", "RED", "verde", "42", "1.5", "null", "true", "a \\\"quoted\\\" word", "caf\\u00e9",
                 "line\\nbreak", "\\ud83d\\ude00", "Senior Engineer"});
  }
  static std::string quoted(const std::string& s) { return "\"" + s + "\""; }
  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  static std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }
  // Any JSON at all.
  std::string any(int depth) {
    switch (index(depth > 3 ? 4 : 6)) {
      case 0: return quoted(word());
      case 1: return pick({"0", "-3", "2.75", "1e400", "12345678901234567890"});
      case 2: return pick({"true", "false"});
      case 3: return "null";
      case 4: return "[" + any(depth + 1) + ", " + any(depth + 1) + "]";
      default: return "{\"name\": " + any(depth + 1) + ", \"value\": " + any(depth + 1) + "}";
    }
  }
};

std::vector<ir::Type> types_under_test() {
  std::vector<ir::Type> out;
  for (const char* f : {"FInt", "FFloat", "FBool", "FNull", "FIntList", "FStrList", "FEnumList", "FPerson",
                        "FPersonList", "FResume", "FOne", "FTree", "FS", "FIntStr", "FIntFloat", "FPet", "FMap",
                        "FMapEnum", "FMapLit", "FOptInt", "FLitInt", "FLitBool", "FJson", "FStrListList",
                        "FClassOrList"})
    out.push_back(fn(f));
  out.push_back(list(opt(cls("Job"))));
  out.push_back(map(prim(Kind::String), cls("Person")));
  out.push_back(list(map(enm("Color"), list(prim(Kind::Float)))));
  out.push_back(list(uni({prim(Kind::Int), prim(Kind::String)})));
  out.push_back(list(prim(Kind::Duration)));
  out.push_back(list(lit(Value::string("dog"))));
  out.push_back(opt(list(cls("Resume"))));
  return out;
}

}  // namespace

TEST_CASE("the clean-answer path gives what the general path gives") {
  Gen gen(20261207);
  std::size_t taken = 0, total = 0;
  for (const ir::Type& type : types_under_test()) {
    for (int n = 0; n < 600; ++n) {
      std::string text = gen.fit(type, 0);
      parse::Coercer exact_coercer(types(), false);
      auto exact = parse::read_exact_json(text, type, exact_coercer);
      ++total;
      if (!exact) continue;
      ++taken;
      parse::Coercer coercer(types(), false);
      auto general = parse::coerce_located(coercer, parse::locate(text, false), type, false, nullptr);
      INFO("type: " << ir::describe(type) << "\ntext: " << text);
      REQUIRE(general.has_value());
      CHECK(general->value == *exact);
    }
  }
  // The generator must reach the fast path often, or this test proves little.
  MESSAGE("fast path taken for " << taken << " of " << total << " texts");
  CHECK(taken * 3 > total);
}

TEST_CASE("the clean-answer path leaves what is not strict JSON to the general path") {
  parse::Coercer c(types(), false);
  for (const char* text : {"[1, 2,]", "{\"value\": 1", "```json\n{\"value\": 1}\n```", "[1] [2]", "{value: 1}",
                           "[\"a\" \"b\"]", "[1, 2] trailing", "\"\\x\"", "[01]"})
    CHECK_FALSE(parse::read_exact_json(text, fn("FIntList"), c).has_value());
  CHECK_FALSE(parse::read_exact_json("\"RED\"", fn("FEnum"), c).has_value());    // enums read the raw text
  CHECK_FALSE(parse::read_exact_json("\"hello\"", fn("FString"), c).has_value());
  std::string deep(70, '[');
  deep += std::string(70, ']');
  CHECK_FALSE(parse::read_exact_json(deep, fn("FJson"), c).has_value());  // deeper than 64: the general path
  CHECK(parse::read_exact_json(" [1, 2]\n", fn("FIntList"), c).has_value());
}
