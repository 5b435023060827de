// The call played out on a nominal timeline (see oracle.h). The rules are docs/runtime.md's:
// an attempt ends at the earliest of its phase limits, its budget and the server's own end; a
// failure is retried when its class is in the policy's retry_on, after the backoff or a longer
// Retry-After on 429/503, unless the wait would outlast the budget; a fallback moves on after any
// failure while its budget lasts; the last child's error is the call's.
#include "oracle.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace soak {

namespace {

using baml::TimeoutKind;

double ms(const std::optional<std::chrono::milliseconds>& limit) {
  return limit ? static_cast<double>(limit->count()) : kNever;
}

Outcome timeout(TimeoutKind kind) {
  Outcome o;
  o.ending = Ending::Timeout;
  o.timeout_kind = kind;
  return o;
}

// A nominal instant and how late the event may actually come.
struct Instant {
  double at = 0;
  double late = 0;
};

Instant after(const Instant& t, double ms, double slack) {
  return {t.at + ms, t.late + slack};
}

struct Budget {
  Instant end{kNever, 0};
  TimeoutKind kind = TimeoutKind::Deadline;
};

struct SlotResult {
  Outcome outcome;
  Instant t;                            // when the slot ended
  std::optional<double> budget_passed;  // the (nominal) end of the budget that cut it
  bool by_limit = false;                // its end is a limit, a budget or a deadline firing
  bool request_sent = true;             // for the retry class of connection failures and request timeouts
};

class Player {
 public:
  Player(const baml::ClientIr& ir, const Fault& fault, const Slack& slack) : ir_(ir), fault_(fault), slack_(slack) {}

  SlotResult slot(const std::string& name, Instant t, Budget budget) {
    const baml::ClientSpec* spec = ir_.find_client(name);
    if (spec == nullptr) throw std::runtime_error("soak: the IR has no client " + name);
    const Instant own_total = after(t, ms(spec->limits.total), slack_.limit);
    if (own_total.at < budget.end.at) {
      apart(own_total, budget.end, "a total_timeout and an enclosing budget");
      budget = {own_total, TimeoutKind::Total};
    }
    return spec->is_composite() ? composite(*spec, t, budget) : leaf(*spec, t, budget);
  }

  int attempts = 0;
  double worst = 0;  // the attempts' worst cases and the waits, along the path taken
  std::string answering;
  bool refused = false;
  bool ambiguous = false;
  std::string why;

  // Notes an ambiguity unless the order of `a` and `b` is certain.
  void apart(const Instant& a, const Instant& b, const char* what) {
    if (!std::isfinite(a.at) || !std::isfinite(b.at) || ambiguous) return;
    const Instant& first = a.at <= b.at ? a : b;
    const Instant& second = a.at <= b.at ? b : a;
    if (first.at + first.late + slack_.apart < second.at) return;
    ambiguous = true;
    std::ostringstream out;
    out << what << " within " << first.late + slack_.apart << " ms (" << first.at << " and " << second.at << ")";
    why = out.str();
  }

 private:
  const baml::RetryPolicySpec* policy_of(const baml::ClientSpec& spec) const {
    return spec.retry_policy ? ir_.find_retry_policy(*spec.retry_policy) : nullptr;
  }

  static std::optional<baml::RetryClass> retry_class(const SlotResult& r) {
    const Outcome& o = r.outcome;
    switch (o.ending) {
      case Ending::Timeout:
        if (o.timeout_kind == TimeoutKind::Connect) return baml::RetryClass::Connect;
        if (o.timeout_kind == TimeoutKind::Request && !r.request_sent) return baml::RetryClass::Connect;
        return baml::RetryClass::Timeout;
      case Ending::Http:
        if (o.status == 429) return baml::RetryClass::RateLimit;
        if (o.status == 408 || o.status == 409 || (o.status >= 500 && o.status <= 599)) return baml::RetryClass::Server;
        if (o.status >= 200 && o.status <= 299) return baml::RetryClass::Server;
        return std::nullopt;
      case Ending::Connection: return r.request_sent ? baml::RetryClass::Server : baml::RetryClass::Connect;
      default: return std::nullopt;
    }
  }

  static bool retried_by(const baml::RetryPolicySpec* policy, const SlotResult& r) {
    if (policy == nullptr) return false;
    const auto cls = retry_class(r);
    return cls && std::find(policy->retry_on.begin(), policy->retry_on.end(), *cls) != policy->retry_on.end();
  }

  // The wait before retry `retry` (1: before the second round) after `r`: [lo, hi].
  static std::pair<double, double> wait_before(const baml::RetryPolicySpec& policy, int retry, const SlotResult& r) {
    double backoff = static_cast<double>(policy.delay.count());
    if (policy.type == baml::BackoffType::ExponentialBackoff) {
      backoff *= std::pow(policy.multiplier, retry - 1);
      if (policy.max_delay) backoff = std::min(backoff, static_cast<double>(policy.max_delay->count()));
    }
    if (policy.jitter == baml::Jitter::Full) throw std::runtime_error("soak: jittered backoff cannot be predicted");
    double lo = backoff, hi = backoff;
    const Outcome& o = r.outcome;
    if (o.ending == Ending::Http && (o.status == 429 || o.status == 503) && o.retry_after_hi) {
      lo = std::max(lo, *o.retry_after_lo);
      hi = std::max(hi, *o.retry_after_hi);
    }
    return {lo, hi};
  }

  // Decides whether the wait before the next round is slept; false: refused (the result says why).
  // The runtime refuses a wait that would end at or after the budget, deciding when the failure
  // is known (at `t`, or as late as t.late after it).
  bool wait(const baml::RetryPolicySpec& policy, int retry, SlotResult& last, Instant& t, const Budget& budget) {
    const auto [lo, hi] = wait_before(policy, retry, last);
    if (std::isfinite(budget.end.at)) {
      const bool surely_refused = t.at + lo >= budget.end.at + budget.end.late + slack_.apart;
      const bool surely_slept = t.at + t.late + hi + slack_.apart < budget.end.at;
      if (!surely_refused && !surely_slept && !ambiguous) {
        ambiguous = true;
        why = "a retry wait's end and the budget within the allowances";
      }
      if (surely_refused) {
        last.outcome = timeout(budget.kind);
        last.by_limit = false;  // at once, when the failure before it was known
        refused = true;
        return false;
      }
    }
    if (hi - lo > 1 && !ambiguous) {
      ambiguous = true;
      why = "a Retry-After as an HTTP date, slept: its length is known to a second";
    }
    refused = false;
    t = after(t, hi, slack_.limit);
    worst += hi;
    return true;
  }

  SlotResult attempt(const baml::ClientSpec& leaf, Instant t, const Budget& budget) {
    ++attempts;
    refused = false;
    const baml::ClientLimits& limits = leaf.limits;
    const bool hang = is_hang_leaf(leaf);
    AttemptBehaviour hang_behaviour;
    hang_behaviour.reaches_server = false;
    hang_behaviour.first_content = kNever;
    hang_behaviour.completes = kNever;
    const AttemptBehaviour& b =
        hang ? hang_behaviour : (++requests_ <= fault_.fail_first ? fault_.failing : fault_.base);

    struct Candidate {
      Instant at;
      Outcome outcome;
      bool by_limit;
    };
    std::vector<Candidate> candidates;
    auto limit_at = [&](double ms_after_start) { return after(t, ms_after_start, slack_.limit); };
    auto server_at = [&](double ms_after_start) { return after(t, ms_after_start, slack_.server); };
    const double ttft = ms(limits.time_to_first_token), idle = ms(limits.idle);

    if (!b.reaches_server) candidates.push_back({limit_at(ms(limits.connect)), timeout(TimeoutKind::Connect), true});
    // The first content must come before the first-token limit, or that limit ends the attempt.
    if (b.first_content > ttft) {
      candidates.push_back({limit_at(ttft), timeout(TimeoutKind::TimeToFirstToken), true});
    } else if (std::isfinite(b.first_content)) {
      apart(server_at(b.first_content), limit_at(ttft), "the first content and the first-token limit");
    }
    if (std::isfinite(b.first_content) && std::isfinite(idle)) {
      const bool several = b.drip || b.chunks > 1;
      if (several && b.chunk_gap > idle) {
        candidates.push_back({after(server_at(b.first_content), idle, slack_.limit), timeout(TimeoutKind::Idle), true});
      } else if (several && b.chunk_gap > 0) {
        // Each chunk must come before the idle limit (counted from the one before) passes.
        apart({b.chunk_gap, slack_.server}, {idle, slack_.limit}, "a gap between chunks and the idle limit");
      }
      if (std::isfinite(b.data_stops)) {
        candidates.push_back({after(server_at(b.data_stops), idle, slack_.limit), timeout(TimeoutKind::Idle), true});
      }
    }
    candidates.push_back({limit_at(ms(limits.request)), timeout(TimeoutKind::Request), true});
    candidates.push_back({server_at(b.completes), b.at_completion, false});
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& x, const Candidate& y) { return x.at.at < y.at.at; });
    const Candidate& first = candidates[0];
    if (candidates.size() > 1) apart(first.at, candidates[1].at, "two ends of an attempt");
    if (!std::isfinite(first.at.at)) throw std::runtime_error("soak: an attempt that never ends (" + leaf.name + ")");

    worst += std::min(ms(limits.request), b.reaches_server ? kNever : ms(limits.connect));
    SlotResult r;
    r.request_sent = b.reaches_server;
    apart(budget.end, first.at, "the budget and an attempt's end");
    if (budget.end.at < first.at.at) {
      r.outcome = timeout(budget.kind);
      r.t = budget.end;
      r.budget_passed = budget.end.at;
      r.by_limit = true;
      return r;
    }
    r.outcome = first.outcome;
    r.t = first.at;
    r.by_limit = first.by_limit;
    return r;
  }

  SlotResult leaf(const baml::ClientSpec& spec, Instant t, const Budget& budget) {
    const baml::RetryPolicySpec* policy = policy_of(spec);
    const int rounds = 1 + (policy ? policy->max_retries : 0);
    SlotResult last;
    for (int round = 1; round <= rounds; ++round) {
      last = attempt(spec, t, budget);
      t = last.t;
      if (last.outcome.ending == Ending::Ok) {
        answering = spec.name;
        return last;
      }
      if (last.budget_passed || round == rounds || !retried_by(policy, last)) return last;
      if (!wait(*policy, round, last, t, budget)) {
        last.t = t;
        return last;
      }
    }
    return last;
  }

  SlotResult composite(const baml::ClientSpec& spec, Instant t, const Budget& budget) {
    const baml::RetryPolicySpec* policy = policy_of(spec);
    const int rounds = 1 + (policy ? policy->max_retries : 0);
    const bool round_robin = spec.provider == baml::ProviderKind::RoundRobin;
    SlotResult last;
    for (int round = 1; round <= rounds; ++round) {
      // A round-robin gives each round to its next child; the soak's round-robin children are
      // alike (same limits, same model string), so which one does not change the outcome.
      const std::vector<std::string> children =
          round_robin ? std::vector<std::string>{spec.strategy.front()} : spec.strategy;
      for (const std::string& child : children) {
        last = slot(child, t, budget);
        t = last.t;
        if (last.outcome.ending == Ending::Ok) {
          if (round_robin) answering.clear();
          return last;
        }
        // The call's own budget (this composite's or one above) passed: the call is over.
        if (last.budget_passed && *last.budget_passed >= budget.end.at) return last;
      }
      if (round == rounds || !retried_by(policy, last)) return last;
      if (!wait(*policy, round, last, t, budget)) {
        last.t = t;
        last.budget_passed.reset();
        return last;
      }
    }
    return last;
  }

  const baml::ClientIr& ir_;
  const Fault& fault_;
  Slack slack_;
  int requests_ = 0;
};

}  // namespace

std::string describe(const Outcome& o) {
  switch (o.ending) {
    case Ending::Ok: return "ok";
    case Ending::Timeout: return "timeout:" + std::string(baml::to_string(o.timeout_kind));
    case Ending::Http: return "http:" + std::to_string(o.status);
    case Ending::Connection: return "connection:" + std::string(baml::to_string(o.failure));
    case Ending::Validation: return "validation";
    case Ending::Cancelled: return "cancelled";
  }
  return "?";
}

bool is_hang_leaf(const baml::ClientSpec& leaf) {
  const auto url = leaf.options.find("base_url");
  return url != leaf.options.end() && url->is_object() && url->value("env", "") == "SOAK_HANG_URL";
}

Expectation expect(const baml::ClientIr& ir, const std::string& client, const Fault& fault, const CallerOptions& caller,
                   const Slack& slack) {
  Player player(ir, fault, slack);
  Budget root;
  if (caller.deadline) root = {{*caller.deadline, slack.limit}, TimeoutKind::Deadline};
  SlotResult r = player.slot(client, {}, root);

  Expectation e;
  e.outcome = r.outcome;
  e.end = r.t.at;
  e.end_late = r.t.late;
  e.end_set_by_limit = r.by_limit;
  e.attempts = player.attempts;
  e.answering_client = r.outcome.ending == Ending::Ok ? player.answering : "";
  e.refused_wait = r.outcome.ending == Ending::Timeout && player.refused;
  e.deadline = player.worst;
  if (caller.deadline) e.deadline = std::min(e.deadline, *caller.deadline);
  if (const baml::ClientSpec* spec = ir.find_client(client); spec != nullptr && spec->limits.total) {
    e.deadline = std::min(e.deadline, static_cast<double>(spec->limits.total->count()));
  }
  if (caller.cancel_at) {
    player.apart({*caller.cancel_at, slack.limit}, r.t, "the cancellation and the call's end");
    if (*caller.cancel_at < e.end) {
      e.outcome = Outcome{};
      e.outcome.ending = Ending::Cancelled;
      e.end = *caller.cancel_at;
      e.end_late = slack.limit;
      e.end_set_by_limit = true;
      e.deadline = std::min(e.deadline, *caller.cancel_at);
      e.refused_wait = false;
    }
  }
  e.ambiguous = player.ambiguous;
  e.why_ambiguous = player.why;
  return e;
}

}  // namespace soak
