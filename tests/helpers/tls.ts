import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';

export interface TlsTerminator {
  /** `https://127.0.0.1:{port}` */
  origin: string;
  /** The PEM certificate the terminator presents; a client trusts exactly this and nothing else. */
  ca: string;
  close: () => Promise<void>;
}

export interface SelfSignedCertificate {
  key: string;
  cert: string;
}

/**
 * A throwaway certificate for 127.0.0.1 and localhost, made now so no key ever sits in the repository.
 * node:crypto can make keys but not X.509 certificates, so this asks the openssl command line.
 */
export function selfSignedCertificate(): SelfSignedCertificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ash-tls-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    // RSA rather than EC keeps this working with the LibreSSL some systems ship as `openssl`.
    const args = [
      ...'req -x509 -nodes -days 1 -newkey rsa:2048 -subj /CN=localhost'.split(' '),
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile],
    ];
    try {
      execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (err) {
      throw new Error('Making a throwaway TLS certificate needs the openssl command.', { cause: err });
    }
    return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Terminates TLS on a free loopback port and pipes the plain bytes to `target` (an `http://` origin).
 * Piping sockets rather than proxying requests keeps streamed bodies (uploads, SSE) unbuffered and leaves
 * every header exactly as the client sent it, so the host sees what Foundry would.
 */
export async function startTlsTerminator(target: string): Promise<TlsTerminator> {
  const { hostname, port } = new URL(target);
  const { key, cert } = selfSignedCertificate();
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key, cert }, (client) => {
    const upstream = net.connect({ host: hostname, port: Number(port) });
    sockets.add(client).add(upstream);
    // Either side closing or failing ends the pair; a half-open pipe would hang the client.
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  // A client that gives up mid-handshake is not the test's business.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port: tlsPort } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${tlsPort}`,
    ca: cert,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive connections of the client would otherwise hold close() open.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
