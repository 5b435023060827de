#include "compiler/sema/timeout_plan.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "compiler/sema/stdlib.h"
#include <baml/duration.h>

namespace bamlc::sema {
namespace {

using baml::format_duration;
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

// The total_timeout that bounds every call reaching a client, whichever way it comes: on each path
// from a root (a client a function names, or one no composite lists) the shortest total_timeout of
// the composites passed through, and of those the longest, since a limit can never fire only if
// it is beaten on every path. nullopt when some path has no total_timeout (or reaches the client
// directly). Memoized per client; a cycle (already an error) counts as unbounded.
class EnclosingTotals {
 public:
  EnclosingTotals(const Parents& parents, const std::set<std::string>& roots) : parents_(parents), roots_(roots) {}

  std::optional<OuterLimit> bound(const model::Client& client) {
    if (auto it = memo_.find(client.name); it != memo_.end()) return it->second;
    memo_[client.name] = std::nullopt;  // in progress: a cycle reads as unbounded
    std::optional<OuterLimit> loosest;
    bool unbounded = roots_.count(client.name) != 0;
    if (auto it = parents_.find(client.name); it != parents_.end() && !unbounded) {
      for (const model::Client* parent : it->second) {
        // The tightest of the parent's own total and what bounds the parent.
        std::optional<OuterLimit> here = bound(*parent);
        if (parent->limits.total.value && (!here || *parent->limits.total.value <= *here->limit->value)) {
          here = OuterLimit{&parent->limits.total, model::LimitKind::Total, parent};
        }
        if (!here) {
          unbounded = true;
          break;
        }
        if (!loosest || *here->limit->value > *loosest->limit->value) loosest = here;
      }
    } else {
      unbounded = true;  // listed by no composite, so it is called directly
    }
    memo_[client.name] = unbounded ? std::nullopt : loosest;
    return memo_[client.name];
  }

 private:
  const Parents& parents_;
  const std::set<std::string>& roots_;
  std::map<std::string, std::optional<OuterLimit>, std::less<>> memo_;
};

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
// total_timeout (for a leaf) and the total_timeout that bounds every call reaching it through
// composites, however deep (EnclosingTotals).
void check_shadowed_limits(Context& ctx, EnclosingTotals& totals, const model::Client& client) {
  using model::LimitKind;
  std::vector<OuterLimit> outers;
  if (std::optional<OuterLimit> around = totals.bound(client)) outers.push_back(*around);
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
  if (ctx.strategies_too_deep) return;  // reported; the passes below recurse along the strategies
  const Parents parents = direct_parents(ctx.program);
  const std::set<std::string> roots = root_clients(ctx);
  EnclosingTotals totals(parents, roots);
  for (const model::Client& client : ctx.program.clients) check_shadowed_limits(ctx, totals, client);
  if (ctx.diags.has_errors()) return;  // a broken strategy would make the plans misleading
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
      const std::string of = std::to_string(plan.attempts.size()) + (plan.truncated ? "+" : "");
      const std::string fitting = fit == 0 ? "not even the first of its " + of + " attempts fits"
                                           : "only " + std::to_string(fit) + " of " + of + " attempts fit";
      ctx.diags.report(DiagKind::PlanExceedsTotal, total.span,
                       "the plan of `" + client.name + "` can take " + format_duration(*plan.unclipped) + " but `total_timeout` is " +
                           format_duration(*total.value) + ": " + fitting)
          .with_hint("raise `total_timeout` to " + format_duration(*plan.unclipped) +
                     ", or lower `max_retries` or the `request_timeout` of its clients (see `bamlc explain " + client.name + "`)");
    }
  }
}

}  // namespace bamlc::sema
