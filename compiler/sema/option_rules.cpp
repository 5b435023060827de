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
