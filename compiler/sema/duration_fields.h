// Fields that hold a duration in two spellings: bamlc's (`request_timeout 5s`, `delay 200ms`)
// and BAML's integer milliseconds (`request_timeout_ms 5000`, `delay_ms 200`). Both mean the
// same; giving both is an error; each spelling has its own rules for zero and `none`.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/model/program.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

enum class ZeroMeans {
  NoLimit,  // timeouts: `0s` is an error (write `none`), `_ms 0` lifts the limit as in BAML
  Zero,     // delays: zero is simply zero
};

struct DurationFieldSpec {
  std::string_view name;  // the duration spelling; the BAML spelling is name + "_ms"
  ZeroMeans zero = ZeroMeans::NoLimit;
};

struct DurationField {
  std::optional<model::Milliseconds> value;  // nullopt: no limit (`none`, or `_ms 0` for a timeout)
  Span span;                                 // the value as written
  std::string_view spelling;                 // the key as written
};

// True for `name` and `name_ms`.
bool is_spelling_of(std::string_view key, std::string_view name);

// Reads the field from a block's entries. Returns nothing when the field is absent or its value
// is wrong (then it was reported).
std::optional<DurationField> read_duration_field(Context& ctx, const std::vector<ast::MapEntry>& entries,
                                                 const DurationFieldSpec& spec);

}  // namespace bamlc::sema
