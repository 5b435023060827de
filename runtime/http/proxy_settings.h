// The proxies the process environment asks for, read once per engine and given to every
// transfer as CURLOPT_PROXY and CURLOPT_NOPROXY. Left to itself libcurl looks the same variables
// up again for every transfer (about 5,000 instructions per call, a scan of the whole environment
// per name); setting both options explicitly skips that lookup and changes nothing else, because
// the choice below is libcurl's own (7.88, url.c):
// * `no_proxy`, else `NO_PROXY`: hosts never proxied (libcurl applies the list to the URL);
// * for `http://` URLs `http_proxy` only (never `HTTP_PROXY`, which a CGI program cannot trust),
//   for `https://` URLs `https_proxy`, else `HTTPS_PROXY`;
// * else `all_proxy`, else `ALL_PROXY`;
// * else no proxy.
// A variable set to the empty string counts as unset, as in libcurl. The environment is read when
// the Runtime is created: a later change of these variables in the process is not seen.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace baml {

class ProxySettings {
 public:
  using Lookup = std::function<std::optional<std::string>(const char* name)>;

  // Reads the variables through `lookup` (the process environment by default).
  static ProxySettings from_environment();
  static ProxySettings from(const Lookup& lookup);

  // The proxy for `url` ("" for none), as CURLOPT_PROXY takes it.
  const std::string& proxy_for(std::string_view url) const;
  // The hosts never proxied ("" for none), as CURLOPT_NOPROXY takes it.
  const std::string& no_proxy() const { return no_proxy_; }

 private:
  std::string http_;   // http_proxy, else all_proxy
  std::string https_;  // https_proxy, else all_proxy
  std::string other_;  // all_proxy
  std::string no_proxy_;
};

}  // namespace baml
