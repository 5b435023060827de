// The second generated target of the consumer project (SOURCES instead of SOURCE_DIR).
#include <iostream>

#include "baml_client/client.hpp"

int main() {
  other::Client other;
  const std::int64_t n = other.Count("[mock:reply=3]");
  std::cout << n << "\n";
  return n == 3 ? 0 : 1;
}
