// The easy handle of one attempt: options, callbacks and the outcome (see transfer.h).
#include "http/transfer.h"

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <limits>

#include "http/curl_failure.h"
#include "http/easy_handle_pool.h"
#include "http/proxy_settings.h"
#include "http/retry_after.h"

namespace baml {

namespace {

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

}  // namespace

Transfer::Transfer(AttemptSpec spec, AttemptObserver observer, const Clock& clock)
    : clock_(clock),
      spec_(std::move(spec)),
      observer_(std::move(observer)),
      timeline_(spec_.limits, spec_.budget, clock.now()),
      decoder_(*spec_.provider, spec_.stream) {}

Transfer::~Transfer() {
  stop_watching_cancellation();
  // Reset before the header list is freed: a pooled handle never points at freed memory.
  if (easy_ != nullptr) pool_->release(easy_);
}

std::optional<ErrorInfo> Transfer::prepare(EasyHandlePool& pool, const ProxySettings& proxies, const TlsSettings& tls) {
  pool_ = &pool;
  easy_ = pool.acquire();
  if (easy_ == nullptr) {
    ErrorInfo info = error_base(ErrorType::Connection, timeline_.start());
    info.detail = "could not create a libcurl handle";
    return info;
  }
  // libcurl would otherwise send `Expect: 100-continue` for large bodies and wait for an answer
  // that LLM APIs do not give.
  constexpr std::string_view kNoExpect = "Expect:";
  std::size_t text_size = kNoExpect.size() + 1;
  for (const auto& [name, value] : spec_.request.headers) text_size += name.size() + 2 + value.size() + 1;
  header_text_.reserve(text_size);
  header_list_.resize(spec_.request.headers.size() + 1);
  for (const auto& [name, value] : spec_.request.headers) {
    header_text_.append(name).append(": ").append(value).push_back('\0');
  }
  header_text_.append(kNoExpect).push_back('\0');
  // Linked once the text is complete (and no longer moves). libcurl reads each line up to its
  // NUL, so a line holding a NUL of its own is cut there, as with curl_slist_append.
  char* line = header_text_.data();
  for (std::size_t i = 0; i < header_list_.size(); ++i) {
    header_list_[i].data = line;
    header_list_[i].next = i + 1 < header_list_.size() ? &header_list_[i + 1] : nullptr;
    line += i < spec_.request.headers.size()
                ? spec_.request.headers[i].first.size() + 2 + spec_.request.headers[i].second.size() + 1
                : kNoExpect.size() + 1;
  }

  curl_easy_setopt(easy_, CURLOPT_PRIVATE, this);
  curl_easy_setopt(easy_, CURLOPT_URL, spec_.request.url.c_str());
  curl_easy_setopt(easy_, CURLOPT_POST, 1L);
  curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, spec_.request.body.data());
  curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(spec_.request.body.size()));
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, header_list_.data());
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
  // Threads and signals: never let libcurl use SIGALRM for its resolver timeouts.
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075700
  // Removing a handle whose name lookup is stuck would otherwise wait for the resolver thread.
  curl_easy_setopt(easy_, CURLOPT_QUICK_EXIT, 1L);
#endif
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYHOST, 2L);
  // Set only when chosen: libcurl's defaults are the system's store. One engine has one choice, so
  // a pooled handle never carries another's.
  if (!tls.ca_file.empty()) curl_easy_setopt(easy_, CURLOPT_CAINFO, tls.ca_file.c_str());
  if (!tls.ca_directory.empty()) curl_easy_setopt(easy_, CURLOPT_CAPATH, tls.ca_directory.c_str());
  curl_easy_setopt(easy_, CURLOPT_FOLLOWLOCATION, 0L);
  // Long silent reasoning calls must survive NAT and load-balancer idle timers.
  curl_easy_setopt(easy_, CURLOPT_TCP_KEEPALIVE, 1L);
  // Every limit, the connect limit too, is the loop's to enforce, to the exact instant. libcurl's
  // own connect timeout stays armed after the connection is made (7.88), and a copy of our limit
  // there made libcurl re-run every transfer just after it, exactly where 1,000 limits passing
  // together already keep the loop busy. It cannot be switched off (0 means its 300 s default),
  // so it is set out of reach.
  curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, std::numeric_limits<long>::max());
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl_easy_setopt(easy_, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(easy_, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(easy_, CURLOPT_XFERINFOFUNCTION, &Transfer::on_progress);
  curl_easy_setopt(easy_, CURLOPT_XFERINFODATA, this);
  curl_easy_setopt(easy_, CURLOPT_PREREQFUNCTION, &Transfer::on_prereq);
  curl_easy_setopt(easy_, CURLOPT_PREREQDATA, this);
  // The environment's proxies, looked up once per engine instead of by libcurl per transfer.
  curl_easy_setopt(easy_, CURLOPT_PROXY, proxies.proxy_for(spec_.request.url).c_str());
  curl_easy_setopt(easy_, CURLOPT_NOPROXY, proxies.no_proxy().c_str());
  return std::nullopt;
}

void Transfer::watch_cancellation(std::function<void()> wake) {
  if (!spec_.cancel) return;
  wake_ = std::move(wake);
  // Captures only `this`, so the listener fits in std::function's own storage.
  cancel_subscription_ = spec_.cancel->subscribe([this] {
    cancel_requested_.store(true, std::memory_order_release);
    wake_();
  });
}

void Transfer::stop_watching_cancellation() {
  if (spec_.cancel && cancel_subscription_) spec_.cancel->unsubscribe(*cancel_subscription_);
  cancel_subscription_.reset();
}

std::size_t Transfer::on_write(char* data, std::size_t size, std::size_t count, void* self_ptr) {
  auto* self = static_cast<Transfer*>(self_ptr);
  const std::size_t bytes = size * count;
  if (self->delivered_) return bytes;  // ended, waiting to leave the multi handle: data is dropped
  const SteadyTime t = self->clock_.now();
  if (!self->headers_done_) self->headers_complete(t);
  const std::size_t text_before = self->decoder_.reply().text.size();
  const ResponseDecoder::Progress progress = self->decoder_.feed(std::string_view(data, bytes));
  if (progress.content) {
    self->timeline_.on_content(t);
    self->note_expiry();
  } else if (progress.data) {
    self->timeline_.on_data(t);
    self->note_expiry();
  }
  const std::string& text = self->decoder_.reply().text;
  if (text.size() > text_before && self->observer_.on_delta) {
    self->observer_.on_delta(std::string_view(text).substr(text_before));
  }
  // A short count makes libcurl end the transfer with CURLE_WRITE_ERROR; the decoder keeps why.
  return self->decoder_.failed() ? 0 : bytes;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self_ptr) {
  auto* self = static_cast<Transfer*>(self_ptr);
  const std::size_t bytes = size * count;
  if (self->delivered_) return bytes;
  const std::string_view line(data, bytes);
  if (starts_with_ci(line, "http/")) {
    self->retry_after_.reset();  // a new response (after an interim 1xx) starts over
  } else if (starts_with_ci(line, "retry-after-ms:")) {
    if (auto value = parse_retry_after(line.substr(15), RetryAfterHeader::Milliseconds, std::time(nullptr))) self->retry_after_ = value;
  } else if (starts_with_ci(line, "retry-after:")) {
    if (!self->retry_after_) self->retry_after_ = parse_retry_after(line.substr(12), RetryAfterHeader::SecondsOrDate, std::time(nullptr));
  } else if (trim(line).empty() && !self->headers_done_) {
    // The blank line ending a header block (not the one ending chunked trailers).
    self->headers_complete(self->clock_.now());
  }
  return bytes;
}

void Transfer::headers_complete(SteadyTime t) {
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 100 && status < 200) return;  // an interim response; the real one follows
  const char* content_type = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_CONTENT_TYPE, &content_type);
  headers_done_ = true;
  decoder_.on_headers(static_cast<int>(status), content_type != nullptr ? content_type : "");
  timeline_.on_request_sent(t);
  note_expiry();
}

void Transfer::note_expiry() {
  if (expiry_queue_ == nullptr || delivered_) return;
  const std::optional<Expiry> expiry = timeline_.next_expiry();
  if (expiry && (!queued_at_ || expiry->at < *queued_at_)) {
    queued_at_ = expiry->at;
    expiry_queue_->push(expiry->at, engine_slot_, serial_);
  }
}

void Transfer::set_engine_slot(std::size_t slot) {
  engine_slot_ = slot;
  // Entries name the slot: the one this transfer had is stale now.
  if (expiry_queue_ != nullptr && queued_at_) expiry_queue_->push(*queued_at_, slot, serial_);
}

std::optional<Expiry> Transfer::check_due(const ExpiryQueue::Entry& entry, SteadyTime now) {
  if (delivered_ || entry.serial != serial_ || !queued_at_ || entry.at != *queued_at_) return std::nullopt;
  queued_at_.reset();
  std::optional<Expiry> expiry = timeline_.next_expiry();
  if (!expiry) return std::nullopt;
  if (expiry->at <= now) return expiry;
  // Later than queued (data arrived, restarting the idle clock): look again then.
  queued_at_ = expiry->at;
  expiry_queue_->push(expiry->at, engine_slot_, serial_);
  return std::nullopt;
}

int Transfer::on_progress(void* self_ptr, curl_off_t, curl_off_t, curl_off_t, curl_off_t ul_now) {
  auto* self = static_cast<Transfer*>(self_ptr);
  if (self->timeline_.connected() && !self->timeline_.request_sent() &&
      ul_now >= static_cast<curl_off_t>(self->spec_.request.body.size())) {
    self->timeline_.on_request_sent(self->clock_.now());
    self->note_expiry();
  }
  return 0;
}

int Transfer::on_prereq(void* self_ptr, char*, char*, int, int) {
  auto* self = static_cast<Transfer*>(self_ptr);
  // Ended (cancelled, or cut before it connected) while waiting to leave the multi handle: the
  // request must not go out now that nobody waits for it.
  if (self->delivered_) return CURL_PREREQFUNC_ABORT;
  if (++self->request_sends_ > 1) {
    // libcurl is about to re-send the request on a fresh connection because the reused one died
    // before answering. The first request may already be running (and billed) upstream: whether
    // to send it again is the retry policy's call, made with the attempt in the history.
    self->refused_resend_ = true;
    return CURL_PREREQFUNC_ABORT;
  }
  self->timeline_.on_connected(self->clock_.now());
  self->note_expiry();
  return CURL_PREREQFUNC_OK;
}

ErrorInfo Transfer::error_base(ErrorType type, SteadyTime t) const {
  ErrorInfo info;
  info.type = type;
  info.function = spec_.function;
  info.path = spec_.path;
  info.attempt = spec_.attempt;
  info.max_attempts = spec_.max_attempts;
  if (headers_done_ && decoder_.status() > 0) info.status = decoder_.status();
  info.bytes_received = decoder_.bytes();
  // partial_text is what had arrived of an answer. The body of an error status is the provider's
  // error, which becomes `detail` and the message: it is not an answer, so it is not kept again.
  const bool error_body = type == ErrorType::Http && info.status && (*info.status < 200 || *info.status >= 300);
  if (!error_body && !decoder_.partial_text().empty()) info.partial_text = decoder_.partial_text();
  info.usage = decoder_.reply().usage;
  info.elapsed = t - timeline_.start();
  info.timings = timeline_.timings(t);
  return info;
}

void Transfer::deliver(AttemptResult result) {
  if (delivered_) return;
  delivered_ = true;
  stop_watching_cancellation();
  if (observer_.on_done) observer_.on_done(std::move(result));
}

void Transfer::finish_completed(CURLcode code, SteadyTime t) {
  if (delivered_) return;  // ended earlier; libcurl ended it too before it was removed
  if (code == CURLE_WRITE_ERROR && decoder_.failed()) {
    ErrorInfo info = error_base(decoder_.failure()->type, t);
    info.detail = decoder_.failure()->detail;
    info.connection_failure = decoder_.failure()->connection_failure;
    finish_failed(std::move(info));
    return;
  }
  if (code == CURLE_ABORTED_BY_CALLBACK && refused_resend_) {
    ErrorInfo info = error_base(ErrorType::Connection, t);
    info.connection_failure = ConnectionFailure::Reset;
    info.detail = "the reused connection closed before the response began (the request was not sent again)";
    finish_failed(std::move(info));
    return;
  }
  if (code != CURLE_OK) {
    ErrorInfo info = error_base(ErrorType::Connection, t);
    info.connection_failure = classify_curl_failure(code);
    info.detail = error_buffer_[0] != '\0' ? std::string(error_buffer_) : std::string(curl_easy_strerror(code));
    if (socket_opener_.socket_errno == EMFILE || socket_opener_.socket_errno == ENFILE) {
      // libcurl only says the connect failed; the cause is the process's limit, not the server.
      info.connection_failure = ConnectionFailure::Other;
      info.detail = std::string("no socket could be made: ") +
                    (socket_opener_.socket_errno == EMFILE ? "the process's open-file limit (ulimit -n) is reached"
                                                           : "the system's open-file table is full") +
                    "; raise the limit or keep fewer calls in flight";
    }
    finish_failed(std::move(info));
    return;
  }
  if (!headers_done_) headers_complete(t);
  if (std::optional<ErrorInfo> failure = decoder_.finish()) {
    ErrorInfo info = error_base(failure->type, t);
    info.detail = failure->detail;
    info.connection_failure = failure->connection_failure;
    if (info.type == ErrorType::Http) info.retry_after = retry_after_;
    finish_failed(std::move(info));
    return;
  }
  // The decoder is done with: its reply moves into the answer rather than being copied.
  ProviderReply reply = decoder_.take_reply();
  Response response;
  response.client = spec_.path.empty() ? std::string() : spec_.path.back();
  response.text = std::move(reply.text);
  response.finish_reason = std::move(reply.finish_reason);
  response.usage = reply.usage;
  response.model = std::move(reply.model);
  response.status = decoder_.status();
  response.bytes_received = decoder_.bytes();
  long connects = 0;
  curl_easy_getinfo(easy_, CURLINFO_NUM_CONNECTS, &connects);
  response.reused_connection = connects == 0;
  response.timings = timeline_.timings(t);
  deliver(std::move(response));
}

void Transfer::finish_expired(const Expiry& expiry, SteadyTime t) {
  ErrorInfo info = error_base(ErrorType::Timeout, t);
  info.timeout_kind = expiry.kind;
  info.limit = expiry.limit;
  info.elapsed = t - expiry.measured_from;
  finish_failed(std::move(info));
}

void Transfer::finish_cancelled(SteadyTime t, std::string detail) {
  ErrorInfo info = error_base(ErrorType::Cancelled, t);
  info.detail = std::move(detail);
  info.elapsed = t - spec_.call_start;
  finish_failed(std::move(info));
}

void Transfer::finish_failed(ErrorInfo info) {
  deliver(std::move(info));
}

}  // namespace baml
