#include "static_files.hpp"

#include "relay_request.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <system_error>
#include <utility>

namespace tlsscope::relay {

namespace {

constexpr std::string_view not_built_page =
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>tlsscope</title></head>\n<body>\n<h1>tlsscope</h1>\n"
    "<p>The page is not built yet. Build the <code>web/</code> part of the project (its "
    "output goes to <code>build/site</code>), or point <code>--web</code> at a built page.</p>\n"
    "<p>The relay itself is running: WebSocket clients can use <code>/relay?host=H&amp;port=P"
    "</code>, and the demo origin's root certificate is at <a href=\"/ca.pem\">/ca.pem</a>.</p>\n"
    "</body></html>\n";

std::string etag_for(std::uintmax_t size, std::filesystem::file_time_type mtime) {
  const auto ticks = mtime.time_since_epoch().count();
  return "\"" + std::to_string(size) + "-" + std::to_string(ticks) + "\"";
}

}  // namespace

std::string_view mime_type(const std::filesystem::path& file) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> types = {{
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".wasm", "application/wasm"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".pem", "application/x-pem-file"},
      {".xml", "application/xml"},
      {".webmanifest", "application/manifest+json"},
  }};
  const auto ext = file.extension().string();
  for (const auto& [e, type] : types)
    if (ext.size() == e.size() && std::equal(ext.begin(), ext.end(), e.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        }))
      return type;
  return "application/octet-stream";
}

std::optional<std::filesystem::path> map_target(const std::filesystem::path& root,
                                                std::string_view target) {
  auto path_part = target.substr(0, target.find_first_of("?#"));
  if (path_part.empty() || path_part.front() != '/') return std::nullopt;
  auto decoded = percent_decode(path_part, plus::literal);
  if (!decoded) return std::nullopt;

  std::filesystem::path relative;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    auto slash = rest.find('/');
    auto segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == ".." || segment.find('\\') != std::string_view::npos ||
        segment.find('\0') != std::string_view::npos)
      return std::nullopt;
    relative /= std::string(segment);
  }
  if (relative.empty() || decoded->back() == '/') relative /= "index.html";
  return root / relative;
}

string_response make_text_response(const http::request<http::empty_body>& req, http::status status,
                                   std::string_view content_type, std::string body) {
  string_response res{status, req.version()};
  res.set(http::field::server, "tlsscope-server");
  res.set(http::field::content_type, to_beast(content_type));
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  if (req.method() == http::verb::head) res.body().clear();
  return res;
}

static_response serve_static(const http::request<http::empty_body>& req,
                             const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    const auto path = req.target().substr(0, req.target().find('?'));
    if (path == "/" || path == "/index.html")
      return make_text_response(req, http::status::ok, "text/html; charset=utf-8",
                                std::string(not_built_page));
    return make_text_response(req, http::status::not_found, "text/plain; charset=utf-8",
                              "not found (the page is not built yet)\n");
  }

  auto file = map_target(root, to_std(req.target()));
  if (!file)
    return make_text_response(req, http::status::bad_request, "text/plain; charset=utf-8",
                              "bad path\n");
  if (std::filesystem::is_directory(*file, ec)) *file /= "index.html";
  if (!std::filesystem::is_regular_file(*file, ec))
    return make_text_response(req, http::status::not_found, "text/plain; charset=utf-8",
                              "not found\n");

  const auto size = std::filesystem::file_size(*file, ec);
  const auto mtime = std::filesystem::last_write_time(*file, ec);
  const auto etag = etag_for(size, mtime);

  // Revalidation is cheap and most of the page's file names carry no content hash (index.html,
  // the modules imported by name; only the bundle's chunks do), so every file is "no-cache": the
  // browser keeps it but asks (If-None-Match) before using it again.
  if (req[http::field::if_none_match] == etag) {
    string_response res{http::status::not_modified, req.version()};
    res.set(http::field::server, "tlsscope-server");
    res.set(http::field::etag, etag);
    res.set(http::field::cache_control, "no-cache");
    res.keep_alive(req.keep_alive());
    return res;
  }

  beast::error_code open_ec;
  http::file_body::value_type body;
  body.open(file->c_str(), beast::file_mode::scan, open_ec);
  if (open_ec)
    return make_text_response(req, http::status::not_found, "text/plain; charset=utf-8",
                              "not found\n");

  auto headers = [&](auto& res) {
    res.set(http::field::server, "tlsscope-server");
    res.set(http::field::content_type, to_beast(mime_type(*file)));
    res.set(http::field::etag, etag);
    res.set(http::field::cache_control, "no-cache");
    res.set("X-Content-Type-Options", "nosniff");
    res.keep_alive(req.keep_alive());
    res.content_length(body.size());
  };
  if (req.method() == http::verb::head) {
    string_response res{http::status::ok, req.version()};
    headers(res);
    return res;
  }
  file_response res{http::status::ok, req.version()};
  headers(res);
  res.body() = std::move(body);
  return res;
}

}  // namespace tlsscope::relay
