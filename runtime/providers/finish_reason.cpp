// Applying the allow/deny lists to a finish reason (see finish_reason.h).
#include "providers/finish_reason.h"

#include <algorithm>
#include <cctype>

namespace baml {

std::optional<ErrorInfo> check_finish_reason(const ResolvedOptions& options, const Response& response) {
  if (options.finish_reason_allow.empty() && options.finish_reason_deny.empty()) return std::nullopt;
  std::string reason = response.finish_reason.value_or("");
  std::transform(reason.begin(), reason.end(), reason.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto listed = [&reason](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), reason) != list.end();
  };
  // A response without a finish reason passes a deny list and fails an allow list.
  const bool allowed =
      options.finish_reason_allow.empty() ? !listed(options.finish_reason_deny) : listed(options.finish_reason_allow);
  if (allowed) return std::nullopt;
  ErrorInfo info;
  info.type = ErrorType::FinishReason;
  info.finish_reason = response.finish_reason.value_or("");
  info.raw_output = response.text;
  info.status = response.status;
  info.usage = response.usage;
  return info;
}

}  // namespace baml
