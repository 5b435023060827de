// What the engine needs from an LLM API: build the HTTP request of a call, and decode what comes
// back (a whole JSON body, or a stream event by event). One implementation per wire format:
// OpenAI chat completions (openai, openai-generic, azure-openai, ollama) and Anthropic messages.
// Providers are stateless; everything a call accumulates lives in a ProviderReply.
#pragma once

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <baml/client_spec.h>
#include <baml/http_request.h>
#include <baml/request.h>
#include <baml/response.h>

#include "providers/options.h"
#include "providers/sse_event.h"

namespace baml {

// What a stream event means for the phase limits (see attempt_timeline.h).
enum class EventClass {
  KeepAlive,  // a ping: resets nothing
  Data,       // protocol data without content (role, usage, stop): restarts the idle clock
  Content,    // text or a tool-call delta: ends time-to-first-token, restarts idle
  Done,       // the provider's end-of-stream marker
};

// The reply being assembled from a body or a stream.
struct ProviderReply {
  std::string text;
  std::optional<std::string> finish_reason;
  Usage usage;
  std::string model;
  bool done = false;  // the stream's end marker arrived
};

// A body or event that is not what the API promises. The message says what was wrong.
class MalformedResponse : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An error the provider reported inside a 200 stream (e.g. Anthropic's `event: error`).
class StreamErrorEvent : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Provider {
 public:
  virtual ~Provider() = default;

  // The request of a call; `stream` selects the streaming API. Throws ConfigError for options
  // the provider cannot work without.
  virtual HttpRequest build_request(const ResolvedOptions& options, const Request& request, bool stream) const = 0;

  // Decodes a whole 2xx body. Throws MalformedResponse.
  virtual void parse_response(std::string_view body, ProviderReply& reply) const = 0;

  // Decodes one event of a 2xx stream. Throws MalformedResponse or StreamErrorEvent.
  virtual EventClass on_event(const SseEvent& event, ProviderReply& reply) const = 0;
};

// The provider of a leaf client's kind, for calling it. Throws ConfigError for composites, for
// providers this runtime does not implement, and for those it can only build requests for
// (aws-bedrock, vertex-ai: "calling provider X is not implemented yet").
const Provider& provider_for(const ClientSpec& client);

// The provider of a leaf client's kind, for building its request only (`bamlc render`,
// http_request_for): every leaf provider BAML has except openai-transcriptions and openrouter.
// Throws ConfigError for composites and unknown providers.
const Provider& request_builder_for(const ClientSpec& client);

// The human message in an error body: `error.message` (OpenAI and Anthropic), `error` as a
// string, or `message`; for a body that is not JSON, its first line, shortened. Never throws.
std::string provider_error_message(std::string_view body);

}  // namespace baml

namespace baml::wire {

// Helpers shared by the wire formats.

// Parses a body or event as JSON; throws MalformedResponse naming `what` on a syntax error.
nlohmann::json parse_json(std::string_view text, std::string_view what);

// Appends `text` as a JSON string, escaped exactly as nlohmann::json::dump escapes it (and, like
// it, throws nlohmann's type_error for text that is not UTF-8).
void append_json_string(std::string& out, std::string_view text);

// `value.dump()`, byte for byte, but with strings escaped by append_json_string: nlohmann's
// serializer escapes a byte at a time, which made a 10 KB prompt most of a request's cost.
std::string dump_json(const nlohmann::json& value);

// dump_json of an object, with the members named in `raw` written as the JSON text given there
// instead of their values (placeholders that keep the key order nlohmann's dump has): a large
// member written straight into text never becomes a tree.
using RawMember = std::pair<std::string_view, std::string_view>;
std::string dump_json_with(const nlohmann::json& object, std::initializer_list<RawMember> raw);

// `messages` as a JSON list of {"content": ..., "role": ...} objects, leaving out those whose role
// is `skip_role` (if given).
std::string messages_json(const std::vector<Message>& messages, std::string_view skip_role = {});

// A member the provider puts into the request body; `json` is its value, serialized.
struct BodyField {
  std::string_view key;
  std::string json;
  bool replaces_option = true;  // false: a pass-through option of the same name wins
};

// The request body: the pass-through options (ResolvedOptions::passthrough) and `fields`, which
// must be sorted by key, as one JSON object, byte for byte what nlohmann::json::dump gives for
// the same object (members in key order), without building it.
std::string request_body(const ResolvedOptions& options, const std::vector<BodyField>& fields);

// Sets a header, replacing one of the same name (compared case-insensitively).
void set_header(std::vector<std::pair<std::string, std::string>>& headers, std::string name, std::string value);

// `url` with `params` appended as a percent-encoded query string.
std::string with_query(std::string url, const std::vector<std::pair<std::string, std::string>>& params);

// The `query_params` option as a list of pairs.
std::vector<std::pair<std::string, std::string>> query_params(const ResolvedOptions& options);

}  // namespace baml::wire
