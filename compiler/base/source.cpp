// Line tables are built lazily: most files of a clean project are never rendered.
#include "compiler/base/source.h"

#include <algorithm>
#include <cassert>

namespace bamlc {

Span Span::merge(const Span& other) const {
  if (!valid()) return other;
  if (!other.valid()) return *this;
  assert(file == other.file);
  return Span{file, std::min(begin, other.begin), std::max(end, other.end)};
}

Span Span::sub(std::uint32_t offset, std::uint32_t length) const {
  const std::uint32_t b = std::min(begin + offset, end);
  return Span{file, b, std::min(b + length, end)};
}

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {}

std::string_view SourceFile::slice(const Span& span) const {
  const std::uint32_t b = std::min<std::uint32_t>(span.begin, text_.size());
  const std::uint32_t e = std::min<std::uint32_t>(std::max(span.end, b), text_.size());
  return std::string_view(text_).substr(b, e - b);
}

void SourceFile::index_lines() const {
  if (!line_starts_.empty()) return;
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  index_lines();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  return LineCol{line, offset - line_starts_[line - 1] + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  index_lines();
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t b = line_starts_[line - 1];
  std::uint32_t e = line < line_starts_.size() ? line_starts_[line] : text_.size();
  while (e > b && (text_[e - 1] == '\n' || text_[e - 1] == '\r')) --e;
  return std::string_view(text_).substr(b, e - b);
}

FileId SourceManager::add(std::string path, std::string text) {
  const auto id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  return id;
}

}  // namespace bamlc
