// Google Vertex AI. Its requests need an OAuth access token obtained from Google credentials
// (a service account's private key signs a JWT exchanged at Google's token endpoint); BAML fetches
// one while building the request. bamlc does not implement that exchange yet, so building a
// request is a ConfigError that says what is missing.
#pragma once

#include "providers/provider.h"

namespace baml {

class VertexAiProvider final : public Provider {
 public:
  HttpRequest build_request(const ResolvedOptions& options, const Request& request, bool stream) const override;
  void parse_response(std::string_view body, ProviderReply& reply) const override;
  EventClass on_event(const SseEvent& event, ProviderReply& reply) const override;
};

}  // namespace baml
