// Helpers shared by the rendered-request builders (see rendered_wire.h).
#include "providers/rendered_wire.h"

#include <algorithm>
#include <cctype>

#include <baml/errors.h>

namespace baml::wire {

using nlohmann::json;

// Oracle: none of these reach the body of any provider.
const std::initializer_list<std::string_view> kRenderedConsumed = {
    "api_key",
    "base_url",
    "headers",
    "http",
    "default_role",
    "allowed_roles",
    "remap_roles",
    "allowed_role_metadata",
    "supports_streaming",
    "finish_reason_allow_list",
    "finish_reason_deny_list",
    "media_url_handler",
};

bool is_body_option(std::string_view name) {
  auto same = [name](std::string_view consumed) { return consumed == name; };
  return std::none_of(kRenderedConsumed.begin(), kRenderedConsumed.end(), same) && name != "query_params" &&
         name != "client_response_type";
}

json rendered_body_options(const ResolvedOptions& options, std::initializer_list<std::string_view> consumed) {
  json out = json::object();
  for (auto it = options.values.begin(); it != options.values.end(); ++it) {
    const std::string& key = it.key();
    auto same = [&key](std::string_view name) { return name == key; };
    if (std::any_of(kRenderedConsumed.begin(), kRenderedConsumed.end(), same)) continue;
    if (std::any_of(consumed.begin(), consumed.end(), same)) continue;
    out[key] = it.value();
  }
  return out;
}

void put_header(std::vector<std::pair<std::string, std::string>>& headers, std::string_view name, std::string value) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (auto& header : headers) {
    if (header.first == lower) {
      header.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(lower), std::move(value));
}

std::string with_form_query(std::string url, const std::vector<std::pair<std::string, std::string>>& params) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto encode = [](std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '*') {
        out += static_cast<char>(c);
      } else if (c == ' ') {
        out += '+';
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  };
  for (const auto& [key, value] : params) {
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += encode(key) + "=" + encode(value);
  }
  return url;
}

namespace {

MediaUrlHandling handling_of(const std::string& word, const std::string& client) {
  if (word == "send_url") return MediaUrlHandling::SendUrl;
  if (word == "send_url_add_mime_type") return MediaUrlHandling::SendUrlAddMimeType;
  if (word == "send_base64") return MediaUrlHandling::SendBase64;
  if (word == "send_base64_unless_google_url") return MediaUrlHandling::SendBase64UnlessGoogleUrl;
  throw_config_error("option media_url_handler: unknown handling " + word, client);
}

MediaUrlHandling handling_for(const Media& media, const ResolvedOptions& options, const MediaUrlDefaults& defaults) {
  const std::string kind(to_string(media.kind));
  if (auto handler = options.values.find("media_url_handler"); handler != options.values.end() && handler->is_object()) {
    if (auto it = handler->find(kind); it != handler->end() && it->is_string()) {
      return handling_of(it->get<std::string>(), options.client);
    }
  }
  switch (media.kind) {
    case MediaKind::Image: return defaults.image;
    case MediaKind::Audio: return defaults.audio;
    case MediaKind::Pdf: return defaults.pdf;
    case MediaKind::Video: return defaults.video;
  }
  return defaults.image;
}

}  // namespace

WireMedia wire_media(const Media& media, const ResolvedOptions& options, const MediaUrlDefaults& defaults,
                     std::string_view provider) {
  WireMedia out;
  out.media_type = media.media_type;
  if (media.kind == MediaKind::Pdf && out.media_type.empty()) out.media_type = "application/pdf";
  if (!media.by_url) {
    out.base64 = media.base64;
    return out;
  }
  const MediaUrlHandling handling = handling_for(media, options, defaults);
  const bool inline_data = handling == MediaUrlHandling::SendBase64 ||
                           (handling == MediaUrlHandling::SendBase64UnlessGoogleUrl && media.url.rfind("gs://", 0) != 0);
  if (inline_data) {
    const std::string kind(to_string(media.kind));
    throw_config_error("provider " + std::string(provider) + " sends a " + kind +
                           " given by URL inline (base64), which needs downloading " + media.url +
                           "; bamlc does not download media: pass the " + kind +
                           " as base64, or set media_url_handler { " + kind + " \"send_url\" }",
                       options.client);
  }
  if (handling == MediaUrlHandling::SendUrlAddMimeType && out.media_type.empty()) {
    // Oracle: BAML fetches the file to learn its media type.
    const std::string kind(to_string(media.kind));
    throw_config_error("provider " + std::string(provider) + " sends a " + kind +
                           " given by URL with its media type (send_url_add_mime_type), which needs downloading " +
                           media.url + " to learn it; bamlc does not download media: give the " + kind +
                           "'s media_type",
                       options.client);
  }
  out.by_url = true;
  out.url = media.url;
  return out;
}

json with_metadata(json block, const json& metadata) {
  for (auto it = metadata.begin(); it != metadata.end(); ++it) block[it.key()] = it.value();
  return block;
}

std::string data_url(const WireMedia& media) { return "data:" + media.media_type + ";base64," + media.base64; }

void unsupported_media(const Media& media, std::string_view provider, const ResolvedOptions& options) {
  throw_config_error(std::string(to_string(media.kind)) + " input is not supported by provider " +
                         std::string(provider) + " (BAML refuses it too)",
                     options.client);
}

}  // namespace baml::wire
