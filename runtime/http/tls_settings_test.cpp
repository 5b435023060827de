#include "http/tls_settings.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

namespace baml {
namespace {

TlsSettings::Lookup environment(std::map<std::string, std::string> values) {
  return [values](const char* name) -> std::optional<std::string> {
    auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

TEST_CASE("the CA choice: explicit options, else SSL_CERT_FILE and SSL_CERT_DIR, else the system's") {
  const auto env = environment({{"SSL_CERT_FILE", "/env/ca.pem"}, {"SSL_CERT_DIR", "/env/certs"}});
  SUBCASE("an explicit file wins over the whole environment") {
    const TlsSettings tls = TlsSettings::resolve("/mine/ca.pem", "", env);
    CHECK(tls.ca_file == "/mine/ca.pem");
    CHECK(tls.ca_directory.empty());
  }
  SUBCASE("an explicit directory too") {
    const TlsSettings tls = TlsSettings::resolve("", "/mine/certs", env);
    CHECK(tls.ca_file.empty());
    CHECK(tls.ca_directory == "/mine/certs");
  }
  SUBCASE("the environment when nothing is given") {
    const TlsSettings tls = TlsSettings::resolve("", "", env);
    CHECK(tls.ca_file == "/env/ca.pem");
    CHECK(tls.ca_directory == "/env/certs");
  }
  SUBCASE("nothing anywhere: libcurl's default, the system store") {
    const TlsSettings tls = TlsSettings::resolve("", "", environment({}));
    CHECK(tls.ca_file.empty());
    CHECK(tls.ca_directory.empty());
  }
}

}  // namespace
}  // namespace baml
