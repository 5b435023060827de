// libFuzzer targets for the schema-aligned parser (docs/parsing.md, "Fuzzing"), built from this
// file twice: parse_fuzz parses the text whole or as a partial answer; parse_stream_fuzz
// (BAMLC_PARSE_FUZZ_STREAM=1) feeds it to a StreamParser in chunks. They read the same inputs: the
// first byte picks a return type of the parser's test project (strings, numbers, enums, classes,
// unions, maps, recursive aliases, stream attributes) and, for parse_fuzz, whole or partial; the
// second byte the chunk size, for parse_stream_fuzz; the rest is the model's text. Streaming costs
// a parse's worth per delta, so the two run apart: the whole parser gets its many more inputs a
// second. Anything but a value or a ValidationError (a crash, a sanitizer report, another
// exception) is a finding, and so is a whole text whose clean-answer reading (exact_json.h)
// differs from the general path's.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <baml/errors.h>

#include "parse/coerce.h"
#include "parse/exact_json.h"
#include "parse/locate.h"
#include "parse/parse.h"
#include "parse/test_support.h"

#ifndef BAMLC_PARSE_FUZZ_STREAM
#define BAMLC_PARSE_FUZZ_STREAM 0
#endif

namespace {

const std::vector<std::string>& function_names() {
  static const std::vector<std::string> names = {
      "FString", "FInt",     "FFloat",   "FBool",   "FNull",        "FIntList", "FStrList",  "FEnum",
      "FEnumList", "FPerson", "FPersonList", "FResume", "FOne",    "FTree",    "FS",        "FIntStr",
      "FStrInt", "FIntFloat", "FPet",    "FMap",    "FMapEnum",     "FMapLit",  "FOptInt",   "FLit",
      "FLitInt", "FLitBool", "FJson",    "FStrListList", "FClassOrList"};
  return names;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const auto& names = function_names();
  const baml::ir::Type type = baml::parse::testing::fn(names[data[0] % names.size()]);
  const bool partial = (data[0] / names.size()) % 2 == 1;
  const std::size_t chunk = 1 + data[1] % 16;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  const auto& types = baml::parse::testing::types();
  try {
    if (BAMLC_PARSE_FUZZ_STREAM) {
      baml::parse::StreamParser parser(type, types);
      for (std::size_t at = 0; at < text.size(); at += chunk) parser.feed(text.substr(at, chunk));
      parser.finish();
      return 0;
    }
    baml::parse::parse_answer(text, type, types, partial);
    if (!partial) {
      baml::parse::Coercer fast(types, false);
      if (auto exact = baml::parse::read_exact_json(text, type, fast)) {
        baml::parse::Coercer general(types, false);
        auto r = baml::parse::coerce_located(general, baml::parse::locate(text, false), type, false, nullptr);
        if (!r || !(r->value == *exact)) __builtin_trap();
      }
    }
  } catch (const baml::ValidationError&) {
    // The expected outcome for text that does not fit.
  }
  return 0;
}
