#include "tlsscope/client.hpp"

#include "connection.hpp"

namespace tlsscope {

std::string_view state_name(State s) {
  switch (s) {
    case State::idle: return "idle";
    case State::handshaking: return "handshaking";
    case State::open: return "open";
    case State::closed: return "closed";
    case State::failed: return "failed";
  }
  return "?";
}

Client::Client(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Client::~Client() = default;

void Client::start() { impl_->start(); }
void Client::receive(ByteView bytes) { impl_->receive(bytes); }
Bytes Client::take_output() { return impl_->records.take_output(); }
bool Client::send(ByteView plaintext) { return impl_->send(plaintext); }
void Client::close() { impl_->close(); }
void Client::transport_closed() { impl_->transport_closed(); }
void Client::fail(ErrorCode code, std::string detail, std::string detail_zh) {
  impl_->fail({code, std::move(detail), std::move(detail_zh)});
}
std::vector<nlohmann::json> Client::take_events() { return impl_->events.take(); }
Bytes Client::take_plaintext() { return std::exchange(impl_->plaintext_in, {}); }
State Client::state() const { return impl_->state(); }
const std::optional<Error>& Client::error() const { return impl_->error; }
std::string Client::keylog() const { return impl_->keylog; }

}  // namespace tlsscope
