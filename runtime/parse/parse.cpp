// parse_answer: locate the JSON in the text, coerce it to the type, and turn a failure into a
// ValidationError naming the first part that did not fit.
#include "parse/parse.h"

#include <baml/errors.h>

#include "parse/coerce.h"
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

ParseResult parse_answer(std::string_view text, const ir::Type& type, const ir::TypeSystem& types, bool partial) {
  std::string clean;
  std::string_view input = text;
  if (!is_valid_utf8(text)) {
    clean = to_valid_utf8(text);
    input = clean;
  }
  JValue located;
  try {
    located = locate(input, partial);
  } catch (const NestingTooDeep& e) {
    // Too deep to read as JSON: a string target still takes the text as it is.
    if (types.resolve(type).kind != ir::Type::Kind::String) fail(ir::describe(type) + ": " + e.what(), text);
    located = JValue::string(std::string(input));
  }
  Coercer coercer(types, partial);
  Outcome o = coercer.coerce(type, &located, "");
  if (!o.ok) {
    std::string where = o.fail.path.empty() ? ir::describe(type) : o.fail.path;
    fail(where + ": " + o.fail.reason, text);
  }
  if (o.ok->flags.held_back) fail(ir::describe(type) + ": not complete yet", text);
  if (o.ok->flags.inferred_object) {
    // BAML 0.226.2 refuses an answer that is only a string poured into a one-field class
    // ("remember the milk" for `class Note { text string }`), through unions and optionals too;
    // inside a list or a field the same string is taken (`["re"]` → [{"text": "re"}]).
    fail(ir::describe(type) + ": expected an object, got a lone string", text);
  }
  if (partial && o.ok->flags.null_from_value && coercer.only_complete_values(type)) {
    // BAML 0.226.2 (IncompleteDoneValue): `int?` on a partial "" or "abc" is not null but "not
    // done" — the null stands for a value whose members (numbers, bools, enums, literals) can
    // only show once complete, and a text still streaming never is at the root.
    fail(ir::describe(type) + ": not complete yet", text);
  }
  ParseResult r;
  r.value = std::move(o.ok->value);
  if (partial) r.states = std::move(o.ok->states);
  return r;
}

}  // namespace baml::parse
