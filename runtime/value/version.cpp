// The versioned symbol of the generated code's guard (include/baml/version.h).
#include <baml/version.h>

namespace baml {

int version_0_1_0() noexcept { return BAML_RUNTIME_VERSION; }

}  // namespace baml
