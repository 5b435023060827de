#include "compiler/sema/prompt_roles.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "compiler/ast/template_ast.h"

namespace bamlc::sema {
namespace {

const model::OptionValue* option(const model::Client& client, std::string_view key) {
  for (const auto& [name, value] : client.options) {
    if (name == key) return &value;
  }
  return nullptr;
}

// The roles a leaf allows and the one it sends the others as; nullopt when they are not literal
// (an env. value), where nothing can be said statically.
struct Roles {
  std::vector<std::string> allowed;
  std::string fallback;
};

std::optional<Roles> roles_of(const model::Client& client) {
  Roles roles;
  roles.allowed = {"system", "user", "assistant"};
  const bool openai_family = client.provider == "openai" || client.provider == "openai-generic" ||
                             client.provider == "azure-openai" || client.provider == "openai-responses";
  roles.fallback = openai_family ? "system" : "user";
  if (const model::OptionValue* allowed = option(client, "allowed_roles")) {
    if (allowed->kind != model::OptionValue::Kind::List) return std::nullopt;
    roles.allowed.clear();
    for (const model::OptionValue& item : allowed->items) {
      if (item.kind != model::OptionValue::Kind::String) return std::nullopt;
      roles.allowed.push_back(item.text);
    }
  }
  if (const model::OptionValue* fallback = option(client, "default_role")) {
    if (fallback->kind != model::OptionValue::Kind::String) return std::nullopt;
    roles.fallback = fallback->text;
  }
  return roles;
}

void collect_leaves(const model::Program& program, const std::string& name, std::set<std::string>& seen,
                    std::vector<const model::Client*>& leaves) {
  if (!seen.insert(name).second) return;
  const model::Client* client = program.find_client(name);
  if (!client) return;
  if (client->kind == model::ClientKind::Leaf) {
    leaves.push_back(client);
    return;
  }
  for (const std::string& child : client->strategy) collect_leaves(program, child, seen, leaves);
}

// Every `_.role("x")` / `_.chat("x")` call with a literal role, in the order written.
void collect_role_calls(const ast::TemplateExpr& e, std::vector<const ast::TemplateExpr*>& calls);

void collect_role_calls(const std::vector<ast::TemplateNode>& nodes, std::vector<const ast::TemplateExpr*>& calls) {
  for (const ast::TemplateNode& node : nodes) {
    collect_role_calls(*node.expr, calls);
    for (const ast::IfBranch& branch : node.branches) collect_role_calls(branch.body, calls);
    collect_role_calls(node.body, calls);
    collect_role_calls(node.else_body, calls);
  }
}

void collect_role_calls(const ast::TemplateExpr& e, std::vector<const ast::TemplateExpr*>& calls) {
  if (e.kind == ast::TemplateExprKind::Call && !e.operands.empty()) {
    const ast::TemplateExpr& callee = e.operands[0];
    const bool role_helper = callee.kind == ast::TemplateExprKind::Attribute && !callee.operands.empty() &&
                             callee.operands[0].kind == ast::TemplateExprKind::Variable && callee.operands[0].text == "_" &&
                             (callee.member.text == "role" || callee.member.text == "chat");
    if (role_helper) calls.push_back(&e);
  }
  for (const ast::TemplateExpr& operand : e.operands) collect_role_calls(operand, calls);
  for (const ast::TemplateArg& arg : e.args) collect_role_calls(arg.value, calls);
}

const ast::TemplateExpr* literal_role(const ast::TemplateExpr& call) {
  for (const ast::TemplateArg& arg : call.args) {
    if (arg.keyword.text.empty() || arg.keyword.text == "role") {
      return arg.value.kind == ast::TemplateExprKind::String ? &arg.value : nullptr;
    }
  }
  return nullptr;
}

std::string quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + ("`" + n + "`");
  return out;
}

}  // namespace

void check_prompt_roles(Context& ctx) {
  for (const model::Function& function : ctx.program.functions) {
    if (!function.prompt_template) continue;
    std::vector<const ast::TemplateExpr*> calls;
    collect_role_calls(function.prompt_template->nodes, calls);
    if (calls.empty()) continue;
    std::set<std::string> seen;
    std::vector<const model::Client*> leaves;
    collect_leaves(ctx.program, function.client, seen, leaves);
    for (const ast::TemplateExpr* call : calls) {
      const ast::TemplateExpr* role = literal_role(*call);
      if (!role) continue;
      for (const model::Client* leaf : leaves) {
        const std::optional<Roles> roles = roles_of(*leaf);
        if (!roles || std::find(roles->allowed.begin(), roles->allowed.end(), role->text) != roles->allowed.end()) continue;
        ctx.diags
            .report(DiagKind::RoleNotAllowed, role->span,
                    "client `" + leaf->name + "` does not allow the role `" + role->text + "`: its message is sent as `" +
                        roles->fallback + "`")
            .with_hint("use one of " + quoted(roles->allowed) + ", or add `" + role->text + "` to the client's allowed_roles");
        break;  // one warning per call: the first leaf that maps it
      }
    }
  }
}

}  // namespace bamlc::sema
