// The text of the stdlib/ JSON files, embedded at build time (see stdlib/CMakeLists.txt).
#pragma once

#include <string_view>

namespace bamlc::stdlib {

std::string_view providers_json();
std::string_view client_defaults_json();

}  // namespace bamlc::stdlib
