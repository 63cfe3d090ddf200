#include "handshake/dispatch.hpp"

#include "events/field.hpp"
#include "msgs/handshake.hpp"

namespace tlsscope {

std::optional<Error> dispatch(HandshakeState& hs, const Received& m, Context& ctx) {
  if (const Transition* row = find_transition(hs, m.message)) return row->run(hs, m, ctx, *row);
  std::string name = message_name(m.message);
  json fields = m.message == kChangeCipherSpecMessage ? json::array() : header_fields(m.bytes);
  ctx.events.message(name, "in", m.bytes, std::move(fields), json::object(), m.records,
                     state_info(state_id_of(hs)).name);
  if (std::holds_alternative<Open>(hs))
    return Error{ErrorCode::unexpected_message, name + " after the handshake finished"};
  return Error{ErrorCode::unexpected_message,
               name + " arrived while expecting " + std::string(expected_step(hs))};
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
      return Error{ErrorCode::internal_error, std::string(row.handler) + " stayed in " +
                                                  std::string(state_info(row.from).name) +
                                                  ", which its row does not list"};
    return std::nullopt;
  }
  HandshakeState& next = std::get<HandshakeState>(outcome);
  if (!row.may_enter(state_id_of(next)))
    return Error{ErrorCode::internal_error,
                 std::string(row.handler) + " moved to " +
                     std::string(state_info(state_id_of(next)).name) +
                     ", which its row does not list"};
  hs = std::move(next);
  return std::nullopt;
}

}  // namespace detail
}  // namespace tlsscope
