// The plain libcurl baseline (see plain_curl.h).
#include "plain_curl.h"

#include <stdexcept>

namespace runtime_bench {

namespace {

std::size_t append(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

PlainCurlClient::PlainCurlClient(const baml::HttpRequest& request) : url_(request.url), body_(request.body) {
  easy_ = curl_easy_init();
  if (easy_ == nullptr) throw std::runtime_error("libcurl: could not create an easy handle");
  for (const auto& [name, value] : request.headers)
    headers_ = curl_slist_append(headers_, (name + ": " + value).c_str());
  headers_ = curl_slist_append(headers_, "Expect:");
  curl_easy_setopt(easy_, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(easy_, CURLOPT_POST, 1L);
  curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, body_.data());
  curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body_.size()));
  curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, headers_);
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy_, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &append);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, &response_);
}

PlainCurlClient::~PlainCurlClient() {
  curl_easy_cleanup(easy_);
  curl_slist_free_all(headers_);
}

const std::string& PlainCurlClient::call() {
  response_.clear();
  const CURLcode code = curl_easy_perform(easy_);
  if (code != CURLE_OK) throw std::runtime_error(std::string("plain libcurl call failed: ") + curl_easy_strerror(code));
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) throw std::runtime_error("plain libcurl call: status " + std::to_string(status));
  return response_;
}

bool PlainCurlClient::reused_connection() const {
  long connects = 0;
  curl_easy_getinfo(easy_, CURLINFO_NUM_CONNECTS, &connects);
  return connects == 0;
}

HandoffCurlClient::HandoffCurlClient(const baml::HttpRequest& request) : client_(request), worker_([this] { run(); }) {}

HandoffCurlClient::~HandoffCurlClient() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  worker_.join();
}

bool HandoffCurlClient::call() {
  std::promise<bool> promise;
  std::future<bool> done = promise.get_future();
  {
    std::lock_guard lock(mutex_);
    pending_ = std::move(promise);
  }
  wake_.notify_one();
  return done.get();
}

void HandoffCurlClient::run() {
  for (;;) {
    std::promise<bool> promise;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || pending_.has_value(); });
      if (stopping_) return;
      promise = std::move(*pending_);
      pending_.reset();
    }
    try {
      client_.call();
      promise.set_value(client_.reused_connection());
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  }
}

}  // namespace runtime_bench
