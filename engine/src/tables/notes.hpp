// Every sentence the engine puts into an event for a learner — field notes, summary notes,
// chain-check details, error details — in English and 中文, keyed by a stable id: one table
// (notes.cpp), one source of truth per note. Terms follow docs/glossary.md.
//
// A note may embed values of the run: "{0}", "{1}", … in both texts are replaced by the
// arguments of note(), in order. Values are identifiers, numbers or hex, the same in both
// languages; a value that is itself words (a key's description) is passed per language.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "tlsscope/errors.hpp"

namespace tlsscope {

enum class NoteId : std::uint16_t {
  // Handshake message header (every handshake message).
  hs_msg_type,
  hs_length,
  hs_length_empty,
  // ClientHello.
  ch_version,
  ch_version_legacy,
  ch_random,
  ch_session_id_compat,
  ch_session_id_empty,
  ch_cipher_suites,
  ch_compression,
  // ServerHello and HelloRetryRequest.
  sh_version,
  sh_version_legacy,
  sh_random,
  sh_random_downgrade,
  hrr_random,
  sh_session_id,
  sh_session_id_empty,
  sh_session_id_echo,
  sh_suite12,
  sh_suite13,
  sh_compression,
  // Extensions.
  ext_block,
  ext_host_name,
  ext_versions_offered,
  ext_selected_version,
  ext_key_exchange,
  ext_key_exchange_hybrid,
  ext_mlkem_encapsulation_key,
  ext_mlkem_ciphertext,
  ext_x25519_client,
  ext_x25519_server,
  ext_selected_group,
  ext_cookie,
  ext_renegotiated_connection,
  ext_ems_offered,
  ext_ems_accepted,
  // Certificate, CertificateRequest, CertificateVerify.
  cert_list,
  cert_entry,
  cert_entry_extensions,
  cert_context_empty,
  cert_client_none12,
  cert_client_none13,
  cr_types,
  cr_authorities,
  cr_summary,
  cv_signature,
  // ServerKeyExchange, ServerHelloDone, ClientKeyExchange.
  ske_params,
  ske_public_key,
  ske_signature,
  cke_public_key,
  // Finished.
  fin_verify_data12,
  fin_verify_data13,
  // ChangeCipherSpec.
  ccs_client,
  ccs_server,
  ccs13_in,
  ccs13_in_summary,
  ccs13_out,
  ccs13_out_summary,
  // NewSessionTicket, HelloRequest.
  nst_lifetime,
  nst_ticket,
  hello_request_ignored,
  // Records.
  rec_content_type,
  rec_content_type13,
  rec_version,
  rec_version12,
  rec_version13,
  rec_length,
  rec_fragment,
  rec_explicit_nonce,
  rec_ciphertext_gcm12,
  rec_ciphertext13,
  rec_ciphertext_chacha12,
  rec_ciphertext_failed,
  rec_auth_tag,
  // Alerts, close.
  alert_level,
  closed_without_notify,
  // Secrets.
  ms_extended,
  ms_classic,
  nonce_gcm12,
  nonce_iv_xor12,
  nonce_iv_xor13,
  // Chain checks.
  chk_validity,
  chk_name_ok,
  chk_name_bad,
  chk_is_ca,
  chk_not_ca,
  chk_issuer_name,
  chk_signature,
  chk_signature_root,
  chk_signature_remembered,
  chk_anchor_ok,
  chk_anchor_bad,
  chk_key_usage_ok,
  chk_key_usage_bad,
  chk_extended_key_usage_absent,
  chk_extended_key_usage_ok,
  chk_extended_key_usage_bad,
  // Path building (x509/path.hpp): why a path differs from the list the server sent.
  path_reordered,
  path_unused_duplicate,
  path_unused_trusted_root,
  path_unused_not_on_path,
  // Error details.
  err_expired,
  err_not_yet_valid,
  err_name,
  err_weak_key,
  err_self_signed,
  err_untrusted,
  err_sha1,
  err_no_certificate,
  err_extended_key_usage,
  err_bad_ske_signature,
  err_bad_cv_signature,
  err_bad_finished,
  err_fatal_alert,
  err_downgrade,
  err_closed_during_handshake,
  err_truncated,
  err_no_share_for_group,
  err_share_invalid,
  err_hybrid_share_length,
  err_hybrid_x25519_zero,
  // Decoding and protocol errors (msgs/, record/, handshake/, tls12/, tls13/).
  err_handshake_too_large,
  err_length_past_end,
  err_bytes_left_over,
  err_extension_twice,
  err_extension_malformed,
  err_malformed,
  err_not_empty,
  err_second_message,
  err_cert_entry_malformed,
  err_cert_context,
  err_ccs_byte,
  err_ccs13_byte,
  err_ccs13_protected,
  err_ccs_mid_message,
  err_key_update_value,
  err_alert_length,
  err_alpn,
  err_record_type,
  err_record_version,
  err_record_unencrypted,
  err_record_length,
  err_record_mac,
  err_record_inner_type,
  err_record_plaintext_length,
  err_record_empty,
  err_supported_versions_unoffered,
  err_hrr_without_versions,
  err_hrr_then_tls12,
  err_message_after_handshake,
  err_message_out_of_order,
  err_handler_stayed,
  err_handler_moved,
  err_no_random,
  err_nothing_to_offer,
  err_offer_too_long,
  err_early_application_data,
  err_close_notify_in_handshake,
  err_mlkem_decapsulation,
  err_no_uncompressed_points,
  err_chose_unoffered,
  err_suite_unoffered,
  err_compression12,
  err_extension_unoffered,
  err_renegotiation_info,
  err_cert_key_type,
  err_ske_named_curve,
  err_curve_unoffered,
  err_ske_key_form,
  err_ske_point,
  err_scheme_unoffered,
  err_hrr_key_share,
  err_hrr_group,
  err_second_hrr,
  err_legacy_version13,
  err_session_id_echo,
  err_compression13,
  err_extension_not_allowed,
  err_no_key_share,
  err_spans_handshake_keys,
  err_spans_application_keys,
  err_ee_extension_unoffered,
  err_cv_scheme_unoffered,
  count_  // not a note: the number of notes
};

/// One note in both languages, run values filled in.
struct Note {
  std::string en;
  std::string zh;
};

/// The note `id` with {0}, {1}, … replaced by `args` (the same values in both languages).
Note note(NoteId id, std::initializer_list<std::string_view> args = {});
/// The same, for a note whose values differ by language (e.g. a key described in words).
Note note(NoteId id, std::initializer_list<std::string_view> args_en,
          std::initializer_list<std::string_view> args_zh);

/// An error whose detail is a note: `detail` in English, `detail_zh` in Chinese.
inline Error noted_error(ErrorCode code, Note n) {
  return Error{code, std::move(n.en), std::move(n.zh)};
}

/// A secret's `function` ("TLS 1.2 PRF with SHA-256", "ECDHE over x25519", "slice of the key
/// block") in Chinese; formulas and names pass through unchanged.
std::string secret_function_zh(std::string_view function);

/// The raw texts of `id`, placeholders unfilled (for tests and docs).
std::string_view note_template_en(NoteId id);
std::string_view note_template_zh(NoteId id);

}  // namespace tlsscope
