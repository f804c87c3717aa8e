import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * At most `max` connections at once. When full, a new connection takes the place of the oldest one that has not
 * sent a request yet: a client holding idle connections open cannot shut everyone else (a health check
 * included) out until its timeouts free them. When every connection is working on a request, the new one is
 * closed at once. (Node's own `server.maxConnections` refuses newcomers whatever the others are doing.)
 */
export function capConnections(server: Server, max: number): void {
  const open = new Set<Socket>();
  /** Connected and no request yet, oldest first (a Set keeps insertion order). */
  const waiting = new Set<Socket>();
  const forget = (socket: Socket) => {
    open.delete(socket);
    waiting.delete(socket);
  };
  server.on('connection', (socket: Socket) => {
    if (open.size >= max) {
      const oldest: Socket | undefined = waiting.values().next().value;
      if (!oldest) {
        socket.destroy();
        return;
      }
      forget(oldest);
      oldest.destroy();
    }
    open.add(socket);
    waiting.add(socket);
    socket.once('close', () => forget(socket));
  });
  server.on('request', (request) => waiting.delete(request.socket));
  // A WebSocket (a subscriber) is a connection at work for as long as it is open: it counts, never as idle.
  server.on('upgrade', (request) => waiting.delete(request.socket));
}
