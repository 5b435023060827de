// Client declarations and references. Composite strategies are only recorded here; they are
// resolved by composites.cpp once every client exists, since a strategy may name a client
// declared later or in another file.
#include "compiler/sema/clients.h"

#include <algorithm>
#include <array>

#include "compiler/base/spelling.h"
#include "compiler/base/trim.h"
#include "compiler/sema/duplicate_keys.h"
#include "compiler/sema/http_block.h"
#include "compiler/sema/option_rules.h"
#include "compiler/sema/option_values.h"
#include "compiler/sema/stdlib.h"

namespace bamlc::sema {
namespace {

constexpr std::array<std::string_view, 3> kClientKeys = {"provider", "options", "retry_policy"};

// Providers BAML users reach for that are spelled differently (or are OpenAI-compatible).
std::string provider_hint(std::string_view name) {
  if (name == "google" || name == "gemini") return "did you mean `google-ai`?";
  if (name == "vertex") return "did you mean `vertex-ai`?";
  if (name == "bedrock" || name == "aws") return "did you mean `aws-bedrock`?";
  if (name == "azure") return "did you mean `azure-openai`?";
  if (name == "groq" || name == "together" || name == "vllm" || name == "litellm" || name == "lmstudio" ||
      name == "cerebras" || name == "mistral" || name == "deepseek" || name == "xai") {
    return "`" + std::string(name) + "` speaks the OpenAI API: use `provider openai-generic` with its `base_url`";
  }
  const auto& known = Stdlib::get().provider_names();
  if (auto guess = closest_match(name, std::span<const std::string_view>(known))) {
    return "did you mean `" + *guess + "`?";
  }
  // `openai-foo`: offer the providers that share its first word.
  const std::string_view stem = name.substr(0, name.find('-'));
  std::vector<std::string_view> related;
  for (std::string_view p : known) {
    if (p.substr(0, stem.size()) == stem && !stem.empty()) related.push_back(p);
  }
  if (!related.empty()) return "did you mean " + quoted_list(std::span<const std::string_view>(related), "or") + "?";
  return "known providers: " + quoted_list(std::span<const std::string_view>(Stdlib::get().provider_names()), "and");
}

const ProviderSchema* resolve_provider(Context& ctx, const ast::Value& value) {
  if (value.kind != ast::ValueKind::Word && value.kind != ast::ValueKind::String) {
    if (value.kind != ast::ValueKind::Invalid) {
      ctx.diags.report(DiagKind::UnknownProvider, value.span, "`provider` takes a provider name, not " + std::string(ast::value_kind_name(value.kind)))
          .with_hint("write e.g. `provider openai`");
    }
    return nullptr;
  }
  if (const ProviderSchema* schema = Stdlib::get().provider(value.text)) return schema;
  ctx.diags.report(DiagKind::UnknownProvider, value.span, "unknown provider `" + value.text + "`").with_hint(provider_hint(value.text));
  return nullptr;
}

// Options every client gets from its provider when the declaration leaves them out.
void apply_provider_defaults(model::Client& client, const ProviderSchema& schema) {
  auto has = [&](std::string_view key) {
    for (const auto& [k, v] : client.options) {
      if (k == key) return true;
    }
    return false;
  };
  if (!schema.api_key_env.empty() && !has("api_key")) {
    model::OptionValue env;
    env.kind = model::OptionValue::Kind::Env;
    env.text = schema.api_key_env;
    client.options.emplace_back("api_key", env);
  }
  if (!schema.default_base_url.empty() && !has("base_url")) {
    model::OptionValue url;
    url.kind = model::OptionValue::Kind::String;
    url.text = schema.default_base_url;
    client.options.emplace_back("base_url", url);
  }
}

void read_leaf_options(Context& ctx, const ast::Value& options, const ProviderSchema& schema, model::Client& client) {
  for (const ast::MapEntry& entry : options.entries) {
    if (entry.key.text == "http" || !entry.value) continue;
    auto known = schema.options.find(entry.key.text);
    if (known != schema.options.end() && !check_option_type(ctx, entry, known->second)) continue;
    client.options.emplace_back(entry.key.text, to_option_value(*entry.value));
  }
  check_option_rules(ctx, options.entries, client.name);
  auto declared = [&](std::string_view key) { return ast::find_entry(options.entries, key) != nullptr; };
  for (const std::string& key : schema.required) {
    if (!declared(key)) {
      ctx.diags.report(DiagKind::MissingRequiredOption, client.span, "client `" + client.name + "` (provider " + schema.name + ") needs `" + key + "` in its options")
          .with_hint("add `" + key + " \"...\"` to `options`");
    }
  }
  if (!schema.required_one_of.empty()) {
    bool satisfied = false;
    for (const auto& group : schema.required_one_of) {
      bool all = true;
      for (const std::string& key : group) all = all && declared(key);
      satisfied = satisfied || all;
    }
    if (!satisfied) {
      // "`base_url`, or `resource_name` and `deployment_id`"
      std::string needs;
      for (const auto& group : schema.required_one_of) {
        if (!needs.empty()) needs += ", or ";
        for (std::size_t i = 0; i < group.size(); ++i) needs += (i ? " and `" : "`") + group[i] + "`";
      }
      const std::string& first = schema.required_one_of.front().front();
      ctx.diags.report(DiagKind::MissingRequiredOption, client.span, "client `" + client.name + "` (provider " + schema.name + ") needs " + needs)
          .with_hint("add `" + first + " \"...\"` to `options`");
    }
  }
}

void read_composite_options(Context& ctx, const ast::Value& options, const ProviderSchema& schema, model::Client& client) {
  for (const ast::MapEntry& entry : options.entries) {
    if (entry.key.text == "http" || !entry.value) continue;
    if (entry.key.text == "strategy" || (entry.key.text == "start" && client.kind == model::ClientKind::RoundRobin)) continue;
    ctx.diags.report(DiagKind::CompositeLeafOption, entry.key.span,
                     "`" + entry.key.text + "` is not an option of a `" + schema.name + "` client")
        .with_hint(client.kind == model::ClientKind::RoundRobin
                       ? "a round-robin client takes `strategy`, `start` and `http { total_timeout ... }`; set other options on the clients it uses"
                       : "a fallback client takes `strategy` and `http { total_timeout ... }`; set other options on the clients it uses");
  }
  if (ast::find_entry(options.entries, "strategy") == nullptr) {
    ctx.diags.report(DiagKind::MissingRequiredOption, client.span, "composite client `" + client.name + "` has no `strategy`")
        .with_hint("add `strategy [Primary, Backup]` to `options`");
  }
}

void build_client(Context& ctx, const ast::ClientDecl& decl) {
  if (decl.name.text.empty()) return;
  model::Client client;
  client.name = decl.name.text;
  client.span = decl.name.span;
  report_duplicate_keys(ctx.diags, decl.body, "client `" + client.name + "`");
  for (const ast::MapEntry& entry : decl.body) {
    if (std::find(kClientKeys.begin(), kClientKeys.end(), entry.key.text) != kClientKeys.end()) continue;
    Diagnostic& d = ctx.diags.report(DiagKind::UnknownClientKey, entry.key.span, "unknown key `" + entry.key.text + "` in client `" + client.name + "`");
    if (auto guess = closest_match(entry.key.text, std::span<const std::string_view>(kClientKeys))) {
      d.with_hint("did you mean `" + *guess + "`?");
    } else {
      d.with_hint("a client takes `provider`, `options` and `retry_policy`; provider settings go inside `options`");
    }
  }
  const ast::MapEntry* provider = ast::find_entry(decl.body, "provider");
  if (provider == nullptr) {
    ctx.diags.report(DiagKind::MissingProvider, decl.name.span, "client `" + client.name + "` has no `provider`")
        .with_hint("add e.g. `provider openai` as the first line of the block");
    return;
  }
  if (!provider->value) return;
  const ProviderSchema* schema = resolve_provider(ctx, *provider->value);
  if (schema == nullptr) return;
  client.provider = schema->name;
  client.kind = schema->kind;

  if (const ast::MapEntry* policy = ast::find_entry(decl.body, "retry_policy"); policy != nullptr && policy->value) {
    const ast::Value& v = *policy->value;
    if (ctx.symbols.find(Namespace::RetryPolicies, v.text) != nullptr) {
      client.retry_policy = v.text;
    } else if (v.kind != ast::ValueKind::Invalid) {
      ctx.symbols.report_unknown(Namespace::RetryPolicies, "retry_policy", v.text, v.span, DiagKind::UnknownRetryPolicy, ctx.diags);
    }
  }

  const ast::MapEntry* options = ast::find_entry(decl.body, "options");
  const bool has_options = options != nullptr && options->value && options->value->kind == ast::ValueKind::Map;
  if (options != nullptr && options->value && !has_options && options->value->kind != ast::ValueKind::Invalid) {
    ctx.diags.report(DiagKind::OptionType, options->value->span, "`options` must be a block")
        .with_hint("write `options { model \"...\" }`");
  }
  static const ast::Value kEmpty = [] {
    ast::Value empty;
    empty.kind = ast::ValueKind::Map;
    return empty;
  }();
  const ast::Value& option_block = has_options ? *options->value : kEmpty;
  report_duplicate_keys(ctx.diags, option_block.entries, "the options of client `" + client.name + "`");
  report_nested_duplicate_keys(ctx.diags, option_block.entries, "the options of client `" + client.name + "`", {"http"});
  if (client.kind == model::ClientKind::Leaf) {
    read_leaf_options(ctx, option_block, *schema, client);
    apply_provider_defaults(client, *schema);
  } else {
    read_composite_options(ctx, option_block, *schema, client);
  }
  read_http_block(ctx, ast::find_entry(option_block.entries, "http"), client);
  ctx.program.clients.push_back(std::move(client));
}

}  // namespace

void check_clients(Context& ctx) {
  ctx.for_each<ast::ClientDecl>([&](const ast::ClientDecl& decl) { build_client(ctx, decl); });
}

std::optional<std::string> resolve_client_reference(Context& ctx, const ast::Value& reference) {
  if (reference.kind == ast::ValueKind::Invalid) return std::nullopt;
  if (reference.kind != ast::ValueKind::Word && reference.kind != ast::ValueKind::String &&
      reference.kind != ast::ValueKind::RawString) {
    ctx.diags.report(DiagKind::UnknownClient, reference.span, "expected a client name, not " + std::string(ast::value_kind_name(reference.kind)))
        .with_hint("name a declared client, or write a shorthand such as `\"openai/gpt-4o\"`");
    return std::nullopt;
  }
  // A raw string names a client too (`client #"openai/gpt-4o"#`, as BAML reads it), its text
  // trimmed as BAML trims a raw string's value.
  const std::string text =
      reference.kind == ast::ValueKind::RawString ? trimmed(reference.text) : reference.text;
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) {
    if (ctx.symbols.find(Namespace::Clients, text) != nullptr) return text;
    ctx.symbols.report_unknown(Namespace::Clients, "client", text, reference.span, DiagKind::UnknownClient, ctx.diags);
    return std::nullopt;
  }
  // "provider/model": an anonymous client, created once per distinct string.
  if (ctx.program.find_client(text) != nullptr) return text;
  const std::string provider = text.substr(0, slash);
  const std::string model_name = text.substr(slash + 1);
  const ProviderSchema* schema = Stdlib::get().provider(provider);
  if (schema == nullptr || schema->kind != model::ClientKind::Leaf || model_name.empty()) {
    ctx.diags.report(DiagKind::UnknownProvider, reference.span, "`" + text + "` is not a `provider/model` shorthand bamlc knows")
        .with_hint(schema == nullptr ? provider_hint(provider) : "write the model after the slash, e.g. `\"openai/gpt-4o\"`");
    return std::nullopt;
  }
  model::Client client;
  client.name = text;
  client.provider = schema->name;
  client.shorthand = true;
  client.span = reference.span;
  model::OptionValue model_value;
  model_value.kind = model::OptionValue::Kind::String;
  model_value.text = model_name;
  client.options.emplace_back("model", model_value);
  apply_provider_defaults(client, *schema);
  client.limits = Stdlib::get().leaf_limits();
  ctx.program.clients.push_back(std::move(client));
  return text;
}

}  // namespace bamlc::sema
