// What a provider's decoder made of one body or stream event, and the comparison the provider
// tests make between the fast decoder and the full JSON parser's reading of the same text.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "providers/provider.h"

namespace baml::testing {

struct Decoded {
  std::string outcome;  // "ok", "malformed", "error", or the EventClass for events
  ProviderReply reply;
};

// The two readings agree: the same outcome, and for a reply every field both decoders fill
// (`done` only where the reference reads it: the OpenAI reference leaves it to the caller).
inline void check_same(const Decoded& mine, const Decoded& reference, bool compare_done = true) {
  CHECK(mine.outcome == reference.outcome);
  if (mine.outcome != reference.outcome || mine.outcome == "malformed" || mine.outcome == "error") return;
  CHECK(mine.reply.text == reference.reply.text);
  CHECK(mine.reply.finish_reason == reference.reply.finish_reason);
  CHECK(mine.reply.model == reference.reply.model);
  if (compare_done) CHECK(mine.reply.done == reference.reply.done);
  CHECK(mine.reply.usage.input_tokens == reference.reply.usage.input_tokens);
  CHECK(mine.reply.usage.output_tokens == reference.reply.usage.output_tokens);
}

}  // namespace baml::testing
