// An attempt's error message in the call's history, made the first time it is read. Most attempt
// records are never printed, and formatting a message (then scrubbing it of secrets) was more than
// half the work of reporting a timeout: with 1,000 limits passing together, that work delayed
// every report after it (docs/performance.md). A record therefore keeps what its message is made
// from and makes the text once, on first read, shared by every copy of the record. Reading is
// thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>

namespace baml {

class AttemptMessage {
 public:
  // How the text is made; make() runs at most once per maker.
  class Maker {
   public:
    virtual ~Maker() = default;
    const std::string& text() const;

   private:
    virtual std::string make() const = 0;
    mutable std::once_flag made_;
    mutable std::string text_;
  };

  AttemptMessage() = default;        // no message: the attempt succeeded
  AttemptMessage(std::string text);  // NOLINT(google-explicit-constructor): a text known already
  explicit AttemptMessage(std::shared_ptr<const Maker> maker) : maker_(std::move(maker)) {}

  // The text ("" when there is none), made now if it was not yet.
  const std::string& str() const;
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)
  bool empty() const { return str().empty(); }
  // Whether there is a message (made or still to be made), without making it.
  bool present() const { return maker_ != nullptr; }

 private:
  std::shared_ptr<const Maker> maker_;
};

}  // namespace baml
