// A C++17 program built against the bamlc package (tests/codegen/consumer_test.py).
#include <iostream>

#include "baml_client/client.hpp"

int main() {
  people::Client people;
  const people::Person p = people.ExtractPerson("[mock:answer=object]");
  std::cout << p.name << " " << p.age << "\n";
  return p.name == "Ada Lovelace" && p.age == 36 ? 0 : 1;
}
