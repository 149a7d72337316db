/**
 * Who is at the other end of a call, as the door it came through knows it:
 * - `till`: the cashier's screen (IPC from the main window, HTTP with the launch token);
 * - `display`: a customer display paired with a code, carrying the token it was given;
 * - `displayWindow`: Electron's own display window, vouched for by main (it made the window);
 * - `stranger`: an HTTP request with no token, which may only try a pairing code.
 */
export type Caller =
  | { kind: 'till' }
  | { kind: 'display'; token: string }
  | { kind: 'displayWindow' }
  | { kind: 'stranger' };

export const tillCaller: Caller = { kind: 'till' };
