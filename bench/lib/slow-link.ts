// A slow mobile link in front of a local server, for bench/web-load.ts: a TCP proxy whose two
// directions each pass bytes at a fixed rate shared by every connection, one way taking half the
// round trip, and each new connection waiting one round trip (the TCP handshake). Chromium's own
// emulation (CDP Network.emulateNetworkConditions) throttles one page's requests only: a service
// worker's fetches, and requests a controlled page sends through it, go at loopback speed, which
// would make the worker's prefetch look free. Here everything the browser sends shares the link.
import net from 'node:net';

const PACKET = 1400;

/** One direction of the link: bytes leave one after another at `bytesPerSecond`, arrive `delayMs` later. */
class Direction {
  private freeAt = 0;
  constructor(
    private readonly bytesPerSecond: number,
    private readonly delayMs: number,
  ) {}

  /** Calls `deliver` when the bytes have crossed; they cross in the order they were sent. */
  private cross(bytes: number, deliver: () => void): void {
    const now = performance.now();
    this.freeAt = Math.max(now, this.freeAt) + (bytes / this.bytesPerSecond) * 1000;
    setTimeout(deliver, this.freeAt - now + this.delayMs);
  }

  /** Sends a chunk as packets (a big read would otherwise arrive all at once, late). */
  send(chunk: Buffer, write: (part: Buffer) => void): void {
    if (chunk.length === 0) return this.cross(0, () => write(chunk));
    for (let at = 0; at < chunk.length; at += PACKET) {
      const part = chunk.subarray(at, at + PACKET);
      this.cross(part.length, () => write(part));
    }
  }
}

export interface SlowLink {
  url: string;
  close(): Promise<void>;
}

export async function slowLink(target: string, { kbitPerSecond = 400, rttMs = 400 } = {}): Promise<SlowLink> {
  const { hostname, port } = new URL(target);
  const down = new Direction((kbitPerSecond * 1000) / 8, rttMs / 2);
  const up = new Direction((kbitPerSecond * 1000) / 8, rttMs / 2);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    client.pause();
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    const forget = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    // Nothing crosses before the handshake's round trip.
    setTimeout(() => client.resume(), rttMs);
    client.on('data', (chunk: Buffer) => up.send(chunk, (part) => upstream.writable && upstream.write(part)));
    upstream.on('data', (chunk: Buffer) => down.send(chunk, (part) => client.writable && client.write(part)));
    // A side that ends: the other ends once what was sent before has crossed.
    client.on('end', () => up.send(Buffer.alloc(0), () => upstream.end()));
    upstream.on('end', () => down.send(Buffer.alloc(0), () => client.end()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
