// The HTTP request a call through a leaf client sends, without sending it: for a program that
// wants to see it, log it or send it with its own HTTP stack. It is built by the same code the
// runtime's own attempts use, byte for byte (the benchmark's plain libcurl baseline sends it).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <baml/client_spec.h>
#include <baml/environment.h>
#include <baml/request.h>

namespace baml {

struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // the API key among them, in clear
  std::string body;
};

// The request of one attempt through the leaf `client`, streaming or not, with its options'
// {"env": NAME} values read through `env`. Leaves out what only a running call adds (the caller's
// extra headers, a deadline header). Throws ConfigError as a call would (a missing variable, a
// composite client, an unknown provider).
HttpRequest http_request_for(const ClientSpec& client, const Request& request, bool stream,
                             const EnvLookup& env = process_environment());

}  // namespace baml
