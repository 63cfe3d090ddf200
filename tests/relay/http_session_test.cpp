// The static page server: files, MIME types, validators, refusals; /ca.pem and /healthz.
#include "bytes.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace tlsscope::relay::test {
namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class HttpSession : public ::testing::Test {
 protected:
  HttpSession() {
    write(site() / "index.html", "<h1>tlsscope</h1>");
    write(site() / "engine.wasm", wasm_);
    write(site() / "app.js", "export {};");
    write(site() / "docs" / "index.html", "docs");
    write(root_.path() / "site-secret.txt", "no");  // next to the web folder, not in it
  }
  std::filesystem::path site() const { return root_.path() / "site"; }
  temp_dir root_;
  std::string wasm_ = std::string("\0asm\1\0\0\0", 8) + random_bytes(100000);
};

TEST_F(HttpSession, ServesFilesWithTheirTypes) {
  server_process server({"--web", site().string()});
  auto index = http_get(server.port(), "/");
  EXPECT_EQ(index.result_int(), 200);
  EXPECT_EQ(index.body(), "<h1>tlsscope</h1>");
  EXPECT_EQ(index[http::field::content_type], "text/html; charset=utf-8");

  auto wasm = http_get(server.port(), "/engine.wasm");
  EXPECT_EQ(wasm.result_int(), 200);
  EXPECT_EQ(wasm[http::field::content_type], "application/wasm");
  EXPECT_EQ(sha256_hex(wasm.body()), sha256_hex(wasm_));
  EXPECT_EQ(wasm["X-Content-Type-Options"], "nosniff");

  EXPECT_EQ(http_get(server.port(), "/app.js")[http::field::content_type],
            "text/javascript; charset=utf-8");
  EXPECT_EQ(http_get(server.port(), "/docs/").body(), "docs");
  EXPECT_EQ(http_get(server.port(), "/docs").body(), "docs");
  EXPECT_EQ(http_get(server.port(), "/missing.js").result_int(), 404);
}

TEST_F(HttpSession, ValidatorsAnswerNotModified) {
  server_process server({"--web", site().string()});
  auto first = http_get(server.port(), "/engine.wasm");
  const std::string etag(first[http::field::etag]);
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first[http::field::cache_control], "no-cache");
  auto again = http_get(server.port(), "/engine.wasm", {{"If-None-Match", etag}});
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_TRUE(again.body().empty());
  write(site() / "engine.wasm", "changed");
  auto changed = http_get(server.port(), "/engine.wasm", {{"If-None-Match", etag}});
  EXPECT_EQ(changed.result_int(), 200);
  EXPECT_EQ(changed.body(), "changed");
}

TEST_F(HttpSession, HeadSendsHeadersOnly) {
  server_process server({"--web", site().string()});
  auto head = http_get(server.port(), "/engine.wasm", {}, http::verb::head);
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head[http::field::content_length], std::to_string(wasm_.size()));
  EXPECT_TRUE(head.body().empty());
}

TEST_F(HttpSession, NoWayOutOfTheWebFolder) {
  server_process server({"--web", site().string()});
  const std::string secret = "/../site-secret.txt";
  for (const std::string& target :
       {secret, std::string("/%2e%2e/site-secret.txt"), std::string("/docs/../../etc/passwd"),
        std::string("/..%2fetc%2fpasswd"), std::string("/a%5c..%5c..%5cetc")}) {
    auto res = http_get(server.port(), target);
    EXPECT_EQ(res.result_int(), 400) << target;
    EXPECT_EQ(res.body().find("no"), std::string::npos);
  }
}

TEST_F(HttpSession, OnlyGetAndHead) {
  server_process server({"--web", site().string()});
  auto post = http_get(server.port(), "/", {}, http::verb::post);
  EXPECT_EQ(post.result_int(), 405);
  EXPECT_EQ(post[http::field::allow], "GET, HEAD");
}

TEST(HttpSessionPlain, BuiltInPageWhenThePageIsNotBuilt) {
  server_process server({"--web", "/nonexistent/tlsscope-site"});
  auto index = http_get(server.port(), "/");
  EXPECT_EQ(index.result_int(), 200);
  EXPECT_NE(index.body().find("not built yet"), std::string::npos);
  EXPECT_EQ(http_get(server.port(), "/app.js").result_int(), 404);
}

TEST(HttpSessionPlain, CaPemIsTheDemoRoot) {
  server_process server;
  auto ca = http_get(server.port(), "/ca.pem");
  EXPECT_EQ(ca.result_int(), 200);
  EXPECT_EQ(ca[http::field::content_type], "application/x-pem-file");
  EXPECT_EQ(ca.body().rfind("-----BEGIN CERTIFICATE-----", 0), 0u);
  std::ifstream stored(server.state_dir() / "ca.pem");
  std::string file((std::istreambuf_iterator<char>(stored)), std::istreambuf_iterator<char>());
  EXPECT_EQ(ca.body(), file);

  server_process no_demo({"--no-demo-origin"});
  EXPECT_EQ(http_get(no_demo.port(), "/ca.pem").result_int(), 404);
  EXPECT_FALSE(no_demo.demo_port());
}

TEST(HttpSessionPlain, HealthCheck) {
  server_process server;
  auto res = http_get(server.port(), "/healthz");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), "ok\n");
}

TEST(HttpSessionPlain, HelpExplainsEveryFlag) {
  const auto command = server_binary() + " --help";
  FILE* p = ::popen(command.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  while (auto n = std::fread(buf, 1, sizeof buf, p))
    out.append(buf, n);
  EXPECT_EQ(::pclose(p), 0);
  EXPECT_NE(out.find("--max-tunnels-per-client N"), std::string::npos);
  EXPECT_NE(out.find("default: 127.0.0.1:8443"), std::string::npos);
}

}  // namespace
}  // namespace tlsscope::relay::test
