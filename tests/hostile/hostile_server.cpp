// tlsscope-hostile-server: listens on a loopback port, accepts one connection and plays one
// scripted misbehaviour from the case table (cases.cpp), then reports what the client sent back.
//
//   tlsscope-hostile-server --case NAME --pki DIR [--listen 127.0.0.1:0]
//   tlsscope-hostile-server --list
//
// Stdout, one line each: first "port <n>" once it listens; then "server-step …" notes as the
// script goes, "client-alert <level> <name>" for each alert the client sent (decrypted when it
// was encrypted), "client-closed" when the client hung up, "server-error <what>" if the script
// itself could not go on, and "done" last. It gives up on its own after 20 s.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>

#include "cases.hpp"

using namespace tlsscope::hostile;

namespace {

constexpr int kLifetimeSeconds = 20;

int usage(const std::string& why) {
  std::cerr << "tlsscope-hostile-server: " << why << "\n"
            << "usage: tlsscope-hostile-server --case NAME --pki DIR [--listen 127.0.0.1:PORT]\n"
            << "       tlsscope-hostile-server --list\n";
  return 2;
}

// A listening socket on host:port (port 0: any free one); -1 on failure.
int listen_on(const std::string& host, std::uint16_t port, std::uint16_t& bound) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 1) != 0) {
    ::close(fd);
    return -1;
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  bound = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  std::string case_name, pki, listen = "127.0.0.1:0";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--list") {
      for (const auto& c : hostile_cases())
        std::cout << c.name << "\t" << (c.error.empty() ? "success" : c.error) << "\t"
                  << (c.alert.empty() ? "-" : c.alert) << "\t" << c.server_does << "\n";
      return 0;
    }
    if (i + 1 >= argc) return usage(a + " needs a value");
    if (a == "--case") case_name = argv[++i];
    else if (a == "--pki") pki = argv[++i];
    else if (a == "--listen") listen = argv[++i];
    else return usage("unknown option " + a);
  }
  const HostileCase* hostile = find_case(case_name);
  if (!hostile) return usage("no case named \"" + case_name + "\" (see --list)");
  if (pki.empty()) return usage("--pki DIR is required");
  auto colon = listen.rfind(':');
  std::string port_text = colon == std::string::npos ? "" : listen.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 ||
      port_text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(port_text) > 65535)
    return usage("--listen wants HOST:PORT");

  ::signal(SIGPIPE, SIG_IGN);
  ::alarm(kLifetimeSeconds);  // never outlive a test, whatever the client does

  ServerIdentity identity;
  try {
    identity = ServerIdentity::load(pki);
  } catch (const std::exception& e) {
    std::cerr << "tlsscope-hostile-server: " << e.what() << "\n";
    return 1;
  }

  std::uint16_t port = 0;
  int listener = listen_on(listen.substr(0, colon),
                           static_cast<std::uint16_t>(std::stoul(port_text)), port);
  if (listener < 0) {
    std::cerr << "tlsscope-hostile-server: cannot listen on " << listen << ": "
              << std::strerror(errno) << "\n";
    return 1;
  }
  std::cout << "port " << port << std::endl;

  int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
  ::close(listener);
  if (fd < 0) {
    std::cerr << "tlsscope-hostile-server: accept failed: " << std::strerror(errno) << "\n";
    return 1;
  }
  std::cout << "server-step case " << hostile->name << std::endl;

  SocketWire wire(fd);
  Session session(wire, identity, std::cout);
  try {
    hostile->play(session);
  } catch (const ClientStopped& e) {
    session.say(std::string("server-step client-stopped ") + e.what());
  } catch (const std::exception& e) {
    session.say(std::string("server-error ") + e.what());
  }
  session.drain();
  ::close(fd);
  std::cout << "done" << std::endl;
  return 0;
}
