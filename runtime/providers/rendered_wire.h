// What every provider's request for a rendered prompt (Request::rendered) shares, as BAML
// 0.226.2 builds it (checked against tools/baml_oracle):
//   - header names are lowercase (`content-type`, `authorization`, ...); BAML's internal
//     `baml-original-url` header is not sent.
//   - the body carries every option the provider does not interpret itself; which ones those are
//     differs by provider (e.g. anthropic and google-ai pass `query_params` and
//     `client_response_type` into the body, the OpenAI family does not).
//   - a media item given by URL is sent by URL or inline (base64) as `media_url_handler` and the
//     provider's defaults say. Inline needs the file downloaded, which BAML does while building
//     the request; bamlc does not download media yet, so that case is a ConfigError. So is
//     send_url_add_mime_type for a URL without a media type (BAML downloads it to learn the type).
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <baml/http_request.h>
#include <baml/value.h>

#include "providers/options.h"

namespace baml::wire {

// Options no provider copies into a rendered body.
extern const std::initializer_list<std::string_view> kRenderedConsumed;

// Whether an option may reach a request's body: not a key, URL, header, role or transport
// setting (kRenderedConsumed), nor query_params / client_response_type.
bool is_body_option(std::string_view name);

// The rendered body's pass-through options: every option except kRenderedConsumed and `consumed`.
nlohmann::json rendered_body_options(const ResolvedOptions& options, std::initializer_list<std::string_view> consumed);

// Sets a header under its lowercased name, replacing one of the same name.
void put_header(std::vector<std::pair<std::string, std::string>>& headers, std::string_view name, std::string value);

// `url` with `params` appended as application/x-www-form-urlencoded (a space is `+`), as BAML.
std::string with_form_query(std::string url, const std::vector<std::pair<std::string, std::string>>& params);

// How a provider sends a media item given by URL (BAML's media_url_handler values).
enum class MediaUrlHandling { SendUrl, SendUrlAddMimeType, SendBase64, SendBase64UnlessGoogleUrl };

struct MediaUrlDefaults {
  MediaUrlHandling image = MediaUrlHandling::SendUrl;
  MediaUrlHandling audio = MediaUrlHandling::SendBase64;
  MediaUrlHandling pdf = MediaUrlHandling::SendUrl;
  MediaUrlHandling video = MediaUrlHandling::SendUrl;
};

// A media item as it goes on the wire: by URL, or inline.
struct WireMedia {
  bool by_url = false;
  std::string url;         // by_url
  std::string base64;      // !by_url
  std::string media_type;  // may be empty for a URL
};

// `media` as the client sends it. Throws ConfigError when it would have to be downloaded.
WireMedia wire_media(const Media& media, const ResolvedOptions& options, const MediaUrlDefaults& defaults,
                     std::string_view provider);

// `data:MEDIA_TYPE;base64,DATA`.
std::string data_url(const WireMedia& media);

// `block` with the part's allowed `_.role(...)` metadata added as members (BAML puts
// cache_control and the like on each content block).
nlohmann::json with_metadata(nlohmann::json block, const nlohmann::json& metadata);

// A ConfigError for a media kind the provider's API does not take (BAML refuses it too).
[[noreturn]] void unsupported_media(const Media& media, std::string_view provider, const ResolvedOptions& options);

}  // namespace baml::wire
