#include "http/connection_census.h"

#include <doctest/doctest.h>

namespace baml {
namespace {

TEST_CASE("the census groups plain-HTTP transfers by host and port, as libcurl bundles connections") {
  ConnectionCensus census;
  const auto a = census.origin_of("http://127.0.0.1:8080/v1/chat/completions", false);
  CHECK(a != ConnectionCensus::kUncounted);
  CHECK(census.origin_of("HTTP://127.0.0.1:8080/other?x=1", false) == a);
  CHECK(census.origin_of("http://user:pw@127.0.0.1:8080/", false) == a);
  CHECK(census.origin_of("http://127.0.0.1:8081/v1", false) != a);
  CHECK(census.origin_of("http://Example.COM/v1", false) == census.origin_of("http://example.com:80/x", false));
  CHECK(census.origin_of("http://[::1]/v1", false) == census.origin_of("http://[::1]:80", false));
}

TEST_CASE("https, proxied and hostless URLs are not counted: libcurl keeps its own search") {
  ConnectionCensus census;
  CHECK(census.origin_of("https://api.openai.com/v1", false) == ConnectionCensus::kUncounted);
  CHECK(census.origin_of("http://10.0.0.1/v1", true) == ConnectionCensus::kUncounted);
  CHECK(census.origin_of("http:///v1", false) == ConnectionCensus::kUncounted);
  CHECK_FALSE(census.no_idle_connection(ConnectionCensus::kUncounted));
}

TEST_CASE("a new connection is forced only when every open connection is taken") {
  ConnectionCensus census;
  const auto origin = census.origin_of("http://127.0.0.1:9000/", false);
  // Nothing open yet: the first transfer can only connect.
  CHECK(census.no_idle_connection(origin));
  census.transfer_admitted(origin);
  census.connection_opened(origin);
  // One connection, held by the transfer in flight: a second transfer needs its own.
  CHECK(census.no_idle_connection(origin));
  // The first ends; its connection stays open and idle: the next transfer may reuse it.
  census.transfer_removed(origin);
  CHECK_FALSE(census.no_idle_connection(origin));
  // Admitted, it will take that connection; one more after it finds none idle.
  census.transfer_admitted(origin);
  CHECK(census.no_idle_connection(origin));
  // The server closes it; nothing open, one transfer still in flight.
  census.connection_closed(origin);
  CHECK(census.no_idle_connection(origin));
  // Another origin is counted apart.
  const auto other = census.origin_of("http://127.0.0.1:9001/", false);
  census.connection_opened(other);
  CHECK_FALSE(census.no_idle_connection(other));
}

}  // namespace
}  // namespace baml
