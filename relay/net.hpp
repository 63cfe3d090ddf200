// Namespace aliases shared by the relay's sources, as in Beast's own examples.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <string_view>

namespace tlsscope::relay {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

/// Beast 1.74 hands out boost::string_view; the relay's own functions take std::string_view.
inline std::string_view to_std(beast::string_view s) { return {s.data(), s.size()}; }
inline beast::string_view to_beast(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace tlsscope::relay
