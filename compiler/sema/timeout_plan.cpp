#include "compiler/sema/timeout_plan.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "compiler/sema/stdlib.h"
#include "compiler/syntax/duration_literal.h"

namespace bamlc::sema {
namespace {

using model::Milliseconds;
using Bound = std::optional<Milliseconds>;  // nullopt: unbounded

Bound add(Bound a, Bound b) { return a && b ? Bound(*a + *b) : std::nullopt; }
Bound clip(Bound value, const model::Limit& total) {
  if (!total.value) return value;
  return value ? std::min(*value, *total.value) : *total.value;
}

struct Planner {
  const model::Program& program;
  Plan plan;
  std::vector<std::string> path;
  std::set<std::string> active;  // guards against cycles

  const model::RetryPolicy* policy_of(const model::Client& c) const {
    return c.retry_policy ? program.find_retry_policy(*c.retry_policy) : nullptr;
  }

  void record(const model::Client& leaf, std::int64_t attempt, std::int64_t attempts, Milliseconds wait) {
    if (plan.attempts.size() >= kMaxPlannedAttempts) {
      plan.truncated = true;
      return;
    }
    plan.attempts.push_back(PlannedAttempt{path, attempt, attempts, &leaf, wait});
  }

  // Expands the attempts of one call through `client`, `wait` being the backoff slept before
  // its first attempt; returns its worst case before and after its own total_timeout.
  Bound expand(const model::Client& client, Milliseconds wait, Bound& unclipped_out) {
    if (!active.insert(client.name).second) {
      plan.unbounded_reason = "`" + client.name + "` contains itself";
      unclipped_out = std::nullopt;
      return std::nullopt;
    }
    path.push_back(client.name);
    const model::RetryPolicy* policy = policy_of(client);
    const std::int64_t rounds = 1 + (policy ? policy->max_retries : 0);
    Bound total = Milliseconds(0);
    for (std::int64_t round = 1; round <= rounds; ++round) {
      const Milliseconds before = round == 1 ? wait : backoff_wait(*policy, round - 1);
      if (round > 1) total = add(total, before);
      switch (client.kind) {
        case model::ClientKind::Leaf: {
          record(client, round, rounds, before);
          const Bound attempt = client.limits.request.value;
          if (!attempt && plan.unbounded_reason.empty()) {
            plan.unbounded_reason = "`" + client.name + "` has no request_timeout and nothing around it sets a total_timeout";
            plan.unbounded_leaf = &client;
          }
          total = add(total, attempt);
          break;
        }
        case model::ClientKind::Fallback: {
          Milliseconds child_wait = before;
          for (const std::string& name : client.strategy) {
            const model::Client* child = program.find_client(name);
            if (child == nullptr) continue;
            Bound ignored;
            total = add(total, expand(*child, child_wait, ignored));
            child_wait = Milliseconds(0);
          }
          break;
        }
        case model::ClientKind::RoundRobin: {
          if (client.strategy.empty()) break;
          // One child per call; a retry moves on to the next child, as in BAML.
          const auto n = static_cast<std::int64_t>(client.strategy.size());
          const std::int64_t index = (client.start.value_or(0) + round - 1) % n;
          if (const model::Client* child = program.find_client(client.strategy[static_cast<std::size_t>(index)])) {
            Bound ignored;
            total = add(total, expand(*child, before, ignored));
          }
          break;
        }
      }
    }
    path.pop_back();
    active.erase(client.name);
    unclipped_out = total;
    return clip(total, client.limits.total);
  }
};

}  // namespace

Milliseconds backoff_wait(const model::RetryPolicy& policy, std::int64_t retry) {
  switch (policy.backoff) {
    case model::BackoffKind::ConstantDelay: return policy.delay;
    case model::BackoffKind::ExponentialBackoff: {
      const double grown = static_cast<double>(policy.delay.count()) * std::pow(policy.multiplier, static_cast<double>(retry - 1));
      const double capped = std::min(grown, static_cast<double>(policy.max_delay.count()));
      return Milliseconds(static_cast<std::int64_t>(std::llround(capped)));
    }
  }
  return policy.delay;
}

Plan plan_call(const model::Program& program, const model::Client& client) {
  Planner planner{program, {}, {}, {}};
  Bound unclipped;
  planner.plan.worst_case = planner.expand(client, Milliseconds(0), unclipped);
  planner.plan.unclipped = unclipped;
  if (planner.plan.worst_case) {
    planner.plan.unbounded_reason.clear();
    planner.plan.unbounded_leaf = nullptr;
  }
  return std::move(planner.plan);
}

namespace {

// A limit around another one: the inner limit can never fire when this one is shorter or equal.
struct OuterLimit {
  const model::Limit* limit;
  model::LimitKind kind;
  const model::Client* owner;
};

// The composites that list each client directly, by the client's name.
using Parents = std::map<std::string, std::vector<const model::Client*>, std::less<>>;

Parents direct_parents(const model::Program& program) {
  Parents parents;
  for (const model::Client& c : program.clients) {
    for (const std::string& child : c.strategy) parents[child].push_back(&c);
  }
  return parents;
}

// The composites a call can pass through before reaching `client`, nearest first: every client
// whose strategy lists it, directly or through other composites. Each appears once, even when
// composites are shared or (in a broken program) form a cycle.
std::vector<const model::Client*> enclosing_composites(const Parents& parents, const model::Client& client) {
  std::vector<const model::Client*> found;
  std::set<std::string_view> seen{client.name};
  std::vector<const model::Client*> frontier{&client};
  while (!frontier.empty()) {
    std::vector<const model::Client*> next;
    for (const model::Client* inner : frontier) {
      auto it = parents.find(inner->name);
      if (it == parents.end()) continue;
      for (const model::Client* c : it->second) {
        if (!seen.insert(c->name).second) continue;
        found.push_back(c);
        next.push_back(c);
      }
    }
    frontier = std::move(next);
  }
  return found;
}

// A declared limit that a shorter-or-equal limit around it always beats. One warning per limit,
// against the shortest limit around it (the nearest one on a tie), so a limit beaten by both its
// own request_timeout and a composite's total_timeout is reported once.
void warn_shadowed(Context& ctx, const model::Client& client, model::LimitKind inner_kind,
                   const std::vector<OuterLimit>& outers) {
  const model::Limit& inner = client.limits[inner_kind];
  if (inner.source != model::LimitSource::Declared || !inner.value) return;
  const OuterLimit* shortest = nullptr;
  for (const OuterLimit& o : outers) {
    if (!o.limit->value) continue;
    if (shortest == nullptr || *o.limit->value < *shortest->limit->value) shortest = &o;
  }
  if (shortest == nullptr || *inner.value < *shortest->limit->value) return;
  const model::Limit& outer = *shortest->limit;
  const std::string inner_name(model::limit_field_name(inner_kind));
  const std::string outer_name(model::limit_field_name(shortest->kind));
  const std::string where = shortest->owner == &client ? "" : " of `" + shortest->owner->name + "`";
  // A request_timeout ends one attempt; a total_timeout ends the whole call.
  const std::string ends = shortest->kind == model::LimitKind::Total ? "the call" : "the attempt";
  Diagnostic& d = ctx.diags.report(DiagKind::ShadowedLimit, inner.span,
                                   "`" + inner_name + "` (" + format_duration(*inner.value) + ") can never fire: the `" +
                                       outer_name + "`" + where + " (" + format_duration(*outer.value) + ") ends " + ends +
                                       " first");
  d.with_hint("make `" + inner_name + "` shorter than " + format_duration(*outer.value) + ", or remove it");
  if (outer.source == model::LimitSource::Declared) d.with_note(outer.span, "the shorter limit is set here");
}

// Every limit of `client` against every limit around it: its own request_timeout and
// total_timeout (for a leaf) and the total_timeout of every composite it sits under, however deep.
void check_shadowed_limits(Context& ctx, const Parents& parents, const model::Client& client) {
  using model::LimitKind;
  std::vector<OuterLimit> around_call;
  for (const model::Client* c : enclosing_composites(parents, client)) {
    around_call.push_back(OuterLimit{&c->limits.total, LimitKind::Total, c});
  }
  std::vector<OuterLimit> outers = around_call;
  warn_shadowed(ctx, client, LimitKind::Total, outers);
  if (client.kind != model::ClientKind::Leaf) return;
  outers.insert(outers.begin(), OuterLimit{&client.limits.total, LimitKind::Total, &client});
  warn_shadowed(ctx, client, LimitKind::Request, outers);
  outers.insert(outers.begin(), OuterLimit{&client.limits.request, LimitKind::Request, &client});
  for (LimitKind inner : {LimitKind::Connect, LimitKind::TimeToFirstToken, LimitKind::Idle}) {
    warn_shadowed(ctx, client, inner, outers);
  }
}

// Clients a call can start from: those a function names and those no composite lists.
std::set<std::string> root_clients(const Context& ctx) {
  std::set<std::string> listed;
  for (const model::Client& c : ctx.program.clients) listed.insert(c.strategy.begin(), c.strategy.end());
  std::set<std::string> roots;
  for (const model::Client& c : ctx.program.clients) {
    if (!listed.count(c.name)) roots.insert(c.name);
  }
  for (const model::Function& f : ctx.program.functions) roots.insert(f.client);
  return roots;
}

// Attempts that fit in the client's total_timeout, counting each attempt at its request limit.
std::size_t attempts_that_fit(const Plan& plan, Milliseconds total) {
  Milliseconds used{0};
  std::size_t fit = 0;
  for (const PlannedAttempt& a : plan.attempts) {
    used += a.wait_before;
    if (!a.leaf->limits.request.value) break;
    used += *a.leaf->limits.request.value;
    if (used > total) break;
    ++fit;
  }
  return fit;
}

}  // namespace

void check_timeout_plans(Context& ctx) {
  const Parents parents = direct_parents(ctx.program);
  for (const model::Client& client : ctx.program.clients) check_shadowed_limits(ctx, parents, client);
  if (ctx.diags.has_errors()) return;  // a broken strategy would make the plans misleading
  const std::set<std::string> roots = root_clients(ctx);
  for (const model::Client& client : ctx.program.clients) {
    const Plan plan = plan_call(ctx.program, client);
    if (!plan.worst_case && roots.count(client.name)) {
      Diagnostic& d = ctx.diags.report(DiagKind::UnboundedCall, client.span, "a call through `" + client.name + "` can hang forever: " + plan.unbounded_reason)
          .with_hint("set `request_timeout` on " + (plan.unbounded_leaf ? "`" + plan.unbounded_leaf->name + "`" : std::string("the leaf client")) +
                     ", or `total_timeout` on `" + client.name + "`");
      // Leaves get a request_timeout by default, so an unbounded leaf almost always lifted it
      // itself (`none` or `_ms 0`): point at that line, which is the one to change.
      if (const model::Client* leaf = plan.unbounded_leaf) {
        const model::Limit& request = leaf->limits.request;
        if (request.source == model::LimitSource::Declared && request.span.valid()) {
          const model::Limit& by_default = Stdlib::get().leaf_limits().request;
          d.with_note(request.span, "`" + leaf->name + "`'s request limit is lifted here" +
                                        (by_default.value ? " (the default would be " + format_duration(*by_default.value) + ")" : std::string()));
        }
      }
    }
    const model::Limit& total = client.limits.total;
    if (total.source == model::LimitSource::Declared && total.value && plan.unclipped && *plan.unclipped > *total.value &&
        plan.attempts.size() > 1) {
      const std::size_t fit = attempts_that_fit(plan, *total.value);
      ctx.diags.report(DiagKind::PlanExceedsTotal, total.span,
                       "the plan of `" + client.name + "` can take " + format_duration(*plan.unclipped) + " but `total_timeout` is " +
                           format_duration(*total.value) + ": only " + std::to_string(fit) + " of " + std::to_string(plan.attempts.size()) +
                           (plan.truncated ? "+" : "") + " attempts fit")
          .with_hint("raise `total_timeout` to " + format_duration(*plan.unclipped) +
                     ", or lower `max_retries` or the `request_timeout` of its clients (see `bamlc explain " + client.name + "`)");
    }
  }
}

}  // namespace bamlc::sema
