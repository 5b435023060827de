// The Anthropic messages wire format: POST {base_url}/v1/messages (base_url defaults to
// https://api.anthropic.com) with `x-api-key` and `anthropic-version: 2023-06-01`. System messages
// move to the top-level `system` field, and `max_tokens` (required by the API) defaults to 4096.
// Streams are typed SSE events: message_start, content_block_delta, message_delta, message_stop,
// with `ping` keep-alives and in-stream `error` events. A rendered prompt's request
// (Request::rendered) is BAML's exactly (anthropic_rendered.cpp).
#pragma once

#include "providers/provider.h"

namespace baml {

class AnthropicProvider final : public Provider {
 public:
  HttpRequest build_request(const ResolvedOptions& options, const Request& request, bool stream) const override;
  void parse_response(std::string_view body, ProviderReply& reply) const override;
  EventClass on_event(const SseEvent& event, ProviderReply& reply) const override;

 private:
  static HttpRequest build_rendered(const ResolvedOptions& options, const Request& request, bool stream);
};

}  // namespace baml
