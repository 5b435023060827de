// Type-checking of test argument values. The rules follow what BAML's runtime accepts when it
// runs a test (its `validate_arg`): a string parameter also takes numbers and bare words, a
// float takes integers, a class takes a block with its fields (extra ones only when the class
// is @@dynamic), media take `{ url }`, `{ file }` or `{ base64 media_type }`. bamlc adds
// durations: a duration parameter takes a duration literal, never a bare number.
#include "compiler/sema/test_values.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <vector>

#include "compiler/base/spelling.h"
#include "compiler/sema/types.h"

namespace bamlc::sema {
namespace {

constexpr std::array<std::string_view, 4> kMediaKeys = {"url", "file", "base64", "media_type"};

bool is_word(const ast::Value& value, std::string_view word) {
  return value.kind == ast::ValueKind::Word && value.text == word;
}

bool is_text(const ast::Value& value) {
  return value.kind == ast::ValueKind::String || value.kind == ast::ValueKind::RawString ||
         value.kind == ast::ValueKind::Word;
}

bool is_media(model::TypeKind kind) {
  return kind == model::TypeKind::Image || kind == model::TypeKind::Audio || kind == model::TypeKind::Pdf ||
         kind == model::TypeKind::Video;
}

// "the string "abc"", "`42`", "a block": the value as a message names it.
std::string describe(const ast::Value& value) {
  switch (value.kind) {
    case ast::ValueKind::String: {
      if (value.text.size() > 40) return "the string `\"" + value.text.substr(0, 32) + "...`";
      return "the string `\"" + value.text + "\"`";
    }
    case ast::ValueKind::Int: return "the integer `" + value.text + "`";
    case ast::ValueKind::Float: return "the number `" + value.text + "`";
    case ast::ValueKind::Duration: return "the duration `" + value.text + "`";
    case ast::ValueKind::Word: return "`" + value.text + "`";
    case ast::ValueKind::EnvRef: return "`env." + value.text + "`";
    case ast::ValueKind::RawString:
    case ast::ValueKind::Map:
    case ast::ValueKind::List:
    case ast::ValueKind::JinjaExpr:
    case ast::ValueKind::Invalid: break;
  }
  return std::string(ast::value_kind_name(value.kind));
}

// A quoted duration such as "10s" in a duration position: digits then letters.
bool looks_like_duration(std::string_view text) {
  const auto letters = text.find_first_not_of("0123456789.");
  return letters != 0 && letters != std::string_view::npos &&
         std::isalpha(static_cast<unsigned char>(text[letters])) != 0 && text.find(' ') == std::string_view::npos;
}

std::string_view example_media_type(model::TypeKind kind) {
  if (kind == model::TypeKind::Audio) return "audio/mpeg";
  if (kind == model::TypeKind::Pdf) return "application/pdf";
  if (kind == model::TypeKind::Video) return "video/mp4";
  return "image/png";
}

// True when the value holds a duration literal anywhere: bamlc syntax that BAML cannot parse.
bool has_duration_literal(const ast::Value& value) {
  if (value.kind == ast::ValueKind::Duration) return true;
  for (const ast::Value& item : value.items) {
    if (has_duration_literal(item)) return true;
  }
  for (const ast::MapEntry& entry : value.entries) {
    if (entry.value && has_duration_literal(*entry.value)) return true;
  }
  return false;
}

}  // namespace

std::string example_value(const model::Program& program, const model::Type& type, int depth) {
  if (depth > 8) return "...";
  switch (type.kind) {
    case model::TypeKind::String: return "\"...\"";
    case model::TypeKind::Int: return "1";
    case model::TypeKind::Float: return "0.5";
    case model::TypeKind::Bool: return "true";
    case model::TypeKind::Null:
    case model::TypeKind::Optional: return "null";
    case model::TypeKind::Duration: return "10s";
    case model::TypeKind::Image:
    case model::TypeKind::Audio:
    case model::TypeKind::Pdf:
    case model::TypeKind::Video: return "{ url \"...\" }";
    case model::TypeKind::Class:
    case model::TypeKind::Map: return "{ ... }";
    case model::TypeKind::List: return "[...]";
    case model::TypeKind::Enum: {
      const model::Enum* e = program.find_enum(type.name);
      return e == nullptr || e->values.empty() ? "..." : e->values.front().name;
    }
    case model::TypeKind::Alias: {
      const model::TypeAlias* alias = program.find_alias(type.name);
      return alias == nullptr ? "..." : example_value(program, alias->target, depth + 1);
    }
    case model::TypeKind::Union:
      return type.children.empty() ? "..." : example_value(program, type.children.front(), depth + 1);
    case model::TypeKind::LiteralString:
    case model::TypeKind::LiteralInt:
    case model::TypeKind::LiteralBool: return model::to_string(type);
    case model::TypeKind::Error: return "...";
  }
  return "...";
}

ValueChecker::ValueChecker(Context& ctx) : ctx_(ctx) {
  for (const model::Class& c : ctx.program.classes) classes_.emplace(c.name, &c);
  for (const model::Enum& e : ctx.program.enums) enums_.emplace(e.name, &e);
  for (const model::TypeAlias& a : ctx.program.aliases) aliases_.emplace(a.name, &a);
}

bool ValueChecker::check(const model::Type& type, const ast::Value& value, const std::string& path) {
  return matches(type, value, path, /*report=*/true);
}

bool ValueChecker::took_as_text(const Span& span) const {
  return std::any_of(durations_as_text_.begin(), durations_as_text_.end(), [&](const Span& s) {
    return s.file == span.file && s.begin == span.begin && s.end == span.end;
  });
}

bool ValueChecker::mentions_duration(const model::Type& type, int depth) const {
  if (depth > 64) return false;
  if (type.kind == model::TypeKind::Duration) return true;
  if (type.kind == model::TypeKind::Alias) {
    const model::Type* target = alias_target(type.name);
    return target != nullptr && mentions_duration(*target, depth + 1);
  }
  return std::any_of(type.children.begin(), type.children.end(),
                     [&](const model::Type& child) { return mentions_duration(child, depth + 1); });
}

DiagKind ValueChecker::mismatch_kind(const model::Type& type, const ast::Value& value) const {
  // A test that involves durations cannot come from a BAML project, so its mistakes are errors.
  // Any other mismatch is a warning: baml-cli accepts the file (the test fails when it runs),
  // and a BAML project must check without errors.
  return mentions_duration(type, 0) || has_duration_literal(value) ? DiagKind::TestArgumentType
                                                                   : DiagKind::TestArgumentMismatch;
}

const model::Type* ValueChecker::alias_target(std::string_view name) const {
  auto it = aliases_.find(name);
  return it == aliases_.end() ? nullptr : &it->second->target;
}

bool ValueChecker::matches(const model::Type& type, const ast::Value& value, const std::string& path, bool report) {
  if (value.kind == ast::ValueKind::Invalid) return true;  // already reported
  switch (type.kind) {
    case model::TypeKind::Error: return true;
    case model::TypeKind::Alias: {
      const model::Type* target = alias_target(type.name);
      return target == nullptr || matches(*target, value, path, report);
    }
    case model::TypeKind::Optional: return is_word(value, "null") || matches(type.children.at(0), value, path, report);
    case model::TypeKind::Null: return is_word(value, "null") || mismatch(type, value, path, report);
    case model::TypeKind::Union: return check_union(type, value, path, report);
    case model::TypeKind::String: return check_string(type, value, path, report);
    case model::TypeKind::Int: return value.kind == ast::ValueKind::Int || mismatch(type, value, path, report);
    case model::TypeKind::Float:
      return value.kind == ast::ValueKind::Int || value.kind == ast::ValueKind::Float ||
             mismatch(type, value, path, report);
    case model::TypeKind::Bool:
      return is_word(value, "true") || is_word(value, "false") || mismatch(type, value, path, report);
    case model::TypeKind::Duration: return check_duration(type, value, path, report);
    case model::TypeKind::Image:
    case model::TypeKind::Audio:
    case model::TypeKind::Pdf:
    case model::TypeKind::Video: return check_media(type, value, path, report);
    case model::TypeKind::Class: {
      auto it = classes_.find(type.name);
      return it == classes_.end() || check_class(*it->second, value, path, report);
    }
    case model::TypeKind::Enum: {
      auto it = enums_.find(type.name);
      return it == enums_.end() || check_enum(*it->second, value, path, report);
    }
    case model::TypeKind::List: {
      if (value.kind != ast::ValueKind::List) return mismatch(type, value, path, report);
      bool ok = true;
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        ok = matches(type.children.at(0), value.items[i], path + "[" + std::to_string(i) + "]", report) && ok;
        if (!ok && !report) return false;
      }
      return ok;
    }
    case model::TypeKind::Map: return check_map(type, value, path, report);
    case model::TypeKind::LiteralString:
      return (is_text(value) && value.text == type.literal) || mismatch(type, value, path, report);
    case model::TypeKind::LiteralInt:
      return (value.kind == ast::ValueKind::Int && std::to_string(value.int_value) == type.literal) ||
             mismatch(type, value, path, report);
    case model::TypeKind::LiteralBool: return is_word(value, type.literal) || mismatch(type, value, path, report);
  }
  return true;
}

bool ValueChecker::check_string(const model::Type& type, const ast::Value& value, const std::string& path,
                                bool report) {
  switch (value.kind) {
    case ast::ValueKind::String:
    case ast::ValueKind::RawString:
    case ast::ValueKind::Word:  // an unquoted string; BAML also turns true/false/null into text
    case ast::ValueKind::Int:   // BAML's test runner turns numbers into text
    case ast::ValueKind::Float:
    case ast::ValueKind::EnvRef:
    case ast::ValueKind::Invalid: return true;
    case ast::ValueKind::Duration:
      // LANGUAGE.md: an unquoted token where a string is expected is that text, duration-shaped
      // or not (`x 10s` is "10s"); a warning suggests quoting it.
      if (report) {
        ctx_.diags
            .report(DiagKind::DurationAsString, value.span,
                    "`" + path + "` expects a `string`: the duration `" + value.text + "` is passed as the text \"" +
                        value.text + "\"")
            .with_hint("quote it to say so: `\"" + value.text + "\"`");
      }
      durations_as_text_.push_back(value.span);
      return true;
    case ast::ValueKind::Map:
    case ast::ValueKind::List:
    case ast::ValueKind::JinjaExpr: break;
  }
  return mismatch(type, value, path, report);
}

bool ValueChecker::check_duration(const model::Type& type, const ast::Value& value, const std::string& path,
                                  bool report) {
  if (value.kind == ast::ValueKind::Duration) return true;
  if (!report) return false;
  std::string hint;
  if (value.kind == ast::ValueKind::Int) {
    hint = "a duration needs a unit: write `" + value.text + "s` or `" + value.text + "ms`";
  } else if (value.kind == ast::ValueKind::Float) {
    hint = "a duration needs a unit: write e.g. `" + value.text + "s`";
  } else if ((value.kind == ast::ValueKind::String || value.kind == ast::ValueKind::Word) &&
             looks_like_duration(value.text)) {
    hint = "write the duration without quotes: `" + value.text + "`";
  }
  if (hint.empty()) return mismatch(type, value, path, report);
  ctx_.diags
      .report(DiagKind::TestArgumentType, value.span, "`" + path + "` expects a `duration`, found " + describe(value))
      .with_hint(hint);
  return false;
}

bool ValueChecker::check_union(const model::Type& type, const ast::Value& value, const std::string& path, bool report) {
  for (const model::Type& member : type.children) {
    const std::size_t taken = durations_as_text_.size();
    if (matches(member, value, path, /*report=*/false)) return true;
    durations_as_text_.resize(taken);  // a member that does not fit takes nothing as text
  }
  if (!report) return false;
  // When exactly one member has the value's shape (a block for one class, a list for one list),
  // its own errors say more than "expected A | B".
  const model::Type* candidate = nullptr;
  int candidates = 0;
  for (const model::Type& member : type.children) {
    const model::Type* m = &member;
    for (int depth = 0; m->kind == model::TypeKind::Alias && depth < 64; ++depth) {
      const model::Type* target = alias_target(m->name);
      if (target == nullptr) break;
      m = target;
    }
    if (m->kind == model::TypeKind::Optional) m = &m->children.at(0);
    const bool block_shaped = m->kind == model::TypeKind::Class || m->kind == model::TypeKind::Map || is_media(m->kind);
    const bool fits = value.kind == ast::ValueKind::Map    ? block_shaped
                      : value.kind == ast::ValueKind::List ? m->kind == model::TypeKind::List
                                                           : false;
    if (fits) {
      candidate = &member;
      ++candidates;
    }
  }
  if (candidates == 1) return matches(*candidate, value, path, /*report=*/true);
  return mismatch(type, value, path, report);
}

bool ValueChecker::check_class(const model::Class& cls, const ast::Value& value, const std::string& path, bool report) {
  model::Type as_type;
  as_type.kind = model::TypeKind::Class;
  as_type.name = cls.name;
  if (value.kind != ast::ValueKind::Map) return mismatch(as_type, value, path, report);
  bool ok = true;
  std::vector<const ast::MapEntry*> given;
  for (const ast::MapEntry& entry : value.entries) {
    auto earlier =
        std::find_if(given.begin(), given.end(), [&](const ast::MapEntry* e) { return e->key.text == entry.key.text; });
    if (earlier != given.end()) {
      if (report) {
        ctx_.diags
            .report(DiagKind::DuplicateEntry, entry.key.span, "`" + path + "." + entry.key.text + "` is given twice")
            .with_hint("keep one of them")
            .with_note((*earlier)->key.span, "first given here");
      }
      ok = false;
      continue;
    }
    given.push_back(&entry);
    auto field = std::find_if(cls.fields.begin(), cls.fields.end(),
                              [&](const model::Field& f) { return f.name == entry.key.text; });
    if (field == cls.fields.end()) {
      if (cls.dynamic) continue;  // a test's type_builder may add fields to a @@dynamic class
      ok = false;
      if (!report) return false;
      std::vector<std::string_view> names;
      for (const model::Field& f : cls.fields) names.push_back(f.name);
      Diagnostic& d = ctx_.diags.report(
          entry.value ? mismatch_kind(as_type, *entry.value) : mismatch_kind(as_type, ast::Value{}), entry.key.span,
          "class `" + cls.name + "` has no field `" + entry.key.text + "` (in `" + path + "`)");
      if (auto guess = closest_match(entry.key.text, std::span<const std::string_view>(names))) {
        d.with_hint("did you mean `" + *guess + "`?");
      } else {
        d.with_hint(names.empty() ? "class `" + cls.name + "` has no fields"
                                  : "its fields are " + quoted_list(std::span<const std::string_view>(names), "and"));
      }
      continue;
    }
    if (entry.value) ok = matches(field->type, *entry.value, path + "." + entry.key.text, report) && ok;
    if (!ok && !report) return false;
  }
  for (const model::Field& field : cls.fields) {
    const bool present =
        std::any_of(given.begin(), given.end(), [&](const ast::MapEntry* e) { return e->key.text == field.name; });
    if (present || is_optional(ctx_.program, field.type)) continue;
    ok = false;
    if (!report) return false;
    ctx_.diags
        .report(mismatch_kind(field.type, ast::Value{}), value.span,
                "`" + path + "` has no `" + field.name + "`, a required field of class `" + cls.name + "`")
        .with_hint("add `" + field.name + " " + example_value(ctx_.program, field.type, 0) + "` to the block");
  }
  return ok;
}

bool ValueChecker::check_enum(const model::Enum& enm, const ast::Value& value, const std::string& path, bool report) {
  model::Type as_type;
  as_type.kind = model::TypeKind::Enum;
  as_type.name = enm.name;
  if (value.kind != ast::ValueKind::String && value.kind != ast::ValueKind::Word)
    return mismatch(as_type, value, path, report);
  const bool known = std::any_of(enm.values.begin(), enm.values.end(),
                                 [&](const model::EnumValue& v) { return v.name == value.text; });
  if (known || enm.dynamic) return true;  // a dynamic enum may gain values at run time
  if (!report) return false;
  std::vector<std::string_view> names;
  for (const model::EnumValue& v : enm.values) names.push_back(v.name);
  Diagnostic& d =
      ctx_.diags.report(mismatch_kind(as_type, value), value.span,
                        "`" + value.text + "` is not a value of enum `" + enm.name + "` (in `" + path + "`)");
  if (auto guess = closest_match(value.text, std::span<const std::string_view>(names))) {
    d.with_hint("did you mean `" + *guess + "`?");
  } else {
    d.with_hint(how_to_write(as_type, 0));
  }
  return false;
}

bool ValueChecker::check_map(const model::Type& type, const ast::Value& value, const std::string& path, bool report) {
  if (value.kind != ast::ValueKind::Map) return mismatch(type, value, path, report);
  bool ok = true;
  for (const ast::MapEntry& entry : value.entries) {
    // The key is text; checking it as a string value applies the enum and literal rules.
    ast::Value key;
    key.kind = ast::ValueKind::String;
    key.text = entry.key.text;
    key.span = entry.key.span;
    ok = matches(type.children.at(0), key, path + " key", report) && ok;
    if (entry.value) ok = matches(type.children.at(1), *entry.value, path + "." + entry.key.text, report) && ok;
    if (!ok && !report) return false;
  }
  return ok;
}

bool ValueChecker::check_media(const model::Type& type, const ast::Value& value, const std::string& path, bool report) {
  if (value.kind != ast::ValueKind::Map) return mismatch(type, value, path, report);
  const ast::MapEntry* sources[3] = {nullptr, nullptr, nullptr};  // url, file, base64
  const ast::MapEntry* media_type = nullptr;
  bool ok = true;
  auto fail = [&](Span at, std::string message, std::string hint) {
    ok = false;
    if (report) ctx_.diags.report(mismatch_kind(type, value), at, std::move(message)).with_hint(std::move(hint));
  };
  const std::string what = model::to_string(type);
  bool unknown_key = false;
  for (const ast::MapEntry& entry : value.entries) {
    const auto key = std::find(kMediaKeys.begin(), kMediaKeys.end(), entry.key.text);
    if (key == kMediaKeys.end()) {
      unknown_key = true;
      auto guess = closest_match(entry.key.text, std::span<const std::string_view>(kMediaKeys));
      fail(entry.key.span, "unknown key `" + entry.key.text + "` in the " + what + " `" + path + "`",
           guess ? "did you mean `" + *guess + "`?"
                 : "a media value takes `url`, `file` or `base64` (with `media_type`)");
      continue;
    }
    if (entry.value && !is_text(*entry.value) && entry.value->kind != ast::ValueKind::Invalid) {
      fail(entry.value->span, "`" + path + "." + entry.key.text + "` must be a string, found " + describe(*entry.value),
           "quote it: `" + entry.key.text + " \"...\"`");
    }
    const auto index = static_cast<std::size_t>(key - kMediaKeys.begin());
    if (index == 3) {
      media_type = &entry;
    } else if (sources[index] == nullptr) {
      sources[index] = &entry;
    }
  }
  std::vector<const ast::MapEntry*> given;
  for (const ast::MapEntry* source : sources) {
    if (source != nullptr) given.push_back(source);
  }
  if (given.empty() && !unknown_key) {  // a misspelled source key says enough
    fail(value.span, "the " + what + " `" + path + "` needs a `url`, a `file` or `base64` data",
         "write `{ url \"https://...\" }`, `{ file \"../path\" }` or `{ base64 \"...\" media_type \"" +
             std::string(example_media_type(type.kind)) + "\" }`");
  } else if (given.size() > 1) {
    fail(given[1]->key.span,
         "the " + what + " `" + path + "` gives both `" + given[0]->key.text + "` and `" + given[1]->key.text + "`",
         "keep one source: `url`, `file` or `base64`");
  } else if (sources[2] != nullptr && media_type == nullptr) {
    fail(sources[2]->key.span, "base64 data in `" + path + "` needs a `media_type`",
         "add `media_type \"" + std::string(example_media_type(type.kind)) + "\"`");
  }
  return ok;
}

bool ValueChecker::mismatch(const model::Type& type, const ast::Value& value, const std::string& path, bool report) {
  if (!report) return false;
  ctx_.diags
      .report(mismatch_kind(type, value), value.span,
              "`" + path + "` expects `" + model::to_string(type) + "`, found " + describe(value))
      .with_hint(how_to_write(type, 0));
  return false;
}

std::string ValueChecker::how_to_write(const model::Type& type, int depth) const {
  if (depth > 8) return "write a value of type `" + model::to_string(type) + "`";
  switch (type.kind) {
    case model::TypeKind::Int: return "write an integer, e.g. `42`";
    case model::TypeKind::Float: return "write a number, e.g. `0.5`";
    case model::TypeKind::String: return "write a quoted string, e.g. `\"text\"`";
    case model::TypeKind::Bool: return "write `true` or `false`";
    case model::TypeKind::Null: return "write `null`";
    case model::TypeKind::Duration: return "write a duration literal, e.g. `10s` or `500ms`";
    case model::TypeKind::Image:
    case model::TypeKind::Audio:
    case model::TypeKind::Pdf:
    case model::TypeKind::Video:
      return "write `{ url \"...\" }`, `{ file \"...\" }` or `{ base64 \"...\" media_type \"...\" }`";
    case model::TypeKind::Class: {
      std::string fields;
      auto it = classes_.find(type.name);
      if (it != classes_.end()) {
        for (const model::Field& f : it->second->fields) {
          if (!is_optional(ctx_.program, f.type)) fields += f.name + " ... ";
        }
      }
      return "write a block with the fields of `" + type.name + "`: `{ " + fields + "}`";
    }
    case model::TypeKind::Enum: {
      auto it = enums_.find(type.name);
      if (it == enums_.end() || it->second->values.empty() || it->second->values.size() > 8) {
        return "write a value of enum `" + type.name + "`";
      }
      std::vector<std::string_view> names;
      for (const model::EnumValue& v : it->second->values) names.push_back(v.name);
      return "write one of " + quoted_list(std::span<const std::string_view>(names), "or");
    }
    case model::TypeKind::Alias: {
      const model::Type* target = alias_target(type.name);
      return target == nullptr ? "" : how_to_write(*target, depth + 1);
    }
    case model::TypeKind::List: return "write a list: `[...]`";
    case model::TypeKind::Map: return "write a block of `key value` entries: `{ key ... }`";
    case model::TypeKind::Optional: return how_to_write(type.children.at(0), depth + 1) + ", or `null`";
    case model::TypeKind::Union: {
      std::vector<std::string> literals;
      for (const model::Type& member : type.children) {
        const bool literal = member.kind == model::TypeKind::LiteralString ||
                             member.kind == model::TypeKind::LiteralInt || member.kind == model::TypeKind::LiteralBool;
        if (!literal) return "write a value of one of the types `" + model::to_string(type) + "`";
        literals.push_back(model::to_string(member));
      }
      std::vector<std::string_view> views(literals.begin(), literals.end());
      return "write one of " + quoted_list(std::span<const std::string_view>(views), "or");
    }
    case model::TypeKind::LiteralString:
    case model::TypeKind::LiteralInt:
    case model::TypeKind::LiteralBool: return "write `" + model::to_string(type) + "`";
    case model::TypeKind::Error: return "";
  }
  return "";
}

}  // namespace bamlc::sema
