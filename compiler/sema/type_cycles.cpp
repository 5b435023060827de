// Cycle detection over two small graphs built from the model: aliases that need another alias
// (outside any list or map), and classes whose required fields need another class. Strongly
// connected components find every cycle in one pass; each is reported once, as the shortest
// path from its first declaration back to itself, with a note on every step.
#include "compiler/sema/type_cycles.h"

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace bamlc::sema {
namespace {

struct Edge {
  std::size_t to;
  Span at;  // what makes the step: the alias reference, or the class field
};

using Graph = std::vector<std::vector<Edge>>;

// Tarjan's algorithm; returns the components that contain a cycle (more than one node, or one
// node with an edge to itself), each sorted by node index (declaration order).
std::vector<std::vector<std::size_t>> cyclic_components(const Graph& graph) {
  const std::size_t n = graph.size();
  constexpr std::size_t kUnvisited = static_cast<std::size_t>(-1);
  std::vector<std::size_t> index(n, kUnvisited), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<std::size_t> stack;
  std::vector<std::vector<std::size_t>> out;
  std::size_t next = 0;
  // Iterative, with its own stack of frames: a chain of 100,000 classes each needing the next
  // is a path that long, and recursion would run out of stack on it.
  struct Frame {
    std::size_t node;
    std::size_t next_edge = 0;
  };
  std::vector<Frame> frames;
  auto enter = [&](std::size_t v) {
    index[v] = low[v] = next++;
    stack.push_back(v);
    on_stack[v] = true;
    frames.push_back(Frame{v});
  };
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    enter(root);
    while (!frames.empty()) {
      Frame& frame = frames.back();
      const std::size_t v = frame.node;
      if (frame.next_edge < graph[v].size()) {
        const Edge& e = graph[v][frame.next_edge++];
        if (index[e.to] == kUnvisited) {
          enter(e.to);  // `frame` is not used after this: the vector may have moved
        } else if (on_stack[e.to]) {
          low[v] = std::min(low[v], index[e.to]);
        }
        continue;
      }
      frames.pop_back();
      if (!frames.empty()) low[frames.back().node] = std::min(low[frames.back().node], low[v]);
      if (low[v] != index[v]) continue;
      std::vector<std::size_t> component;
      std::size_t w = 0;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        component.push_back(w);
      } while (w != v);
      const bool self_loop = std::any_of(graph[v].begin(), graph[v].end(), [&](const Edge& e) { return e.to == v; });
      if (component.size() > 1 || self_loop) {
        std::sort(component.begin(), component.end());
        out.push_back(std::move(component));
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The shortest cycle through the component's first node, as the edges taken in order.
std::vector<const Edge*> shortest_cycle(const Graph& graph, const std::vector<std::size_t>& component) {
  const std::size_t start = component.front();
  std::unordered_set<std::size_t> members(component.begin(), component.end());
  std::unordered_map<std::size_t, const Edge*> reached_by;  // node -> edge that first reached it
  std::unordered_map<const Edge*, std::size_t> edge_from;
  std::deque<std::size_t> queue{start};
  std::unordered_set<std::size_t> seen{start};
  while (!queue.empty()) {
    const std::size_t v = queue.front();
    queue.pop_front();
    for (const Edge& e : graph[v]) {
      if (members.count(e.to) == 0) continue;
      edge_from[&e] = v;
      if (e.to == start) {
        std::vector<const Edge*> path{&e};
        for (std::size_t at = v; at != start;) {
          const Edge* step = reached_by.at(at);
          path.push_back(step);
          at = edge_from.at(step);
        }
        std::reverse(path.begin(), path.end());
        return path;
      }
      if (seen.insert(e.to).second) {
        reached_by[e.to] = &e;
        queue.push_back(e.to);
      }
    }
  }
  return {};  // unreachable for a cyclic component
}

// "A -> B -> A"
template <typename NameOf>
std::string cycle_text(std::size_t start, const std::vector<const Edge*>& path, NameOf name_of) {
  std::string out = name_of(start);
  for (const Edge* e : path) out += " -> " + name_of(e->to);
  return out;
}

Span declared_name_span(const Context& ctx, const std::string& name, Span fallback) {
  const Symbol* symbol = ctx.symbols.find(Namespace::Types, name);
  return symbol != nullptr ? symbol->span : fallback;
}

// ---- aliases ----

void alias_edges(const model::Type& type, const std::unordered_map<std::string_view, std::size_t>& index,
                 std::vector<Edge>& out) {
  if (type.kind == model::TypeKind::Alias) {
    auto it = index.find(type.name);
    if (it != index.end()) out.push_back(Edge{it->second, type.span});
  } else if (type.kind == model::TypeKind::Optional || type.kind == model::TypeKind::Union) {
    for (const model::Type& child : type.children) alias_edges(child, index, out);
  }
  // A list or a map ends the recursion; the other kinds hold no alias.
}

// ---- classes ----

// The classes a value of `type` cannot exist without (BAML's "required dependencies"): a
// class itself, what an alias stands for, and for a union only when every member needs some.
std::unordered_set<std::string_view> required_classes(const model::Program& program, const model::Type& type,
                                                      std::string_view self, int depth) {
  if (depth > 64) return {};
  if (type.kind == model::TypeKind::Class) return {type.name};
  if (type.kind == model::TypeKind::Alias) {
    const model::TypeAlias* alias = program.find_alias(type.name);
    return alias == nullptr ? std::unordered_set<std::string_view>{}
                            : required_classes(program, alias->target, self, depth + 1);
  }
  if (type.kind == model::TypeKind::Union) {
    std::unordered_set<std::string_view> all;
    for (const model::Type& member : type.children) {
      std::unordered_set<std::string_view> needs = required_classes(program, member, self, depth + 1);
      if (needs.empty()) return {};  // this member ends the value
      all.insert(needs.begin(), needs.end());
    }
    if (all.size() > 1) all.erase(self);  // as BAML: `A | B` inside A may still end through B
    return all;
  }
  return {};  // optionals, lists and maps can be empty; primitives need nothing
}

}  // namespace

void check_alias_cycles(Context& ctx) {
  std::vector<model::TypeAlias>& aliases = ctx.program.aliases;
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < aliases.size(); ++i) index.emplace(aliases[i].name, i);
  Graph graph(aliases.size());
  for (std::size_t i = 0; i < aliases.size(); ++i) alias_edges(aliases[i].target, index, graph[i]);
  auto name_of = [&](std::size_t i) { return aliases[i].name; };
  for (const std::vector<std::size_t>& component : cyclic_components(graph)) {
    const std::size_t start = component.front();
    const std::vector<const Edge*> path = shortest_cycle(graph, component);
    Diagnostic& d = ctx.diags.report(
        DiagKind::AliasCycle, declared_name_span(ctx, aliases[start].name, aliases[start].span),
        "type alias `" + aliases[start].name + "` refers to itself: `" + cycle_text(start, path, name_of) + "`");
    d.with_hint("an alias may refer back to itself only inside a list or a map, e.g. `" + aliases[start].name +
                "[]` or `map<string, " + aliases[start].name + ">`; an optional or a union does not end it");
    std::size_t from = start;
    for (const Edge* e : path) {
      d.with_note(e->at, "`" + aliases[from].name + "` refers to `" + aliases[e->to].name + "` here");
      from = e->to;
    }
  }
  // Poison after reporting: the notes above point into the targets' spans.
  for (const std::vector<std::size_t>& component : cyclic_components(graph)) {
    for (std::size_t i : component)
      aliases[i].target = model::Type::primitive(model::TypeKind::Error, aliases[i].target.span);
  }
}

void check_class_cycles(Context& ctx) {
  const std::vector<model::Class>& classes = ctx.program.classes;
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < classes.size(); ++i) index.emplace(classes[i].name, i);
  Graph graph(classes.size());
  // Which field makes each edge, for the notes and the hint.
  std::unordered_map<const Edge*, const model::Field*> field_of;
  std::vector<std::vector<const model::Field*>> edge_fields(classes.size());
  for (std::size_t i = 0; i < classes.size(); ++i) {
    for (const model::Field& field : classes[i].fields) {
      std::vector<std::string_view> needs;
      for (std::string_view name : required_classes(ctx.program, field.type, classes[i].name, 0)) needs.push_back(name);
      std::sort(needs.begin(), needs.end());  // deterministic edge order
      for (std::string_view name : needs) {
        auto it = index.find(name);
        if (it == index.end()) continue;
        graph[i].push_back(Edge{it->second, field.span});
        edge_fields[i].push_back(&field);
      }
    }
  }
  for (std::size_t i = 0; i < classes.size(); ++i) {
    for (std::size_t k = 0; k < graph[i].size(); ++k) field_of[&graph[i][k]] = edge_fields[i][k];
  }
  auto name_of = [&](std::size_t i) { return classes[i].name; };
  for (const std::vector<std::size_t>& component : cyclic_components(graph)) {
    const std::size_t start = component.front();
    const std::vector<const Edge*> path = shortest_cycle(graph, component);
    if (path.empty()) continue;
    const model::Field& first = *field_of.at(path.front());
    const std::string type_text = model::to_string(first.type);
    const bool group = first.type.kind == model::TypeKind::Union;
    Diagnostic& d = ctx.diags.report(
        DiagKind::ClassCycle, declared_name_span(ctx, classes[start].name, classes[start].span),
        "class `" + classes[start].name + "` requires itself: `" + cycle_text(start, path, name_of) + "`");
    d.with_hint("a value would have to contain itself forever; make one of these fields optional (e.g. `" + first.name +
                " " + (group ? "(" + type_text + ")" : type_text) + "?`) or a list");
    std::size_t from = start;
    for (const Edge* e : path) {
      d.with_note(e->at, "`" + classes[from].name + "." + field_of.at(e)->name + "` is a required `" +
                             classes[e->to].name + "`");
      from = e->to;
    }
  }
}

}  // namespace bamlc::sema
