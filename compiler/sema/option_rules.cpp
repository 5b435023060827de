#include "compiler/sema/option_rules.h"

#include <algorithm>
#include <string_view>

#include "compiler/base/spelling.h"
#include "compiler/sema/stdlib.h"

namespace bamlc::sema {
namespace {

bool is_literal_text(const ast::Value& v) {
  return v.kind == ast::ValueKind::String || v.kind == ast::ValueKind::RawString || v.kind == ast::ValueKind::Word;
}

std::string quoted_roles(const std::vector<std::string>& roles) {
  std::vector<std::string_view> views(roles.begin(), roles.end());
  return quoted_list(std::span<const std::string_view>(views), "and");
}

// `allowed_roles [..., "NAME"]`: the fix that keeps the current roles and adds one.
std::string with_added_role(const std::vector<std::string>& roles, const std::string& role) {
  std::string out = "allowed_roles [";
  for (const std::string& r : roles) out += "\"" + r + "\", ";
  return out + "\"" + role + "\"]";
}

struct AllowedRoles {
  std::vector<std::string> roles;
  bool known = true;                        // false when an entry comes from env.X
  const ast::MapEntry* declared = nullptr;  // nullptr: the stdlib's default list
};

AllowedRoles allowed_roles(Context& ctx, const std::vector<ast::MapEntry>& options) {
  AllowedRoles out;
  out.declared = ast::find_entry(options, "allowed_roles");
  if (out.declared == nullptr) {
    out.roles = Stdlib::get().default_allowed_roles();
    return out;
  }
  if (!out.declared->value || out.declared->value->kind != ast::ValueKind::List) {
    out.known = false;  // its type error is already reported
    return out;
  }
  const ast::Value& list = *out.declared->value;
  if (list.items.empty()) {
    ctx.diags.report(DiagKind::OptionConflict, list.span, "`allowed_roles` is empty, so no message could be sent")
        .with_hint("list the roles the provider accepts, e.g. `" + with_added_role({"user", "assistant"}, "system") +
                   "`, or remove `allowed_roles` for that default");
  }
  for (const ast::Value& item : list.items) {
    if (is_literal_text(item)) {
      out.roles.push_back(item.text);
    } else {
      out.known = false;
    }
  }
  return out;
}

void check_role(Context& ctx, const AllowedRoles& allowed, const std::string& role, Span at, const std::string& what) {
  if (!allowed.known || allowed.roles.empty()) return;
  if (std::find(allowed.roles.begin(), allowed.roles.end(), role) != allowed.roles.end()) return;
  const std::string source = allowed.declared != nullptr ? "its `allowed_roles`" : "the default allowed roles";
  Diagnostic& d =
      ctx.diags.report(DiagKind::OptionConflict, at,
                       what + " `" + role + "` is not one of " + source + ", " + quoted_roles(allowed.roles));
  if (auto guess = closest_match(role, std::span<const std::string>(allowed.roles))) {
    d.with_hint("did you mean `" + *guess + "`? To use `" + role + "`, write `" + with_added_role(allowed.roles, role) +
                "`");
  } else {
    d.with_hint("use one of them, or allow it: `" + with_added_role(allowed.roles, role) + "`");
  }
  if (allowed.declared != nullptr) d.with_note(allowed.declared->key.span, "the allowed roles are set here");
}

// An option limited to a few words: its text must be one of them (`allowed_role_metadata` also
// takes a list of keys), written out rather than read from env.X.
void check_option_words(Context& ctx, const ast::MapEntry& entry, const std::vector<std::string>& words) {
  if (!entry.value || entry.value->kind == ast::ValueKind::Invalid) return;
  const ast::Value& v = *entry.value;
  const bool takes_list = entry.key.text == "allowed_role_metadata";
  // "one of `openai`, ... or `vertex`"; "`all`, `none` or a list of metadata keys"
  std::string one_of;
  for (const std::string& word : words) one_of += (one_of.empty() ? "`" : ", `") + word + "`";
  if (takes_list) {
    one_of += " or a list of metadata keys";
  } else {
    std::vector<std::string_view> views(words.begin(), words.end());
    one_of = "one of " + quoted_list(std::span<const std::string_view>(views), "or");
  }
  if (is_literal_text(v)) {
    if (std::find(words.begin(), words.end(), v.text) != words.end()) return;
    Diagnostic& d = ctx.diags.report(DiagKind::OptionType, v.span,
                                     "`" + entry.key.text + "` cannot be `" + v.text + "`: it takes " + one_of);
    if (auto guess = closest_match(v.text, std::span<const std::string>(words))) {
      d.with_hint("did you mean `" + *guess + "`?");
    } else {
      d.with_hint("write `" + entry.key.text + " \"" + words.front() + "\"`" +
                  (takes_list ? ", or a list of the metadata keys to send" : ""));
    }
    return;
  }
  if (takes_list && v.kind == ast::ValueKind::List) {
    for (const ast::Value& item : v.items) {
      if (is_literal_text(item) || item.kind == ast::ValueKind::Invalid) continue;
      ctx.diags
          .report(DiagKind::OptionType, item.span,
                  "`" + entry.key.text + "` lists metadata keys, not " + std::string(ast::value_kind_name(item.kind)))
          .with_hint("quote the key, e.g. `" + entry.key.text + " [\"cache_control\"]`");
    }
    return;
  }
  // Other values of a string option already failed its type check (option_values.cpp).
  if (!takes_list && v.kind != ast::ValueKind::EnvRef) return;
  const std::string why = v.kind == ast::ValueKind::EnvRef
                              ? "is fixed at compile time, so it cannot come from `env." + v.text + "`"
                              : "takes " + one_of + ", not " + std::string(ast::value_kind_name(v.kind));
  ctx.diags.report(DiagKind::OptionType, v.span, "`" + entry.key.text + "` " + why)
      .with_hint("write `" + entry.key.text + " \"" + words.front() + "\"`" +
                 (takes_list ? ", or a list such as `[\"cache_control\"]`" : ""));
}

}  // namespace

void check_option_rules(Context& ctx, const std::vector<ast::MapEntry>& options, const std::string& client_name) {
  const AllowedRoles allowed = allowed_roles(ctx, options);
  if (const ast::MapEntry* role = ast::find_entry(options, "default_role"); role != nullptr && role->value) {
    if (is_literal_text(*role->value)) check_role(ctx, allowed, role->value->text, role->value->span, "`default_role`");
  }
  if (const ast::MapEntry* remap = ast::find_entry(options, "remap_roles"); remap != nullptr && remap->value) {
    if (remap->value->kind == ast::ValueKind::Map) {
      for (const ast::MapEntry& entry : remap->value->entries) {
        check_role(ctx, allowed, entry.key.text, entry.key.span, "the `remap_roles` key");
      }
    }
  }
  for (const auto& [key, words] : Stdlib::get().option_values()) {
    if (const ast::MapEntry* entry = ast::find_entry(options, key)) check_option_words(ctx, *entry, words);
  }
  for (const std::vector<std::string>& group : Stdlib::get().exclusive_options()) {
    const ast::MapEntry* first = nullptr;
    for (const std::string& key : group) {
      const ast::MapEntry* entry = ast::find_entry(options, key);
      if (entry == nullptr) continue;
      if (first == nullptr) {
        first = entry;
        continue;
      }
      ctx.diags
          .report(DiagKind::OptionConflict, entry->key.span,
                  "client `" + client_name + "` sets both `" + first->key.text + "` and `" + entry->key.text +
                      "`, which cannot be used together")
          .with_hint(
              "keep only one of them (an allow list accepts just the values it names, a deny list all but "
              "those)")
          .with_note(first->key.span, "`" + first->key.text + "` is set here");
    }
  }
}

}  // namespace bamlc::sema
