// parse_answer: locate the JSON in the text, coerce it to the type, and turn a failure into a
// ValidationError naming the first part that did not fit.
#include "parse/parse.h"

#include <baml/errors.h>

#include "parse/coerce.h"
#include "parse/exact_json.h"
#include "parse/fixing_parser.h"
#include "parse/locate.h"
#include "parse/utf8_clean.h"

namespace baml::parse {

namespace {

[[noreturn]] void fail(std::string detail, std::string_view text) {
  ErrorInfo info;
  info.type = ErrorType::Validation;
  info.detail = std::move(detail);
  info.raw_output = std::string(text);
  throw_error(std::move(info));
}

}  // namespace

std::optional<ParseResult> coerce_located(Coercer& coercer, const JValue& located, const ir::Type& type, bool partial,
                                          std::string* why) {
  Outcome o = coercer.coerce(type, &located, "");
  if (!o.ok) {
    if (why) *why = (o.fail.path.empty() ? ir::describe(type) : o.fail.path) + ": " + o.fail.reason;
    return std::nullopt;
  }
  if (o.ok->flags.held_back) {
    if (why) *why = ir::describe(type) + ": not complete yet";
    return std::nullopt;
  }
  if (o.ok->flags.inferred_object) {
    // BAML 0.226.2 refuses an answer that is only a string poured into a one-field class
    // ("remember the milk" for `class Note { text string }`), through unions and optionals too;
    // inside a list or a field the same string is taken (`["re"]` → [{"text": "re"}]).
    if (why) *why = ir::describe(type) + ": expected an object, got a lone string";
    return std::nullopt;
  }
  if (partial && o.ok->flags.null_from_value && coercer.only_complete_values(type)) {
    // BAML 0.226.2 (IncompleteDoneValue): `int?` on a partial "" or "abc" is not null but "not
    // done" — the null stands for a value whose members (numbers, bools, enums, literals) can
    // only show once complete, and a text still streaming never is at the root.
    if (why) *why = ir::describe(type) + ": not complete yet";
    return std::nullopt;
  }
  ParseResult r;
  r.value = std::move(o.ok->value);
  if (partial) r.states = std::move(o.ok->states);
  return r;
}

ParseResult parse_answer(std::string_view text, const ir::Type& type, const ir::TypeSystem& types, bool partial) {
  std::uint64_t cost = 0;
  return parse_answer(text, type, types, partial, cost);
}

ParseResult parse_answer(std::string_view text, const ir::Type& type, const ir::TypeSystem& types, bool partial,
                         std::uint64_t& cost) {
  std::string clean;
  std::string_view input = text;
  const bool valid_utf8 = is_valid_utf8(text);
  if (!valid_utf8) {
    clean = to_valid_utf8(text);
    input = clean;
  }
  Coercer coercer(types, partial);
  struct Count {
    std::uint64_t& cost;
    const Coercer& coercer;
    std::size_t bytes;
    ~Count() { cost += bytes + coercer.steps(); }
  } count{cost, coercer, text.size()};
  // A clean answer first (exact_json.h): strict JSON, so never invalid UTF-8.
  if (!partial && valid_utf8) {
    if (auto exact = read_exact_json(text, type, coercer)) {
      ParseResult r;
      r.value = std::move(*exact);
      return r;
    }
  }
  JValue located;
  try {
    located = locate(input, partial);
  } catch (const NestingTooDeep& e) {
    // Too deep to read as JSON: a string target still takes the text as it is.
    if (types.resolve(type).kind != ir::Type::Kind::String) fail(ir::describe(type) + ": " + e.what(), text);
    located = JValue::string(std::string(input));
  }
  std::string why;
  auto r = coerce_located(coercer, located, type, partial, &why);
  if (!r) fail(std::move(why), text);
  return std::move(*r);
}

}  // namespace baml::parse
