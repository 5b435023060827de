// `bamlc explain CLIENT [--from DIR]`: the plan of a call through a client, as a table: every
// attempt in order with its limits and where each came from, the wait before it, and the worst
// case of the whole call.
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include <baml/duration.h>

namespace bamlc::cli {
namespace {

using baml::format_duration;

std::string show_limit(const model::Limit& limit) {
  if (!limit.value) return "-";
  std::string text = format_duration(*limit.value);
  if (limit.source == model::LimitSource::Default) text += "*";
  return text;
}

std::string join_path(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& step : path) out += (out.empty() ? "" : " → ") + step;
  return out;
}

// Display width of UTF-8 text (the arrow is one column wide but three bytes).
std::size_t columns(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], columns(row[i]));
  }
  for (const auto& row : rows) {
    out << ' ';
    for (std::size_t i = 0; i < row.size(); ++i) {
      out << ' ' << row[i];
      if (i + 1 < row.size()) out << std::string(widths[i] - columns(row[i]) + 1, ' ');
    }
    out << '\n';
  }
}

std::string describe_client(const model::Client& c) {
  std::ostringstream out;
  out << "client " << c.name << " (" << c.provider;
  if (!c.strategy.empty()) {
    out << " over ";
    for (std::size_t i = 0; i < c.strategy.size(); ++i) out << (i ? ", " : "") << c.strategy[i];
  }
  if (c.retry_policy) out << "; retry_policy " << *c.retry_policy;
  out << ")";
  return out.str();
}

}  // namespace

Runner add_explain_command(CLI::App& app) {
  struct Options : CompileOptions {
    std::string client;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("explain", "Show every attempt a call through CLIENT can make, with its limits");
  cmd->add_option("client", options->client, "The client to explain: a declared name, or a \"provider/model\" shorthand such as openai/gpt-4o")->required();
  add_compile_options(*cmd, *options);
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    Compilation compilation;
    if (auto code = compile_or_exit(*options, compilation)) return *code;
    const model::Client* client = find_named_client(compilation.program, options->client);
    if (client == nullptr) return kExitFailed;
    const model::Program& program = compilation.program;
    const model::Plan plan = plan_call(program, *client);
    std::cout << describe_client(*client) << "\n\n";
    std::vector<std::vector<std::string>> rows{{"#", "path", "attempt", "wait", "connect", "first token", "idle", "request", "total"}};
    std::size_t index = 0;
    for (const model::PlannedAttempt& a : plan.attempts) {
      const model::Limits& l = a.leaf->limits;
      rows.push_back({std::to_string(++index), join_path(a.path), std::to_string(a.attempt) + " of " + std::to_string(a.attempts),
                      a.wait_before.count() ? format_duration(a.wait_before) : "-", show_limit(l.connect),
                      show_limit(l.time_to_first_token), show_limit(l.idle), show_limit(l.request), show_limit(l.total)});
    }
    print_table(std::cout, rows);
    if (plan.truncated) std::cout << "  ... (only the first " << model::kMaxPlannedAttempts << " attempts are shown)\n";
    std::cout << "\n  * stdlib default (stdlib/client_defaults.json)   - no limit\n";
    std::vector<std::string> totals;
    for (const model::Client& c : program.clients) {
      const bool on_path = c.name == client->name || std::any_of(plan.attempts.begin(), plan.attempts.end(), [&](const model::PlannedAttempt& a) {
                             return std::find(a.path.begin(), a.path.end(), c.name) != a.path.end();
                           });
      if (on_path && c.kind != model::ClientKind::Leaf && c.limits.total.value) {
        totals.push_back(c.name + " " + format_duration(*c.limits.total.value));
      }
    }
    for (const std::string& t : totals) std::cout << "  total_timeout of " << t << " bounds every attempt under it\n";
    if (plan.worst_case) {
      std::cout << "\nworst case: " << format_duration(*plan.worst_case);
      if (plan.unclipped && *plan.unclipped > *plan.worst_case) {
        std::cout << " (the attempts alone could take " << format_duration(*plan.unclipped) << "; total_timeout cuts them)";
      }
      std::cout << "\n";
    } else {
      std::cout << "\nworst case: unbounded: " << plan.unbounded_reason << "\n";
    }
    return kExitOk;
  };
}

}  // namespace bamlc::cli
