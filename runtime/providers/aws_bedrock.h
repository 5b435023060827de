// AWS Bedrock's Converse API, as BAML 0.226.2 builds it for a rendered prompt: POST
// https://bedrock-runtime.{region}.amazonaws.com/model/{model id, percent-encoded}/converse with
// {"messages":[{"role","content":[{"text"}|{"image":{"format","source":{"bytes"}}}|...]}],
// "system":[{"text"}], "inferenceConfig":{...}, "additionalModelRequestFields":{...}}; a media
// item sent by URL is {"source":{"s3Location":{"uri":"s3://..."}}} (other URLs are refused). A part whose
// `_.role(...)` has cache_control is followed by {"cachePoint":{"type":"default"}}.
// BAML's built request carries no signature (it signs when sending) and ignores endpoint_url;
// so does this one. Like BAML, it refuses to build a streaming request (ConfigError). Calling Bedrock (SigV4 signing, the binary event stream) is not implemented:
// provider_for refuses it, request_builder_for builds the request.
#pragma once

#include "providers/provider.h"

namespace baml {

class AwsBedrockProvider final : public Provider {
 public:
  HttpRequest build_request(const ResolvedOptions& options, const Request& request, bool stream) const override;
  void parse_response(std::string_view body, ProviderReply& reply) const override;
  EventClass on_event(const SseEvent& event, ProviderReply& reply) const override;
};

}  // namespace baml
