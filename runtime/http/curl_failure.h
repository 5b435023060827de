// What a libcurl error code means for the caller: which ConnectionFailure it is. Kept apart from
// the transfer so the mapping is one readable table.
#pragma once

#include <curl/curl.h>

#include <baml/error_info.h>

namespace baml {

ConnectionFailure classify_curl_failure(CURLcode code);

}  // namespace baml
