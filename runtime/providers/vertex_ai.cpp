// Vertex AI: refused with a ConfigError that says what is missing (see vertex_ai.h).
#include "providers/vertex_ai.h"

#include <baml/errors.h>

namespace baml {

HttpRequest VertexAiProvider::build_request(const ResolvedOptions& options, const Request&, bool) const {
  const bool has_credentials = options.values.contains("credentials") && !options.values["credentials"].is_null();
  throw_config_error(std::string("provider vertex-ai needs a Google access token: ") +
                         (has_credentials ? "exchanging option credentials for one"
                                          : "no option credentials is set, and reading GOOGLE_APPLICATION_CREDENTIALS "
                                            "or application-default credentials") +
                         " is not implemented by bamlc yet",
                     options.client);
}

void VertexAiProvider::parse_response(std::string_view, ProviderReply&) const {
  throw_config_error("calling provider vertex-ai is not implemented yet");
}

EventClass VertexAiProvider::on_event(const SseEvent&, ProviderReply&) const {
  throw_config_error("calling provider vertex-ai is not implemented yet");
}

}  // namespace baml
