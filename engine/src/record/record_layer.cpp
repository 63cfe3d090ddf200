#include "record/record_layer.hpp"

#include <algorithm>

#include "codec/writer.hpp"
#include "events/field.hpp"
#include "tables/notes.hpp"
#include "tables/suites.hpp"
#include "tlsscope/names.hpp"

namespace tlsscope {
namespace {

constexpr std::uint16_t kRecordVersion = 0x0303;

bool known_type(std::uint8_t t) { return t >= 20 && t <= 23; }

}  // namespace

std::variant<std::monostate, Record, Error> RecordLayer::next() {
  ByteView avail(in_.data() + in_pos_, in_.size() - in_pos_);
  if (avail.size() < kRecordHeaderLen) return std::monostate{};
  Reader r(avail);
  std::uint8_t type = r.u8();
  std::uint16_t version = r.u16();
  std::size_t len = r.u16();
  // Check the header before waiting for the body: a lying length must not make us wait.
  if (!known_type(type))
    return noted_error(ErrorCode::bad_record_type,
                       note(NoteId::err_record_type, {std::to_string(type)}));
  if ((version >> 8) != 3)
    return noted_error(ErrorCode::bad_record_version, note(NoteId::err_record_version, {hex_u16(version)}));
  const bool tls13 = read_protection_ && read_protection_->tls13();
  // TLS 1.3 sends its compatibility ChangeCipherSpec in the clear (RFC 8446 §5).
  const bool is_protected =
      read_protection_ && !(tls13 && type == static_cast<std::uint8_t>(ContentType::change_cipher_spec));
  if (tls13 && is_protected && type != static_cast<std::uint8_t>(ContentType::application_data))
    return noted_error(ErrorCode::unexpected_message,
                       note(NoteId::err_record_unencrypted, {content_type_name(type)}));
  const std::size_t limit =
      !is_protected ? kMaxPlaintext : tls13 ? kMaxCiphertext13 : kMaxCiphertext;
  if (len > limit)
    return noted_error(ErrorCode::record_overflow,
                       note(NoteId::err_record_length, {std::to_string(len), std::to_string(limit)}));
  if (avail.size() < kRecordHeaderLen + len) return std::monostate{};

  ByteView wire = avail.first(kRecordHeaderLen + len);
  ByteView fragment = wire.subspan(kRecordHeaderLen);
  in_pos_ += wire.size();
  Record rec{static_cast<ContentType>(type), {}};
  std::uint64_t seq = 0;
  std::optional<ContentType> inner_type;
  if (is_protected) {
    seq = read_protection_->sequence();
    auto plain = read_protection_->open(type, version, fragment);
    if (!plain) {
      record_event("in", wire, true, std::nullopt, 0, seq, false);
      return noted_error(ErrorCode::bad_record_mac,
                         note(NoteId::err_record_mac, {content_type_name(type)}));
    }
    rec.payload = std::move(*plain);
    if (tls13) {  // TLSInnerPlaintext: content, real type, zero padding (RFC 8446 §5.2)
      while (!rec.payload.empty() && rec.payload.back() == 0) rec.payload.pop_back();
      if (rec.payload.empty() || !known_type(rec.payload.back())) {
        record_event("in", wire, true, std::nullopt, 0, seq);
        return noted_error(ErrorCode::unexpected_message, note(NoteId::err_record_inner_type));
      }
      rec.type = static_cast<ContentType>(rec.payload.back());
      rec.payload.pop_back();
      inner_type = rec.type;
      // RFC 8446 §5: "An implementation which receives [...] a protected change_cipher_spec
      // record MUST abort the handshake with an "unexpected_message" alert."
      if (rec.type == ContentType::change_cipher_spec) {
        record_event("in", wire, true, inner_type, rec.payload.size(), seq);
        return noted_error(ErrorCode::unexpected_message, note(NoteId::err_ccs13_protected));
      }
    }
    if (rec.payload.size() > kMaxPlaintext)
      return noted_error(ErrorCode::record_overflow, note(NoteId::err_record_plaintext_length));
  } else {
    rec.payload.assign(fragment.begin(), fragment.end());
  }
  rec.event_seq = record_event("in", wire, is_protected, inner_type, rec.payload.size(), seq);
  if (in_pos_ == in_.size()) {  // keep the buffer from growing with the connection
    in_.clear();
    in_pos_ = 0;
  }
  if (rec.payload.empty() && rec.type != ContentType::application_data)
    return noted_error(ErrorCode::decode_error,
                       note(NoteId::err_record_empty,
                            {content_type_name(static_cast<std::uint8_t>(rec.type))}));
  return rec;
}

std::vector<std::uint64_t> RecordLayer::write(ContentType type, ByteView payload) {
  const bool tls13 = write_protection_ && write_protection_->tls13();
  // TLS 1.3's compatibility ChangeCipherSpec always travels in the clear (RFC 8446 §D.4).
  if (tls13 && type == ContentType::change_cipher_spec) {
    auto saved = std::exchange(write_protection_, std::nullopt);
    auto seqs = write(type, payload);
    write_protection_ = std::move(saved);
    return seqs;
  }
  std::vector<std::uint64_t> seqs;
  const auto outer = tls13 ? ContentType::application_data : type;
  std::size_t off = 0;
  do {
    std::size_t n = std::min(kMaxPlaintext, payload.size() - off);
    ByteView chunk = payload.subspan(off, n);
    Writer w;
    w.u8(static_cast<std::uint8_t>(outer));
    w.u16(kRecordVersion);
    auto len = w.open(2);
    std::uint64_t seq = 0;
    if (write_protection_) {
      seq = write_protection_->sequence();
      w.bytes(write_protection_->seal(static_cast<std::uint8_t>(type), kRecordVersion, chunk));
    } else {
      w.bytes(chunk);
    }
    w.close(len);
    seqs.push_back(record_event("out", w.data(), write_protection_.has_value(),
                                tls13 ? std::optional(type) : std::nullopt, n, seq));
    out_.insert(out_.end(), w.data().begin(), w.data().end());
    off += n;
  } while (off < payload.size());
  return seqs;
}

std::uint64_t RecordLayer::record_event(std::string_view dir, ByteView wire, bool is_protected,
                               std::optional<ContentType> inner_type, std::size_t plaintext_len,
                               std::uint64_t seq, bool opened) {
  std::uint8_t t = wire[0];
  std::uint16_t version = static_cast<std::uint16_t>(wire[1] << 8 | wire[2]);
  std::size_t len = wire.size() - kRecordHeaderLen;
  const std::optional<RecordProtection>* p =
      is_protected ? &(dir == "in" ? read_protection_ : write_protection_) : nullptr;
  const bool tls13 = p && (*p)->tls13();
  json fields = json::array();
  fields.get_ref<json::array_t&>().reserve(6);
  // RFC 8446 §5.2: a TLS 1.3 encrypted record says application_data outside, its type inside.
  fields.push_back(field("content_type", content_type_name(t), 0, 1,
                         tls13 && inner_type
                             ? note(NoteId::rec_content_type13,
                                    {content_type_name(static_cast<std::uint8_t>(*inner_type))})
                             : note(NoteId::rec_content_type, {content_type_name(t), std::to_string(t)})));
  // Before ServerHello the record layer cannot know the version; once keys are on it can.
  fields.push_back(field("version", version_name(version), 1, 2,
                         note(tls13  ? NoteId::rec_version13
                              : p    ? NoteId::rec_version12
                                     : NoteId::rec_version,
                              {version_name(version), hex_u16(version)})));
  fields.push_back(field("length", len, 3, 2, note(NoteId::rec_length)));
  if (p) {
    const RecordProtection& rp = **p;
    const SuiteInfo& suite = rp.suite();
    const std::string iv_name = dir == "in" ? "server_write_iv" : "client_write_iv";
    std::size_t nonce = rp.explicit_nonce_len();
    ByteView explicit_nonce = len >= nonce ? wire.subspan(5, nonce) : ByteView{};
    const std::string nonce_hex = to_hex(rp.nonce_for(explicit_nonce, seq)), iv = to_hex(rp.iv());
    if (nonce && len >= nonce)
      fields.push_back(field("explicit_nonce", to_hex(explicit_nonce), 5, nonce,
                             note(NoteId::rec_explicit_nonce, {iv, iv_name, nonce_hex})));
    if (len >= nonce + kAeadTagLen) {
      const std::string aead(aead_name(suite.aead));
      const std::string seq_text = std::to_string(seq);
      Note n = !opened    ? note(NoteId::rec_ciphertext_failed)
               : nonce    ? note(NoteId::rec_ciphertext_gcm12, {aead})
               : tls13    ? note(NoteId::rec_ciphertext13, {aead, iv_name, iv, seq_text, nonce_hex})
                          : note(NoteId::rec_ciphertext_chacha12, {aead, iv_name, iv, seq_text, nonce_hex});
      fields.push_back(field("encrypted_payload", "", 5 + nonce, len - nonce - kAeadTagLen, std::move(n)));
      fields.push_back(field("auth_tag", to_hex(wire.last(kAeadTagLen)), wire.size() - kAeadTagLen,
                             kAeadTagLen, note(NoteId::rec_auth_tag)));
    }
  } else {
    fields.push_back(field("fragment", "", 5, len, note(NoteId::rec_fragment)));
  }
  json e = object_of("type", "record", "step", "record", "dir", dir, "content_type",
                     content_type_name(t), "version", version_name(version), "length", len,
                     "protected", is_protected, "bytes", to_hex(wire), "fields", std::move(fields));
  if (is_protected) {
    e["sequence"] = seq;
    e["plaintext_length"] = plaintext_len;
  }
  if (inner_type) e["inner_content_type"] = content_type_name(static_cast<std::uint8_t>(*inner_type));
  return events_.emit(std::move(e));
}

}  // namespace tlsscope
