#include "raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tlsscope::relay::test {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

int wait_ms(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<long long>(left.count(), 0));
}

sockaddr_in loopback(const std::string& address, std::uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  if (::inet_pton(AF_INET, address.c_str(), &sa.sin_addr) != 1)
    throw std::invalid_argument("not an IPv4 address: " + address);
  return sa;
}

}  // namespace

std::string encode_frame(const frame_spec& f) {
  std::string out;
  out += static_cast<char>((f.fin ? 0x80 : 0) | ((f.rsv & 7) << 4) | (f.opcode & 0x0F));
  const std::uint64_t length = f.announced_length.value_or(f.payload.size());
  const char mask_bit = f.masked ? static_cast<char>(0x80) : 0;
  // Section 5.2: 7 bits, or 126 + 16 bits, or 127 + 64 bits.
  if (length < 126) {
    out += static_cast<char>(mask_bit | static_cast<char>(length));
  } else if (length <= 0xFFFF) {
    out += static_cast<char>(mask_bit | 126);
    for (int shift = 8; shift >= 0; shift -= 8)
      out += static_cast<char>(length >> shift);
  } else {
    out += static_cast<char>(mask_bit | 127);
    for (int shift = 56; shift >= 0; shift -= 8)
      out += static_cast<char>(length >> shift);
  }
  if (!f.masked) return out + f.payload;
  const char key[4] = {0x37, static_cast<char>(0xFA), 0x21, 0x3D};
  out.append(key, 4);
  for (std::size_t i = 0; i < f.payload.size(); ++i)
    out += static_cast<char>(f.payload[i] ^ key[i % 4]);
  return out;
}

std::uint16_t server_frame::close_code() const {
  if (payload.size() < 2) return 1005;
  return static_cast<std::uint16_t>((static_cast<unsigned char>(payload[0]) << 8) |
                                    static_cast<unsigned char>(payload[1]));
}

std::string http_answer::header(std::string_view name) const {
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos && pos + 2 < head.size()) {
    const auto start = pos + 2;
    const auto end = head.find("\r\n", start);
    const std::string_view line(head.data() + start,
                                (end == std::string::npos ? head.size() : end) - start);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && iequals(line.substr(0, colon), name)) {
      auto value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    pos = end;
  }
  return {};
}

std::string upgrade_request(const std::string& target, const raw_headers& set,
                            const std::vector<std::string>& omit) {
  raw_headers fields = {
      {"Host", "127.0.0.1"},
      {"Upgrade", "websocket"},
      {"Connection", "Upgrade"},
      {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},  // the RFC's own example key
      {"Sec-WebSocket-Version", "13"},
  };
  // Plain pairs, not structured bindings: clang 14 (the sanitizer build) cannot capture those.
  for (const auto& field : set) {
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&](const auto& f) { return iequals(f.first, field.first); });
    if (it == fields.end())
      fields.push_back(field);
    else
      it->second = field.second;
  }
  std::string out = "GET " + target + " HTTP/1.1\r\n";
  for (const auto& field : fields)
    if (std::none_of(omit.begin(), omit.end(),
                     [&](const auto& o) { return iequals(o, field.first); }))
      out += field.first + ": " + field.second + "\r\n";
  return out + "\r\n";
}

raw_client::raw_client(std::uint16_t port, const std::string& source) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  const auto from = loopback(source, 0);
  const auto to = loopback("127.0.0.1", port);
  if (::bind(fd_, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0 ||
      ::connect(fd_, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd_);
    throw std::runtime_error("connect to the relay: " + why);
  }
}

raw_client::~raw_client() {
  if (fd_ >= 0) ::close(fd_);
}

bool raw_client::send(std::string_view bytes, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!bytes.empty()) {
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, wait_ms(deadline)) <= 0)
      throw send_stalled("the relay took no more bytes within the deadline");
    const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0) return false;  // EPIPE or ECONNRESET: the relay is gone
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool raw_client::fill(std::chrono::steady_clock::time_point deadline) {
  timed_out_ = false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, wait_ms(deadline)) <= 0) {
    timed_out_ = true;
    return false;
  }
  char buf[64 * 1024];
  const auto n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) return false;
  in_.append(buf, static_cast<std::size_t>(n));
  return true;
}

std::optional<http_answer> raw_client::read_http_answer(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t end;
  while ((end = in_.find("\r\n\r\n")) == std::string::npos)
    if (!fill(deadline)) return std::nullopt;
  http_answer answer;
  answer.head = in_.substr(0, end);
  in_.erase(0, end + 4);
  const auto space = answer.head.find(' ');
  if (space == std::string::npos) throw std::runtime_error("not an HTTP answer: " + answer.head);
  answer.status = static_cast<unsigned>(std::stoul(answer.head.substr(space + 1, 3)));
  const auto length_text = answer.header("Content-Length");
  const std::size_t length = length_text.empty() ? 0 : std::stoul(length_text);
  while (in_.size() < length)
    if (!fill(deadline)) break;  // a short body shows in the test's assertion on it
  answer.body = in_.substr(0, std::min(length, in_.size()));
  in_.erase(0, answer.body.size());
  return answer;
}

bool raw_client::upgrade(const std::string& target) {
  if (!send(upgrade_request(target))) return false;
  auto answer = read_http_answer();
  return answer && answer->status == 101;
}

void raw_client::open_tunnel(const std::string& target) {
  if (!upgrade(target)) throw std::runtime_error("the relay refused the upgrade for " + target);
  for (const char* type : {"\"dns\"", "\"tcp\""}) {
    auto f = read_frame();
    if (!f || f->opcode != op(ws_opcode::text) || f->payload.find(type) == std::string::npos)
      throw std::runtime_error(std::string("expected the ") + type + " event");
  }
}

std::optional<server_frame> raw_client::read_frame(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto need = [&](std::size_t n) {
    while (in_.size() < n)
      if (!fill(deadline)) return false;
    return true;
  };
  if (!need(2)) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(in_[0]);
  const auto b1 = static_cast<unsigned char>(in_[1]);
  if (b1 & 0x80) throw std::runtime_error("the relay sent a masked frame (RFC 6455 5.1)");
  std::size_t header = 2;
  std::uint64_t length = b1 & 0x7F;
  if (length >= 126) {
    const std::size_t extra = length == 126 ? 2 : 8;
    if (!need(2 + extra)) return std::nullopt;
    length = 0;
    for (std::size_t i = 0; i < extra; ++i)
      length = (length << 8) | static_cast<unsigned char>(in_[2 + i]);
    header += extra;
  }
  if (!need(header + length)) return std::nullopt;
  server_frame f{(b0 & 0x80) != 0, static_cast<std::uint8_t>(b0 & 0x0F),
                 in_.substr(header, length)};
  in_.erase(0, header + length);
  return f;
}

std::vector<server_frame> raw_client::read_until_close(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<server_frame> frames;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto f = read_frame(std::max(left, std::chrono::milliseconds(1)));
    if (!f)
      throw std::runtime_error(timed_out_ ? "no close frame from the relay within the deadline"
                                          : "the relay ended the connection without a close frame");
    frames.push_back(std::move(*f));
    if (frames.back().is_close()) return frames;
  }
}

bool raw_client::wait_for_end(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fill(deadline))
    in_.clear();
  return !timed_out_;
}

void raw_client::reset() {
  const linger abort_on_close{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
  ::close(fd_);
  fd_ = -1;
}

void raw_client::shutdown_write() { ::shutdown(fd_, SHUT_WR); }

}  // namespace tlsscope::relay::test
