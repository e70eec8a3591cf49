// TOTP against the RFC 6238 test vectors, and the replay rule (a step at or before the last accepted
// one is refused).
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUrl, totpCode, totpStep } from './totp.js';

// RFC 6238, appendix B: the SHA-1 key is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('TOTP (RFC 6238)', () => {
  it('matches the published SHA-1 test vectors', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      const step = totpStep(new Date(seconds * 1000));
      expect(totpCode(RFC_SECRET, step, 8), `T=${seconds}`).toBe(code);
      expect(totpCode(RFC_SECRET, step), `T=${seconds}, 6 digits`).toBe(code.slice(2));
    }
    expect(totpCode(RFC_SECRET, totpStep(new Date(59_000)))).toBe('287082');
  });

  it('base32 round-trips and encodes the RFC key as authenticator apps expect', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(RFC_SECRET).toString('ascii')).toBe('12345678901234567890');
    expect(base32Decode(RFC_SECRET.toLowerCase()).toString('ascii')).toBe('12345678901234567890');
    expect(() => base32Decode('not base32!')).toThrow();
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('accepts the current step and one step of drift either way, nothing further', () => {
    const at = new Date(1_700_000_000_000);
    const step = totpStep(at);
    for (const drift of [-1, 0, 1]) expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + drift), at, 0)).toBe(step + drift);
    for (const drift of [-3, -2, 2, 3]) expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + drift), at, 0)).toBeNull();
    expect(matchTotp(RFC_SECRET, '000000', at, 0)).toBe(totpCode(RFC_SECRET, step) === '000000' ? step : null);
  });

  it('refuses a code of a step already used, or older (no replay)', () => {
    const at = new Date(1_700_000_000_000);
    const step = totpStep(at);
    const code = totpCode(RFC_SECRET, step);
    expect(matchTotp(RFC_SECRET, code, at, step - 1)).toBe(step);
    expect(matchTotp(RFC_SECRET, code, at, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), at, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), at, step)).toBe(step + 1);
  });

  it('refuses malformed codes without throwing', () => {
    const at = new Date(1_700_000_000_000);
    const valid = totpCode(RFC_SECRET, totpStep(at));
    for (const code of ['', '1', '12345', `${valid}9`, ` ${valid}`, 'abcdef']) expect(matchTotp(RFC_SECRET, code, at, 0)).toBeNull();
  });

  it('builds an otpauth:// URL an authenticator app can scan', () => {
    const url = new URL(otpauthUrl(RFC_SECRET, 'anna@example.org'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Hearth:anna@example.org');
    expect(url.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(url.searchParams.get('digits')).toBe('6');
  });
});
