// `retry_policy` declarations: max_retries, the backoff strategy with its delays in either
// spelling, bamlc's jitter and retry_on. Negative counts and delays are errors here so that they
// can never hang the runtime (BAML accepts them).
#pragma once

#include "compiler/sema/context.h"

namespace bamlc::sema {

void check_retry_policies(Context& ctx);

}  // namespace bamlc::sema
