// The static page: files under --web, with their MIME types and validators, never a file
// outside that folder. When the page has not been built yet a short built-in page says so.
#pragma once

#include "net.hpp"

#include <filesystem>
#include <optional>
#include <string_view>
#include <variant>

namespace tlsscope::relay {

using string_response = http::response<http::string_body>;
using file_response = http::response<http::file_body>;
using static_response = std::variant<string_response, file_response>;

/// The MIME type for a file name's extension ("application/wasm" for .wasm, ...).
std::string_view mime_type(const std::filesystem::path& file);

/// Maps a request target to a path under `root`: decoded, query dropped, "/" to index.html.
/// Nothing when the target could leave the folder ("..", backslashes, NUL, bad escapes).
std::optional<std::filesystem::path> map_target(const std::filesystem::path& root,
                                                std::string_view target);

/// Answers a GET or HEAD for a static file.
static_response serve_static(const http::request<http::empty_body>& req,
                             const std::filesystem::path& root);

/// A small text or HTML response with the server's usual headers.
string_response make_text_response(const http::request<http::empty_body>& req, http::status status,
                                   std::string_view content_type, std::string body);

}  // namespace tlsscope::relay
