// Source files and spans. A span is a file id plus a byte range; line and column are computed
// only when a diagnostic is rendered, so the front end never pays for them on the happy path.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bamlc {

using FileId = std::uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

// A half-open byte range [begin, end) inside one source file.
struct Span {
  FileId file = kNoFile;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool valid() const { return file != kNoFile; }
  std::uint32_t size() const { return end - begin; }
  // The smallest span covering both; both must lie in the same file.
  Span merge(const Span& other) const;
  // A span of `length` bytes starting `offset` bytes into this one.
  Span sub(std::uint32_t offset, std::uint32_t length) const;
};

// One-based line and column (column counts bytes, as clang and rustc do).
struct LineCol {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text);

  FileId id() const { return id_; }
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  std::string_view slice(const Span& span) const;

  LineCol line_col(std::uint32_t offset) const;
  // The text of a one-based line, without its line terminator.
  std::string_view line_text(std::uint32_t line) const;

 private:
  void index_lines() const;

  FileId id_;
  std::string path_;
  std::string text_;
  mutable std::vector<std::uint32_t> line_starts_;  // built on first use
};

// Owns every file of a compilation; ids are indexes into it.
class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  std::size_t size() const { return files_.size(); }
  std::string_view slice(const Span& span) const { return file(span.file).slice(span); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace bamlc
