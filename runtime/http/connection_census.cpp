// Counting connections and transfers per plain-HTTP origin (see connection_census.h).
#include "http/connection_census.h"

#include <cctype>

namespace baml {

namespace {

constexpr std::string_view kHttp = "http://";

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// "host:port" in lower case, the port 80 when the URL gives none; "" when the URL has no host.
std::string host_and_port(std::string_view url) {
  std::string_view rest = url.substr(kHttp.size());
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.empty()) return "";
  std::string key;
  key.reserve(rest.size() + 3);
  for (char c : rest) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  // A port follows the last ':' unless that colon is inside an IPv6 address's brackets.
  const std::size_t colon = key.rfind(':');
  const std::size_t bracket = key.rfind(']');
  if (colon == std::string::npos || (bracket != std::string::npos && colon < bracket)) key += ":80";
  return key;
}

}  // namespace

ConnectionCensus::Origin ConnectionCensus::origin_of(std::string_view url, bool proxied) {
  if (proxied || !starts_with_ignoring_case(url, kHttp)) return kUncounted;
  std::string key = host_and_port(url);
  if (key.empty()) return kUncounted;
  auto [it, added] = ids_.try_emplace(std::move(key), static_cast<Origin>(counts_.size()));
  if (added) counts_.emplace_back();
  return it->second;
}

bool ConnectionCensus::no_idle_connection(Origin origin) const {
  if (origin == kUncounted) return false;
  const Count& count = counts_[origin];
  return count.open <= count.in_flight;
}

void ConnectionCensus::adjust(Origin origin, int open, int in_flight) {
  if (origin == kUncounted || origin >= counts_.size()) return;
  counts_[origin].open += open;
  counts_[origin].in_flight += in_flight;
}

}  // namespace baml
