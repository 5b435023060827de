// The Google AI (Gemini) generateContent wire format, as BAML 0.226.2 builds it for a rendered
// prompt: POST {base_url}/models/{model}:generateContent (streaming: :streamGenerateContent?alt=sse),
// base_url defaulting to https://generativelanguage.googleapis.com/v1beta, the key in
// `x-goog-api-key`. The body is {"system_instruction":{"parts"}, "contents":[{"role","parts"}]}
// with role `model` for assistant, and every option BAML does not interpret passed through
// (generationConfig, safetySettings, ...). Replies: {"candidates":[{"content":{"parts":[{"text"}]},
// "finishReason"}], "usageMetadata"}; a stream sends one such object per SSE event and no end
// marker (the last event has the finishReason).
#pragma once

#include "providers/provider.h"

namespace baml {

class GoogleAiProvider final : public Provider {
 public:
  HttpRequest build_request(const ResolvedOptions& options, const Request& request, bool stream) const override;
  void parse_response(std::string_view body, ProviderReply& reply) const override;
  EventClass on_event(const SseEvent& event, ProviderReply& reply) const override;
};

}  // namespace baml
