// The OpenAI Responses API, as BAML 0.226.2 builds it: POST {base_url}/responses (base_url
// defaults to https://api.openai.com/v1), `authorization: Bearer KEY`, body
// {"model", "input":[{"role","content":[{"type":"input_text"|"output_text"(assistant),"text"},
// {"type":"input_image","detail":"auto","image_url"}, {"type":"input_file",...}, ...]}]}, plus
// every option BAML does not interpret; a stream sets "stream": true. Replies: {"output":[{"type":
// "message","content":[{"type":"output_text","text"}]}], "status", "usage"}; streams are typed SSE
// events (response.output_text.delta, response.completed, response.failed, error).
#pragma once

#include "providers/provider.h"

namespace baml {

class OpenAiResponsesProvider final : public Provider {
 public:
  HttpRequest build_request(const ResolvedOptions& options, const Request& request, bool stream) const override;
  void parse_response(std::string_view body, ProviderReply& reply) const override;
  EventClass on_event(const SseEvent& event, ProviderReply& reply) const override;
};

}  // namespace baml
