// Messages made on first read (see attempt_message.h).
#include <baml/attempt_message.h>

namespace baml {

namespace {

class KnownText final : public AttemptMessage::Maker {
 public:
  explicit KnownText(std::string text) : text_(std::move(text)) {}

 private:
  std::string make() const override { return text_; }
  std::string text_;
};

}  // namespace

const std::string& AttemptMessage::Maker::text() const {
  std::call_once(made_, [this] { text_ = make(); });
  return text_;
}

AttemptMessage::AttemptMessage(std::string text) : maker_(std::make_shared<KnownText>(std::move(text))) {}

const std::string& AttemptMessage::str() const {
  static const std::string none;
  return maker_ ? maker_->text() : none;
}

}  // namespace baml
