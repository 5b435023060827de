// Keeps API keys out of every message. The runtime registers each secret value it resolves (an
// api_key, a header value read from the environment) and scrubs every error message, provider
// message and partial text through this set before an error leaves the runtime. Scrubbing by value
// rather than by field catches a key that a provider echoes back in its error body.
#pragma once

#include <cstddef>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <baml/error_info.h>

namespace baml {

class SecretRedactor {
 public:
  // Values shorter than this are not registered: no provider issues keys that short, and
  // scrubbing a placeholder such as "ollama" or "none" would mangle ordinary words.
  static constexpr std::size_t kMinSecretLength = 8;
  static constexpr std::string_view kReplacement = "[REDACTED]";

  // The registered secrets, longest first: an unchanging list, so that a text made later (an
  // attempt's message, made when first read) is scrubbed of exactly the secrets known now.
  using Secrets = std::shared_ptr<const std::vector<std::string>>;

  // Thread-safe; adding the same value twice is harmless.
  void add(std::string_view secret);

  // The secrets registered so far (never null).
  Secrets secrets() const;
  // scrub() with a list of secrets taken earlier.
  static std::string scrub(const std::vector<std::string>& secrets, std::string_view text);

  // Replaces every registered secret in `text`, scanning left to right: at each position the
  // longest secret that starts there is replaced and the scan goes on after it.
  std::string scrub(std::string_view text) const;

  // The same scan over text that may continue later (a stream): appends to `out` the scrubbed
  // form of the longest prefix of `text` whose scrubbing cannot change whatever follows, and
  // returns that prefix's length. The scan stops at the first position where a secret could
  // still begin: the text from there on is a proper prefix of some secret (so it is always
  // shorter than the longest secret). With `at_end`, the text is complete: everything is
  // consumed. Feeding a text in pieces this way, each time prepending what was not consumed,
  // gives exactly scrub(whole text) whatever the split (see StreamScrubber).
  std::size_t scrub_prefix(std::string_view text, bool at_end, std::string& out) const;
  static std::size_t scrub_prefix(const std::vector<std::string>& secrets, std::string_view text, bool at_end,
                                  std::string& out);

  // Every free-text field of the error, its cause and its attempts.
  void scrub(ErrorInfo& info) const;
  // The attempts' messages (a successful Response carries the failed attempts before it). A
  // message not made yet stays so: it is scrubbed when it is made.
  void scrub(std::vector<AttemptRecord>& attempts) const;

 private:
  mutable std::shared_mutex mutex_;
  // Longest first, so a key containing another is replaced whole. Replaced, never changed, by add().
  Secrets secrets_ = std::make_shared<const std::vector<std::string>>();
};

}  // namespace baml
