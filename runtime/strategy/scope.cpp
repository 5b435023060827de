// Scopes and the budget's own timeout error (see scope.h).
#include "strategy/scope.h"

#include <memory>

namespace baml {

Scope Scope::for_call(SteadyTime start, const CallOptions& options) {
  Scope root;
  root.budget = make_budget(start, std::nullopt, options.timeout, options.deadline);
  return root;
}

Scope Scope::enter(const ClientSpec& client, SteadyTime now) const {
  Scope inner = *this;
  inner.path.push_back(client.name);
  if (!client.limits.total) return inner;
  const Budget own{now, saturating_add(now, *client.limits.total), BudgetSource::ClientTotal};
  const bool own_is_tighter = !budget || own.deadline < budget->deadline ||
                              (own.deadline == budget->deadline && budget->source == BudgetSource::Caller);
  if (own_is_tighter) {
    inner.budget = own;
    inner.budget_client = client.name;
  }
  return inner;
}

bool Scope::ended(SteadyTime now) const {
  return budget && budget->deadline <= now;
}

bool Scope::refuses_wait(SteadyTime now, std::chrono::milliseconds wait) const {
  return budget && saturating_add(now, wait) >= budget->deadline;
}

ErrorInfo budget_timeout(const Scope& scope, SteadyTime now, const std::string& function,
                         std::optional<std::chrono::milliseconds> refused_wait, std::optional<ErrorInfo> cause) {
  ErrorInfo info;
  info.type = ErrorType::Timeout;
  info.function = function;
  info.path = scope.path;
  const Budget& budget = *scope.budget;
  info.timeout_kind = budget.source == BudgetSource::ClientTotal ? TimeoutKind::Total : TimeoutKind::Deadline;
  info.limit = budget.limit();
  info.elapsed = now - budget.start;
  info.budget_client = scope.budget_client;
  info.refused_wait = refused_wait;
  if (cause) {
    // What had arrived belongs to the attempt that failed; the budget error shows it too.
    info.partial_text = cause->partial_text;
    info.usage = cause->usage;
    cause->attempts.clear();  // the history is the budget error's own
    info.cause = std::make_shared<const ErrorInfo>(std::move(*cause));
  }
  return info;
}

}  // namespace baml
