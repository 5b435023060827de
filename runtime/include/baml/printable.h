// A server's text made safe to show on a terminal. Error messages and partial text carry what the
// server sent, byte for byte, and that need not be UTF-8 (a binary body, a broken proxy) nor free
// of control characters (an ESC sequence would act on the terminal).
#pragma once

#include <string>
#include <string_view>

namespace baml {

// `text` with every byte that is not part of well-formed UTF-8, and every control character but
// line feed and tab (C0, DEL, C1), written as \xNN.
std::string printable(std::string_view text);

}  // namespace baml
