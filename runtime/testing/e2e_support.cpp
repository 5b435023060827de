// End-to-end test helpers (see e2e_support.h).
#include "testing/e2e_support.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include <thread>

namespace baml::testing {

ClientSpec openai_client(const std::string& model, ClientLimits limits) {
  ClientSpec client;
  client.name = "Primary";
  client.provider_name = "openai-generic";
  client.provider = ProviderKind::OpenAIGeneric;
  client.options = {{"model", model}, {"base_url", shared_mock_server().openai_base_url()}, {"api_key", kTestApiKey}};
  client.limits = limits;
  return client;
}

ClientSpec anthropic_client(const std::string& model, ClientLimits limits) {
  ClientSpec client;
  client.name = "Claude";
  client.provider_name = "anthropic";
  client.provider = ProviderKind::Anthropic;
  client.options = {
      {"model", model}, {"base_url", shared_mock_server().anthropic_base_url()}, {"api_key", kTestApiKey}};
  client.limits = limits;
  return client;
}

const Request& hello_request() {
  static const Request request{"Greet", {{"system", "Be brief."}, {"user", "Hello"}}};
  return request;
}

Response run_call(Runtime& runtime, const ClientSpec& client, Mode mode, const CallOptions& options,
                  std::string* streamed) {
  switch (mode) {
    case Mode::Call: return runtime.call(client, hello_request(), options);
    case Mode::Stream:
      return runtime.stream(client, hello_request(), options, [streamed](std::string_view delta) {
        if (streamed != nullptr) streamed->append(delta);
      });
  }
  return {};
}

std::chrono::nanoseconds time_it(const std::function<void()>& call) {
  const auto start = std::chrono::steady_clock::now();
  call();
  return std::chrono::steady_clock::now() - start;
}

int unused_port() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool bound = fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                     getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  if (fd >= 0) close(fd);
  if (!bound) throw std::runtime_error("could not bind a loopback port");
  return ntohs(address.sin_port);
}

long disconnects() {
  return shared_mock_server().counters()["client_disconnects"].get<long>();
}

bool disconnect_seen(long before) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < give_up) {
    if (disconnects() > before) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace baml::testing
