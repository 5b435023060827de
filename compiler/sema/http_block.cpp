#include "compiler/sema/http_block.h"

#include <array>

#include "compiler/base/spelling.h"
#include "compiler/sema/duplicate_keys.h"
#include "compiler/sema/duration_fields.h"
#include "compiler/sema/stdlib.h"

namespace bamlc::sema {
namespace {

constexpr std::string_view kPooling = "enable_connection_pooling";
constexpr std::string_view kDeadlineHeader = "deadline_header";

bool is_limit_field(std::string_view key, model::LimitKind& kind) {
  for (model::LimitKind k : model::kAllLimitKinds) {
    if (is_spelling_of(key, model::limit_field_name(k))) {
      kind = k;
      return true;
    }
  }
  return false;
}

std::vector<std::string> field_names(bool composite) {
  std::vector<std::string> names;
  for (model::LimitKind k : model::kAllLimitKinds) {
    if (composite && k != model::LimitKind::Total) continue;
    names.emplace_back(model::limit_field_name(k));
    names.push_back(std::string(model::limit_field_name(k)) + "_ms");
  }
  if (!composite) names.emplace_back(kPooling);
  names.emplace_back(kDeadlineHeader);
  return names;
}

void report_unknown_field(Context& ctx, const ast::MapEntry& entry, bool composite) {
  const std::vector<std::string> names = field_names(composite);
  Diagnostic& d = ctx.diags.report(DiagKind::UnknownHttpField, entry.key.span, "unknown field `" + entry.key.text + "` in `http`");
  if (auto guess = closest_match(entry.key.text, std::span<const std::string>(names))) {
    d.with_hint("did you mean `" + *guess + "`?");
  } else {
    d.with_hint("the http block takes connect_timeout, time_to_first_token_timeout, idle_timeout, request_timeout, "
                "total_timeout (or their `_ms` spellings), enable_connection_pooling and deadline_header");
  }
}

}  // namespace

void read_http_block(Context& ctx, const ast::MapEntry* http, model::Client& client) {
  const bool composite = client.kind != model::ClientKind::Leaf;
  if (!composite) client.limits = Stdlib::get().leaf_limits();
  if (http == nullptr || !http->value) return;
  const ast::Value& block = *http->value;
  if (block.kind != ast::ValueKind::Map) {
    if (block.kind != ast::ValueKind::Invalid) {
      ctx.diags.report(DiagKind::HttpNotBlock, block.span, "`http` must be a block of timeout settings")
          .with_hint("write `http { request_timeout 2m }`");
    }
    return;
  }
  report_duplicate_keys(ctx.diags, block.entries, "the `http` block of client `" + client.name + "`");
  for (const ast::MapEntry& entry : block.entries) {
    model::LimitKind kind{};
    if (is_limit_field(entry.key.text, kind)) {
      if (composite && kind != model::LimitKind::Total) {
        ctx.diags.report(DiagKind::CompositeHttpField, entry.key.span,
                         "composite client `" + client.name + "` cannot set `" + entry.key.text + "`")
            .with_hint("a composite bounds the whole call with `total_timeout`; set `" +
                       std::string(model::limit_field_name(kind)) + "` on the clients in its strategy");
      }
      continue;  // read below, once per field, so that both spellings are seen together
    }
    if (entry.key.text == kPooling && !composite) {
      if (entry.value && !(entry.value->kind == ast::ValueKind::Word && (entry.value->text == "true" || entry.value->text == "false"))) {
        ctx.diags.report(DiagKind::OptionType, entry.value->span, "`enable_connection_pooling` takes true or false")
            .with_hint("write `enable_connection_pooling true`");
      }
      continue;
    }
    if (entry.key.text == kDeadlineHeader) {
      if (entry.value && entry.value->kind == ast::ValueKind::String && !entry.value->text.empty()) {
        client.deadline_header = entry.value->text;
      } else if (entry.value) {
        ctx.diags.report(DiagKind::OptionType, entry.value->span, "`deadline_header` takes a header name as a string")
            .with_hint("write `deadline_header \"x-envoy-upstream-rq-timeout-ms\"`");
      }
      continue;
    }
    report_unknown_field(ctx, entry, composite);
  }
  for (model::LimitKind kind : model::kAllLimitKinds) {
    if (composite && kind != model::LimitKind::Total) continue;
    if (auto field = read_duration_field(ctx, block.entries, DurationFieldSpec{model::limit_field_name(kind), ZeroMeans::NoLimit})) {
      client.limits[kind] = model::Limit{field->value, model::LimitSource::Declared, field->span};
    }
  }
}

}  // namespace bamlc::sema
