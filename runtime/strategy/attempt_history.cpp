// Records of attempts (see attempt_history.h).
#include "strategy/attempt_history.h"

#include <variant>

namespace baml {

namespace {

// An attempt's error message, made (and scrubbed of the secrets known when the attempt ended)
// only if someone reads it.
class ErrorMessage final : public AttemptMessage::Maker {
 public:
  ErrorMessage(const ErrorInfo& error, SecretRedactor::Secrets secrets)
      : error_(message_fields(error)), secrets_(std::move(secrets)) {}

 private:
  std::string make() const override { return SecretRedactor::scrub(*secrets_, format_message(error_)); }
  ErrorInfo error_;
  SecretRedactor::Secrets secrets_;
};

}  // namespace

AttemptRecord make_attempt_record(const AttemptResult& result, AttemptPlace place, const SecretRedactor& redactor) {
  AttemptRecord record;
  record.path = std::move(place.path);
  record.attempt = place.attempt;
  record.of = place.of;
  record.wait_before = place.wait_before;
  record.composite_round = std::move(place.composite_round);
  if (const auto* response = std::get_if<Response>(&result)) {
    record.outcome = AttemptOutcome::Ok;
    record.status = response->status;
    record.timings = response->timings;
    record.usage = response->usage;
    record.bytes_received = response->bytes_received;
    return record;
  }
  const ErrorInfo& error = std::get<ErrorInfo>(result);
  record.outcome = AttemptOutcome::Error;
  record.error_type = error.type;
  record.timeout_kind = error.timeout_kind;
  record.connection_failure = error.connection_failure;
  record.status = error.status;
  if (error.timings) record.timings = *error.timings;
  record.usage = error.usage;
  record.bytes_received = error.bytes_received.value_or(0);
  record.message = AttemptMessage(std::make_shared<ErrorMessage>(error, redactor.secrets()));
  return record;
}

}  // namespace baml
