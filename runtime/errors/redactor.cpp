// Registering and scrubbing secrets (see redactor.h).
#include "errors/redactor.h"

#include <algorithm>
#include <mutex>

namespace baml {

void SecretRedactor::add(std::string_view secret) {
  if (secret.size() < kMinSecretLength) return;
  std::unique_lock lock(mutex_);
  if (std::find(secrets_->begin(), secrets_->end(), secret) != secrets_->end()) return;
  auto secrets = std::make_shared<std::vector<std::string>>(*secrets_);
  secrets->emplace_back(secret);
  std::stable_sort(secrets->begin(), secrets->end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  secrets_ = std::move(secrets);
}

SecretRedactor::Secrets SecretRedactor::secrets() const {
  std::shared_lock lock(mutex_);
  return secrets_;
}

std::string SecretRedactor::scrub(std::string_view text) const {
  return scrub(*secrets(), text);
}

std::string SecretRedactor::scrub(const std::vector<std::string>& secrets, std::string_view text) {
  std::string out;
  scrub_prefix(secrets, text, /*at_end=*/true, out);
  return out;
}

std::size_t SecretRedactor::scrub_prefix(std::string_view text, bool at_end, std::string& out) const {
  return scrub_prefix(*secrets(), text, at_end, out);
}

std::size_t SecretRedactor::scrub_prefix(const std::vector<std::string>& secrets, std::string_view text, bool at_end,
                                         std::string& out) {
  if (secrets.empty()) {
    out.append(text);
    return text.size();
  }
  out.reserve(out.size() + text.size());
  std::size_t copied_from = 0;  // text[copied_from, at) holds no secret: appended in one go
  std::size_t at = 0;
  while (at < text.size()) {
    const std::string_view rest = text.substr(at);
    const std::string* match = nullptr;  // `secrets` is longest first: the first full match is the longest
    bool undecided = false;               // a longer secret might still match once more text arrives
    for (const std::string& secret : secrets) {
      if (rest.size() >= secret.size()) {
        if (rest.compare(0, secret.size(), secret) == 0) {
          match = &secret;
          break;
        }
      } else if (!at_end && secret.compare(0, rest.size(), rest) == 0) {
        undecided = true;
        break;
      }
    }
    if (undecided) break;
    if (match == nullptr) {
      ++at;
      continue;
    }
    out.append(text.substr(copied_from, at - copied_from));
    out.append(kReplacement);
    at += match->size();
    copied_from = at;
  }
  out.append(text.substr(copied_from, at - copied_from));
  return at;
}

void SecretRedactor::scrub(ErrorInfo& info) const {
  if (secrets()->empty()) return;
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

namespace {

// Another message, scrubbed of a list of secrets when it is made.
class ScrubbedMessage final : public AttemptMessage::Maker {
 public:
  ScrubbedMessage(AttemptMessage message, SecretRedactor::Secrets secrets)
      : message_(std::move(message)), secrets_(std::move(secrets)) {}

 private:
  std::string make() const override { return SecretRedactor::scrub(*secrets_, message_.str()); }
  AttemptMessage message_;
  SecretRedactor::Secrets secrets_;
};

}  // namespace

void SecretRedactor::scrub(std::vector<AttemptRecord>& attempts) const {
  Secrets known = secrets();
  if (known->empty()) return;
  for (AttemptRecord& record : attempts) {
    if (record.message.present()) {
      record.message = AttemptMessage(std::make_shared<ScrubbedMessage>(std::move(record.message), known));
    }
  }
}

}  // namespace baml
