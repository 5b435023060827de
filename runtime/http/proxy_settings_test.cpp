// Which proxy a transfer gets from the environment (libcurl's own rules, applied once per engine),
// and end to end that a Runtime really sends through the proxy the environment names, and not to
// hosts that no_proxy lists.
#include "http/proxy_settings.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <map>

#include "testing/e2e_support.h"

namespace baml {
namespace {

ProxySettings settings(std::map<std::string, std::string> values) {
  return ProxySettings::from([&values](const char* name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
}

TEST_CASE("no proxy variables: no proxy and no exclusions") {
  const ProxySettings none = settings({});
  CHECK(none.proxy_for("https://api.openai.com/v1/chat/completions").empty());
  CHECK(none.proxy_for("http://127.0.0.1:8080/v1").empty());
  CHECK(none.no_proxy().empty());
}

TEST_CASE("the scheme's own variable first, lowercase before uppercase, then all_proxy") {
  const ProxySettings both = settings({{"https_proxy", "http://lower:1"}, {"HTTPS_PROXY", "http://upper:2"}});
  CHECK(both.proxy_for("https://api.openai.com") == "http://lower:1");
  CHECK(settings({{"HTTPS_PROXY", "http://upper:2"}}).proxy_for("HTTPS://api.openai.com") == "http://upper:2");
  const ProxySettings all = settings({{"all_proxy", "socks5://all:3"}, {"ALL_PROXY", "http://ALL:4"}});
  CHECK(all.proxy_for("https://api.openai.com") == "socks5://all:3");
  CHECK(all.proxy_for("http://localhost:11434") == "socks5://all:3");
  CHECK(settings({{"ALL_PROXY", "http://ALL:4"}}).proxy_for("http://x") == "http://ALL:4");
  const ProxySettings mixed = settings({{"http_proxy", "http://plain:5"}, {"all_proxy", "http://all:6"}});
  CHECK(mixed.proxy_for("http://localhost") == "http://plain:5");
  CHECK(mixed.proxy_for("https://api.openai.com") == "http://all:6");
}

TEST_CASE("HTTP_PROXY in uppercase is never used for http URLs, as in libcurl") {
  const ProxySettings upper = settings({{"HTTP_PROXY", "http://cgi-injected:7"}});
  CHECK(upper.proxy_for("http://localhost:11434").empty());
}

TEST_CASE("an empty variable counts as unset; no_proxy before NO_PROXY") {
  const ProxySettings empty = settings({{"https_proxy", ""}, {"HTTPS_PROXY", "http://upper:8"}, {"NO_PROXY", "b.example"}});
  CHECK(empty.proxy_for("https://x") == "http://upper:8");
  CHECK(empty.no_proxy() == "b.example");
  CHECK(settings({{"no_proxy", "a.example"}, {"NO_PROXY", "b.example"}}).no_proxy() == "a.example");
}

// Sets a variable for the lifetime of this object, restoring what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};


TEST_CASE("e2e: a Runtime sends through the environment's proxy, except to no_proxy hosts") {
  const ClientSpec client = testing::openai_client("mock:reply=direct");
  // A proxy nobody listens on: a call through it is refused, a call around it is answered.
  const std::string proxy = "http://127.0.0.1:" + std::to_string(testing::unused_port());
  ScopedEnv no_proxy_lower("no_proxy", "");
  ScopedEnv no_proxy_upper("NO_PROXY", "");
  // Read when the Runtime is made (libcurl itself would look again on every transfer).
  Runtime made_before;
  ScopedEnv http_proxy("http_proxy", proxy);
  CHECK(made_before.call(client, testing::hello_request()).text == "direct");
  {
    Runtime proxied;
    CHECK_THROWS_AS(proxied.call(client, testing::hello_request()), ConnectionError);
  }
  ScopedEnv bypass("no_proxy", "127.0.0.1");
  Runtime direct;
  CHECK(direct.call(client, testing::hello_request()).text == "direct");
}

}  // namespace
}  // namespace baml
