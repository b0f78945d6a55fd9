// Port numbers: the default, validation, and whether something already listens.
//
// No npm dependencies: this runs before `pnpm install`.

import net from "node:net";

/** Default port of the local development server. */
export const DEFAULT_PORT = 3307;

/** @param {unknown} port */
export function checkPort(port) {
  const n = Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`invalid port: ${String(port)}`);
  return n;
}

/**
 * Does something accept TCP connections on 127.0.0.1:port?
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (/** @type {boolean} */ inUse) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(1_000, () => done(true));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
