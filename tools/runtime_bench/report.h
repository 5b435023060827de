// How a measurement is shown: readable tables for people (columns aligned, numbers right-aligned)
// and, with --json, one JSON document for scripts such as figures.py. Every subcommand returns a
// Report; main() prints it either way, together with how busy the machine was while it ran.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "process_info.h"

namespace runtime_bench {

struct Column {
  std::string name;
  bool right_aligned = true;
};

class Table {
 public:
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  void add_row(std::vector<std::string> cells);
  void print(std::ostream& out) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

struct Report {
  std::string command;                                // "lateness", ...
  std::string title;                                  // one line saying what was measured
  std::vector<std::pair<std::string, Table>> tables;  // caption, table
  std::vector<std::string> notes;                     // goals and caveats, printed after the tables
  nlohmann::json json = nlohmann::json::object();     // the figures, for --json
};

// `value` with `decimals` digits after the point.
std::string fixed(double value, int decimals);

// The report as text, or as `{"command", "title", "machine": {"before", "after"}, ...json}`.
void print_report(const Report& report, const MachineLoad& before, const MachineLoad& after, bool as_json,
                  std::ostream& out);

}  // namespace runtime_bench
