// The call's state machine (see call_run.h). The run is begun on the caller's thread, which goes
// as far as handing the first attempt to the engine (resolving options and building the request
// there, in parallel with other callers, rather than on the shared loop) and touches nothing after
// that hand-off; from then on every step runs on the engine's thread. The engine's queue lock
// orders the two. A canceller on another thread only posts a nudge to the engine; the nudge may
// run while the caller's thread is still in begin() (when the call ends before any attempt
// reached the engine: a configuration error, a token cancelled already), so the two pieces of
// state a nudge reads, `finished_` and `waiting_`, are guarded by `state_mutex_`.
//
// Each client slot reports its outcome through a continuation (`Done`); a composite's continuation
// decides the next child or round. At most one thing is pending per call at any time: one attempt
// in flight or one wait, so a single `waiting_` slot suffices for cancellation.
#include "strategy/call_run.h"

#include <mutex>
#include <optional>
#include <utility>
#include <variant>

#include <baml/collector.h>
#include <baml/errors.h>

#include "strategy/attempt_history.h"
#include "strategy/backoff.h"
#include "strategy/failure_class.h"
#include "strategy/leaf_attempt.h"
#include "strategy/scope.h"

namespace baml {

namespace {

// By rvalue reference throughout: GCC 12 reports false maybe-uninitialized warnings when a
// variant of these two types is moved into by-value parameters.
using Done = std::function<void(AttemptResult&& outcome)>;

class CallRun : public std::enable_shared_from_this<CallRun> {
 public:
  CallRun(const CallServices& services, std::shared_ptr<const PlanNode> plan, Request request, CallOptions options,
          bool stream, CallEvents events)
      : services_(services),
        plan_(std::move(plan)),
        request_(std::move(request)),
        options_(std::move(options)),
        stream_(stream),
        events_(std::move(events)),
        call_start_(services.engine->clock().now()),
        root_(Scope::for_call(call_start_, options_)) {}

  // Starts the plan; returns once the first attempt is handed to the engine (or the call ended
  // before one could be, e.g. on a configuration error).
  void begin();

 private:
  SteadyTime now() const { return services_.engine->clock().now(); }

  // One client's part of the call: its scope and its rounds (attempts, for a leaf).
  struct Slot {
    const PlanNode* node = nullptr;
    Scope scope;
    int round = 1;
    Done done;
    std::optional<ErrorInfo> last_error;  // the previous round's, for a budget error's cause
  };
  using SlotPtr = std::shared_ptr<Slot>;

  // `parent` is the composite slot starting this one (nullptr for the client called).
  void run_slot(const PlanNode& node, const Scope& scope_above, const Slot* parent, Done done);
  void run_round(const SlotPtr& slot);
  void run_attempt(const SlotPtr& slot);
  void run_child(const SlotPtr& slot, std::size_t index);
  void attempt_done(const SlotPtr& slot, const LeafAttempt& attempt, std::optional<milliseconds> waited,
                    AttemptResult&& result);
  void round_done(const SlotPtr& slot, AttemptResult&& outcome);
  void wait_then_retry(const SlotPtr& slot, milliseconds wait);
  void wait_over(const SlotPtr& slot, bool fired);
  void nudge_cancelled();
  void record(const AttemptResult& result, const Slot& slot, std::optional<milliseconds> waited);
  void finish(AttemptResult&& outcome);
  CallRecord call_record(const AttemptResult& outcome) const;

  bool cancelled() const { return options_.cancel && options_.cancel->cancelled(); }
  ErrorInfo cancelled_error(const Scope& scope, std::string detail = {}) const;
  ErrorInfo shutdown_error(const Scope& scope) const { return cancelled_error(scope, "the runtime shut down"); }

  CallServices services_;
  std::shared_ptr<const PlanNode> plan_;
  Request request_;
  CallOptions options_;
  bool stream_;
  CallEvents events_;
  SteadyTime call_start_;
  Scope root_;
  std::vector<AttemptRecord> history_;
  std::optional<milliseconds> wait_before_next_;  // the wait just slept, for the next attempt's record
  struct PendingWait {
    TimerId timer = 0;
    SlotPtr slot;
  };
  // Recursive: scheduling on an engine that is shutting down runs the timer's callback at once,
  // on the same thread, which ends the wait under the same lock.
  std::recursive_mutex state_mutex_;
  std::optional<PendingWait> waiting_;
  std::optional<std::uint64_t> cancel_subscription_;
  bool finished_ = false;
};

void CallRun::begin() {
  if (options_.cancel) {
    // Runs on the cancelling thread, under the token's lock: only hand a nudge to the engine.
    cancel_subscription_ =
        options_.cancel->subscribe([engine = services_.engine, weak = std::weak_ptr<CallRun>(shared_from_this())] {
          engine->post([weak](bool fired) {
            if (auto run = weak.lock(); run && fired) run->nudge_cancelled();
          });
        });
  }
  run_slot(*plan_, root_, nullptr,
           [self = shared_from_this()](AttemptResult&& outcome) { self->finish(std::move(outcome)); });
}

void CallRun::run_slot(const PlanNode& node, const Scope& scope_above, const Slot* parent, Done done) {
  auto slot = std::make_shared<Slot>();
  slot->node = &node;
  slot->scope = scope_above.enter(node.client, now());
  if (parent != nullptr && parent->node->rounds() > 1) {
    slot->scope.composite_round = CompositeRound{parent->node->client.name, parent->round, parent->node->rounds()};
  }
  slot->done = std::move(done);
  run_round(slot);
}

void CallRun::run_round(const SlotPtr& slot) {
  if (cancelled()) return slot->done(cancelled_error(slot->scope));
  const SteadyTime t = now();
  if (slot->scope.ended(t)) {
    return slot->done(budget_timeout(slot->scope, t, request_.function, std::nullopt, std::move(slot->last_error)));
  }
  const PlanNode& node = *slot->node;
  switch (node.kind) {
    case PlanKind::Leaf: return run_attempt(slot);
    case PlanKind::Fallback: return run_child(slot, 0);
    case PlanKind::RoundRobin: {
      const std::size_t pick = services_.round_robin->next(node.client.name, node.client.start, node.children.size());
      return run_slot(node.children[pick], slot->scope, slot.get(),
                      [self = shared_from_this(), slot](AttemptResult&& outcome) {
                        self->round_done(slot, std::move(outcome));
                      });
    }
  }
}

void CallRun::run_child(const SlotPtr& slot, std::size_t index) {
  run_slot(slot->node->children[index], slot->scope, slot.get(),
           [self = shared_from_this(), slot, index](AttemptResult&& outcome) {
             const auto* failure = std::get_if<ErrorInfo>(&outcome);
             const bool next = failure != nullptr && index + 1 < slot->node->children.size() &&
                               !ends_call(*failure) && !self->cancelled() && !slot->scope.ended(self->now());
             if (next) return self->run_child(slot, index + 1);
             self->round_done(slot, std::move(outcome));
           });
}

void CallRun::run_attempt(const SlotPtr& slot) {
  const PlanNode& node = *slot->node;
  AttemptContext context{slot->scope.path, slot->scope.budget, call_start_, now(), slot->round, node.rounds(), stream_};
  const std::optional<milliseconds> waited = std::exchange(wait_before_next_, std::nullopt);
  std::shared_ptr<LeafAttempt> attempt;
  try {
    attempt = std::make_shared<LeafAttempt>(
        prepare_leaf_attempt(node.client, request_, options_, context, *services_.env, *services_.redactor));
  } catch (const Error& error) {
    // Nothing was sent; the history still shows that this client was tried.
    ErrorInfo info = error.info();
    info.function = request_.function;
    info.path = slot->scope.path;
    info.attempt = slot->round;
    info.max_attempts = node.rounds();
    record(info, *slot, waited);
    return round_done(slot, std::move(info));
  }
  AttemptObserver observer;
  if (stream_) observer.on_delta = events_.on_delta;
  observer.on_done = [self = shared_from_this(), slot, attempt, waited](AttemptResult&& result) {
    self->attempt_done(slot, *attempt, waited, std::move(result));
  };
  // The request (URL, headers, body) goes to the engine alone; the rest of the spec stays for the
  // client's verdict on the answer (reject_by_client_policy), so only that part is copied.
  HttpRequest request = std::exchange(attempt->spec.request, HttpRequest{});
  AttemptSpec spec = attempt->spec;
  spec.request = std::move(request);
  services_.engine->start(std::move(spec), std::move(observer));
}

void CallRun::attempt_done(const SlotPtr& slot, const LeafAttempt& attempt, std::optional<milliseconds> waited,
                           AttemptResult&& result) {
  if (auto* response = std::get_if<Response>(&result)) {
    if (std::optional<ErrorInfo> rejected = reject_by_client_policy(attempt, *response)) {
      result = std::move(*rejected);
    } else {
      response->path = slot->scope.path;
      // A client without streaming support answered a stream as a whole: one delta.
      if (stream_ && !attempt.spec.stream && !response->text.empty() && events_.on_delta) {
        events_.on_delta(response->text);
      }
    }
  }
  if (auto* failure = std::get_if<ErrorInfo>(&result)) {
    failure->composite_round = slot->scope.composite_round;
    if (is_budget_timeout(*failure)) failure->budget_client = slot->scope.budget_client;
  }
  record(result, *slot, waited);
  round_done(slot, std::move(result));
}

void CallRun::record(const AttemptResult& result, const Slot& slot, std::optional<milliseconds> waited) {
  history_.push_back(
      make_attempt_record(result, {slot.scope.path, slot.round, slot.node->rounds(), waited, slot.scope.composite_round},
                          *services_.redactor));
  if (events_.on_attempt) events_.on_attempt(history_.back());
}

void CallRun::round_done(const SlotPtr& slot, AttemptResult&& outcome) {
  auto* failure = std::get_if<ErrorInfo>(&outcome);
  if (failure == nullptr || ends_call(*failure)) return slot->done(std::move(outcome));
  // The caller cancelled just as the attempt failed of something else, before a wait or another
  // child existed to be ended: the call ends as cancelled all the same.
  if (cancelled()) return slot->done(cancelled_error(slot->scope));
  const SteadyTime t = now();
  if (slot->scope.ended(t)) {
    // The budget ended this slot: its own timeout, whatever the last attempt died of.
    if (is_budget_timeout(*failure)) return slot->done(std::move(outcome));
    return slot->done(budget_timeout(slot->scope, t, request_.function, std::nullopt, std::move(*failure)));
  }
  const std::optional<RetryPolicySpec>& policy = slot->node->retry_policy;
  if (!policy || slot->round >= slot->node->rounds() || !retried_by(*policy, *failure)) {
    return slot->done(std::move(outcome));
  }

  const milliseconds wait = retry_wait(*policy, slot->round, *failure, unit_random());
  if (slot->scope.refuses_wait(t, wait)) {
    return slot->done(budget_timeout(slot->scope, t, request_.function, wait, std::move(*failure)));
  }
  slot->last_error = std::move(*failure);
  wait_then_retry(slot, wait);
}

void CallRun::wait_then_retry(const SlotPtr& slot, milliseconds wait) {
  wait_before_next_ = wait;
  // Set before scheduling: a shut-down engine runs the callback at once, which clears it. The
  // lock is held until the timer's id is known, so a nudge never sees a wait without its timer.
  std::lock_guard lock(state_mutex_);
  waiting_ = PendingWait{0, slot};
  const TimerId timer = services_.engine->schedule(
      saturating_add(now(), wait), [self = shared_from_this(), slot](bool fired) { self->wait_over(slot, fired); });
  if (waiting_ && waiting_->slot == slot) waiting_->timer = timer;
}

void CallRun::wait_over(const SlotPtr& slot, bool fired) {
  {
    std::lock_guard lock(state_mutex_);
    waiting_.reset();
  }
  if (!fired) return slot->done(shutdown_error(slot->scope));
  ++slot->round;
  run_round(slot);
}

void CallRun::nudge_cancelled() {
  SlotPtr slot;
  {
    std::lock_guard lock(state_mutex_);
    if (finished_ || !waiting_) return;  // an attempt in flight is ended by the engine itself
    if (!services_.engine->cancel_timer(waiting_->timer)) return;
    slot = std::move(waiting_->slot);
    waiting_.reset();
    wait_before_next_.reset();
  }
  slot->done(cancelled_error(slot->scope));
}

ErrorInfo CallRun::cancelled_error(const Scope& scope, std::string detail) const {
  ErrorInfo info;
  info.type = ErrorType::Cancelled;
  info.function = request_.function;
  info.path = scope.path.empty() ? std::vector<std::string>{plan_->client.name} : scope.path;
  info.detail = std::move(detail);
  info.elapsed = now() - call_start_;
  return info;
}

void CallRun::finish(AttemptResult&& outcome) {
  {
    std::lock_guard lock(state_mutex_);
    if (finished_) return;
    finished_ = true;
  }
  if (cancel_subscription_) options_.cancel->unsubscribe(*cancel_subscription_);
  if (auto* error = std::get_if<ErrorInfo>(&outcome)) {
    error->attempts = std::move(history_);
    services_.redactor->scrub(*error);
  } else {
    std::get<Response>(outcome).attempts = std::move(history_);
  }
  if (options_.collector) options_.collector->add(call_record(outcome));
  events_.on_done(std::move(outcome));
}

CallRecord CallRun::call_record(const AttemptResult& outcome) const {
  CallRecord call;
  call.function = request_.function;
  call.client = plan_->client.name;
  call.elapsed = now() - call_start_;
  if (const auto* error = std::get_if<ErrorInfo>(&outcome)) {
    call.outcome = AttemptOutcome::Error;
    call.error_type = error->type;
    call.timeout_kind = error->timeout_kind;
    call.message = format_message(*error);
    call.attempts = error->attempts;
  } else {
    call.attempts = std::get<Response>(outcome).attempts;
  }
  call.usage = total_usage(call.attempts);
  return call;
}

}  // namespace

void start_call(const CallServices& services, std::shared_ptr<const PlanNode> plan, Request request,
                CallOptions options, bool stream, CallEvents events) {
  auto run = std::make_shared<CallRun>(services, std::move(plan), std::move(request), std::move(options), stream,
                                       std::move(events));
  run->begin();
}

}  // namespace baml
