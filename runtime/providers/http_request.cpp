// A leaf's HTTP request without an attempt (see <baml/http_request.h>).
#include <baml/http_request.h>

#include "errors/redactor.h"
#include "providers/options.h"
#include "providers/provider.h"

namespace baml {

HttpRequest http_request_for(const ClientSpec& client, const Request& request, bool stream, const EnvLookup& env) {
  SecretRedactor redactor;  // resolving registers the secrets it reads; nothing here is reported
  const ResolvedOptions options = resolve_options(client, env, redactor);
  return request_builder_for(client).build_request(options, request, stream);
}

}  // namespace baml
