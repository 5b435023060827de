// Registering and scrubbing secrets (see redactor.h).
#include "errors/redactor.h"

#include <algorithm>
#include <mutex>

namespace baml {

void SecretRedactor::add(std::string_view secret) {
  if (secret.size() < kMinSecretLength) return;
  std::unique_lock lock(mutex_);
  if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
  secrets_.emplace_back(secret);
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretRedactor::scrub(std::string_view text) const {
  std::string out(text);
  std::shared_lock lock(mutex_);
  for (const std::string& secret : secrets_) {
    for (std::size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at + kReplacement.size())) {
      out.replace(at, secret.size(), kReplacement);
    }
  }
  return out;
}

void SecretRedactor::scrub(ErrorInfo& info) const {
  {
    std::shared_lock lock(mutex_);
    if (secrets_.empty()) return;
  }
  info.detail = scrub(info.detail);
  if (info.partial_text) info.partial_text = scrub(*info.partial_text);
  if (info.raw_output) info.raw_output = scrub(*info.raw_output);
  if (info.finish_reason) info.finish_reason = scrub(*info.finish_reason);
  scrub(info.attempts);
  if (info.cause) {
    ErrorInfo cause = *info.cause;
    scrub(cause);
    info.cause = std::make_shared<const ErrorInfo>(std::move(cause));
  }
}

void SecretRedactor::scrub(std::vector<AttemptRecord>& attempts) const {
  for (AttemptRecord& record : attempts) {
    if (!record.message.empty()) record.message = scrub(record.message);
  }
}

}  // namespace baml
