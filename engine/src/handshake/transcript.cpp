#include "handshake/transcript.hpp"

#include "tls13/key_schedule.hpp"

namespace tlsscope {

void Transcript::append(ByteView message) {
  bytes_.insert(bytes_.end(), message.begin(), message.end());
  last_len_ = message.size();
}

void Transcript::restart_after_hello_retry(Hash h) {
  ByteView ch1 = ByteView(bytes_).first(bytes_.size() - last_len_);
  Bytes restarted = tls13::message_hash(h, ch1);
  restarted.insert(restarted.end(), bytes_.end() - static_cast<long>(last_len_), bytes_.end());
  bytes_ = std::move(restarted);
  running_ = {};
}

Bytes Transcript::hash_upto(Hash h, std::size_t upto) const {
  RunningHash& r = running_;
  const br_hash_class* vt = hash_class(h);
  if (r.vt != vt || r.done > upto) {
    vt->init(&r.ctx.vtable);
    r.vt = vt;
    r.done = 0;
  }
  vt->update(&r.ctx.vtable, bytes_.data() + r.done, upto - r.done);
  r.done = upto;
  Bytes out(hash_len(h));
  vt->out(&r.ctx.vtable, out.data());  // out() leaves the state as it was
  return out;
}

}  // namespace tlsscope
