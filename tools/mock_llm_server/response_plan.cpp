// Routing and per-request decisions of the mock server (see response_plan.h): the /_mock/
// control endpoints, the LLM endpoints (OpenAI chat, Anthropic, Google AI, OpenAI Responses),
// request validation, and how each directive turns into a status, headers, body pieces and
// delays.
#include "response_plan.h"

#include <charconv>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "answers.h"
#include "json_text.h"

namespace mock_llm {
namespace {

using Json = nlohmann::json;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string percent_decoded(std::string_view s) {
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct Route {
  Api api = Api::OpenAi;
  // Google AI names the model and the streaming in the path, not the body.
  std::optional<std::string> path_model;
  bool google_stream = false;
  bool google_sse = false;
};

bool query_has(std::string_view target, std::string_view param) {
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return false;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    if (query.substr(0, amp) == param) return true;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

// Any prefix is accepted (`/v1`, `/openai/v1`, ...): clients differ in their base URLs.
std::optional<Route> route_for(const HttpRequest& request) {
  const std::string_view path = request.path;
  // Google: {prefix}/models/{model}:generateContent or :streamGenerateContent. The model may
  // itself hold colons (`mock:ttfb=1s`), so the method is what follows the last one.
  const std::size_t colon = path.rfind(':');
  const std::size_t models = path.find("/models/");
  if (colon != std::string_view::npos && models != std::string_view::npos && models + 8 <= colon) {
    const std::string_view method = path.substr(colon + 1);
    if (method == "generateContent" || method == "streamGenerateContent") {
      Route route;
      route.api = Api::GoogleAi;
      route.path_model = percent_decoded(path.substr(models + 8, colon - models - 8));
      route.google_stream = method == "streamGenerateContent";
      route.google_sse = route.google_stream && query_has(request.target, "alt=sse");
      return route;
    }
  }
  auto plain = [](Api api) {
    Route route;
    route.api = api;
    return route;
  };
  if (ends_with(path, "/chat/completions")) return plain(Api::OpenAi);
  if (ends_with(path, "/messages")) return plain(Api::Anthropic);
  if (ends_with(path, "/responses")) return plain(Api::OpenAiResponses);
  return std::nullopt;
}

// Every string in the request body but the model, in document order: where a prompt's text is,
// whatever the provider's message shape.
void collect_prompt_tags(const Json& value, bool top, std::vector<std::string>& tags, std::string& problem) {
  if (!problem.empty()) return;
  if (value.is_string()) {
    problem = find_prompt_tags(value.get_ref<const std::string&>(), tags);
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (top && it.key() == "model") continue;
      collect_prompt_tags(it.value(), false, tags, problem);
    }
  } else if (value.is_array()) {
    for (const Json& element : value) collect_prompt_tags(element, false, tags, problem);
  }
}

// The request headers as a JSON object; repeated headers are joined as HTTP allows.
Json headers_json(const HttpRequest& request) {
  Json out = Json::object();
  for (const auto& [name, value] : request.headers) {
    if (out.contains(name)) {
      out[name] = out[name].get<std::string>() + ", " + value;
    } else {
      out[name] = value;
    }
  }
  return out;
}

HeaderList base_headers(std::string_view content_type, bool keep_alive) {
  return {{"Content-Type", std::string(content_type)}, {"Connection", keep_alive ? "keep-alive" : "close"}};
}

// A complete answer with a Content-Length body, sent in one write after `ttfb`.
ResponsePlan fixed_response(int status, std::string_view body, bool keep_alive, HeaderList extra = {}) {
  ResponsePlan plan;
  plan.keep_alive = keep_alive;
  HeaderList headers = base_headers("application/json", keep_alive);
  headers.insert(headers.end(), extra.begin(), extra.end());
  headers.emplace_back("Content-Length", std::to_string(body.size()));
  plan.head = response_head(status, headers);
  plan.head += body;
  return plan;
}

ResponsePlan control_endpoint(const HttpRequest& request, MockState& state) {
  const std::string& path = request.path;
  auto answer = [&](std::string_view method, const std::string& body) {
    if (request.method != method) {
      Json error = {{"error", "use " + std::string(method) + " for " + path}};
      return fixed_response(405, json_text(error), request.keep_alive, {{"Allow", std::string(method)}});
    }
    return fixed_response(200, body, request.keep_alive);
  };
  if (path == "/_mock/counters") return answer("GET", json_text(state.counters_json()));
  if (path == "/_mock/requests") return answer("GET", json_text(state.requests_json()));
  if (path == "/_mock/reset") {
    if (request.method == "POST") state.reset();
    return answer("POST", R"({"ok":true})");
  }
  Json error = {{"error", "no such control endpoint: " + path}};
  return fixed_response(404, json_text(error), request.keep_alive);
}

// An HTTP date (RFC 9110's IMF-fixdate) `seconds` from now.
std::string http_date_in(std::uint64_t seconds) {
  const std::time_t at = std::time(nullptr) + static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&at, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

// The retry hints a failure carries, as the directives ask for them.
ResponsePlan error_response(Api api, int status, std::string_view message, bool keep_alive,
                            const Directives* hints = nullptr) {
  HeaderList extra;
  const std::optional<std::string> retry_after = hints != nullptr ? hints->retry_after : std::nullopt;
  if (hints != nullptr && hints->retry_after_date) extra.emplace_back("Retry-After", http_date_in(*hints->retry_after_date));
  if (hints != nullptr && hints->retry_after_ms) extra.emplace_back("retry-after-ms", std::to_string(*hints->retry_after_ms));
  if (retry_after) {
    extra.emplace_back("Retry-After", *retry_after);
    // The official SDKs prefer this header when present; it carries what Retry-After cannot.
    if (retry_after->find('.') != std::string::npos) {
      double seconds = 0;
      std::from_chars(retry_after->data(), retry_after->data() + retry_after->size(), seconds);
      extra.emplace_back("retry-after-ms", std::to_string(std::llround(seconds * 1000.0)));
    }
  }
  ResponsePlan plan = fixed_response(status, error_body(api, status, message), keep_alive, extra);
  plan.llm = true;
  return plan;
}

ResponsePlan reset_connection() {
  ResponsePlan plan;
  plan.action = ResponsePlan::Action::Reset;
  plan.llm = true;
  return plan;
}

// `n` bytes that are neither UTF-8 nor JSON: a lone continuation byte, an overlong form, bytes
// that never occur in UTF-8, a NUL and an ESC first, then a fixed pseudo-random sequence (the same
// for every request, so a failure can be reproduced).
std::string garbage_bytes(std::uint64_t n) {
  std::string out = std::string("\x80\xC0\xAF\xFF\xFE\x00\x1B[2J", 10).substr(0, n);
  std::uint32_t state = 2463534242u;
  while (out.size() < n) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    out += static_cast<char>(state & 0xFF);
  }
  return out;
}

// An answer whose body is binary noise, with the status the directives ask for (200 by default).
ResponsePlan garbage_response(const Directives& d, bool keep_alive) {
  ResponsePlan plan = fixed_response(d.status.value_or(200), garbage_bytes(*d.garbage), keep_alive);
  plan.llm = true;
  plan.ttfb = d.ttfb;
  return plan;
}

// Stands for the bytes `invalid_utf8` puts into the reply's text: a private-use code point, valid
// UTF-8 while the body is built as JSON (whose serializer would refuse the real ones), swapped for
// the invalid bytes once it is built.
constexpr std::string_view kInvalidMarker = "\xEE\x80\x80";
constexpr std::string_view kInvalidBytes = "\xFF\xC3\x28";

std::string with_invalid_bytes(std::string text) {
  for (std::size_t at = text.find(kInvalidMarker); at != std::string::npos; at = text.find(kInvalidMarker, at)) {
    text.replace(at, kInvalidMarker.size(), kInvalidBytes);
    at += kInvalidBytes.size();
  }
  return text;
}

std::string failure_message(int status) {
  return "mock error " + std::to_string(status);
}

std::string id_prefix(Api api) {
  switch (api) {
    case Api::OpenAi: return "chatcmpl-mock-";
    case Api::Anthropic: return "msg_mock_";
    case Api::GoogleAi: return "mock-response-";
    case Api::OpenAiResponses: return "resp_mock_";
  }
  return "mock-";
}

ResponsePlan success_response(const Route& route, const HttpRequest& request, const Directives& d,
                              const std::string& content, const std::string& model, bool stream, MockState& state,
                              std::int64_t now_unix) {
  const Api api = route.api;
  std::uint64_t id = state.next_id();
  Completion completion;
  completion.id = id_prefix(api) + std::to_string(id);
  completion.model = model;
  completion.chunks = content_chunks(content, d.chunks, d.chunk_size);
  if (d.invalid_utf8) {
    for (std::string& chunk : completion.chunks) chunk += kInvalidMarker;
  }
  // Roughly four bytes per token, like the real tokenizers on English text.
  completion.prompt_tokens = static_cast<std::int64_t>(request.body.size() / 4 + 1);
  completion.created = now_unix;

  ResponsePlan plan;
  plan.llm = true;
  plan.keep_alive = request.keep_alive;
  // Google's streamGenerateContent without alt=sse streams one JSON array.
  const bool sse = stream && (api != Api::GoogleAi || route.google_sse);
  HeaderList headers = base_headers(sse ? "text/event-stream" : "application/json", request.keep_alive);
  headers.emplace_back("Transfer-Encoding", "chunked");
  headers.emplace_back("x-request-id", "mock-" + std::to_string(id));
  if (stream) headers.emplace_back("Cache-Control", "no-cache");
  plan.head = response_head(200, headers);
  plan.chunked = true;
  if (sse) {
    plan.body = streaming_body(api, completion);
  } else if (stream) {
    plan.body = google_array_stream_body(completion);
  } else {
    plan.body = json_body(api, completion);
  }
  if (d.invalid_utf8) {
    for (std::string& piece : plan.body.pieces) piece = with_invalid_bytes(std::move(piece));
    plan.body.trailer = with_invalid_bytes(std::move(plan.body.trailer));
    if (plan.body.drip_piece) {
      plan.body.drip_piece = [next = std::move(plan.body.drip_piece)](std::size_t i) { return with_invalid_bytes(next(i)); };
    }
  }
  plan.ttfb = d.ttfb;
  plan.first = d.first;
  plan.gap = d.gap;
  plan.stall_after = d.stall_after;
  plan.drip = d.drip;
  if (sse) plan.ping = d.ping;
  if (d.truncate) {
    plan.cut_after = d.truncate;
    plan.cut = ResponsePlan::Cut::EndBody;
  } else if (d.close_after) {
    plan.cut_after = d.close_after;
    plan.cut = ResponsePlan::Cut::Close;
  } else if (d.stream_error && stream) {
    plan.cut_after = d.stream_error;
    plan.cut = ResponsePlan::Cut::ErrorEvent;
  } else if (d.stream_error) {
    // Not streaming: the whole 200 body is the provider's error object.
    BodyPlan body;
    body.pieces = {error_in_success_body(api, completion)};
    plan.body = std::move(body);
  }
  return plan;
}

// The answer's text as the directives choose it, or an error sentence in `problem`.
std::string answer_text(const HttpRequest& request, const Directives& d, const MockState& state, std::string& problem) {
  std::string content;
  if (d.echo) {
    Json echo = {{"headers", headers_json(request)}, {"body", Json::parse(request.body)}};
    content = json_text(echo);
  } else if (d.reply) {
    content = *d.reply;
  } else if (d.reply_file) {
    std::optional<std::string> text = read_answer_file(*d.reply_file, state.answers_dir, problem);
    if (!text) return {};
    content = std::move(*text);
  } else if (d.answer) {
    content = canned_answer(*d.answer).value_or("");
  } else {
    content = std::string(kDefaultReply);
  }
  for (const std::string& form : d.forms) content = apply_form(form, content);
  return content;
}

}  // namespace

ResponsePlan plan_malformed(int status, std::string_view why) {
  Json body = {{"error", "malformed HTTP request: " + std::string(why)}};
  return fixed_response(status, json_text(body), /*keep_alive=*/false);
}

ResponsePlan plan_internal_error(std::string_view why) {
  Json body = {{"error", "mock server internal error: " + std::string(why)}};
  return fixed_response(500, json_text(body), /*keep_alive=*/false);
}

ResponsePlan plan_response(const HttpRequest& request, MockState& state, std::int64_t now_unix) {
  if (request.path.rfind("/_mock/", 0) == 0) return control_endpoint(request, state);

  std::optional<Route> route = route_for(request);
  if (!route) {
    Json error = {{"error", "no such endpoint: " + request.path}};
    return fixed_response(404, json_text(error), request.keep_alive);
  }
  const Api api = route->api;
  if (request.method != "POST") {
    ResponsePlan plan = error_response(api, 405, "use POST", request.keep_alive);
    plan.llm = false;
    return plan;
  }
  ++state.counters.requests;

  Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  const std::string path_model = route->path_model.value_or("");
  if (body.is_discarded() || !body.is_object()) {
    state.record({request.path, path_model, route->google_stream, headers_json(request), request.target, {}});
    return error_response(api, 400, "request body is not a JSON object", request.keep_alive);
  }
  auto model_it = body.find("model");
  const bool body_model = model_it != body.end() && model_it->is_string();
  std::string model = route->path_model ? path_model : body_model ? model_it->get<std::string>() : "";
  auto stream_it = body.find("stream");
  bool stream = route->path_model ? route->google_stream
                                  : stream_it != body.end() && stream_it->is_boolean() && stream_it->get<bool>();
  std::vector<std::string> tags;
  std::string tag_problem;
  collect_prompt_tags(body, /*top=*/true, tags, tag_problem);
  state.record({request.path, model, stream, headers_json(request), request.target, tags});
  if (!route->path_model) {
    if (!body_model) return error_response(api, 400, "'model' must be a string", request.keep_alive);
    if (stream_it != body.end() && !stream_it->is_boolean() && !stream_it->is_null()) {
      return error_response(api, 400, "'stream' must be a boolean", request.keep_alive);
    }
  }
  if (!tag_problem.empty()) return error_response(api, 400, "mock: " + tag_problem, request.keep_alive);

  std::variant<Directives, DirectiveError> parsed = parse_directives(model, tags);
  if (const DirectiveError* bad = std::get_if<DirectiveError>(&parsed)) {
    return error_response(api, 400, "mock: " + bad->message, request.keep_alive);
  }
  const Directives& d = std::get<Directives>(parsed);
  // fail_first counts per model string and prompt directives together.
  std::string fail_key = model;
  for (const std::string& tag : tags) fail_key += "\n[mock:" + tag + "]";

  if (d.fail_first) {
    // The failing requests get only the failure; the later ones follow the other directives.
    if (state.within_first(fail_key, *d.fail_first)) {
      if (d.reset) return reset_connection();
      int status = d.status.value_or(503);
      return error_response(api, status, failure_message(status), request.keep_alive, &d);
    }
  } else if (d.reset) {
    return reset_connection();
  } else if (d.garbage) {
    return garbage_response(d, request.keep_alive);
  } else if (d.status) {
    ResponsePlan plan = error_response(api, *d.status, failure_message(*d.status), request.keep_alive, &d);
    plan.ttfb = d.ttfb;
    return plan;
  }
  if (d.garbage) return garbage_response(d, request.keep_alive);
  std::string problem;
  const std::string content = answer_text(request, d, state, problem);
  if (!problem.empty()) return error_response(api, 400, "mock: " + problem, request.keep_alive);
  return success_response(*route, request, d, content, model, stream, state, now_unix);
}

}  // namespace mock_llm
