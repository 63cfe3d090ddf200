#include "tls_server.hpp"

#include <sys/random.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <bearssl.h>

#include "codec/reader.hpp"
#include "codec/writer.hpp"
#include "crypto/ecdhe.hpp"
#include "crypto/hash.hpp"
#include "crypto/mlkem.hpp"
#include "tls12/key_schedule.hpp"
#include "tls13/key_schedule.hpp"
#include "tlsscope/names.hpp"
#include "x509/pem.hpp"

namespace tlsscope::hostile {
namespace {

void os_random(std::uint8_t* out, std::size_t len) {
  while (len > 0) {
    ssize_t n = getrandom(out, len, 0);
    if (n <= 0) continue;
    out += n;
    len -= static_cast<std::size_t>(n);
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every PEM object of the file whose banner is `name`, decoded.
std::vector<Bytes> pem_objects(const std::filesystem::path& path, std::string_view name) {
  bool malformed = false;
  auto found = tlsscope::pem_objects(read_file(path), name, &malformed);
  if (malformed) throw std::runtime_error("malformed PEM in " + path.string());
  return found;
}

Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (auto part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

std::string level_name(std::uint8_t level) {
  return level == 1 ? "warning" : level == 2 ? "fatal" : "level-" + std::to_string(level);
}

}  // namespace

std::vector<Bytes> read_pem_chain(const std::filesystem::path& path) {
  auto chain = pem_objects(path, "CERTIFICATE");
  if (chain.empty()) throw std::runtime_error("no certificate in " + path.string());
  return chain;
}

ServerIdentity ServerIdentity::load(const std::filesystem::path& pki_dir) {
  ServerIdentity id;
  id.pki_dir = pki_dir;
  id.chain = read_pem_chain(pki_dir / "ec256-leaf-chain.pem");
  auto keys = pem_objects(pki_dir / "ec256-leaf.key", "PRIVATE KEY");
  if (keys.empty()) keys = pem_objects(pki_dir / "ec256-leaf.key", "EC PRIVATE KEY");
  if (keys.empty()) throw std::runtime_error("no private key in ec256-leaf.key");
  br_skey_decoder_context dc;
  br_skey_decoder_init(&dc);
  br_skey_decoder_push(&dc, keys[0].data(), keys[0].size());
  const br_ec_private_key* ec = br_skey_decoder_get_ec(&dc);
  if (br_skey_decoder_last_error(&dc) != 0 || !ec)
    throw std::runtime_error("ec256-leaf.key is not an EC private key");
  id.curve = ec->curve;
  id.private_key.assign(ec->x, ec->x + ec->xlen);
  return id;
}

Session::Session(Wire& wire, const ServerIdentity& identity, std::ostream& out,
                 RandomSource random)
    : random_(random ? std::move(random) : RandomSource(os_random)),
      wire_(wire), identity_(identity), out_(out), suite_(*find_suite(kSuite)) {
  server_random_.resize(32);
  random_(server_random_.data(), server_random_.size());
}

void Session::say(const std::string& line) { out_ << line << std::endl; }

// ---- the wire ------------------------------------------------------------------------------

void Session::send_raw(ByteView bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    if (off > 0 && wire_.readable()) {
      say("server-step stopped-writing the client answered after " + std::to_string(off) +
          " of " + std::to_string(bytes.size()) + " bytes");
      return;
    }
    std::size_t n = std::min<std::size_t>(bytes.size() - off, 16384);
    std::size_t w = wire_.write(bytes.subspan(off, n));
    if (w == 0) {
      say("server-step write-failed after " + std::to_string(off) + " bytes");
      return;
    }
    off += w;
  }
}

Bytes Session::record(std::uint8_t type, ByteView payload, std::uint16_t version) {
  Writer w;
  w.u8(write_protection_ && write_protection_->tls13() ? content::application_data : type);
  w.u16(version);
  auto len = w.open(2);
  if (write_protection_)
    w.bytes(write_protection_->seal(type, version, payload));
  else
    w.bytes(payload);
  w.close(len);
  return w.take();
}

void Session::send_record(std::uint8_t type, ByteView payload, std::uint16_t version) {
  send_raw(record(type, payload, version));
}

void Session::add_to_transcript(ByteView message) {
  transcript_.insert(transcript_.end(), message.begin(), message.end());
}

void Session::send_handshake(ByteView message) {
  add_to_transcript(message);
  send_record(content::handshake, message);
}

void Session::send_flight(const std::vector<Bytes>& messages) {
  Bytes all;
  for (const auto& m : messages) {
    add_to_transcript(m);
    all.insert(all.end(), m.begin(), m.end());
  }
  send_record(content::handshake, all);
}

void Session::send_alert(std::uint8_t level, std::uint8_t description) {
  const std::uint8_t alert[2] = {level, description};
  send_record(content::alert, alert);
}

void Session::close_write() { wire_.close_write(); }

std::optional<InRecord> Session::read_record(std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  std::uint8_t header[5];
  if (!wire_.read_exact(header, sizeof header, until)) {
    if (!closed_reported_) say("client-closed");
    closed_reported_ = true;
    return std::nullopt;
  }
  InRecord rec;
  rec.type = header[0];
  auto version = static_cast<std::uint16_t>(header[1] << 8 | header[2]);
  std::size_t len = std::size_t{header[3]} << 8 | header[4];
  Bytes fragment(len);
  if (!wire_.read_exact(fragment.data(), len, until)) {
    say("client-record-unreadable truncated record");
    closed_reported_ = true;
    say("client-closed");
    return std::nullopt;
  }
  if (read_protection_ && read_protection_->tls13() && rec.type == content::change_cipher_spec) {
    rec.payload = std::move(fragment);  // the compatibility ChangeCipherSpec travels in clear
  } else if (read_protection_ && read_protection_->tls13() && rec.type == content::alert &&
             plain_alerts_allowed_) {
    // A client that gives up on the server's encrypted flight may send its alert in clear
    // (so do OpenSSL's and others; OpenSSL's server accepts it until the client's first
    // protected record): read it as it came.
    say("server-step read a TLS 1.3 alert record in clear (before the client's Finished)");
    rec.payload = std::move(fragment);
  } else if (read_protection_) {
    auto plain = read_protection_->open(rec.type, version, fragment);
    if (!plain) {
      say("client-record-unreadable a " + content_type_name(rec.type) +
          " record failed authentication");
      return rec;
    }
    rec.payload = std::move(*plain);
    if (read_protection_->tls13()) {  // TLSInnerPlaintext: content, type, zeros
      plain_alerts_allowed_ = false;
      while (!rec.payload.empty() && rec.payload.back() == 0) rec.payload.pop_back();
      if (rec.payload.empty()) {
        say("client-record-unreadable a TLS 1.3 record with no content type");
        return rec;
      }
      rec.type = rec.payload.back();
      rec.payload.pop_back();
      if (rec.type == content::handshake && rec.payload.size() == 5 &&
          rec.payload[0] == hs::key_update && !client_app_secret_.empty()) {
        const SuiteInfo& s13 = *find_suite(kTls13Suite);
        client_app_secret_ = tls13::next_traffic_secret(s13.prf_hash, client_app_secret_);
        read_protection_.emplace(s13, tls13::traffic_key(s13, client_app_secret_),
                                 tls13::traffic_iv(s13, client_app_secret_));
        ++client_key_updates_;
        say("server-step read key_update(request_update=" + std::to_string(rec.payload[4]) +
            "); switched to the client's next traffic key");
      }
    }
  } else {
    rec.payload = std::move(fragment);
  }
  if (rec.type == content::alert) {
    if (rec.payload.size() == 2)
      say("client-alert " + level_name(rec.payload[0]) + " " + alert_name(rec.payload[1]));
    else
      say("client-record-unreadable an alert of " + std::to_string(rec.payload.size()) + " bytes");
  }
  return rec;
}

Bytes Session::read_handshake() {
  for (;;) {
    if (handshake_buffer_.size() >= 4) {
      std::size_t len = std::size_t{handshake_buffer_[1]} << 16 |
                        std::size_t{handshake_buffer_[2]} << 8 | handshake_buffer_[3];
      if (handshake_buffer_.size() >= 4 + len) {
        Bytes msg(handshake_buffer_.begin(), handshake_buffer_.begin() + static_cast<long>(4 + len));
        handshake_buffer_.erase(handshake_buffer_.begin(),
                                handshake_buffer_.begin() + static_cast<long>(4 + len));
        return msg;
      }
    }
    auto rec = read_record();
    if (!rec) throw ClientStopped("the client closed the connection");
    if (rec->type == content::alert) {
      if (rec->payload.size() == 2 && rec->payload[0] == 1 && rec->payload[1] != 0) continue;
      throw ClientStopped("the client sent an alert");
    }
    if (tls13_ && rec->type == content::change_cipher_spec) continue;
    if (rec->type != content::handshake)
      throw std::runtime_error("expected a handshake record from the client, got " +
                               content_type_name(rec->type));
    handshake_buffer_.insert(handshake_buffer_.end(), rec->payload.begin(), rec->payload.end());
  }
}

void Session::drain(std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      say("server-step drain-timeout the client kept the connection open");
      return;
    }
    if (!read_record(left)) return;
  }
}

// ---- the honest server ---------------------------------------------------------------------

Bytes Session::frame(std::uint8_t type, ByteView body) {
  Writer w;
  w.u8(type);
  auto len = w.open(3);
  w.bytes(body);
  w.close(len);
  return w.take();
}

void Session::read_client_hello() {
  Bytes msg = read_handshake();
  if (msg[0] != hs::client_hello)
    throw std::runtime_error("expected ClientHello, got " + handshake_type_name(msg[0]));
  add_to_transcript(msg);
  client_hello_ = ClientHelloInfo{};
  Reader r(ByteView(msg).subspan(4));
  r.u16();
  ByteView random = r.bytes(32);
  client_hello_.random.assign(random.begin(), random.end());
  Reader sid = r.sub_prefixed(1);
  ByteView sid_bytes = sid.bytes(sid.remaining());
  client_hello_.session_id.assign(sid_bytes.begin(), sid_bytes.end());
  Reader suites = r.sub_prefixed(2);
  while (suites.ok() && suites.remaining() >= 2) client_hello_.suites.push_back(suites.u16());
  r.sub_prefixed(1);
  Reader exts = r.sub_prefixed(2);
  while (exts.ok() && !exts.empty()) {
    std::uint16_t type = exts.u16();
    Reader body = exts.sub_prefixed(2);
    client_hello_.extensions.push_back(type);
    if (type == 0x000a) {  // supported_groups
      Reader list = body.sub_prefixed(2);
      while (list.ok() && list.remaining() >= 2) client_hello_.groups.push_back(list.u16());
    } else if (type == kKeyShare) {
      Reader list = body.sub_prefixed(2);
      while (list.ok() && list.remaining() >= 4) {
        std::uint16_t group = list.u16();
        Reader key = list.sub_prefixed(2);
        ByteView k = key.bytes(key.remaining());
        client_hello_.key_shares.push_back({group, Bytes(k.begin(), k.end())});
      }
    }
  }
  if (!r.ok() || !exts.ok()) throw std::runtime_error("malformed ClientHello");
  say("server-step read client_hello");
}

ServerHelloSpec Session::server_hello_spec() const {
  ServerHelloSpec spec;
  spec.extensions.push_back({ext::renegotiation_info, Bytes{0}});
  spec.extensions.push_back({ext::extended_master_secret, Bytes{}});
  spec.extensions.push_back({ext::ec_point_formats, Bytes{1, 0}});
  return spec;
}

Bytes Session::server_hello(const ServerHelloSpec& spec) {
  Writer w;
  w.u16(spec.version);
  w.bytes(server_random_);
  auto sid = w.open(1);
  w.bytes(spec.session_id);
  w.close(sid);
  w.u16(spec.suite);
  w.u8(spec.compression);
  extended_master_secret_ = false;
  if (!spec.extensions.empty()) {
    auto exts = w.open(2);
    for (const auto& [type, body] : spec.extensions) {
      w.u16(type);
      auto m = w.open(2);
      w.bytes(body);
      w.close(m);
      if (type == ext::extended_master_secret) extended_master_secret_ = true;
    }
    w.close(exts);
  }
  return frame(hs::server_hello, w.data());
}

Bytes Session::certificate(const std::vector<Bytes>& chain) const {
  Writer w;
  auto list = w.open(3);
  for (const auto& der : chain) {
    auto one = w.open(3);
    w.bytes(der);
    w.close(one);
  }
  w.close(list);
  return frame(hs::certificate, w.data());
}

Bytes Session::sign(ByteView data) const {
  Bytes hash = digest(Hash::sha256, data);
  br_ec_private_key sk{identity_.curve, const_cast<unsigned char*>(identity_.private_key.data()),
                       identity_.private_key.size()};
  std::uint8_t sig[160];
  std::size_t n =
      br_ecdsa_sign_asn1_get_default()(br_ec_get_default(), &br_sha256_vtable, hash.data(), &sk, sig);
  if (n == 0) throw std::runtime_error("ECDSA signing failed");
  return Bytes(sig, sig + n);
}

Bytes Session::server_key_exchange(const KeyExchangeSpec& spec) {
  group_ = find_group(spec.group);
  Bytes point;
  if (group_) {
    KeyPair kp = generate_key_pair(*group_, random_);
    ecdhe_private_ = kp.private_key;
    point = kp.public_key;
  } else {
    point.assign(65, 4);
  }
  if (spec.point) point = *spec.point;
  Writer params;
  params.u8(spec.curve_type);
  params.u16(spec.group);
  auto p = params.open(1);
  params.bytes(point);
  params.close(p);
  Bytes signed_data = concat({spec.signed_client_random ? *spec.signed_client_random
                                                        : client_hello_.random,
                              server_random_, params.data()});
  Bytes signature = spec.signature ? *spec.signature : sign(signed_data);
  Writer w;
  w.bytes(params.data());
  w.u16(spec.scheme);
  auto s = w.open(2);
  w.bytes(signature);
  w.close(s);
  return frame(hs::server_key_exchange, w.data());
}

Bytes Session::server_hello_done() const { return frame(hs::server_hello_done, {}); }

Bytes Session::certificate_request() const {
  Writer w;
  auto types = w.open(1);
  w.u8(64);  // ecdsa_sign (RFC 8422 §5.5)
  w.close(types);
  auto schemes = w.open(2);
  w.u16(kEcdsaSecp256r1Sha256);
  w.close(schemes);
  auto cas = w.open(2);
  w.close(cas);
  return frame(hs::certificate_request, w.data());
}

void Session::send_first_flight() {
  send_flight({server_hello(), certificate(), server_key_exchange(), server_hello_done()});
  say("server-step sent server_hello certificate server_key_exchange server_hello_done");
}

void Session::read_client_flight() {
  Bytes msg = read_handshake();
  if (msg[0] == hs::certificate) {  // the client's (empty) answer to a CertificateRequest
    add_to_transcript(msg);
    msg = read_handshake();
  }
  if (msg[0] != hs::client_key_exchange)
    throw std::runtime_error("expected ClientKeyExchange, got " + handshake_type_name(msg[0]));
  add_to_transcript(msg);
  Reader r(ByteView(msg).subspan(4));
  Reader point = r.sub_prefixed(1);
  ByteView client_public = point.bytes(point.remaining());
  if (!r.ok() || !group_) throw std::runtime_error("malformed ClientKeyExchange");
  auto pre_master = ecdh_shared_secret(*group_, ecdhe_private_, client_public);
  if (!pre_master) throw std::runtime_error("the client's public key is not on the curve");
  master_secret_ =
      extended_master_secret_
          ? tls12::extended_master_secret(suite_.prf_hash, *pre_master,
                                          digest(suite_.prf_hash, transcript_))
          : tls12::master_secret(suite_.prf_hash, *pre_master, client_hello_.random,
                                 server_random_);
  Bytes kb = tls12::key_block(suite_, master_secret_, client_hello_.random, server_random_);
  tls12::TrafficKeys keys = tls12::split_key_block(suite_, kb);
  client_key_ = keys.client_key;
  client_iv_ = keys.client_iv;
  server_key_ = keys.server_key;
  server_iv_ = keys.server_iv;
  say("server-step read client_key_exchange; keys derived");

  auto ccs = read_record();
  if (!ccs) throw ClientStopped("the client closed the connection");
  if (ccs->type == content::alert) throw ClientStopped("the client sent an alert");
  if (ccs->type != content::change_cipher_spec)
    throw std::runtime_error("expected ChangeCipherSpec, got " + content_type_name(ccs->type));
  read_protection_.emplace(client_protection());
  Bytes fin = read_handshake();
  Bytes expected = tls12::verify_data(suite_.prf_hash, master_secret_, tls12::kClientFinishedLabel,
                                      digest(suite_.prf_hash, transcript_));
  if (fin[0] != hs::finished || !std::equal(fin.begin() + 4, fin.end(), expected.begin(), expected.end()))
    throw std::runtime_error("the client's Finished does not verify");
  add_to_transcript(fin);
  say("server-step read change_cipher_spec finished; the client's Finished verifies");
}

Bytes Session::finished() const {
  return frame(hs::finished,
               tls12::verify_data(suite_.prf_hash, master_secret_, tls12::kServerFinishedLabel,
                                  digest(suite_.prf_hash, transcript_)));
}

void Session::send_change_cipher_spec() {
  const std::uint8_t one[1] = {1};
  send_record(content::change_cipher_spec, one);
  write_protection_.emplace(server_protection());
}

void Session::send_ccs_and_finished() {
  send_change_cipher_spec();
  send_handshake(finished());
  say("server-step sent change_cipher_spec finished");
}

void Session::handshake() {
  read_client_hello();
  send_first_flight();
  read_client_flight();
  send_ccs_and_finished();
}

std::string Session::read_http_request() {
  std::string request;
  while (request.find("\r\n\r\n") == std::string::npos) {
    auto rec = read_record();
    if (!rec) throw ClientStopped("the client closed the connection");
    if (rec->type == content::alert) {
      if (rec->payload.size() == 2 && rec->payload[0] == 1 && rec->payload[1] != 0) continue;
      throw ClientStopped("the client sent an alert");
    }
    if (tls13_ && rec->type == content::handshake) continue;  // KeyUpdate, NewSessionTicket
    if (rec->type != content::application_data)
      throw std::runtime_error("expected application data, got " + content_type_name(rec->type));
    request.append(rec->payload.begin(), rec->payload.end());
  }
  say("server-step read http-request " + request.substr(0, request.find("\r\n")));
  return request;
}

void Session::send_http_response() {
  std::string body = "hello from the hostile server\n";
  std::string response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  send_record(content::application_data, as_bytes(response));
  send_alert(1, 0);  // close_notify
  say("server-step sent http-response close_notify");
}

void Session::serve_http() {
  read_http_request();
  send_http_response();
}

// ---- TLS 1.3 -------------------------------------------------------------------------------

namespace {

const SuiteInfo& tls13_suite() { return *find_suite(kTls13Suite); }

RecordProtection protection_for(ByteView secret) {
  const SuiteInfo& s = tls13_suite();
  return RecordProtection(s, tls13::traffic_key(s, secret), tls13::traffic_iv(s, secret));
}

// SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3).
constexpr std::uint8_t kHelloRetryRandom[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8,
    0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8,
    0x33, 0x9c};

Bytes tls13_hello(ByteView random, ByteView session_id,
                  const std::vector<std::pair<std::uint16_t, Bytes>>& extensions) {
  Writer w;
  w.u16(kTls12);
  w.bytes(random);
  auto sid = w.open(1);
  w.bytes(session_id);
  w.close(sid);
  w.u16(kTls13Suite);
  w.u8(0);
  auto exts = w.open(2);
  for (const auto& [type, body] : extensions) {
    w.u16(type);
    auto m = w.open(2);
    w.bytes(body);
    w.close(m);
  }
  w.close(exts);
  return Session::frame(hs::server_hello, w.data());
}

}  // namespace

void Session::send_hello_retry_request(std::uint16_t group) {
  tls13_ = true;
  const Hash h = tls13_suite().prf_hash;
  transcript_ = tls13::message_hash(h, transcript_);
  const std::uint8_t version[2] = {0x03, 0x04};
  const std::uint8_t selected[2] = {static_cast<std::uint8_t>(group >> 8),
                                    static_cast<std::uint8_t>(group)};
  send_handshake(tls13_hello(kHelloRetryRandom, client_hello_.session_id,
                             {{kSupportedVersions, Bytes(version, version + 2)},
                              {kKeyShare, Bytes(selected, selected + 2)}}));
  say("server-step sent hello_retry_request group " + std::to_string(group));
}

void Session::tls13_send_server_hello(const Tls13ShareSpec& spec) {
  tls13_ = true;
  const Hash h = tls13_suite().prf_hash;
  auto share = std::find_if(client_hello_.key_shares.begin(), client_hello_.key_shares.end(),
                            [&](const auto& k) { return k.first == spec.group; });
  if (share == client_hello_.key_shares.end())
    throw std::runtime_error("the ClientHello has no key share for group " + std::to_string(spec.group));
  const bool hybrid = spec.group != kX25519;
  const Bytes& client_share = share->second;
  if (hybrid && client_share.size() != mlkem768::kEncapsulationKeySize + 32)
    throw std::runtime_error("the client's X25519MLKEM768 key share is not 1216 bytes");
  const GroupInfo& x25519 = *find_group(kX25519);
  KeyPair kp = generate_key_pair(x25519, random_);
  auto shared = ecdh_shared_secret(x25519, kp.private_key,
                                   ByteView(client_share).last(32));
  if (!shared) throw std::runtime_error("the client's x25519 key share is unusable");
  Bytes server_share = kp.public_key;
  if (hybrid) {  // draft-ietf-tls-ecdhe-mlkem: ciphertext || X25519; secret ML-KEM || X25519
    Bytes ek(client_share.begin(), client_share.begin() + mlkem768::kEncapsulationKeySize);
    if (spec.ciphertext_for_another_key) ek = mlkem768::generate(random_).encapsulation_key;
    Bytes m(mlkem768::kMessageSize);
    random_(m.data(), m.size());
    auto enc = mlkem768::encapsulate(ek, m);
    if (!enc) throw std::runtime_error("the client's ML-KEM encapsulation key is invalid");
    server_share = concat({enc->ciphertext, spec.zero_x25519 ? Bytes(32, 0) : kp.public_key});
    *shared = concat({enc->shared_secret, *shared});
  }
  if (spec.drop_last_byte) server_share.pop_back();
  Writer ks;
  ks.u16(spec.group);
  auto key = ks.open(2);
  ks.bytes(server_share);
  ks.close(key);
  const std::uint8_t version[2] = {static_cast<std::uint8_t>(spec.selected_version >> 8),
                                   static_cast<std::uint8_t>(spec.selected_version)};
  send_handshake(tls13_hello(server_random_, client_hello_.session_id,
                             {{kSupportedVersions, Bytes(version, version + 2)},
                              {kKeyShare, ks.take()}}));
  handshake_secret_ = tls13::next_stage(h, tls13::early_secret(h), *shared);
  Bytes th = digest(h, transcript_);
  client_hs_secret_ = tls13::derive_secret(h, handshake_secret_, tls13::kClientHandshake, th);
  server_hs_secret_ = tls13::derive_secret(h, handshake_secret_, tls13::kServerHandshake, th);
  write_protection_.emplace(protection_for(server_hs_secret_));
  say("server-step sent server_hello (TLS 1.3, " + group_name(spec.group) + "); handshake keys derived");
}

void Session::tls13_send_server_flight(const Tls13FlightSpec& spec) {
  const Hash h = tls13_suite().prf_hash;
  send_handshake(frame(hs::encrypted_extensions, Bytes{0, 0}));

  Writer cert;
  cert.u8(0);  // certificate_request_context
  auto list = cert.open(3);
  for (const auto& der : identity_.chain) {
    auto one = cert.open(3);
    cert.bytes(der);
    cert.close(one);
    cert.u16(0);  // no extensions for this entry
  }
  cert.close(list);
  send_handshake(frame(hs::certificate, cert.data()));

  // RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, the transcript hash.
  std::string prefix(64, ' ');
  prefix += "TLS 1.3, server CertificateVerify";
  prefix.push_back('\0');
  Bytes signature = sign(concat({as_bytes(prefix), digest(h, transcript_)}));
  if (spec.flip_signature_byte) signature.back() ^= 0x01;
  Writer cv;
  cv.u16(kEcdsaSecp256r1Sha256);
  auto sig = cv.open(2);
  cv.bytes(signature);
  cv.close(sig);
  send_handshake(frame(hs::certificate_verify, cv.data()));

  Bytes verify = tls13::finished_verify_data(h, server_hs_secret_, digest(h, transcript_));
  if (spec.flip_verify_data) verify[0] ^= 0x01;
  send_handshake(frame(hs::finished, verify));

  Bytes master = tls13::next_stage(h, handshake_secret_, {});
  Bytes th_fin = digest(h, transcript_);
  client_app_secret_ = tls13::derive_secret(h, master, tls13::kClientApplication, th_fin);
  server_app_secret_ = tls13::derive_secret(h, master, tls13::kServerApplication, th_fin);
  read_protection_.emplace(protection_for(client_hs_secret_));
  plain_alerts_allowed_ = true;
  say("server-step sent encrypted_extensions certificate certificate_verify finished");
}

void Session::tls13_read_client_finished() {
  const Hash h = tls13_suite().prf_hash;
  Bytes expected = tls13::finished_verify_data(h, client_hs_secret_, digest(h, transcript_));
  Bytes fin = read_handshake();
  if (fin[0] != hs::finished ||
      !std::equal(fin.begin() + 4, fin.end(), expected.begin(), expected.end()))
    throw std::runtime_error("the client's Finished does not verify");
  add_to_transcript(fin);
  read_protection_.emplace(protection_for(client_app_secret_));
  write_protection_.emplace(protection_for(server_app_secret_));
  say("server-step read finished; the client's Finished verifies; application keys on");
}

void Session::tls13_handshake() {
  read_client_hello();
  tls13_send_server_hello();
  tls13_send_server_flight();
  tls13_read_client_finished();
}

void Session::tls13_send_key_update(bool update_requested) {
  send_record(content::handshake,
              frame(hs::key_update, Bytes{static_cast<std::uint8_t>(update_requested ? 1 : 0)}));
  server_app_secret_ = tls13::next_traffic_secret(tls13_suite().prf_hash, server_app_secret_);
  write_protection_.emplace(protection_for(server_app_secret_));
  say(std::string("server-step sent key_update(") +
      (update_requested ? "update_requested" : "update_not_requested") +
      "); switched to the server's next traffic key");
}

RecordProtection Session::client_protection() const {
  return RecordProtection(suite_, client_key_, client_iv_);
}

RecordProtection Session::server_protection() const {
  return RecordProtection(suite_, server_key_, server_iv_);
}

}  // namespace tlsscope::hostile
