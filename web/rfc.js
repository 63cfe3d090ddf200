// Where each step and each field is defined: RFC[name] = [{rfc, section, title}], keyed by the
// step names of the engine's step table (engine/src/tables/steps.cpp) and the field names of
// its field trees (engine/src/msgs, engine/src/record), plus the certificate summary members
// and chain checks the chain view shows (docs/events.md). Section numbers and titles were
// checked against the RFC texts by helper H8 (docs/review.md); tests/wasm/lessons.test.mjs
// checks that every step and every field name the engine emits has at least one reference.
// The page only links to the RFCs; nothing is loaded from elsewhere.

/** One RFC section, with its title as the RFC's table of contents spells it. */
const ref = (rfc, section, title) => Object.freeze({ rfc, section, title });

// The sections, named once; the table below only combines them.
const S = {
  httpsScheme: ref(9110, '4.2.2', 'https URI Scheme'),
  dnsA: ref(1035, '3.4.1', 'A RDATA format'),
  dnsAAAA: ref(3596, '2.2', 'AAAA data format'),
  tcpOpen: ref(9293, '3.5', 'Establishing a Connection'),
  tcpClose: ref(9293, '3.6', 'Closing a Connection'),

  prf12: ref(5246, '5', 'HMAC and the Pseudorandom Function'),
  connStates12: ref(5246, '6.1', 'Connection States'),
  record12: ref(5246, '6.2.1', 'Fragmentation'),
  aead12: ref(5246, '6.2.3.3', 'AEAD Ciphers'),
  keyCalc12: ref(5246, '6.3', 'Key Calculation'),
  ccs12: ref(5246, '7.1', 'Change Cipher Spec Protocol'),
  alert12: ref(5246, '7.2', 'Alert Protocol'),
  closure12: ref(5246, '7.2.1', 'Closure Alerts'),
  errorAlerts12: ref(5246, '7.2.2', 'Error Alerts'),
  handshake12: ref(5246, '7.4', 'Handshake Protocol'),
  helloRequest12: ref(5246, '7.4.1.1', 'Hello Request'),
  clientHello12: ref(5246, '7.4.1.2', 'Client Hello'),
  serverHello12: ref(5246, '7.4.1.3', 'Server Hello'),
  extensions12: ref(5246, '7.4.1.4', 'Hello Extensions'),
  sigAlgs12: ref(5246, '7.4.1.4.1', 'Signature Algorithms'),
  certificate12: ref(5246, '7.4.2', 'Server Certificate'),
  ske12: ref(5246, '7.4.3', 'Server Key Exchange Message'),
  certRequest12: ref(5246, '7.4.4', 'Certificate Request'),
  helloDone12: ref(5246, '7.4.5', 'Server Hello Done'),
  clientCert12: ref(5246, '7.4.6', 'Client Certificate'),
  cke12: ref(5246, '7.4.7', 'Client Key Exchange Message'),
  finished12: ref(5246, '7.4.9', 'Finished'),
  master12: ref(5246, '8.1', 'Computing the Master Secret'),
  appData12: ref(5246, '10', 'Application Data Protocol'),

  gcmNonce: ref(5288, '3', 'AES-GCM Cipher Suites'),
  sni: ref(6066, '3', 'Server Name Indication'),
  alpn: ref(7301, '3.1', 'The Application-Layer Protocol Negotiation Extension'),
  renegotiationExt: ref(5746, '3.2', 'Extension Definition'),
  renegotiationInitial: ref(5746, '3.4', 'Client Behavior: Initial Handshake'),

  sessionHash: ref(7627, '3', 'The TLS Session Hash'),
  ems: ref(7627, '4', 'The Extended Master Secret'),
  emsExt: ref(7627, '5.1', 'Extension Definition'),

  ecdheEcdsa: ref(8422, '2.1', 'ECDHE_ECDSA'),
  ecdheRsa: ref(8422, '2.2', 'ECDHE_RSA'),
  curves: ref(8422, '5.1.1', 'Supported Elliptic Curves Extension'),
  pointFormats: ref(8422, '5.1.2', 'Supported Point Formats Extension'),
  ske8422: ref(8422, '5.4', 'Server Key Exchange'),
  cke8422: ref(8422, '5.7', 'Client Key Exchange'),
  ecdh8422: ref(8422, '5.10', 'ECDH, ECDSA, and RSA Computations'),
  pointCheck: ref(8422, '5.11', 'Public Key Validation'),
  x25519: ref(7748, '6.1', 'Curve25519'),

  overview13: ref(8446, '2', 'Protocol Overview'),
  handshake13: ref(8446, '4', 'Handshake Protocol'),
  clientHello13: ref(8446, '4.1.2', 'Client Hello'),
  serverHello13: ref(8446, '4.1.3', 'Server Hello'),
  hrr13: ref(8446, '4.1.4', 'Hello Retry Request'),
  extensions13: ref(8446, '4.2', 'Extensions'),
  versions13: ref(8446, '4.2.1', 'Supported Versions'),
  cookie13: ref(8446, '4.2.2', 'Cookie'),
  sigAlgs13: ref(8446, '4.2.3', 'Signature Algorithms'),
  certAuthorities13: ref(8446, '4.2.4', 'Certificate Authorities'),
  groups13: ref(8446, '4.2.7', 'Supported Groups'),
  keyShare13: ref(8446, '4.2.8', 'Key Share'),
  ee13: ref(8446, '4.3.1', 'Encrypted Extensions'),
  certRequest13: ref(8446, '4.3.2', 'Certificate Request'),
  transcript13: ref(8446, '4.4.1', 'The Transcript Hash'),
  certificate13: ref(8446, '4.4.2', 'Certificate'),
  cv13: ref(8446, '4.4.3', 'Certificate Verify'),
  finished13: ref(8446, '4.4.4', 'Finished'),
  ticket13: ref(8446, '4.6.1', 'New Session Ticket Message'),
  keyUpdate13: ref(8446, '4.6.3', 'Key and Initialization Vector Update'),
  record13: ref(8446, '5.1', 'Record Layer'),
  protection13: ref(8446, '5.2', 'Record Payload Protection'),
  nonce13: ref(8446, '5.3', 'Per-Record Nonce'),
  alert13: ref(8446, '6', 'Alert Protocol'),
  closure13: ref(8446, '6.1', 'Closure Alerts'),
  schedule13: ref(8446, '7.1', 'Key Schedule'),
  updateSecrets13: ref(8446, '7.2', 'Updating Traffic Secrets'),
  trafficKeys13: ref(8446, '7.3', 'Traffic Key Calculation'),
  ecdhe13: ref(8446, '7.4.2', 'Elliptic Curve Diffie-Hellman'),
  middlebox13: ref(8446, 'D.4', 'Middlebox Compatibility Mode'),

  hkdfExtract: ref(5869, '2.2', 'Step 1: Extract'),
  hkdfExpand: ref(5869, '2.3', 'Step 2: Expand'),

  x509Fields: ref(5280, '4.1', 'Basic Certificate Fields'),
  x509SignatureValue: ref(5280, '4.1.1.3', 'signatureValue'),
  x509Serial: ref(5280, '4.1.2.2', 'Serial Number'),
  x509SignatureAlg: ref(5280, '4.1.2.3', 'Signature'),
  x509Issuer: ref(5280, '4.1.2.4', 'Issuer'),
  x509Validity: ref(5280, '4.1.2.5', 'Validity'),
  x509Subject: ref(5280, '4.1.2.6', 'Subject'),
  x509Spki: ref(5280, '4.1.2.7', 'Subject Public Key Info'),
  x509San: ref(5280, '4.2.1.6', 'Subject Alternative Name'),
  x509Basic: ref(5280, '4.2.1.9', 'Basic Constraints'),
  pathsAndTrust: ref(5280, '3.2', 'Certification Paths and Trust'),
  pathValidation: ref(5280, '6.1', 'Basic Path Validation'),
  serviceIdentity: ref(6125, '6', 'Verifying Service Identity'),

  keylog: ref(9850, '', 'The SSLKEYLOGFILE Format for TLS'),
};

export const RFC = {
  // ── Steps (engine/src/tables/steps.cpp) ─────────────────────────────────────────────────
  url: [S.httpsScheme],
  dns: [S.dnsA, S.dnsAAAA],
  tcp: [S.tcpOpen],
  record: [S.record12, S.aead12, S.record13, S.protection13],
  client_hello: [S.clientHello12, S.clientHello13],
  server_hello: [S.serverHello12, S.serverHello13],
  hello_retry_request: [S.hrr13],
  encrypted_extensions: [S.ee13],
  certificate: [S.certificate12, S.certificate13, S.x509Fields],
  certificate_chain: [S.pathValidation, S.pathsAndTrust, S.serviceIdentity],
  server_key_exchange: [S.ske12, S.ske8422],
  server_key_exchange_signature: [S.ske8422, S.ecdheEcdsa, S.ecdheRsa],
  certificate_request: [S.certRequest12, S.certRequest13, S.clientCert12],
  certificate_verify: [S.cv13],
  server_hello_done: [S.helloDone12],
  client_key_exchange: [S.cke12, S.cke8422],
  pre_master_secret: [S.ecdh8422, S.x25519],
  shared_secret: [S.ecdhe13, S.keyShare13, S.overview13],
  mlkem_shared_secret: [S.keyShare13, S.overview13],
  hybrid_shared_secret: [S.keyShare13, S.schedule13],
  early_secret: [S.schedule13, S.hkdfExtract],
  handshake_secret: [S.schedule13, S.hkdfExtract],
  handshake_traffic_secret: [S.schedule13, S.transcript13],
  master_secret: [S.master12, S.ems, S.sessionHash, S.schedule13],
  application_traffic_secret: [S.schedule13, S.updateSecrets13],
  key_block: [S.keyCalc12, S.prf12],
  traffic_keys: [S.keyCalc12, S.aead12, S.trafficKeys13, S.hkdfExpand],
  change_cipher_spec: [S.ccs12, S.connStates12, S.middlebox13],
  finished: [S.finished12, S.finished13],
  handshake_complete: [S.finished12, S.finished13, S.overview13],
  new_session_ticket: [S.ticket13],
  key_update: [S.keyUpdate13, S.updateSecrets13],
  hello_request: [S.helloRequest12, S.renegotiationInitial],
  application_data: [S.appData12, S.protection13],
  alert: [S.alert12, S.errorAlerts12, S.alert13],
  closed: [S.closure12, S.closure13, S.tcpClose],
  keylog: [S.keylog],
  error: [S.errorAlerts12, S.alert13],

  // ── Field-tree names (engine/src/msgs, engine/src/record) ───────────────────────────────
  // record header and protection
  content_type: [S.record12, S.record13],
  version: [S.record12, S.record13, S.versions13],
  length: [S.record12, S.handshake12, S.handshake13],
  fragment: [S.record12],
  explicit_nonce: [S.aead12, S.gcmNonce],
  encrypted_payload: [S.aead12, S.protection13],
  auth_tag: [S.aead12, S.protection13],
  inner_content_type: [S.protection13],
  // handshake header
  msg_type: [S.handshake12, S.handshake13],
  // hellos
  client_version: [S.clientHello12, S.versions13],
  server_version: [S.serverHello12, S.versions13],
  random: [S.clientHello12, S.serverHello12, S.clientHello13, S.serverHello13],
  session_id: [S.clientHello12, S.serverHello12, S.middlebox13],
  cipher_suites: [S.clientHello12, S.clientHello13],
  cipher_suite: [S.clientHello12, S.serverHello12, S.serverHello13],
  compression_methods: [S.clientHello12],
  compression_method: [S.serverHello12],
  extensions: [S.extensions12, S.extensions13],
  // extensions and their contents
  server_name: [S.sni],
  host_name: [S.sni, S.serviceIdentity],
  supported_groups: [S.curves, S.groups13],
  named_groups: [S.curves, S.groups13],
  named_group: [S.curves, S.groups13],
  ec_point_formats: [S.pointFormats],
  format: [S.pointFormats],
  signature_algorithms: [S.sigAlgs12, S.sigAlgs13],
  signature_schemes: [S.sigAlgs12, S.sigAlgs13],
  signature_scheme: [S.sigAlgs12, S.sigAlgs13],
  supported_signature_algorithms: [S.certRequest12, S.sigAlgs12],
  application_layer_protocol_negotiation: [S.alpn],
  protocol: [S.alpn],
  extended_master_secret: [S.emsExt, S.ems],
  renegotiation_info: [S.renegotiationExt, S.renegotiationInitial],
  renegotiated_connection: [S.renegotiationExt, S.renegotiationInitial],
  supported_versions: [S.versions13],
  versions: [S.versions13],
  selected_version: [S.versions13],
  key_share: [S.keyShare13],
  key_share_entry: [S.keyShare13],
  group: [S.keyShare13],
  key_exchange: [S.keyShare13, S.ecdhe13],
  selected_group: [S.keyShare13, S.hrr13],
  cookie: [S.cookie13],
  // certificates
  certificate_list: [S.certificate12, S.certificate13],
  cert_data: [S.certificate13, S.x509Fields],
  certificate_request_context: [S.certRequest13, S.certificate13],
  certificate_types: [S.certRequest12],
  certificate_authorities: [S.certRequest12, S.certAuthorities13],
  // key exchange
  server_params: [S.ske8422],
  curve_type: [S.ske8422],
  named_curve: [S.ske8422, S.curves],
  public_key: [S.ske8422, S.cke8422, S.pointCheck],
  client_params: [S.cke8422],
  signature_algorithm: [S.ske12, S.sigAlgs12, S.x509SignatureAlg],
  signature: [S.ske12, S.ske8422, S.cv13, S.x509SignatureValue],
  algorithm: [S.cv13, S.sigAlgs13],
  // finished, tickets, key update, alerts, change cipher spec
  verify_data: [S.finished12, S.finished13],
  ticket: [S.ticket13],
  ticket_nonce: [S.ticket13],
  ticket_lifetime: [S.ticket13],
  ticket_age_add: [S.ticket13],
  request_update: [S.keyUpdate13],
  level: [S.alert12],
  description: [S.alert12, S.errorAlerts12, S.alert13],
  type: [S.ccs12],

  // ── Certificate summaries and chain checks (docs/events.md, "check") ─────────────────────
  subject: [S.x509Subject],
  issuer: [S.x509Issuer],
  serial: [S.x509Serial],
  not_before: [S.x509Validity],
  not_after: [S.x509Validity],
  validity: [S.x509Validity, S.pathValidation],
  key: [S.x509Spki],
  dns_names: [S.x509San, S.serviceIdentity],
  ip_addresses: [S.x509San],
  name: [S.serviceIdentity, S.x509San],
  is_ca: [S.x509Basic],
  issuer_name: [S.x509Issuer, S.pathValidation],
  trust_anchor: [S.pathsAndTrust, S.pathValidation],

  // ── Secrets (docs/events.md, "secret") ───────────────────────────────────────────────────
  session_hash: [S.sessionHash],
  transcript_hash: [S.transcript13, S.finished12],
};

/**
 * The link for one reference: the RFC Editor's HTML with the section's anchor ("section-7.4.9",
 * or "appendix-D.4" for appendices); a reference to a whole document has no anchor.
 */
export function rfcUrl({ rfc, section }) {
  const base = `https://www.rfc-editor.org/rfc/rfc${rfc}`;
  if (!section) return base;
  return `${base}#${/^[A-Z]/.test(section) ? 'appendix' : 'section'}-${section}`;
}

/** "RFC 5246 §7.4.9 Finished" — how the page writes a reference as link text. */
export function rfcLabel({ rfc, section, title }) {
  return `RFC ${rfc}${section ? ` §${section}` : ''} ${title}`;
}
