#include "compiler/sema/timeout_plan.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "compiler/sema/stdlib.h"
#include <baml/duration.h>

namespace bamlc::sema {
namespace {

using baml::format_duration;
using model::Milliseconds;
using Bound = std::optional<Milliseconds>;  // nullopt: unbounded

// A plan's worst case can exceed any duration (2,000,000 retries of an hour-long attempt, or
// retries multiplied through nested composites): every sum and product saturates at the largest
// duration a `.baml` file can write, about 285,000 years, instead of overflowing. Operands are
// kept at or below it, so the sum of two never overflows an int64.
constexpr Milliseconds kLongest{baml::kMaxDurationMs};

Milliseconds capped(Milliseconds a) { return std::min(a, kLongest); }
Milliseconds saturating_add(Milliseconds a, Milliseconds b) { return capped(capped(a) + capped(b)); }
Milliseconds saturating_times(Milliseconds a, std::int64_t n) {
  a = capped(a);
  if (n <= 0 || a.count() == 0) return Milliseconds(0);
  if (a.count() > kLongest.count() / n) return kLongest;
  return Milliseconds(a.count() * n);
}
Bound add(Bound a, Bound b) { return a && b ? Bound(saturating_add(*a, *b)) : std::nullopt; }
Bound times(Bound a, std::int64_t n) { return a ? Bound(saturating_times(*a, n)) : std::nullopt; }
Bound clip(Bound value, const model::Limit& total) {
  if (!total.value) return value;
  return value ? std::min(*value, *total.value) : *total.value;
}

// Rounds of a call through a client with this policy: the first attempt and every retry. A
// max_retries near the int64 limit must not overflow when one is added.
std::int64_t rounds_of(const model::RetryPolicy* policy) {
  if (policy == nullptr) return 1;
  return policy->max_retries >= std::numeric_limits<std::int64_t>::max() - 1 ? std::numeric_limits<std::int64_t>::max()
                                                                              : 1 + std::max<std::int64_t>(0, policy->max_retries);
}

// The sum of the waits before retries 1..`retries`. Waits only grow, up to max_delay: they are
// added one by one until they stop growing (or for the first kExactRetries), and the rest are
// counted in one multiplication at the last wait reached, or at max_delay if the waits were still
// growing: an upper bound, which is what a worst case needs.
Milliseconds backoff_sum(const model::RetryPolicy& policy, std::int64_t retries) {
  constexpr std::int64_t kExactRetries = 100'000;
  if (policy.backoff == model::BackoffKind::ConstantDelay) return saturating_times(policy.delay, retries);
  Milliseconds sum{0};
  std::int64_t retry = 1;
  Milliseconds wait{0};
  for (; retry <= retries && retry <= kExactRetries; ++retry) {
    wait = backoff_wait(policy, retry);
    sum = saturating_add(sum, wait);
    if (wait >= policy.max_delay) {
      ++retry;
      break;
    }
  }
  if (retry > retries) return sum;
  const Milliseconds rest_wait = wait >= policy.max_delay ? wait : std::max(wait, policy.max_delay);
  return saturating_add(sum, saturating_times(rest_wait, retries - retry + 1));
}

// The worst case of a call through each client, memoized: a client listed by many composites
// (or a long chain of them) is computed once, so the checks over every client stay linear.
class WorstCases {
 public:
  struct Worst {
    Bound clipped;    // after the client's own total_timeout
    Bound unclipped;  // before it
    std::string unbounded_reason;  // why `unclipped` is unbounded, when it is
    const model::Client* unbounded_leaf = nullptr;
  };

  explicit WorstCases(const model::Program& program) : program_(program) {}

  const Worst& of(const model::Client& client) {
    if (auto it = memo_.find(client.name); it != memo_.end()) {
      if (!it->second) {  // still being computed: the client contains itself
        cycle_.unbounded_reason = "`" + client.name + "` contains itself";
        return cycle_;
      }
      return *it->second;
    }
    memo_.emplace(client.name, std::nullopt);
    Worst worst = compute(client);
    auto& slot = memo_[client.name];
    slot = std::move(worst);
    return *slot;
  }

 private:
  // Takes the first unbounded reason met, in the order a call meets the children.
  static void note_unbounded(Worst& out, const Worst& child) {
    if (child.clipped || !out.unbounded_reason.empty()) return;
    out.unbounded_reason = child.unbounded_reason;
    out.unbounded_leaf = child.unbounded_leaf;
  }

  Worst compute(const model::Client& client) {
    const model::RetryPolicy* policy = client.retry_policy ? program_.find_retry_policy(*client.retry_policy) : nullptr;
    const std::int64_t rounds = rounds_of(policy);
    Worst out;
    Bound all_rounds = Milliseconds(0);
    switch (client.kind) {
      case model::ClientKind::Leaf: {
        const Bound attempt = client.limits.request.value;
        if (!attempt) {
          out.unbounded_reason = "`" + client.name + "` has no request_timeout and nothing around it sets a total_timeout";
          out.unbounded_leaf = &client;
        }
        all_rounds = times(attempt, rounds);
        break;
      }
      case model::ClientKind::Fallback: {
        Bound one_round = Milliseconds(0);
        for (const std::string& name : client.strategy) {
          const model::Client* child = program_.find_client(name);
          if (child == nullptr) continue;
          const Worst& w = of(*child);
          note_unbounded(out, w);
          one_round = add(one_round, w.clipped);
        }
        all_rounds = times(one_round, rounds);
        break;
      }
      case model::ClientKind::RoundRobin: {
        // One child per round, rotating from `start`: whole turns through every child, then the
        // first `rounds % n` children of one more turn.
        if (client.strategy.empty()) break;
        const auto n = static_cast<std::int64_t>(client.strategy.size());
        const std::int64_t turns = rounds / n;
        const std::int64_t rest = rounds % n;
        Bound turn = Milliseconds(0);
        Bound partial = Milliseconds(0);
        for (std::int64_t k = 0; k < n; ++k) {
          const auto index = static_cast<std::size_t>((client.start.value_or(0) + k) % n);
          const model::Client* child = program_.find_client(client.strategy[index]);
          if (child == nullptr) continue;
          const Worst& w = of(*child);
          if (turns > 0 || k < rest) note_unbounded(out, w);
          turn = add(turn, w.clipped);
          if (k < rest) partial = add(partial, w.clipped);
        }
        all_rounds = add(turns > 0 ? times(turn, turns) : Bound(Milliseconds(0)), partial);
        break;
      }
    }
    const Milliseconds waits = policy != nullptr && rounds > 1 ? backoff_sum(*policy, rounds - 1) : Milliseconds(0);
    out.unclipped = add(all_rounds, waits);
    out.clipped = clip(out.unclipped, client.limits.total);
    if (out.clipped) {
      out.unbounded_reason.clear();
      out.unbounded_leaf = nullptr;
    }
    return out;
  }

  const model::Program& program_;
  std::map<std::string, std::optional<Worst>, std::less<>> memo_;
  Worst cycle_;
};

// Lists the attempts of a call, in order, up to kMaxPlannedAttempts: the walk stops there, so
// `max_retries 2147483647` costs no more than `max_retries 500`.
struct AttemptLister {
  const model::Program& program;
  Plan& plan;
  std::vector<std::string> path;
  std::set<std::string> active;  // guards against cycles

  bool full() const { return plan.attempts.size() >= kMaxPlannedAttempts; }

  void record(const model::Client& leaf, std::int64_t attempt, std::int64_t attempts, Milliseconds wait) {
    if (full()) {
      plan.truncated = true;
      return;
    }
    plan.attempts.push_back(PlannedAttempt{path, attempt, attempts, &leaf, wait});
  }

  void expand(const model::Client& client, Milliseconds wait) {
    if (!active.insert(client.name).second) return;
    path.push_back(client.name);
    const model::RetryPolicy* policy = client.retry_policy ? program.find_retry_policy(*client.retry_policy) : nullptr;
    const std::int64_t rounds = rounds_of(policy);
    for (std::int64_t round = 1; round <= rounds; ++round) {
      if (full()) {
        plan.truncated = true;
        break;
      }
      const Milliseconds before = round == 1 ? wait : backoff_wait(*policy, round - 1);
      switch (client.kind) {
        case model::ClientKind::Leaf: record(client, round, rounds, before); break;
        case model::ClientKind::Fallback: {
          Milliseconds child_wait = before;
          for (const std::string& name : client.strategy) {
            if (const model::Client* child = program.find_client(name)) expand(*child, child_wait);
            child_wait = Milliseconds(0);
          }
          break;
        }
        case model::ClientKind::RoundRobin: {
          if (client.strategy.empty()) break;
          // One child per call; a retry moves on to the next child, as in BAML.
          const auto n = static_cast<std::int64_t>(client.strategy.size());
          const std::int64_t index = (client.start.value_or(0) + (round - 1) % n) % n;
          if (const model::Client* child = program.find_client(client.strategy[static_cast<std::size_t>(index)])) {
            expand(*child, before);
          }
          break;
        }
      }
    }
    path.pop_back();
    active.erase(client.name);
  }
};

Plan plan_with(const model::Program& program, const model::Client& client, WorstCases& worst_cases) {
  Plan plan;
  AttemptLister{program, plan, {}, {}}.expand(client, Milliseconds(0));
  const WorstCases::Worst& worst = worst_cases.of(client);
  plan.worst_case = worst.clipped;
  plan.unclipped = worst.unclipped;
  if (!plan.worst_case) {
    plan.unbounded_reason = worst.unbounded_reason;
    plan.unbounded_leaf = worst.unbounded_leaf;
  }
  return plan;
}

}  // namespace

Milliseconds backoff_wait(const model::RetryPolicy& policy, std::int64_t retry) {
  switch (policy.backoff) {
    case model::BackoffKind::ConstantDelay: return policy.delay;
    case model::BackoffKind::ExponentialBackoff: {
      const double grown = static_cast<double>(policy.delay.count()) * std::pow(policy.multiplier, static_cast<double>(retry - 1));
      // Also capped at the longest duration: llround of a double past the int64 range is undefined.
      const double capped = std::min({grown, static_cast<double>(policy.max_delay.count()), static_cast<double>(baml::kMaxDurationMs)});
      return Milliseconds(static_cast<std::int64_t>(std::llround(capped)));
    }
  }
  return policy.delay;
}

Plan plan_call(const model::Program& program, const model::Client& client) {
  WorstCases worst_cases(program);
  return plan_with(program, client, worst_cases);
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
  WorstCases worst_cases(ctx.program);
  for (const model::Client& client : ctx.program.clients) {
    // The attempts are listed only for a client that gets a warning: the worst cases alone are
    // memoized and cost one pass over the clients.
    const WorstCases::Worst& worst = worst_cases.of(client);
    const model::Limit& total = client.limits.total;
    const bool unbounded_root = !worst.clipped && roots.count(client.name) != 0;
    const bool exceeds_total = total.source == model::LimitSource::Declared && total.value && worst.unclipped &&
                               *worst.unclipped > *total.value;
    if (!unbounded_root && !exceeds_total) continue;
    const Plan plan = plan_with(ctx.program, client, worst_cases);
    if (unbounded_root) {
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
    if (exceeds_total && plan.attempts.size() > 1) {
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
