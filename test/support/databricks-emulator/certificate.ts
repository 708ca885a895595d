/**
 * A self-signed certificate for 127.0.0.1, made with the machine's `openssl` for this test run: the
 * driver speaks HTTPS only, and trusts the certificate through its `customCaCert` option.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  /** PEM; also the CA certificate to trust, since it signs itself. */
  cert: string;
  key: string;
}

let cached: Certificate | undefined;

/** One certificate per process: making a key takes a moment and every emulator can share it. */
export function selfSignedCertificate(): Certificate {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'sluice-emulator-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const result = spawnSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyFile, '-out', certFile, '-days', '2',
        '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { encoding: 'utf8', timeout: 15000 },
    );
    if (result.error || result.status !== 0) {
      throw new Error(`openssl could not make a test certificate: ${result.error?.message ?? result.stderr}`);
    }
    cached = { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
