#include "handshake/dispatch.hpp"

#include "events/field.hpp"
#include "msgs/handshake.hpp"
#include "tables/notes.hpp"

namespace tlsscope {

std::optional<Error> dispatch(HandshakeState& hs, const Received& m, Context& ctx) {
  if (const Transition* row = find_transition(hs, m.message)) return row->run(hs, m, ctx, *row);
  std::string name = message_name(m.message);
  json fields = m.message == kChangeCipherSpecMessage ? json::array() : header_fields(m.bytes);
  ctx.events.message(name, "in", m.bytes, std::move(fields), json::object(), m.records,
                     state_info(state_id_of(hs)).name);
  if (std::holds_alternative<Open>(hs))
    return noted_error(ErrorCode::unexpected_message, note(NoteId::err_message_after_handshake, {name}));
  return noted_error(ErrorCode::unexpected_message,
                     note(NoteId::err_message_out_of_order, {name, expected_step(hs)}));
}

namespace detail {

void report_received(Context& ctx, std::string_view step, const Received& m, json fields,
                     json summary, const Transition& row) {
  if (row.note) set_note(summary, note(*row.note));
  ctx.events.message(step, "in", m.bytes, std::move(fields), std::move(summary), m.records,
                     state_info(row.from).name);
}

std::optional<Error> enter(HandshakeState& hs, Outcome outcome, const Transition& row) {
  if (auto* e = std::get_if<Error>(&outcome)) return std::move(*e);
  if (std::holds_alternative<Stay>(outcome)) {
    if (!row.may_enter(row.from))
      return noted_error(ErrorCode::internal_error,
                         note(NoteId::err_handler_stayed, {row.handler, state_info(row.from).name}));
    return std::nullopt;
  }
  HandshakeState& next = std::get<HandshakeState>(outcome);
  if (!row.may_enter(state_id_of(next)))
    return noted_error(ErrorCode::internal_error,
                       note(NoteId::err_handler_moved,
                            {row.handler, state_info(state_id_of(next)).name}));
  hs = std::move(next);
  return std::nullopt;
}

}  // namespace detail
}  // namespace tlsscope
