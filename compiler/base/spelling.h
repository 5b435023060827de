// The compiler's did-you-mean helpers are the shared ones (common/, <baml/spelling.h>): the
// duration library suggests units with the same policy the compiler uses for names and keys.
#pragma once

#include <baml/spelling.h>

namespace bamlc {

using baml::Case;
using baml::closest_match;
using baml::edit_distance;
using baml::quoted_list;

}  // namespace bamlc
