#include "compiler/sema/duration_fields.h"

#include <baml/duration.h>

namespace bamlc::sema {
namespace {

constexpr std::int64_t kMaxMs = baml::kMaxDurationMs;

std::optional<DurationField> read_duration_spelling(Context& ctx, const ast::MapEntry& entry, const DurationFieldSpec& spec) {
  const ast::Value& v = *entry.value;
  const std::string key(spec.name);
  switch (v.kind) {
    case ast::ValueKind::Duration:
      if (v.duration.count() == 0 && spec.zero == ZeroMeans::NoLimit) {
        ctx.diags.report(DiagKind::TimeoutZero, v.span, "`" + key + " 0s` would fail every call")
            .with_hint("to lift the limit write `" + key + " none`");
        return std::nullopt;
      }
      return DurationField{v.duration, v.span, entry.key.text};
    case ast::ValueKind::Word:
      if (v.text == "none" && spec.zero == ZeroMeans::NoLimit) return DurationField{std::nullopt, v.span, entry.key.text};
      break;
    case ast::ValueKind::Int: {
      const std::string n = std::to_string(v.int_value);
      ctx.diags.report(DiagKind::DurationFieldType, v.span, "`" + key + "` takes a duration, not a bare number")
          .with_hint("add a unit: `" + key + " " + n + "s` (or `" + n + "ms`), or use BAML's `" + key + "_ms " + n + "`");
      return std::nullopt;
    }
    case ast::ValueKind::Invalid:
      return std::nullopt;  // already reported
    default:
      break;
  }
  Diagnostic& d = ctx.diags.report(DiagKind::DurationFieldType, v.span,
                                   "`" + key + "` takes a duration, not " + std::string(ast::value_kind_name(v.kind)));
  if (v.kind == ast::ValueKind::String && baml::parse_duration(v.text).value) {
    d.with_hint("remove the quotes: `" + key + " " + v.text + "`");
  } else if (v.kind == ast::ValueKind::EnvRef) {
    d.with_hint("limits are fixed at compile time; write a duration such as `30s`");
  } else {
    d.with_hint(spec.zero == ZeroMeans::NoLimit ? "write a duration such as `30s`, or `none` for no limit"
                                                : "write a duration such as `200ms`");
  }
  return std::nullopt;
}

std::optional<DurationField> read_ms_spelling(Context& ctx, const ast::MapEntry& entry, const DurationFieldSpec& spec) {
  const ast::Value& v = *entry.value;
  const std::string key = std::string(spec.name) + "_ms";
  const std::string duration_key(spec.name);
  if (v.kind == ast::ValueKind::Int) {
    if (v.int_value < 0) {
      ctx.diags.report(DiagKind::MillisecondsFieldValue, v.span, "`" + key + "` must not be negative, got " + v.text)
          .with_hint(spec.zero == ZeroMeans::NoLimit ? "write a positive number of milliseconds, or `0` for no limit"
                                                     : "write a number of milliseconds, `0` or more");
      return std::nullopt;
    }
    if (v.int_value > kMaxMs) {
      ctx.diags.report(DiagKind::MillisecondsFieldValue, v.span, "`" + key + "` is too large: " + v.text + " ms")
          .with_hint("the largest duration is 2^53 - 1 ms; write `" + duration_key + " none` for no limit");
      return std::nullopt;
    }
    if (v.int_value == 0 && spec.zero == ZeroMeans::NoLimit) return DurationField{std::nullopt, v.span, entry.key.text};
    return DurationField{model::Milliseconds(v.int_value), v.span, entry.key.text};
  }
  if (v.kind == ast::ValueKind::Invalid) return std::nullopt;
  Diagnostic& d = ctx.diags.report(DiagKind::MillisecondsFieldValue, v.span,
                                   "`" + key + "` takes a whole number of milliseconds, not " + std::string(ast::value_kind_name(v.kind)));
  if (v.kind == ast::ValueKind::Duration) {
    d.with_hint("write `" + duration_key + " " + v.text + "` (bamlc's spelling), or `" + key + " " + std::to_string(v.duration.count()) + "`");
  } else if (v.kind == ast::ValueKind::Float) {
    d.with_hint("milliseconds are whole numbers: write `" + key + " " + std::to_string(static_cast<std::int64_t>(v.float_value)) + "`");
  } else {
    d.with_hint("write an integer such as `" + key + " 30000`, or `" + duration_key + " 30s`");
  }
  return std::nullopt;
}

}  // namespace

bool is_spelling_of(std::string_view key, std::string_view name) {
  return key == name || (key.size() == name.size() + 3 && key.substr(0, name.size()) == name && key.substr(name.size()) == "_ms");
}

std::optional<DurationField> read_duration_field(Context& ctx, const std::vector<ast::MapEntry>& entries,
                                                 const DurationFieldSpec& spec) {
  const ast::MapEntry* duration_entry = nullptr;
  const ast::MapEntry* ms_entry = nullptr;
  for (const ast::MapEntry& entry : entries) {
    if (entry.key.text == spec.name && duration_entry == nullptr) duration_entry = &entry;
    if (is_spelling_of(entry.key.text, spec.name) && entry.key.text != spec.name && ms_entry == nullptr) ms_entry = &entry;
  }
  if (duration_entry != nullptr && ms_entry != nullptr) {
    const std::string name(spec.name);
    ctx.diags.report(DiagKind::BothSpellings, ms_entry->key.span, "`" + name + "` is given twice, as `" + name + "` and as `" + name + "_ms`")
        .with_hint("keep one of them")
        .with_note(duration_entry->key.span, "the other spelling is here");
    return std::nullopt;
  }
  const ast::MapEntry* entry = duration_entry != nullptr ? duration_entry : ms_entry;
  if (entry == nullptr || !entry->value) return std::nullopt;
  return entry == duration_entry ? read_duration_spelling(ctx, *entry, spec) : read_ms_spelling(ctx, *entry, spec);
}

}  // namespace bamlc::sema
