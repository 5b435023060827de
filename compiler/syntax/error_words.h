// Words shared by the two friendly syntax-error strategies (BAML and Jinja): how a found token
// is quoted in a message, and how alternatives are listed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace antlr4 {
class Token;
}

namespace bamlc::syntax {

// "`text`" (shortened, on one line), or "end of <end_of>" for EOF.
std::string describe_found(const antlr4::Token* token, std::string_view end_of);

// "a, b or c".
std::string join_alternatives(const std::vector<std::string>& items);

}  // namespace bamlc::syntax
