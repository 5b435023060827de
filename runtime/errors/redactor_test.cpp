// Secrets never survive into a message.
#include <doctest/doctest.h>

#include <baml/errors.h>

#include "errors/redactor.h"

namespace baml {
namespace {

TEST_CASE("registered secrets are scrubbed wherever they appear") {
  SecretRedactor redactor;
  redactor.add("sk-live-abcdef123456");
  CHECK(redactor.scrub("Incorrect API key provided: sk-live-abcdef123456.") ==
        "Incorrect API key provided: [REDACTED].");
  CHECK(redactor.scrub("twice sk-live-abcdef123456 sk-live-abcdef123456") == "twice [REDACTED] [REDACTED]");
  CHECK(redactor.scrub("nothing here") == "nothing here");
}

TEST_CASE("a secret containing another is replaced whole") {
  SecretRedactor redactor;
  redactor.add("abcdefgh");
  redactor.add("abcdefgh-longer-key");
  CHECK(redactor.scrub("key abcdefgh-longer-key") == "key [REDACTED]");
}

TEST_CASE("placeholders too short to be keys are not registered") {
  SecretRedactor redactor;
  redactor.add("ollama");
  redactor.add("");
  CHECK(redactor.scrub("ollama is local") == "ollama is local");
}

TEST_CASE("every free-text field of an error is scrubbed") {
  SecretRedactor redactor;
  redactor.add("sk-live-abcdef123456");
  ErrorInfo info;
  info.type = ErrorType::Http;
  info.path = {"Primary"};
  info.status = 401;
  info.detail = "Incorrect API key provided: sk-live-abcdef123456";
  info.partial_text = "echo sk-live-abcdef123456";
  redactor.scrub(info);
  HttpError error(info);
  CHECK(std::string(error.what()).find("sk-live") == std::string::npos);
  CHECK(error.to_json().dump().find("sk-live") == std::string::npos);
  CHECK(error.provider_message() == "Incorrect API key provided: [REDACTED]");
}

TEST_CASE("a list of secrets taken earlier keeps scrubbing what was known then") {
  SecretRedactor redactor;
  CHECK(redactor.secrets()->empty());
  redactor.add("sk-first-0123456789");
  const SecretRedactor::Secrets earlier = redactor.secrets();
  redactor.add("sk-second-0123456789");
  CHECK(earlier->size() == 1);
  CHECK(SecretRedactor::scrub(*earlier, "sk-first-0123456789 sk-second-0123456789") ==
        "[REDACTED] sk-second-0123456789");
  CHECK(redactor.scrub("sk-first-0123456789 sk-second-0123456789") == "[REDACTED] [REDACTED]");
}

TEST_CASE("attempt messages scrubbed with the secrets known when the error leaves are still made lazily") {
  class Echo final : public AttemptMessage::Maker {
   public:
    explicit Echo(int& made) : made_(made) {}

   private:
    std::string make() const override {
      ++made_;
      return "http: Primary: status 401: bad key sk-live-abcdef123456";
    }
    int& made_;
  };
  int made = 0;
  std::vector<AttemptRecord> attempts(2);
  attempts[0].message = AttemptMessage(std::make_shared<Echo>(made));
  SecretRedactor redactor;
  redactor.add("sk-live-abcdef123456");
  redactor.scrub(attempts);
  CHECK(made == 0);
  CHECK(attempts[0].message.str() == "http: Primary: status 401: bad key [REDACTED]");
  CHECK(made == 1);
  CHECK_FALSE(attempts[1].message.present());  // a success stays without a message
}

}  // namespace
}  // namespace baml
