#include "static_files.hpp"

#include <gtest/gtest.h>

namespace tlsscope::relay {
namespace {

TEST(StaticFiles, MimeTypes) {
  EXPECT_EQ(mime_type("a/engine.wasm"), "application/wasm");
  EXPECT_EQ(mime_type("index.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(mime_type("app.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(mime_type("style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(mime_type("x.svg"), "image/svg+xml");
  EXPECT_EQ(mime_type("noext"), "application/octet-stream");
}

TEST(StaticFiles, MapsTargetsInsideTheRoot) {
  const std::filesystem::path root = "/srv/site";
  EXPECT_EQ(*map_target(root, "/"), root / "index.html");
  EXPECT_EQ(*map_target(root, "/app.js?v=3"), root / "app.js");
  EXPECT_EQ(*map_target(root, "/docs/"), root / "docs" / "index.html");
  EXPECT_EQ(*map_target(root, "/a%20b.txt"), root / "a b.txt");
  EXPECT_EQ(*map_target(root, "/c++.txt"), root / "c++.txt");
  EXPECT_EQ(*map_target(root, "//x/./y"), root / "x" / "y");
}

TEST(StaticFiles, RefusesTraversal) {
  const std::filesystem::path root = "/srv/site";
  for (const char* t : {"/../etc/passwd", "/a/../../b", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc",
                        "/a/..", "/a%5c..%5cb", "/a%00b", "relative", "/%zz"})
    EXPECT_FALSE(map_target(root, t)) << t;
}

}  // namespace
}  // namespace tlsscope::relay
