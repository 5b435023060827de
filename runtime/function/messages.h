// Splitting a rendered prompt into chat messages, as BAML does (../shared/reference/rendering.md):
// each `_.role(...)` marker starts a message; text before the first marker belongs to the default
// role. With markers, each message's text is trimmed and messages left empty are dropped; without
// any marker the text goes out exactly as rendered, even if it is only whitespace. Media markers
// split a message's text into parts, and the text parts next to a media item are trimmed.
// Roles stay as written: mapping them to the client's allowed roles is the provider's business.
#pragma once

#include <string_view>
#include <vector>

#include <baml/request.h>

#include "template/template.h"

namespace baml::fn {

std::vector<Message> split_messages(const tmpl::RenderOutput& rendered, std::string_view default_role);

}  // namespace baml::fn
