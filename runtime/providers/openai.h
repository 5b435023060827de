// The OpenAI chat-completions wire format, shared by four providers that differ only in where
// the endpoint is and how the key is sent:
//   openai          base_url defaults to https://api.openai.com/v1, `Authorization: Bearer KEY`
//   openai-generic  base_url required
//   ollama          base_url defaults to http://localhost:11434/v1
//   azure-openai    base_url, or https://{resource_name}.openai.azure.com/openai/deployments/
//                   {deployment_id}; the key goes in `api-key`; `api_version` becomes ?api-version=
// Requests POST {base_url}/chat/completions. Streams are SSE `data:` events ending in `[DONE]`.
// A rendered prompt's request (Request::rendered) is BAML's exactly (openai_rendered.cpp).
#pragma once

#include "providers/provider.h"

namespace baml {

enum class OpenAiFlavor { OpenAi, Generic, Azure, Ollama };

class OpenAiProvider final : public Provider {
 public:
  explicit OpenAiProvider(OpenAiFlavor flavor) : flavor_(flavor) {}

  HttpRequest build_request(const ResolvedOptions& options, const Request& request, bool stream) const override;
  void parse_response(std::string_view body, ProviderReply& reply) const override;
  EventClass on_event(const SseEvent& event, ProviderReply& reply) const override;

 private:
  std::string base_url(const ResolvedOptions& options) const;
  HttpRequest build_rendered(const ResolvedOptions& options, const Request& request, bool stream) const;

  OpenAiFlavor flavor_;
};

}  // namespace baml
