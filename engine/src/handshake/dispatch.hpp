// The dispatcher: the one place an incoming handshake message (or ChangeCipherSpec) is parsed,
// reported and acted on, driven by the table in handshake/table.hpp.
#pragma once
#include "handshake/context.hpp"
#include "handshake/table.hpp"

namespace tlsscope {

/// Looks up the row for `m` in `hs`; without one, reports the message and returns
/// unexpected_message. Otherwise runs the row (codec, event, transcript, handler) and installs
/// the handler's next state.
std::optional<Error> dispatch(HandshakeState& hs, const Received& m, Context& ctx);

namespace detail {

/// Reports an incoming message: a "message" event stamped with its records.
void report_received(Context& ctx, std::string_view step, const Received& m, json fields,
                     json summary, const Transition& row);
/// Installs a handler's outcome, after checking the table lists the next state.
std::optional<Error> enter(HandshakeState& hs, Outcome outcome, const Transition& row);

}  // namespace detail

/// The body of every row: Codec parses (and may look at the state, e.g. for the Finished
/// length), Handler acts on the state and the typed message.
template <class State, class Codec, auto Handler>
std::optional<Error> run_row(HandshakeState& hs, const Received& m, Context& ctx,
                             const Transition& row) {
  State& state = std::get<State>(hs);
  typename Codec::Message msg{};
  json fields, summary;
  std::optional<Error> err = Codec::decode(m.bytes, msg, fields, summary, state);
  detail::report_received(ctx, Codec::step(msg), m, std::move(fields), std::move(summary), row);
  if (err) return err;
  if (row.transcript) ctx.transcript.append(m.bytes);
  return detail::enter(hs, Handler(state, msg, ctx), row);
}

}  // namespace tlsscope
