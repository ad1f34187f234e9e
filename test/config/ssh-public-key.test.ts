// SSH public keys are parsed (wire format), not pattern-matched (issue 17.9): a truncated key is refused.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSshKeyPair } from '../../src/config/ssh-keygen.js';
import { parseSshPublicKey } from '../../src/config/ssh-public-key.js';

const str = (b: Buffer) => {
  const n = Buffer.alloc(4);
  n.writeUInt32BE(b.length);
  return Buffer.concat([n, b]);
};
const line = (type: string, ...parts: Buffer[]) => `${type} ${Buffer.concat(parts.map(str)).toString('base64')} me@host`;
const ed25519 = () => {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
};
const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' }).subarray(-65);

describe('parseSshPublicKey', () => {
  it('accepts real keys of every supported type', () => {
    expect(parseSshPublicKey(generateSshKeyPair().publicKey)).toBe('ssh-rsa');
    expect(parseSshPublicKey(line('ssh-ed25519', Buffer.from('ssh-ed25519'), ed25519()))).toBe('ssh-ed25519');
    expect(parseSshPublicKey(line('ecdsa-sha2-nistp256', Buffer.from('ecdsa-sha2-nistp256'), Buffer.from('nistp256'), p256()))).toBe('ecdsa-sha2-nistp256');
    expect(parseSshPublicKey(line('sk-ssh-ed25519@openssh.com', Buffer.from('sk-ssh-ed25519@openssh.com'), ed25519(), Buffer.from('ssh:')))).toBe('sk-ssh-ed25519@openssh.com');
  });

  it.each([
    ['a truncated ssh-ed25519 AAAA', 'ssh-ed25519 AAAA', /ends before its key type/],
    [
      'an ed25519 blob cut short',
      `ssh-ed25519 ${Buffer.concat([str(Buffer.from('ssh-ed25519')), str(Buffer.alloc(32))])
        .toString('base64')
        .slice(0, 40)}`,
      /ends inside its public key|32 bytes|not base64/,
    ],
    ['a type that does not match the blob', line('ssh-rsa', Buffer.from('ssh-ed25519'), Buffer.alloc(32, 1)), /says ssh-rsa but the key data is ssh-ed25519/],
    ['an ed25519 key of the wrong size', line('ssh-ed25519', Buffer.from('ssh-ed25519'), Buffer.alloc(31, 1)), /32 bytes/],
    ['trailing bytes', line('ssh-ed25519', Buffer.from('ssh-ed25519'), Buffer.alloc(32, 1), Buffer.from('x')), /unexpected bytes after the key/],
    ['a 512-bit RSA modulus', line('ssh-rsa', Buffer.from('ssh-rsa'), Buffer.from([1, 0, 1]), Buffer.alloc(64, 0xff)), /at least 1024 bits/],
    ['an ECDSA key naming another curve', line('ecdsa-sha2-nistp256', Buffer.from('ecdsa-sha2-nistp256'), Buffer.from('nistp384'), Buffer.alloc(65, 4)), /names curve "nistp384"/],
    ['base64 that is not', 'ssh-ed25519 AAAA$$$$', /not base64/],
    ['a missing key', 'ssh-ed25519', /expected "TYPE BASE64/],
  ])('refuses %s', (_n, text, why) => {
    expect(() => parseSshPublicKey(text)).toThrow(why);
  });
});
