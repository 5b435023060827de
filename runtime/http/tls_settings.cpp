// The CA choice (see tls_settings.h).
#include "http/tls_settings.h"

#include <cstdlib>

namespace baml {

TlsSettings TlsSettings::resolve(const std::string& ca_file, const std::string& ca_directory, const Lookup& lookup) {
  if (!ca_file.empty() || !ca_directory.empty()) return TlsSettings{ca_file, ca_directory};
  auto set = [&lookup](const char* name) {
    std::optional<std::string> value = lookup(name);
    return value ? *value : std::string();
  };
  return TlsSettings{set("SSL_CERT_FILE"), set("SSL_CERT_DIR")};
}

TlsSettings TlsSettings::resolve(const std::string& ca_file, const std::string& ca_directory) {
  return resolve(ca_file, ca_directory, [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  });
}

}  // namespace baml
