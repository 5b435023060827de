// The library side of <baml/client_support.h>: what generated clients share at run time.
#include <baml/client_support.h>

namespace baml::gen {

std::shared_ptr<Runtime> default_runtime() {
  static const std::shared_ptr<Runtime> runtime = std::make_shared<Runtime>();
  return runtime;
}

}  // namespace baml::gen
