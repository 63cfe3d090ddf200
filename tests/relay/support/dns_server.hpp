// A DNS server on 127.0.0.1 (UDP) for the resolver's tests, the relay started with
// --dns-server pointing at it: it answers every A question with one address (AAAA questions
// with no answer), or — as a black hole — reads the questions and never answers, like the
// servers of a name a hostile client chose for being slow.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace tlsscope::relay::test {

class dns_server {
 public:
  enum class behaviour { answer, black_hole };
  explicit dns_server(behaviour b, const std::string& a_record = "127.0.0.1");
  ~dns_server();
  dns_server(const dns_server&) = delete;
  dns_server& operator=(const dns_server&) = delete;

  std::uint16_t port() const { return port_; }
  /// "127.0.0.1:PORT", for --dns-server.
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::size_t questions() const { return questions_; }

 private:
  void serve();
  behaviour behaviour_;
  unsigned char a_record_[4]{};
  int fd_ = -1;
  int stop_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<std::size_t> questions_{0};
  std::thread thread_;
};

}  // namespace tlsscope::relay::test
