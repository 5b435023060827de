// The expiry queue on its own: earliest first, only what is due, and the earliest instant as the
// loop's next wake-up. (That stale entries are dropped and later expiries looked at again is the
// transfers' side, shown end to end by every limit test: an idle limit that data keeps moving
// later, a first-token limit that starts only when the request is sent.)
#include "http/expiry_queue.h"

#include <doctest/doctest.h>

namespace baml {
namespace {

using namespace std::chrono_literals;

TEST_CASE("the expiry queue hands out due entries earliest first, and nothing early") {
  ExpiryQueue queue;
  const SteadyTime t0 = std::chrono::steady_clock::now();
  CHECK_FALSE(queue.earliest().has_value());
  queue.push(t0 + 30ms, 3, 30);
  queue.push(t0 + 10ms, 1, 10);
  queue.push(t0 + 20ms, 2, 20);
  queue.push(t0 + 10ms, 4, 11);
  CHECK(queue.earliest() == t0 + 10ms);
  CHECK_FALSE(queue.pop_due(t0 + 5ms).has_value());
  std::vector<std::uint64_t> serials;
  while (auto entry = queue.pop_due(t0 + 20ms)) serials.push_back(entry->serial);
  REQUIRE(serials.size() == 3);
  CHECK(serials[2] == 20);  // the two at 10 ms first, in either order
  CHECK(queue.earliest() == t0 + 30ms);
  CHECK(queue.size() == 1);
  const auto last = queue.pop_due(t0 + 1s);
  REQUIRE(last.has_value());
  CHECK(last->slot == 3);
  CHECK(queue.size() == 0);
}

}  // namespace
}  // namespace baml
