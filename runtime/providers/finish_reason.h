// The finish-reason policy of a client (`finish_reason_allow_list` / `finish_reason_deny_list`,
// compared case-insensitively). A success whose finish reason the policy rejects becomes a
// FinishReasonError carrying the output, as in BAML.
#pragma once

#include <optional>

#include <baml/error_info.h>
#include <baml/response.h>

#include "providers/options.h"

namespace baml {

// nullopt if the response passes; otherwise the error (type, finish_reason, raw_output set).
std::optional<ErrorInfo> check_finish_reason(const ResolvedOptions& options, const Response& response);

}  // namespace baml
