// Proxy variables, read once (see proxy_settings.h).
#include "http/proxy_settings.h"

#include <cstdlib>
#include <initializer_list>

namespace baml {

namespace {

// The first of `names` that is set to something, or "".
std::string first_set(const ProxySettings::Lookup& lookup, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (std::optional<std::string> value = lookup(name); value && !value->empty()) return *value;
  }
  return "";
}

bool has_scheme(std::string_view url, std::string_view scheme) {
  if (url.size() <= scheme.size() + 3) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    const char c = url[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != scheme[i]) return false;
  }
  return url.substr(scheme.size(), 3) == "://";
}

}  // namespace

ProxySettings ProxySettings::from_environment() {
  return from([](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  });
}

ProxySettings ProxySettings::from(const Lookup& lookup) {
  ProxySettings out;
  out.other_ = first_set(lookup, {"all_proxy", "ALL_PROXY"});
  out.http_ = first_set(lookup, {"http_proxy"});
  if (out.http_.empty()) out.http_ = out.other_;
  out.https_ = first_set(lookup, {"https_proxy", "HTTPS_PROXY"});
  if (out.https_.empty()) out.https_ = out.other_;
  out.no_proxy_ = first_set(lookup, {"no_proxy", "NO_PROXY"});
  return out;
}

const std::string& ProxySettings::proxy_for(std::string_view url) const {
  if (has_scheme(url, "https")) return https_;
  // libcurl takes a URL without a scheme as http.
  if (has_scheme(url, "http") || url.find("://") == std::string_view::npos) return http_;
  return other_;
}

}  // namespace baml
