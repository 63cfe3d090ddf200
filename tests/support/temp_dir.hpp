// A fresh directory per test, removed afterwards unless the test asks to keep it.
#pragma once

#include <filesystem>
#include <string_view>

namespace tlsscope::test {

class TempDir {
 public:
  /// Creates <system temp dir>/<prefix>XXXXXX.
  explicit TempDir(std::string_view prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }
  /// Leave the directory in place (e.g. for a failed test's logs).
  void keep() { keep_ = true; }

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

}  // namespace tlsscope::test
