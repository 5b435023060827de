// An attempt's message is made once, when first read, and shared by every copy of the record.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include <baml/attempt_message.h>

namespace baml {
namespace {

class CountingMaker final : public AttemptMessage::Maker {
 public:
  explicit CountingMaker(std::atomic<int>& made) : made_(made) {}

 private:
  std::string make() const override {
    ++made_;
    return "timeout: Primary: no first token after 101ms";
  }
  std::atomic<int>& made_;
};

TEST_CASE("a message is not made until it is read, then once for every copy") {
  std::atomic<int> made = 0;
  const AttemptMessage message(std::make_shared<CountingMaker>(made));
  const AttemptMessage copy = message;
  CHECK(message.present());
  CHECK(made == 0);
  CHECK(copy.str() == "timeout: Primary: no first token after 101ms");
  CHECK(message.str() == copy.str());
  const std::string& as_string = message;
  CHECK_FALSE(as_string.empty());
  CHECK(made == 1);
}

TEST_CASE("threads reading a message together make it once") {
  std::atomic<int> made = 0;
  const AttemptMessage message(std::make_shared<CountingMaker>(made));
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) readers.emplace_back([&message] { CHECK_FALSE(message.empty()); });
  for (std::thread& reader : readers) reader.join();
  CHECK(made == 1);
}

TEST_CASE("a success has no message; a known text is kept as it is") {
  const AttemptMessage none;
  CHECK_FALSE(none.present());
  CHECK(none.empty());
  CHECK(none.str().empty());
  const AttemptMessage known(std::string("http: Primary: status 503"));
  CHECK(known.present());
  CHECK(known.str() == "http: Primary: status 503");
}

}  // namespace
}  // namespace baml
