// Table layout and report printing (see report.h).
#include "report.h"

#include <algorithm>
#include <cstdio>

namespace runtime_bench {

namespace {

// Columns are padded by characters on screen, not bytes: "µs" and "−" are several bytes of UTF-8.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

}  // namespace

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> widths;
  for (const Column& column : columns_) widths.push_back(display_width(column.name));
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string padding(widths[i] - display_width(cells[i]), ' ');
      if (i > 0) line += "  ";
      line += columns_[i].right_aligned ? padding + cells[i] : cells[i] + padding;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << "  " << line << '\n';
  };
  std::vector<std::string> header;
  for (const Column& column : columns_) header.push_back(column.name);
  print_row(header);
  std::vector<std::string> rule;
  for (std::size_t width : widths) rule.emplace_back(width, '-');
  print_row(rule);
  for (const auto& row : rows_) print_row(row);
}

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

void print_report(const Report& report, const MachineLoad& before, const MachineLoad& after, bool as_json,
                  std::ostream& out) {
  if (as_json) {
    nlohmann::json document = report.json;
    document["command"] = report.command;
    document["title"] = report.title;
    document["machine"] = {{"before", to_json(before)}, {"after", to_json(after)}};
    out << document.dump(2) << '\n';
    return;
  }
  out << report.title << '\n';
  out << "machine: before: " << describe(before) << "; after: " << describe(after) << "\n";
  for (const auto& [caption, table] : report.tables) {
    out << '\n' << caption << '\n';
    table.print(out);
  }
  if (!report.notes.empty()) out << '\n';
  for (const std::string& note : report.notes) out << note << '\n';
}

}  // namespace runtime_bench
