// An OpenSSH public key line ("TYPE BASE64 [COMMENT]") is parsed, not pattern-matched: the base64 must be
// canonical, the blob's wire format (RFC 4253 §6.6: uint32-length strings and mpints) must name the same key
// type as the line's prefix and carry that type's fields with plausible sizes, and nothing may follow them.
// Sizes: ssh-ed25519 a 32-byte key (RFC 8709 §4); ecdsa-sha2-nistpN the curve name and an uncompressed point
// (RFC 5656 §3.1); ssh-rsa e and n (RFC 4253 §6.6), n at least 1024 bits; the sk- types add the application
// string (openssh/openssh-portable PROTOCOL.u2f, "SSH U2F public keys").

const POINT: Record<string, number> = { nistp256: 65, nistp384: 97, nistp521: 133 };

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  string(what: string): Buffer {
    if (this.at + 4 > this.buf.length) throw new Error(`the key data ends before its ${what}`);
    const n = this.buf.readUInt32BE(this.at);
    if (this.at + 4 + n > this.buf.length) throw new Error(`the key data ends inside its ${what} (truncated?)`);
    const out = this.buf.subarray(this.at + 4, this.at + 4 + n);
    this.at += 4 + n;
    return out;
  }
  end(): void {
    if (this.at !== this.buf.length) throw new Error(`${this.buf.length - this.at} unexpected bytes after the key`);
  }
}

function fields(type: string, r: Reader): void {
  const ecdsa = /^(?:sk-)?ecdsa-sha2-(nistp\d+)(?:@openssh\.com)?$/.exec(type);
  if (type === 'ssh-ed25519' || type === 'sk-ssh-ed25519@openssh.com') {
    if (r.string('public key').length !== 32) throw new Error('an ed25519 key is 32 bytes');
  } else if (ecdsa) {
    const curve = r.string('curve name').toString('latin1');
    if (curve !== ecdsa[1]) throw new Error(`the key data names curve "${curve}", the type ${ecdsa[1]}`);
    const q = r.string('public point');
    if (q.length !== POINT[curve] || q[0] !== 4) throw new Error(`not a ${curve} public point`);
  } else if (type === 'ssh-rsa') {
    const e = r.string('exponent');
    const n = r.string('modulus');
    if (!e.length || (n.length - (n[0] === 0 ? 1 : 0)) * 8 < 1024) throw new Error('an RSA key needs an exponent and a modulus of at least 1024 bits');
  } else throw new Error(`unknown key type ${type}`);
  if (type.startsWith('sk-')) r.string('application');
  r.end();
}

/** Checks one public key line; throws an Error saying what is wrong with it. Returns the key type. */
export function parseSshPublicKey(line: string): string {
  const [type, data, ...rest] = line.trim().split(/\s+/);
  void rest;
  if (!type || !data) throw new Error('expected "TYPE BASE64 [COMMENT]"');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) throw new Error('the key data is not base64');
  const blob = Buffer.from(data, 'base64');
  if (blob.toString('base64') !== data) throw new Error('the key data is not canonical base64');
  const r = new Reader(blob);
  const inner = r.string('key type').toString('latin1');
  if (inner !== type) throw new Error(`the line says ${type} but the key data is ${inner || 'empty'}`);
  fields(type, r);
  return type;
}
