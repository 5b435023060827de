#include "compiler/sema/retry_policies.h"

#include <algorithm>
#include <array>

#include "compiler/base/spelling.h"
#include "compiler/sema/duplicate_keys.h"
#include "compiler/sema/duration_fields.h"
#include "compiler/sema/stdlib.h"

namespace bamlc::sema {
namespace {

constexpr std::array<std::string_view, 3> kPolicyKeys = {"max_retries", "strategy", "retry_on"};
constexpr std::array<std::string_view, 2> kStrategyTypes = {"constant_delay", "exponential_backoff"};
constexpr std::array<std::string_view, 4> kRetryClasses = {"connect", "timeout", "rate_limit", "server"};

void report_unknown_key(Context& ctx, const ast::MapEntry& entry, std::span<const std::string_view> known, std::string_view where) {
  Diagnostic& d = ctx.diags.report(DiagKind::UnknownRetryPolicyKey, entry.key.span, "unknown key `" + entry.key.text + "` in " + std::string(where));
  if (auto guess = closest_match(entry.key.text, known)) {
    d.with_hint("did you mean `" + *guess + "`?");
  } else {
    d.with_hint("it takes " + quoted_list(known, "and"));
  }
}

// The most retries a policy may ask for: 1 + max_retries rounds fit the runtime's int.
constexpr std::int64_t kMaxRetries = 2147483646;

void read_max_retries(Context& ctx, const ast::RetryPolicyDecl& decl, model::RetryPolicy& policy) {
  const ast::MapEntry* entry = ast::find_entry(decl.body, "max_retries");
  if (entry == nullptr) {
    ctx.diags.report(DiagKind::BadMaxRetries, decl.name.span, "retry_policy `" + decl.name.text + "` has no `max_retries`")
        .with_hint("add `max_retries 2` (the number of attempts after the first)");
    return;
  }
  if (!entry->value || entry->value->kind == ast::ValueKind::Invalid) return;
  const ast::Value& v = *entry->value;
  if (v.kind != ast::ValueKind::Int) {
    ctx.diags.report(DiagKind::BadMaxRetries, v.span, "`max_retries` takes a whole number, not " + std::string(ast::value_kind_name(v.kind)))
        .with_hint("write e.g. `max_retries 3`");
  } else if (v.int_value < 0) {
    ctx.diags.report(DiagKind::BadMaxRetries, v.span, "`max_retries` cannot be negative")
        .with_hint("write `max_retries 0` for no retries");
  } else if (v.int_value > kMaxRetries) {
    // The runtime counts a call's 1 + max_retries rounds in an int (docs/ir.md, "Retry policies").
    ctx.diags.report(DiagKind::BadMaxRetries, v.span, "`max_retries` can be at most " + std::to_string(kMaxRetries))
        .with_hint("`max_retries` counts the attempts after the first");
  } else {
    policy.max_retries = v.int_value;
  }
}

void read_strategy(Context& ctx, const ast::MapEntry& strategy, model::RetryPolicy& policy) {
  if (!strategy.value || strategy.value->kind == ast::ValueKind::Invalid) return;
  if (strategy.value->kind != ast::ValueKind::Map) {
    ctx.diags.report(DiagKind::UnknownRetryStrategyType, strategy.value->span, "`strategy` must be a block")
        .with_hint("write `strategy { type exponential_backoff delay 200ms }`");
    return;
  }
  const auto& entries = strategy.value->entries;
  report_duplicate_keys(ctx.diags, entries, "the `strategy` of retry_policy `" + policy.name + "`");
  const ast::MapEntry* type = ast::find_entry(entries, "type");
  if (type == nullptr) {
    // BAML requires `type` ("required property \"type\" on \"strategy\" is missing"). The rest of
    // the block is still checked, as the type its keys imply, so one omission is one error.
    const bool grows = ast::find_entry(entries, "multiplier") != nullptr ||
                       ast::find_entry(entries, "max_delay") != nullptr || ast::find_entry(entries, "max_delay_ms") != nullptr;
    if (grows) policy.backoff = model::BackoffKind::ExponentialBackoff;
    ctx.diags
        .report(DiagKind::MissingRetryStrategyType, strategy.key.span,
                "the `strategy` of retry_policy `" + policy.name + "` has no `type`")
        .with_hint(grows ? "add `type exponential_backoff` (its `multiplier` and `max_delay` belong to it); the other "
                           "type is `constant_delay`"
                         : "add `type constant_delay` (the same wait before every retry) or `type exponential_backoff` "
                           "(waits that grow)");
  }
  if (type != nullptr && type->value) {
    const ast::Value& v = *type->value;
    if (v.text == "constant_delay") {
      policy.backoff = model::BackoffKind::ConstantDelay;
    } else if (v.text == "exponential_backoff") {
      policy.backoff = model::BackoffKind::ExponentialBackoff;
    } else if (v.kind != ast::ValueKind::Invalid) {
      Diagnostic& d = ctx.diags.report(DiagKind::UnknownRetryStrategyType, v.span, "unknown retry strategy type `" + v.text + "`");
      if (auto guess = closest_match(v.text, std::span<const std::string_view>(kStrategyTypes))) {
        d.with_hint("did you mean `" + *guess + "`?");
      } else {
        d.with_hint("the types are `constant_delay` and `exponential_backoff`");
      }
      return;
    }
  }
  const bool exponential = policy.backoff == model::BackoffKind::ExponentialBackoff;
  static constexpr std::array<std::string_view, 5> kExponentialKeys = {"type", "delay", "multiplier", "max_delay", "jitter"};
  static constexpr std::array<std::string_view, 3> kConstantKeys = {"type", "delay", "jitter"};
  for (const ast::MapEntry& entry : entries) {
    const bool known = entry.key.text == "type" || entry.key.text == "jitter" || is_spelling_of(entry.key.text, "delay") ||
                       entry.key.text == "multiplier" || is_spelling_of(entry.key.text, "max_delay");
    if (!known) {
      // baml-cli accepts any other key in a strategy and ignores it; so does bamlc, with a
      // warning, since it is most often a misspelled one.
      const auto keys = exponential ? std::span<const std::string_view>(kExponentialKeys) : std::span<const std::string_view>(kConstantKeys);
      Diagnostic& d = ctx.diags.report(DiagKind::IgnoredRetryEntry, entry.key.span,
                                       "bamlc ignores `" + entry.key.text + "` in a retry strategy, which baml-cli accepts");
      // BAML's spellings too, so that `max_delay_msec` suggests `max_delay_ms`.
      static constexpr std::array<std::string_view, 7> kSpellings = {"type", "delay", "delay_ms", "multiplier", "max_delay", "max_delay_ms", "jitter"};
      if (auto guess = closest_match(entry.key.text, std::span<const std::string_view>(kSpellings))) {
        d.with_hint("did you mean `" + *guess + "`?");
      } else {
        d.with_hint("remove it; a strategy takes " + quoted_list(keys, "and"));
      }
      continue;
    }
    if (!exponential && (entry.key.text == "multiplier" || is_spelling_of(entry.key.text, "max_delay"))) {
      ctx.diags.report(DiagKind::RetryOptionNotForStrategy, entry.key.span, "`" + entry.key.text + "` does not apply to `constant_delay`")
          .with_hint("remove it, or use `type exponential_backoff`");
    }
  }
  Span delay_span;
  if (auto delay = read_duration_field(ctx, entries, DurationFieldSpec{"delay", ZeroMeans::Zero})) {
    policy.delay = *delay->value;
    delay_span = delay->span;
  }
  if (exponential) {
    if (const ast::MapEntry* m = ast::find_entry(entries, "multiplier"); m != nullptr && m->value) {
      const ast::Value& v = *m->value;
      const bool number = v.kind == ast::ValueKind::Int || v.kind == ast::ValueKind::Float;
      const double value = v.kind == ast::ValueKind::Int ? static_cast<double>(v.int_value) : v.float_value;
      if (!number || value < 1) {
        if (v.kind != ast::ValueKind::Invalid) {
          ctx.diags.report(DiagKind::BadMultiplier, v.span, number ? "`multiplier` must be at least 1, got " + v.text : "`multiplier` takes a number")
              .with_hint("waits grow by this factor: write e.g. `multiplier 1.5` (use `constant_delay` for equal waits)");
        }
      } else {
        policy.multiplier = value;
      }
    }
    if (auto max_delay = read_duration_field(ctx, entries, DurationFieldSpec{"max_delay", ZeroMeans::Zero})) {
      policy.max_delay = *max_delay->value;
      if (policy.max_delay < policy.delay) {
        Diagnostic& d = ctx.diags.report(DiagKind::MaxDelayBelowDelay, max_delay->span, "`max_delay` is shorter than `delay`")
            .with_hint("make `max_delay` at least the first wait");
        if (delay_span.valid()) d.with_note(delay_span, "the delay is set here");
      }
    }
  }
  if (const ast::MapEntry* jitter = ast::find_entry(entries, "jitter"); jitter != nullptr && jitter->value) {
    const ast::Value& v = *jitter->value;
    if (v.text == "full") policy.jitter = model::Jitter::Full;
    else if (v.text == "none") policy.jitter = model::Jitter::None;
    else if (v.kind != ast::ValueKind::Invalid) {
      ctx.diags.report(DiagKind::RetryOptionNotForStrategy, v.span, "unknown jitter `" + v.text + "`")
          .with_hint("write `jitter full` (random waits up to the computed one) or `jitter none`");
    }
  }
}

void read_retry_on(Context& ctx, const ast::MapEntry& entry, model::RetryPolicy& policy) {
  if (!entry.value || entry.value->kind == ast::ValueKind::Invalid) return;
  const ast::Value& v = *entry.value;
  if (v.kind != ast::ValueKind::List || v.items.empty()) {
    ctx.diags.report(DiagKind::UnknownRetryClass, v.span, v.kind == ast::ValueKind::List ? "`retry_on` is empty, so nothing would be retried" : "`retry_on` takes a list")
        .with_hint("write e.g. `retry_on [connect, rate_limit]`, or `max_retries 0` for no retries");
    return;
  }
  policy.retry_on.clear();
  for (const ast::Value& item : v.items) {
    model::RetryClass c{};
    if (parse_retry_class(item.text, c)) {
      policy.retry_on.push_back(c);
      continue;
    }
    if (item.kind == ast::ValueKind::Invalid) continue;
    Diagnostic& d = ctx.diags.report(DiagKind::UnknownRetryClass, item.span, "unknown retry class `" + item.text + "`");
    if (auto guess = closest_match(item.text, std::span<const std::string_view>(kRetryClasses))) {
      d.with_hint("did you mean `" + *guess + "`?");
    } else {
      d.with_hint("the classes are `connect`, `timeout`, `rate_limit` and `server`");
    }
  }
}

// baml-cli accepts an `options` block in a retry policy and uses none of it; anything but a block
// is its error "`options` must be a map".
void report_ignored_options(Context& ctx, const ast::RetryPolicyDecl& decl, const ast::MapEntry& entry) {
  if (!entry.value || entry.value->kind == ast::ValueKind::Invalid) return;
  if (entry.value->kind != ast::ValueKind::Map) {
    ctx.diags.report(DiagKind::UnknownRetryPolicyKey, entry.value->span, "`options` in a retry_policy must be a block")
        .with_hint("remove it: a retry policy uses no options");
    return;
  }
  ctx.diags
      .report(DiagKind::IgnoredRetryEntry, entry.key.span,
              "bamlc ignores the `options` of retry_policy `" + decl.name.text + "`, which baml-cli accepts")
      .with_hint("remove it; a retry policy takes " + quoted_list(kPolicyKeys, "and"));
}

}  // namespace

void check_retry_policies(Context& ctx) {
  ctx.for_each<ast::RetryPolicyDecl>([&](const ast::RetryPolicyDecl& decl) {
    if (decl.name.text.empty()) return;
    const RetryDefaults& defaults = Stdlib::get().retry_defaults();
    model::RetryPolicy policy;
    policy.name = decl.name.text;
    policy.span = decl.name.span;
    policy.backoff = defaults.backoff;
    policy.delay = defaults.delay;
    policy.multiplier = defaults.multiplier;
    policy.max_delay = defaults.max_delay;
    policy.jitter = defaults.jitter;
    policy.retry_on = defaults.retry_on;
    report_duplicate_keys(ctx.diags, decl.body, "retry_policy `" + decl.name.text + "`");
    for (const ast::MapEntry& entry : decl.body) {
      if (entry.key.text == "options") {
        report_ignored_options(ctx, decl, entry);
      } else if (std::find(kPolicyKeys.begin(), kPolicyKeys.end(), entry.key.text) == kPolicyKeys.end()) {
        report_unknown_key(ctx, entry, kPolicyKeys, "retry_policy `" + decl.name.text + "`");
      }
    }
    read_max_retries(ctx, decl, policy);
    if (const ast::MapEntry* strategy = ast::find_entry(decl.body, "strategy")) read_strategy(ctx, *strategy, policy);
    if (const ast::MapEntry* retry_on = ast::find_entry(decl.body, "retry_on")) read_retry_on(ctx, *retry_on, policy);
    ctx.program.retry_policies.push_back(std::move(policy));
  });
}

}  // namespace bamlc::sema
