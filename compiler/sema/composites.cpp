#include "compiler/sema/composites.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <baml/round_robin_start.h>

#include "compiler/base/nesting.h"
#include "compiler/sema/clients.h"

namespace bamlc::sema {
namespace {

model::Client* find_mutable(model::Program& program, std::string_view name) {
  const model::Client* found = program.find_client(name);
  return found == nullptr ? nullptr : &program.clients[static_cast<std::size_t>(found - program.clients.data())];
}

void resolve_strategy(Context& ctx, const ast::ClientDecl& decl, std::string_view client_name) {
  const ast::MapEntry* options = ast::find_entry(decl.body, "options");
  if (options == nullptr || !options->value || options->value->kind != ast::ValueKind::Map) return;
  const ast::MapEntry* strategy = ast::find_entry(options->value->entries, "strategy");
  if (strategy == nullptr || !strategy->value || strategy->value->kind == ast::ValueKind::Invalid) return;
  const ast::Value& list = *strategy->value;
  if (list.kind != ast::ValueKind::List) {
    ctx.diags.report(DiagKind::EmptyStrategy, list.span, "`strategy` takes a list of clients")
        .with_hint("write `strategy [Primary, Backup]`");
    return;
  }
  if (list.items.empty()) {
    ctx.diags.report(DiagKind::EmptyStrategy, list.span, "the strategy of `" + std::string(client_name) + "` is empty")
        .with_hint("list at least one client: `strategy [Primary]`");
    return;
  }
  std::vector<std::string> children;
  std::vector<Span> spans;
  std::map<std::string, std::size_t, std::less<>> first_listed;  // a long strategy stays linear
  for (const ast::Value& item : list.items) {
    std::optional<std::string> child = resolve_client_reference(ctx, item);
    if (!child) continue;
    if (auto earlier = first_listed.find(*child); earlier != first_listed.end()) {
      ctx.diags.report(DiagKind::DuplicateStrategyEntry, item.span, "`" + *child + "` appears twice in the strategy of `" + std::string(client_name) + "`")
          .with_hint("a client listed twice is tried twice; use a retry_policy to retry it")
          .with_note(spans[earlier->second], "first listed here");
    } else {
      first_listed.emplace(*child, children.size());
    }
    children.push_back(*child);
    spans.push_back(item.span);
  }
  model::Client* client = find_mutable(ctx.program, client_name);
  client->strategy = std::move(children);
  client->strategy_spans = std::move(spans);

  if (const ast::MapEntry* start = ast::find_entry(options->value->entries, "start"); start != nullptr && start->value &&
                                                                                        client->kind == model::ClientKind::RoundRobin) {
    const ast::Value& v = *start->value;
    const auto size = static_cast<std::int64_t>(list.items.size());
    if (v.kind == ast::ValueKind::Int && size > 0 && (v.int_value < 0 || v.int_value >= size)) {
      // BAML takes it modulo the number of clients (so does the runtime): valid, but likely a slip.
      const std::size_t index = baml::round_robin_first(v.int_value, static_cast<std::size_t>(size));
      const std::string first = client->strategy.size() == list.items.size() ? client->strategy[index] : "";
      ctx.diags.report(DiagKind::StartWraps, v.span,
                       "`start " + v.text + "` is past the strategy's " + std::to_string(size) +
                           (size == 1 ? " client" : " clients") + ": it wraps around" +
                           (first.empty() ? "" : ", and the first call goes to `" + first + "`"))
          .with_hint("write `start " + std::to_string(index) + "` to say so");
      client->start = static_cast<int>(index);
    } else if (v.kind != ast::ValueKind::Int) {
      if (v.kind != ast::ValueKind::Invalid) {
        // A string or a fraction: say what was written, not only the range.
        const std::string written = v.kind == ast::ValueKind::String ? "the string \"" + v.text + "\"" : "`" + v.text + "`";
        ctx.diags.report(DiagKind::BadStart, v.span, "`start` must be a whole number, not " + written)
            .with_hint("write an index from 0 to " + std::to_string(size - 1) + " without quotes, e.g. `start 0`");
      }
    } else {
      client->start = v.int_value;
    }
  }
}

// Depth-first search for a cycle through composites; reports each cycle once, at the client
// that closes it.
void report_cycles(Context& ctx) {
  enum class Mark { None, Active, Done };
  std::map<std::string, Mark, std::less<>> marks;
  std::vector<std::string> path;
  std::set<std::string> reported;
  std::function<void(const model::Client&)> visit = [&](const model::Client& client) {
    marks[client.name] = Mark::Active;
    path.push_back(client.name);
    for (std::size_t i = 0; i < client.strategy.size(); ++i) {
      const model::Client* child = ctx.program.find_client(client.strategy[i]);
      if (child == nullptr || child->kind == model::ClientKind::Leaf) continue;
      const Mark mark = marks[child->name];
      if (mark == Mark::Active) {
        auto begin = std::find(path.begin(), path.end(), child->name);
        std::string cycle;
        for (auto it = begin; it != path.end(); ++it) cycle += *it + " → ";
        cycle += child->name;
        if (reported.insert(child->name).second) {
          ctx.diags.report(DiagKind::CompositeCycle, client.strategy_spans[i], "these clients form a cycle: " + cycle)
              .with_hint("a composite cannot contain itself; list leaf clients in one of them");
        }
      } else if (mark == Mark::None) {
        visit(*child);
      }
    }
    path.pop_back();
    marks[client.name] = Mark::Done;
  };
  for (const model::Client& client : ctx.program.clients) {
    if (client.kind != model::ClientKind::Leaf && marks[client.name] == Mark::None) visit(client);
  }
}

// How many composites deep each composite's strategy goes (1: only leaves below it), computed
// without recursion; edges back into the path (cycles, reported by report_cycles) are not
// followed. Reports each composite passing kMaxNestingDepth that no too-deep composite lists,
// so a chain of 3,000 fallbacks is one error, at its top. Returns whether any was reported.
bool report_too_deep(Context& ctx) {
  enum class Mark { None, Active, Done };
  std::map<std::string, Mark, std::less<>> marks;
  std::map<std::string, std::size_t, std::less<>> depth;
  struct Frame {
    const model::Client* client;
    std::size_t next_child = 0;
    std::size_t deepest_child = 0;
  };
  auto is_composite = [](const model::Client* c) { return c != nullptr && c->kind != model::ClientKind::Leaf; };
  for (const model::Client& root : ctx.program.clients) {
    if (!is_composite(&root) || marks[root.name] != Mark::None) continue;
    std::vector<Frame> frames{Frame{&root}};
    marks[root.name] = Mark::Active;
    while (!frames.empty()) {
      Frame& frame = frames.back();
      if (frame.next_child < frame.client->strategy.size()) {
        const model::Client* child = ctx.program.find_client(frame.client->strategy[frame.next_child++]);
        if (!is_composite(child)) continue;
        const Mark mark = marks[child->name];
        if (mark == Mark::Done) {
          frame.deepest_child = std::max(frame.deepest_child, depth[child->name]);
        } else if (mark == Mark::None) {
          marks[child->name] = Mark::Active;
          frames.push_back(Frame{child});  // `frame` is not used after this
        }
        continue;
      }
      const std::size_t d = frame.deepest_child + 1;
      depth[frame.client->name] = d;
      marks[frame.client->name] = Mark::Done;
      frames.pop_back();
      if (!frames.empty()) frames.back().deepest_child = std::max(frames.back().deepest_child, d);
    }
  }
  std::set<std::string, std::less<>> inside_too_deep;
  for (const model::Client& c : ctx.program.clients) {
    if (!is_composite(&c) || depth[c.name] <= kMaxNestingDepth) continue;
    for (const std::string& child : c.strategy) inside_too_deep.insert(child);
  }
  bool reported = false;
  for (const model::Client& c : ctx.program.clients) {
    if (!is_composite(&c) || depth[c.name] <= kMaxNestingDepth || inside_too_deep.count(c.name) != 0) continue;
    ctx.diags
        .report(DiagKind::CompositeTooDeep, c.span,
                "the strategy of `" + c.name + "` nests " + std::to_string(depth[c.name]) +
                    " composite clients deep; bamlc reads at most " + std::to_string(kMaxNestingDepth))
        .with_hint("list the leaf clients in fewer levels: one `fallback` can list them all");
    reported = true;
  }
  return reported;
}

}  // namespace

void check_composites(Context& ctx) {
  ctx.for_each<ast::ClientDecl>([&](const ast::ClientDecl& decl) {
    const model::Client* client = ctx.program.find_client(decl.name.text);
    if (client == nullptr || client->kind == model::ClientKind::Leaf || client->span.begin != decl.name.span.begin) return;
    resolve_strategy(ctx, decl, decl.name.text);
  });
  // Past the limit the cycle search (and every later pass over strategies) would recurse too
  // deep: report the nesting alone, and the cycles once it is fixed.
  if (report_too_deep(ctx)) {
    ctx.strategies_too_deep = true;
    return;
  }
  report_cycles(ctx);
}

}  // namespace bamlc::sema
