// Scrubs a stream of text pieces (a model's deltas) so that no registered secret survives, even
// one split across pieces: the tail of the text that could still be the start of a secret is
// held back until more text arrives or the stream ends. At most (longest secret − 1) bytes are
// held, and only while the tail really is a prefix of a secret; ordinary text passes at once.
// The pieces returned by push() and flush(), concatenated, are exactly SecretRedactor::scrub of
// the whole text, whatever the split.
//
// Not thread-safe: one scrubber per stream, used from one thread (the redactor it reads may
// gain secrets meanwhile).
#pragma once

#include <string>
#include <string_view>

#include "errors/redactor.h"

namespace baml {

class StreamScrubber {
 public:
  explicit StreamScrubber(const SecretRedactor& redactor) : redactor_(&redactor) {}

  // The text that can be delivered now, scrubbed; possibly empty.
  std::string push(std::string_view piece);

  // The held-back rest, scrubbed: at the end of the stream, when it fails, or at any boundary
  // after which the text does not continue the same answer (an attempt that failed).
  std::string flush();

  // How many bytes are held back now.
  std::size_t held() const { return pending_.size(); }

 private:
  const SecretRedactor* redactor_;
  std::string pending_;
};

}  // namespace baml
