// Which certificate authorities a transfer trusts, decided once per engine. Verification of the
// server's certificate and host name is always on (transfer.cpp); nothing here can turn it off.
// The CA certificates come from, in order:
// * the Runtime's options (RuntimeOptions::ca_bundle / ca_directory; `--ca-bundle` on the CLI);
// * else the environment's `SSL_CERT_FILE` / `SSL_CERT_DIR`, the names OpenSSL and curl's own
//   tool read (libcurl itself does not read them);
// * else libcurl's built-in default, the system store (Debian: /etc/ssl/certs).
// A file or directory that cannot be read makes each attempt fail as a ConnectionError of kind
// `tls` whose message names the problem; it never falls back to trusting anything.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace baml {

struct TlsSettings {
  using Lookup = std::function<std::optional<std::string>(const char* name)>;

  std::string ca_file;       // CURLOPT_CAINFO when not empty
  std::string ca_directory;  // CURLOPT_CAPATH when not empty

  // The explicit choice when either is given, else the variables read through `lookup`.
  static TlsSettings resolve(const std::string& ca_file, const std::string& ca_directory, const Lookup& lookup);
  // The same with the process environment.
  static TlsSettings resolve(const std::string& ca_file, const std::string& ca_directory);
};

}  // namespace baml
