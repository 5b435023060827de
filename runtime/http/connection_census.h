// How many connections each plain-HTTP origin has open, and how many transfers to it are in
// flight: enough to know when libcurl's search of its connection cache cannot succeed.
//
// libcurl (7.88, url.c ConnectionExists) looks for a connection to reuse by walking every
// connection it holds to the transfer's host, busy ones included. With N calls in flight to one
// host, admitting one more costs N cache misses, and a burst of N admissions O(N²): at 5,000 in
// flight that walk alone put the limits hundreds of milliseconds late. When every connection open
// to the origin is held by a transfer in flight (or will be taken by one admitted before), the
// walk can only come back empty, so the transfer is told to take a new connection
// (CURLOPT_FRESH_CONNECT). That skips the walk and changes nothing else: libcurl would open a new
// connection anyway, and it still caches it for the next call.
//
// Only for http:// URLs with no proxy: libcurl never multiplexes those (HTTP/1.1 without HTTP/2
// prior knowledge), so a busy connection can never take another transfer. An https origin may
// speak HTTP/2, where a busy connection can; it keeps libcurl's own search.
//
// Used by the thread running the loop only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace baml {

class ConnectionCensus {
 public:
  using Origin = std::uint32_t;
  static constexpr Origin kUncounted = 0;  // the census does not apply (https, a proxy, ...)

  // The origin a transfer to `url` counts in: its host and port as libcurl groups connections.
  Origin origin_of(std::string_view url, bool proxied);
  // Whether a transfer to `origin`, about to be admitted, can only get a new connection.
  bool no_idle_connection(Origin origin) const;

  void transfer_admitted(Origin origin) { adjust(origin, 0, +1); }
  void transfer_removed(Origin origin) { adjust(origin, 0, -1); }
  void connection_opened(Origin origin) { adjust(origin, +1, 0); }
  void connection_closed(Origin origin) { adjust(origin, -1, 0); }

 private:
  struct Count {
    std::int64_t open = 0;       // connection sockets open
    std::int64_t in_flight = 0;  // transfers admitted and not yet removed
  };
  void adjust(Origin origin, int open, int in_flight);

  std::unordered_map<std::string, Origin> ids_;
  std::vector<Count> counts_ = std::vector<Count>(1);  // by origin; [0] is kUncounted's
};

}  // namespace baml
