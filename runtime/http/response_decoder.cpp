// Mode selection and per-chunk decoding (see response_decoder.h).
#include "http/response_decoder.h"

namespace baml {

void ResponseDecoder::on_headers(int status, std::string_view content_type) {
  status_ = status;
  // A stream is anything labelled other than JSON: some servers send SSE as text/plain.
  const bool json_body = content_type.empty() || content_type.find("json") != std::string_view::npos;
  if (status < 200 || status >= 300) {
    mode_ = Mode::ErrorBody;
  } else if (stream_ && !json_body) {
    mode_ = Mode::Stream;
  } else {
    // Also a stream request answered with a whole JSON body (a server that ignores `stream`).
    mode_ = Mode::WholeBody;
  }
}

void ResponseDecoder::fail(ErrorType type, std::string detail) {
  if (failure_) return;
  ErrorInfo info;
  info.type = type;
  info.detail = std::move(detail);
  info.status = status_;
  failure_ = std::move(info);
}

ResponseDecoder::Progress ResponseDecoder::feed(std::string_view bytes) {
  Progress progress;
  if (bytes.empty() || failure_) return progress;
  bytes_ += bytes.size();
  switch (mode_) {
    case Mode::Undecided:  // libcurl always reports headers first; treat a headerless body as whole
    case Mode::WholeBody:
    case Mode::ErrorBody:
      body_.append(bytes);
      progress.data = progress.content = true;
      return progress;
    case Mode::Stream: break;
  }
  events_.clear();
  sse_.feed(bytes, events_);
  for (const SseEvent& event : events_) {
    try {
      switch (provider_.on_event(event, reply_)) {
        case EventClass::KeepAlive: break;
        case EventClass::Data:
        case EventClass::Done: progress.data = true; break;
        case EventClass::Content: progress.data = progress.content = true; break;
      }
    } catch (const StreamErrorEvent& error) {
      fail(ErrorType::Http, error.what());
      break;
    } catch (const MalformedResponse& error) {
      fail(ErrorType::Http, std::string("malformed response: ") + error.what());
      break;
    }
  }
  return progress;
}

std::optional<ErrorInfo> ResponseDecoder::finish() {
  if (failure_) return failure_;
  switch (mode_) {
    case Mode::ErrorBody: fail(ErrorType::Http, provider_error_message(body_)); break;
    case Mode::Undecided:
    case Mode::WholeBody: try { provider_.parse_response(body_, reply_);
      } catch (const StreamErrorEvent& error) {
        fail(ErrorType::Http, error.what());
      } catch (const MalformedResponse& error) {
        fail(ErrorType::Http, std::string("malformed response: ") + error.what());
      }
      break;
    case Mode::Stream: {
      events_.clear();
      sse_.finish(events_);
      for (const SseEvent& event : events_) {
        try {
          provider_.on_event(event, reply_);
        } catch (const StreamErrorEvent& error) {
          fail(ErrorType::Http, error.what());
        } catch (const MalformedResponse& error) {
          fail(ErrorType::Http, std::string("malformed response: ") + error.what());
        }
      }
      // A stream cut before its end marker is not an answer, however much text came.
      if (!failure_ && !reply_.done && !reply_.finish_reason) {
        fail(ErrorType::Connection, "the stream ended before the model finished");
        failure_->connection_failure = ConnectionFailure::Reset;
      }
      break;
    }
  }
  return failure_;
}

}  // namespace baml
