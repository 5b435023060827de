// Turns the body bytes of one attempt into a ProviderReply, chunk by chunk, and tells the engine
// what each chunk meant for the phase limits. The mode is chosen once the status and content type
// are known: an SSE stream goes event by event through the provider; a JSON body is collected and
// decoded at the end; the body of a non-2xx answer is collected for the provider's error message.
// A malformed body or event never throws out of here: it becomes the attempt's failure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <baml/error_info.h>

#include "http/sse_parser.h"
#include "providers/provider.h"

namespace baml {

class ResponseDecoder {
 public:
  ResponseDecoder(const Provider& provider, bool stream) : provider_(provider), stream_(stream) {}

  // Before the first body byte: the final status and the Content-Type header (may be empty).
  void on_headers(int status, std::string_view content_type);

  struct Progress {
    bool data = false;     // something other than keep-alives arrived
    bool content = false;  // content arrived (see EventClass); for a whole body: any byte
  };
  Progress feed(std::string_view bytes);

  // libcurl finished the transfer cleanly. nullopt: the reply is complete; otherwise the failure
  // (type, detail, status; the engine adds the rest).
  std::optional<ErrorInfo> finish();

  // A chunk could not be decoded; the transfer should end now.
  bool failed() const { return failure_.has_value(); }
  const std::optional<ErrorInfo>& failure() const { return failure_; }

  const ProviderReply& reply() const { return reply_; }
  // Hands the reply over once the transfer is complete; the decoder is not used after this.
  ProviderReply take_reply() { return std::move(reply_); }
  // What arrived so far, for an error: the streamed text, or the raw body when it is not a stream
  // (a half-received JSON body has no text to extract yet).
  const std::string& partial_text() const { return mode_ == Mode::Stream ? reply_.text : body_; }
  std::size_t bytes() const { return bytes_; }
  int status() const { return status_; }

 private:
  enum class Mode { Undecided, Stream, WholeBody, ErrorBody };

  void fail(ErrorType type, std::string detail);

  const Provider& provider_;
  bool stream_;
  Mode mode_ = Mode::Undecided;
  int status_ = 0;
  std::size_t bytes_ = 0;
  std::string body_;  // WholeBody and ErrorBody
  SseParser sse_;
  std::vector<SseEvent> events_;  // reused between chunks
  ProviderReply reply_;
  std::optional<ErrorInfo> failure_;
};

}  // namespace baml
